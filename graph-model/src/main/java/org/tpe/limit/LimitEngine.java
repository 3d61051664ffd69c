package org.tpe.limit;

import java.util.List;
import java.util.Objects;
import org.tpe.limit.calculus.ProgramCalculus;
import org.tpe.model.Program;

/**
 * A limit engine (DESIGN §7): a thin interpreter of the Z-calculus whose verdicts ({@link
 * ProgramCalculus}) it takes as given. {@link Limits} asks each engine whether it accepts a
 * program and runs the first that does.
 */
public interface LimitEngine {
  /** Whether an engine takes a program, and why (or why not). */
  record Acceptance(boolean accepted, String reason) {
    public Acceptance {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Short name ("exact", "particle"). */
  String name();

  /** Whether this engine takes the program. */
  Acceptance accepts(Program program, ProgramCalculus calculus);

  /**
   * The limits of a well-formed program.
   *
   * @param notes sentences the result's notes start with
   * @throws LimitException when the program's numbers are bad
   * @throws EngineLimitException when this engine cannot do it but another might
   */
  CoordinateStatistics run(Program program, ProgramCalculus calculus, LimitRequest request,
      LimitOptions options, List<String> notes, ProgressListener progress,
      CancellationToken cancel);

  /** This engine's limits are reached (a dimension, a budget): another engine may do it. */
  final class EngineLimitException extends RuntimeException {
    private final String variable;

    public EngineLimitException(String variable, String message) {
      super(message);
      this.variable = variable;
    }

    public String variable() {
      return variable;
    }
  }
}
