package org.tpe.spectrum;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tpe.expr.Expr;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.Estimate;
import org.tpe.limit.VectorStatistics;
import org.tpe.model.Instruction;
import org.tpe.model.LinComb;
import org.tpe.model.MatMul;
import org.tpe.model.MatrixInput;
import org.tpe.model.Nonlin;
import org.tpe.model.Program;
import org.tpe.model.VarKind;

/**
 * Whether, and with which free factors, the spectrum of JᵀJ is the free multiplicative
 * convolution of seeds/003 (μ_L = [(σ²·)_* ν]^{⊠L}; Collins–Hayase 2022): J must be one chain
 * W^L D^{L−1} ⋯ of MatMuls by distinct matrices and coordinatewise maps, and every D^l must be a
 * function of one Gaussian G-var. Then
 *
 * <ul>
 *   <li>a MatMul by W (σ²) gives WᵀW: Marchenko–Pastur (S(z) = 1/(σ²(1 + z))) for Gaussian W, the
 *       point mass σ² for W = σ·(Haar orthogonal), S = 1/σ²;
 *   <li>the coordinatewise steps between two MatMuls (LinComb h = a·g + terms off the chain,
 *       Nonlin x = φ(g, …)) give one diagonal D = diag(a · ∂φ/∂g ⋯) — adjacent diagonals commute
 *       and are not free of each other, so they multiply into one factor — and D² has the law of
 *       d(Z^h)² over Z^h ~ N(mean, variance) from the limit of the forward pass ({@link
 *       DerivativeLaw}); X-vars in d are replaced by their definitions and scalars by their
 *       limits θ̊. A constant d gives a point mass.
 * </ul>
 *
 * Otherwise the model says why not (a typed verdict with the variable at fault), and only the
 * program moments and the finite-width spectrum apply. The conditions are those under which the
 * asymptotic freeness theorem is proved: a forward pass without transposes (so every G-var is
 * Gaussian and a matrix's other uses are finite-rank conditioning, which does not change the
 * limiting spectrum); with orthogonal weights, each matrix of the chain used by one MatMul of the
 * forward pass (so h = σOx is uniform on a sphere, asymptotically Gaussian).
 *
 * @param factors the free factors (empty when not applicable)
 * @param notApplicable why the model does not apply, or null when it does
 * @param subject the variable the reason is about (or null)
 */
