package org.tpe.app.editor.explain;

import java.util.concurrent.CancellationException;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.LimitEngine;
import org.tpe.limit.LimitException;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.Limits;
import org.tpe.limit.exact.Derivation;
import org.tpe.limit.exact.ExactLimitEngine;
import org.tpe.limit.exact.Explanation;
import org.tpe.model.Program;
import org.tpe.validate.Validator;

/**
 * The {@link Explanation} of a program from the exact engine (TP IIb App. B): its statistics, its
 * calculus and its symbolic Z. One home for {@code tpe limits --explain VAR} and the editor's
 * Explain view, which render the same {@link Derivation}.
 */
public final class Explainer {
  private Explainer() {}

  /**
   * The explanation of {@code p} given the exact engine's statistics {@code exact} of it.
   *
   * @throws LimitException if the program is ill formed
   * @throws LimitEngine.EngineLimitException if the exact engine cannot explain it
   */
  public static Explanation explanation(Program p, CoordinateStatistics exact) {
    var calculus = Validator.validate(p).calculus();
    return new Explanation(p, calculus, ExactLimitEngine.symbolic(p, calculus), exact);
  }

  /** What the Explain view shows: the derivation, or why there is none. */
  public record Result(Derivation derivation, String message) {}

  /** The derivation of {@code name} in {@code p} computed from scratch (off the JavaFX thread). */
  public static Result derive(Program p, String name) {
    return new Memo().derive(p, name);
  }

  /**
   * Derivations of one program's variables, its explanation (the exact limits and the symbolic Z)
   * computed once and kept while only the selection changes; a program that differs in more than
   * its layout starts afresh. For one thread (the editor's explain worker).
   */
  public static final class Memo {
    private Program key;
    private Explanation explanation;
    private String failure;

    /** The derivation of {@code name} in {@code p}, or why there is none. */
    public Result derive(Program p, String name) {
      if (name == null || !p.isDefined(name)) {
        return new Result(null, "Select a vector or a scalar on the canvas to see its derivation.");
      }
      Program k = p.withLayout(java.util.Map.of());
      if (!k.equals(key)) {
        key = null;
        explanation = null;
        failure = null;
        try {
          // the derivation reads values and errors only: no densities
          CoordinateStatistics s = Limits.compute(p, LimitOptions.defaults()
              .withEngine(LimitOptions.Engine.EXACT).withHistogramBins(0));
          explanation = explanation(p, s);
        } catch (LimitException e) {
          failure = "No derivation: " + (e.problems().isEmpty() ? e.getMessage()
              : e.problems().get(0).message());
        } catch (LimitEngine.EngineLimitException | IllegalArgumentException e) {
          failure = "No symbolic derivation for this program: " + e.getMessage();
        } catch (CancellationException e) {
          return new Result(null, "No symbolic derivation for this program: " + e.getMessage());
        }
        key = k;
      }
      if (failure != null) {
        return new Result(null, failure);
      }
      try {
        return new Result(explanation.derive(name), "");
      } catch (LimitEngine.EngineLimitException | IllegalArgumentException e) {
        return new Result(null, "No symbolic derivation for this program: " + e.getMessage());
      }
    }
  }
}
