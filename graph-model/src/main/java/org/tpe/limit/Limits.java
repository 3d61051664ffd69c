package org.tpe.limit;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.tpe.limit.calculus.MasterTheorem;
import org.tpe.limit.calculus.ProgramCalculus;
import org.tpe.limit.exact.ExactLimitEngine;
import org.tpe.model.Input;
import org.tpe.model.Instruction;
import org.tpe.model.Problem;
import org.tpe.model.Program;
import org.tpe.model.SourcePos;
import org.tpe.model.Statement;
import org.tpe.validate.ValidationReport;
import org.tpe.validate.Validator;

/**
 * The limit calculus (DESIGN §7; TP IIb §4–5 and App. B, the Master Theorems): Z^x of every vector
 * and θ̊ of every scalar. The program is validated first; the validator's Z-calculus verdicts
 * ({@link ProgramCalculus}: the ZDot structure, the BP-like verdict, the Master Theorem) are the
 * ones the engines use. Each {@link LimitEngine} is asked whether it accepts the program:
 *
 * <ul>
 *   <li>{@link ExactLimitEngine} ({@link LimitOptions.Engine#EXACT}; first under AUTO): the
 *       symbolic Z with ZDot written out, closed forms, whole-line quadrature (1–3-D) and
 *       quasi-Monte Carlo (above); errors 0 for closed forms, else as stated by the rule;
 *   <li>{@link ParticleEngine} ({@link LimitOptions.Engine#PARTICLE}): Monte Carlo, every number
 *       with a standard error; the fallback when the exact engine reaches its limits (its run budget
 *       of operations, a rule that cannot converge: said in the notes), and an independent
 *       cross-check. With {@link LimitOptions.Engine#QUASI} its normals are quasi-random
 *       (scrambled Sobol points, each batch one randomization): randomized quasi-Monte Carlo
 *       over the whole program, far smaller errors at the same N for smooth programs.
 * </ul>
 *
 * <p>Errors (the validator's, or numerical failures naming the variable) are thrown as a {@link
 * LimitException} with their positions. Pure: the result depends only on the program, the
 * request and the options (seed included), not on the number of threads.
 */
public final class Limits {
  /**
   * Largest number of vectors accepted: the result holds E[Z^a Z^b] for every pair, so memory
   * grows like its square.
   */
  public static final int MAX_VECTORS = 3000;

  private Limits() {}

  /** {@link #compute(Program, LimitOptions)} with {@link LimitOptions#defaults()}. */
  public static CoordinateStatistics compute(Program program) {
    return compute(program, LimitOptions.defaults());
  }

  /** The limits of {@code program}, uncancellable and without progress reports. */
  public static CoordinateStatistics compute(Program program, LimitOptions options) {
    return compute(program, options, ProgressListener.NONE, CancellationToken.NONE);
  }

  /** Every pair, histograms as the options say. */
  public static CoordinateStatistics compute(Program program, LimitOptions options,
      ProgressListener progress, CancellationToken cancel) {
    return compute(program, LimitRequest.all(), options, progress, cancel);
  }

  /**
   * The limits of {@code program} that {@code request} asks for.
   *
   * @throws LimitException if the program is ill formed or its numbers are bad
   * @throws CancellationException if {@code cancel} was cancelled
   */
  public static CoordinateStatistics compute(Program program, LimitRequest request,
      LimitOptions options, ProgressListener progress, CancellationToken cancel) {
    return compute(program, request, options, Set.of(), progress, cancel);
  }

  /**
   * The limits of {@code program} whose readouts are declared (the readout weights of a network's
   * backward pass): the BP-like verdict that chooses the engine checks them ({@link
   * Validator#validate(Program, Set)}).
   *
   * @throws LimitException if the program is ill formed or its numbers are bad
   * @throws CancellationException if {@code cancel} was cancelled
   */
  public static CoordinateStatistics compute(Program program, LimitOptions options,
      Set<String> readouts, ProgressListener progress, CancellationToken cancel) {
    return compute(program, LimitRequest.all(), options, readouts, progress, cancel);
  }

