package org.tpe.limit;

import java.util.List;
import java.util.stream.Collectors;
import org.tpe.model.Problem;

/**
 * The limit cannot be computed: the program is ill formed (the validator's errors), or the
 * numerics fail (a non-PSD covariance, a Moment of a non-integrable function, overflow). Each
 * {@link Problem} names the variable and, for parsed programs, its line and column.
 */
public final class LimitException extends RuntimeException {
  private final List<Problem> problems;

  public LimitException(List<Problem> problems) {
    super(problems.stream().map(Problem::message).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
