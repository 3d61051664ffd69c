package org.tpe.train;

import java.util.List;
import org.tpe.model.Problem;

/**
 * Training could not be derived or computed: the network or its training setup is ill formed,
 * its parametrization has no limit the program can express, or a limit or a finite-width run
 * failed. Carries the problems with their positions; the message is the first one.
 */
public final class TrainingException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<Problem> problems;

  public TrainingException(List<Problem> problems) {
    super(problems.isEmpty() ? "cannot train" : describe(problems.get(0)), null, false, false);
    this.problems = List.copyOf(problems);
  }

  private static String describe(Problem p) {
    return p.pos() == null ? p.message() : p.pos() + ": " + p.message();
  }

  /** Every problem found. */
  public List<Problem> problems() {
    return problems;
  }
}
