package org.tpe.limit.calculus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tpe.expr.Expr;
import org.tpe.expr.Growth;
import org.tpe.expr.GrowthAnalysis;
import org.tpe.model.Instruction;
import org.tpe.model.Moment;
import org.tpe.model.Nonlin;
import org.tpe.model.Program;

/**
 * The verdicts of the Z-calculus on one well-formed program, computed once and shared by the
 * validator, every limit engine and the simulator: the initial Gaussian (ZInit), the ZHat
 * families, the BP-like verdict, the ZDot structure, the growth class of every nonlinearity and
 * the Master Theorem that applies.
 *
 * @param initial ZInit; null when Σ_in is not a Gaussian's ({@code initialFailure} says why)
 * @param initialFailure why Σ_in is not usable, or null
 * @param families the ZHat families
 * @param bpLike the BP-like verdict
 * @param zDot which ZDot terms exist and vanish
 * @param growth the growth class of each Nonlin and Moment, by target
 * @param theorem the Master Theorem and its hypotheses
 */
public record ProgramCalculus(InitialGaussian initial, InitialGaussian.Failure initialFailure,
    List<MatrixFamily> families, BpLikeVerdict bpLike, ZDotStructure zDot,
    Map<String, Growth> growth, MasterTheorem theorem) {

  public ProgramCalculus {
    families = List.copyOf(families);
    growth = Collections.unmodifiableMap(new LinkedHashMap<>(growth));
  }

  /** The verdicts with readouts found by their properties. */
  public static ProgramCalculus of(Program p) {
    return of(p, Set.of());
  }

  /**
   * The verdicts; {@code declaredReadouts} (a network declaration's readout vectors; empty to
   * find them) is used for the BP-like verdict when not empty. The program must be free of the
   * validator's structural errors (names, kinds); Σ_in may fail, which is reported, not thrown.
   */
  public static ProgramCalculus of(Program p, Set<String> declaredReadouts) {
    InitialGaussian init = null;
    InitialGaussian.Failure fail = null;
    try {
      init = InitialGaussian.of(p);
    } catch (InitialGaussian.NotGaussianException e) {
      fail = e.failure();
    }
    return of(p, declaredReadouts, init, fail);
  }

  /**
   * {@link #of(Program, Set)} with ZInit already computed by {@link InitialGaussian#of} (the
   * validator's PSD check factors Σ_in once for both): {@code init}, or null and its {@code
   * fail}ure.
   */
  public static ProgramCalculus of(Program p, Set<String> declaredReadouts,
      InitialGaussian init, InitialGaussian.Failure fail) {
    List<MatrixFamily> fams = MatrixFamily.of(p);
    BpLikeVerdict bp = BpLikeAnalysis.of(p, fams, declaredReadouts);
    ZDotStructure zd = ZDotStructure.of(p, bp);
    Set<String> scalars = Set.copyOf(p.scalars());
    Map<String, Growth> growth = new LinkedHashMap<>();
    for (Instruction ins : p.instructions()) {
      Expr e = ins instanceof Nonlin n ? n.phi() : ins instanceof Moment m ? m.phi() : null;
      if (e != null && !growth.containsKey(ins.target())) {
        growth.put(ins.target(), GrowthAnalysis.of(e, scalars));
      }
    }
    return new ProgramCalculus(init, fail, fams, bp, zd, growth, theorem(p, fail, bp, zd,
        growth));
  }

  /**
   * The ZDot structure of {@code p} alone — its ZHat families, BP-like verdict ({@code
   * declaredReadouts} as in {@link #of(Program, Set)}) and which ZDot terms vanish — without ZInit,
   * the growth classes or the Master Theorem: for a caller that has those from an earlier
   * validation (the NTK's block route on a derived backward pass, whose network was validated).
   */
  public static ZDotStructure zDotOf(Program p, Set<String> declaredReadouts) {
    return ZDotStructure.of(p, BpLikeAnalysis.of(p, MatrixFamily.of(p), declaredReadouts));
  }

  private static MasterTheorem theorem(Program p, InitialGaussian.Failure fail, BpLikeVerdict bp,
      ZDotStructure zd, Map<String, Growth> growth) {
    MasterTheorem.Theorem t = zd.gaussian() ? (zd.anyTerm() && bp.bpLike()
        ? MasterTheorem.Theorem.NETSOR_T_BP_LIKE : MasterTheorem.Theorem.NETSOR)
        : MasterTheorem.Theorem.NETSOR_T_GENERAL;
    List<MasterTheorem.Hypothesis> hs = new ArrayList<>();
    hs.add(new MasterTheorem.Hypothesis(MasterTheorem.Kind.INITIAL_GAUSSIAN, fail == null,
        fail == null ? null : fail.inputs().get(0), fail == null
        ? "the initial covariance is positive semidefinite" : fail.message()));
    String notPoly = null;
    String notPl = null;
    for (Map.Entry<String, Growth> e : growth.entrySet()) {
      Growth g = e.getValue();
      if (notPoly == null && !g.polynomiallyBounded()) {
        notPoly = e.getKey();
      }
      if (notPl == null && !g.pseudoLipschitz() && g.polynomiallyBounded()) {
        notPl = e.getKey();
      }
    }
    hs.add(notPoly == null
        ? new MasterTheorem.Hypothesis(MasterTheorem.Kind.POLYNOMIALLY_BOUNDED, true, null,
            "every nonlinearity is polynomially bounded")
        : new MasterTheorem.Hypothesis(MasterTheorem.Kind.POLYNOMIALLY_BOUNDED, false, notPoly,
            "the nonlinearity of " + notPoly + " is not polynomially bounded: "
            + growth.get(notPoly).reason() + "; the limit may not exist or may be infinite"));
    boolean transposes = false;
    for (Instruction i : p.instructions()) {
      transposes |= i instanceof org.tpe.model.MatMul m && m.transposed();
    }
    if (transposes) {
      hs.add(notPl == null
          ? new MasterTheorem.Hypothesis(MasterTheorem.Kind.PSEUDO_LIPSCHITZ, true, null,
              "every nonlinearity is pseudo-Lipschitz")
          : new MasterTheorem.Hypothesis(MasterTheorem.Kind.PSEUDO_LIPSCHITZ, false, notPl,
              "the nonlinearity of " + notPl + " is not pseudo-Lipschitz (" + growth.get(notPl)
              .reason() + "): ZDot holds in its Stein form C⁺b, which the engines use"));
    }
    if (bp.applicable() && t != MasterTheorem.Theorem.NETSOR) {
      hs.add(new MasterTheorem.Hypothesis(MasterTheorem.Kind.BP_LIKE, bp.bpLike(),
          bp.bpLike() ? null : bp.statement(), bp.reason()));
    }
    return new MasterTheorem(t, hs);
  }
}
