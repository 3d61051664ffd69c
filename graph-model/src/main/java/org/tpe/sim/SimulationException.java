package org.tpe.sim;

import java.util.List;
import java.util.stream.Collectors;
import org.tpe.model.Problem;

/**
 * The program cannot be run at the asked width: it is ill formed (the validator's errors), its
 * numbers are bad (a non-PSD initial covariance, a vector or scalar that overflows or is not a
 * number), or its matrices do not fit in memory. Each {@link Problem} names the variable and, for
 * parsed programs, its line and column.
 */
public final class SimulationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  public SimulationException(List<Problem> problems) {
    super(problems.stream().map(Problem::message).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
