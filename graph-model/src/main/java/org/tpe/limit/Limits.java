package org.tpe.limit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.tpe.model.Input;
import org.tpe.model.Instruction;
import org.tpe.model.MatMul;
import org.tpe.model.Problem;
import org.tpe.model.Program;
import org.tpe.model.SourcePos;
import org.tpe.model.Statement;
import org.tpe.validate.ValidationReport;
import org.tpe.validate.Validator;

/**
 * The limit calculus (DESIGN §7; TP IIb §4–5, the Master Theorem): Z^x of every vector and θ̊ of
 * every scalar, by one of two engines chosen per program and named in the result's notes.
 *
 * <ul>
 *   <li>{@link LimitOptions.Engine#DETERMINISTIC} (means and covariances of G-vars, closed forms
 *       and quadrature; errors ≈ 1e-12) when every G-var is Gaussian: no ZDot term at all (no
 *       MatMul's argument depends on an earlier MatMul by the other side of the same matrix —
 *       always so in Netsor), or the program is BP-like ({@link
 *       org.tpe.validate.BpLikeVerdict}: every Ż vanishes, gradient independence is exact).
 *   <li>{@link LimitOptions.Engine#PARTICLE} (Monte Carlo, ZDot by the Stein form; every number
 *       with a standard error) otherwise, and as a fallback when an expectation would need a
 *       deterministic integral of more than 3 dimensions.
 * </ul>
 *
 * <p>The program is validated first ({@link Validator}); errors are thrown as a {@link
 * LimitException} with their positions, as are numerical failures (a non-PSD covariance, a
 * non-integrable Moment, overflow), which name the variable. Pure: the result depends only on
 * the program and the options (seed included), not on the number of threads.
 */
public final class Limits {
  /**
   * Largest number of vectors accepted: the result holds E[Z^a Z^b] for every pair (and the
   * deterministic engine a dense covariance of the G-vars), so memory grows like its square.
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

  /**
   * The limits of {@code program}.
   *
   * @throws LimitException if the program is ill formed or its numbers are bad
   * @throws CancellationException if {@code cancel} was cancelled
   */
  public static CoordinateStatistics compute(Program program, LimitOptions options,
      ProgressListener progress, CancellationToken cancel) {
    return compute(program, options, java.util.Set.of(), progress, cancel);
  }

  /**
   * The limits of {@code program} whose readouts are declared (the readout weights of a network's
   * backward pass): the BP-like verdict that chooses the engine checks them ({@link
   * Validator#validate(Program, java.util.Set)}).
   *
   * @throws LimitException if the program is ill formed or its numbers are bad
   * @throws CancellationException if {@code cancel} was cancelled
   */
  public static CoordinateStatistics compute(Program program, LimitOptions options,
      java.util.Set<String> readouts, ProgressListener progress, CancellationToken cancel) {
    ValidationReport report = Validator.validate(program, readouts);
    if (report.hasErrors()) {
      // the validator names the inputs of a non-PSD covariance itself
      throw new LimitException(report.errors());
    }
    int nv = program.vectors().size();
    if (nv > MAX_VECTORS) {
      throw new LimitException(List.of(Problem.error("the program has " + nv + " vectors; the "
          + "limits cover E[Z^a Z^b] for every pair, which is too much above " + MAX_VECTORS
          + " vectors (" + MAX_VECTORS + "² pairs)", null, null)));
    }
    List<String> notes = new ArrayList<>();
    notes.add(report.level().label() + (report.masterTheorem().isEmpty() ? ""
        : "; " + report.masterTheorem()));
    for (Problem w : report.warnings()) {
      // which Master Theorem hypotheses fail (exp not polynomially bounded, step not
      // pseudo-Lipschitz): the user should see them next to the numbers
      notes.add("warning: " + (w.subject() == null ? "" : w.subject() + ": ") + w.message());
    }
    ParticleEngine particle = new ParticleEngine(program, options, cancel, progress);
    String zdot = particle.zDotWitness();
    boolean gaussian = zdot == null || report.bpLike().bpLike();
    String why = zdot == null
        ? (program.instructions().stream().anyMatch(i -> i instanceof MatMul m && m.transposed())
            ? "no MatMul's argument depends on an earlier MatMul by the other side of its matrix,"
                + " so every ZDot term is 0 and every G-var is Gaussian"
            : "no transposed MatMul: every ZDot term is 0 and every G-var is Gaussian")
        : report.bpLike().bpLike()
            ? report.bpLike().reason() + "; so every ZDot vanishes and every G-var is Gaussian"
            : "ZDot does not vanish (" + zdot + "), so G-vars need not be Gaussian";
    try {
      switch (options.engine()) {
        case PARTICLE:
          notes.add("particle engine, as asked; " + why);
          return particle.run(notes);
        case DETERMINISTIC:
          if (!gaussian) {
            throw new LimitException(List.of(Problem.error("the deterministic engine needs every"
                + " ZDot term to vanish, but " + zdot + "; use the particle engine", null,
                null)));
          }
          notes.add("deterministic engine, as asked; " + why);
          return new DeterministicEngine(program, options.histogramBins(), cancel, progress).run(notes);
        default:
          if (!gaussian) {
            notes.add("particle engine chosen: " + why);
            return particle.run(notes);
          }
          try {
            notes.add("deterministic engine chosen: " + why);
            return new DeterministicEngine(program, options.histogramBins(), cancel, progress).run(notes);
          } catch (NumericalFailure f) {
            if (!f.engineLimit()) {
              throw f;
            }
            notes.set(notes.size() - 1, "particle engine chosen: " + why + ", but "
                + f.getMessage());
            return particle.run(notes);
          }
      }
    } catch (NumericalFailure f) {
      throw new LimitException(List.of(Problem.error(f.getMessage(),
          position(program, f.variable()), f.variable())));
    }
  }

  /** Where {@code name} is defined in the text, or null. */
  static SourcePos position(Program program, String name) {
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