public record FreeProbabilityModel(List<SpectralFactor> factors, String notApplicable,
    String subject) {
  public FreeProbabilityModel {
    factors = List.copyOf(factors);
  }

  /** Whether the free-probability law applies. */
  public boolean applicable() {
    return notApplicable == null;
  }

  private static FreeProbabilityModel no(String reason, String subject) {
    return new FreeProbabilityModel(List.of(), reason, subject);
  }

  /**
   * The factors of {@code jacobian}'s JᵀJ.
   *
   * @param forward the limits of {@link Jacobian#forwardProgram()} (means, variances, scalars)
   * @param orthogonal whether every matrix is σ times a Haar-orthogonal matrix
   */
  public static FreeProbabilityModel of(Jacobian jacobian, CoordinateStatistics forward,
      boolean orthogonal) {
    if (!jacobian.isChain()) {
      return no(jacobian.describe() + " is not a product along one chain (a vector"
          + " feeds two routes, or a step reads two vectors on the path), so it is not a"
          + " product of free factors", null);
    }
    Program forwardPass = jacobian.forwardProgram();
    for (Instruction in : forwardPass.instructions()) {
      if (in instanceof MatMul mm && mm.transposed()) {
        return no("the forward pass has a transposed MatMul (" + in.target() + " := "
            + mm.matrix() + "^T " + mm.argument() + "), so its G-vars need not be Gaussian and"
            + " the laws of the D's are not known in closed form", in.target());
      }
    }
    Set<String> seen = new HashSet<>();
    for (String w : jacobian.matrices()) {
      if (!seen.add(w)) {
        return no(w + " occurs twice in " + jacobian.describe() + ": a shared matrix is not"
            + " free from itself (weight sharing)", w);
      }
      if (orthogonal) {
        long uses = forwardPass.instructions().stream()
            .filter(i -> i instanceof MatMul mm && mm.matrix().equals(w)).count();
        if (uses > 1) {
          return no("with orthogonal weights " + w + " must be used by one MatMul of the"
              + " forward pass (it is used by " + uses + "), so that " + w + " x is uniform on"
              + " a sphere and asymptotically Gaussian", w);
        }
      }
    }
    Map<String, Expr> expand = expansions(forwardPass, forward);
    List<SpectralFactor> factors = new ArrayList<>();
    // consecutive coordinatewise steps multiply into one diagonal D (two diagonals with no W
    // between them commute and are not free: their product is one factor)
    List<Jacobian.Step> diagonal = new ArrayList<>();
    for (Jacobian.Step s : jacobian.steps()) {
      if (s.instruction() instanceof MatMul mm) {
        String why = flush(diagonal, expand, forward, factors);
        if (why != null) {
          return no(why, diagonal.get(diagonal.size() - 1).target());
        }
        diagonal.clear();
        double sigma2 = ((MatrixInput) jacobian.program().definition(mm.matrix())).sigma2();
        String w = mm.matrix();
        factors.add(orthogonal
            ? new SpectralFactor.PointMass(w + "ᵀ" + w + " = σ² I: " + w
                + " = σ·(Haar orthogonal), σ² = " + DerivativeLaw.fmt(sigma2), sigma2)
            : new SpectralFactor.MarchenkoPastur(w + "ᵀ" + w + ": Marchenko–Pastur, σ² = "
                + DerivativeLaw.fmt(sigma2), sigma2));
      } else {
        diagonal.add(s);
      }
    }
    String why = flush(diagonal, expand, forward, factors);
    if (why != null) {
      return no(why, diagonal.get(diagonal.size() - 1).target());
    }
    return new FreeProbabilityModel(factors, null, null);
  }

  /**
   * Adds the factor D² of the coordinatewise steps {@code diagonal} (LinComb coefficients and
   * Nonlin derivatives, multiplied); returns why it cannot, or null.
   */
  private static String flush(List<Jacobian.Step> diagonal, Map<String, Expr> expand,
      CoordinateStatistics forward, List<SpectralFactor> factors) {
    if (diagonal.isEmpty()) {
      return null;
    }
    Expr d = null;
    double scale = 1;
    for (Jacobian.Step s : diagonal) {
      String g = s.arguments().get(0);
      if (s.instruction() instanceof LinComb lc) {
        scale *= lc.coefficientOf(g);
      } else {
        Expr p = s.partials().get(g);
        d = d == null ? p : new Expr.Bin('*', p, d);
      }
    }
    Jacobian.Step first = diagonal.get(0);
    Jacobian.Step last = diagonal.get(diagonal.size() - 1);
    String of = "∂" + last.target() + "/∂" + first.arguments().get(0);
    if (d == null) {
      if (scale != 1) {
        factors.add(new SpectralFactor.PointMass("(" + DerivativeLaw.fmt(scale) + ")² from "
            + of, scale * scale));
      }
      return null;
    }
    if (scale != 1) {
      d = new Expr.Bin('*', new Expr.Num(scale), d);
    }
    try {
      SpectralFactor f = derivativeLaw("diag(" + of + ")², " + of + " = " + d.toText(), d,
          expand, forward);
      if (f == null) {
        return of + " = " + d.toText() + " reads several G-vars, so D² is not a function of one"
            + " Gaussian; write the extra vectors (a bias) as a LinComb before the Nonlin";
      }
      factors.add(f);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  /** X-var → its φ, scalar → its limit, for the forward pass. */
  private static Map<String, Expr> expansions(Program forwardPass, CoordinateStatistics forward) {
    Map<String, Expr> by = new HashMap<>();
    for (Instruction in : forwardPass.instructions()) {
      if (in instanceof Nonlin nl) {
        by.put(in.target(), nl.phi());
      } else if (in.resultKind() == VarKind.SCALAR) {
        by.put(in.target(), new Expr.Num(forward.scalars().get(in.target()).value()));
      }
    }
    forwardPass.inputs().forEach(in -> {
      if (in instanceof org.tpe.model.ScalarInput si) {
        by.put(si.name(), new Expr.Num(si.value()));
      }
    });
    return by;
  }

  /** The law of d² over the one G-var it reads, or null if it reads several. */
  private static SpectralFactor derivativeLaw(String label, Expr d, Map<String, Expr> expand,
      CoordinateStatistics forward) {
    for (int i = 0; i <= expand.size() && d.references().stream().anyMatch(expand::containsKey);
        i++) {
      d = d.substitute(expand);
    }
    List<String> refs = d.references();
    if (refs.isEmpty()) {
      double v = d.evaluate(Map.of());
      return new SpectralFactor.PointMass(label, v * v);
    }
    if (refs.size() > 1) {
      return null;
    }
    String h = refs.get(0);
    VectorStatistics vs = forward.vectors().get(h);
    Estimate mean = vs.mean();
    Estimate var = vs.variance();
    SpectralFactor.DiscreteLaw law = DerivativeLaw.of(label + ", " + h + " ~ N("
        + DerivativeLaw.fmt(mean.value()) + ", " + DerivativeLaw.fmt(var.value()) + ")", d, h,
        mean.value(), var.value());
    // the forward limits' own errors move the law's moments by about k · (their relative error)
    double rel = Math.max(law.relativeError(), (var.error() + Math.abs(mean.error()))
        / Math.max(var.value(), 1e-300));
    return new SpectralFactor.DiscreteLaw(law.label(), law.atoms(), law.weights(),
        law.massAtZero(), rel, law.accuracy());
  }
}