  /**
   * The limits of {@code program} that {@code request} asks for, with declared readouts (empty:
   * found by their properties).
   *
   * @throws LimitException if the program is ill formed or its numbers are bad
   * @throws CancellationException if {@code cancel} was cancelled
   */
  public static CoordinateStatistics compute(Program program, LimitRequest request,
      LimitOptions options, Set<String> readouts, ProgressListener progress,
      CancellationToken cancel) {
    ValidationReport report = Validator.validate(program, readouts);
    if (report.hasErrors()) {
      throw new LimitException(report.errors());
    }
    // each name once (given pairs name most vectors many times)
    java.util.Set<String> named = new java.util.LinkedHashSet<>();
    if (request.pairs() != null) {
      request.pairs().forEach(q -> {
        named.add(q.a());
        named.add(q.b());
      });
    }
    if (request.among() != null) {
      named.addAll(request.among());
    }
    for (String v : named) {
      if (!program.isDefined(v) || !program.kindOf(v).isVector()) {
        throw new LimitException(List.of(Problem.error("second moments of " + v
            + " are asked for, but " + v + " is not a vector of the program", null, v)));
      }
    }
    // (given pairs alone are not limited by the number of vectors: not counted then)
    int nv = request.pairs() != null && request.among() == null ? 0
        : request.vectors(program).size();
    if (nv > MAX_VECTORS) {
      throw new LimitException(List.of(Problem.error("the program has " + nv + " vectors; the "
          + "limits cover E[Z^a Z^b] for every pair, which is too much above " + MAX_VECTORS
          + " vectors (" + MAX_VECTORS + "² pairs): ask for the outputs or given pairs", null,
          null)));
    }
    ProgramCalculus calculus = report.calculus();
    List<String> notes = new ArrayList<>();
    MasterTheorem mt = calculus.theorem();
    notes.add(report.level().label() + "; " + mt.sentence());
    for (Problem w : report.warnings()) {
      notes.add("warning: " + (w.subject() == null ? "" : w.subject() + ": ") + w.message());
    }
    LimitEngine exact = new ExactLimitEngine();
    LimitEngine particle = new ParticleEngine();
    switch (options.engine()) {
      case PARTICLE:
      case QUASI:
        notes.add(engineNote(options, options.engine() == LimitOptions.Engine.QUASI
            ? "quasi-random particles" : "particle engine")
            + "; " + particle.accepts(program, calculus).reason());
        return particle.run(program, calculus, request, options, notes, progress, cancel);
      case EXACT:
        notes.add(engineNote(options, "exact engine") + "; "
            + exact.accepts(program, calculus).reason());
        try {
          return exact.run(program, calculus, request, options, notes, progress, cancel);
        } catch (LimitEngine.EngineLimitException e) {
          throw new LimitException(List.of(Problem.error(e.getMessage()
              + "; use the particle engine", position(program, e.variable()), e.variable())));
        }
      default:
        LimitEngine.Acceptance a = exact.accepts(program, calculus);
        if (a.accepted()) {
          notes.add("exact engine chosen: " + a.reason());
          try {
            return exact.run(program, calculus, request, options, notes, progress, cancel);
          } catch (LimitEngine.EngineLimitException e) {
            notes.set(notes.size() - 1, "particle engine chosen: the exact engine cannot do it ("
                + e.getMessage() + ")");
          }
        } else {
          notes.add("particle engine chosen: " + a.reason());
        }
        return particle.run(program, calculus, request, options, notes, progress, cancel);
    }
  }

  /**
   * "ENGINE, as asked" when the user named the engine, "ENGINE chosen: REASON" when a caller chose
   * it ({@link LimitOptions#engineReason}).
   */
  private static String engineNote(LimitOptions options, String engine) {
    return options.engineReason() == null ? engine + ", as asked"
        : engine + " chosen: " + options.engineReason();
  }

  /** Where {@code name} is defined in the text, or null. */
  public static SourcePos position(Program program, String name) {
    if (name == null) {
      return null;
    }
    Statement s = program.definition(name);
    if (s instanceof Input in) {
      return program.sourceMap().input(program.inputs().indexOf(in));
    } else if (s instanceof Instruction i) {
      return program.sourceMap().instruction(program.instructions().indexOf(i));
    }
    return null;
  }
}
