package org.tpe.spectrum;

import java.util.List;
import java.util.stream.Collectors;
import org.tpe.model.Problem;

/**
 * A Jacobian spectrum cannot be computed for this input: the program is ill formed, the start or
 * end vector is not a vector of the program or the two are not connected by MatMuls, the
 * Jacobian vanishes almost surely, or a requested size (moments, width) is out of range. Each
 * {@link Problem} says what to do and, where a variable is at fault, names it and its line and
 * column.
 */
public final class SpectrumException extends RuntimeException {
  private final List<Problem> problems;

  public SpectrumException(List<Problem> problems) {
    super(problems.stream().map(Problem::message).collect(Collectors.joining("; ")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a SpectrumException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** One problem without a position in the text. */
  static SpectrumException of(String message) {
    return new SpectrumException(List.of(Problem.error(message, null, null)));
  }

  public List<Problem> problems() {
    return problems;
  }
}
