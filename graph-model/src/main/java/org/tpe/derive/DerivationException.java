package org.tpe.derive;

import java.util.List;
import org.tpe.model.Problem;

/**
 * A program could not be transformed (it is ill formed, or not a network the transformation
 * applies to). Carries the problems with their positions; the message is the first one.
 */
public final class DerivationException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<Problem> problems;

  public DerivationException(List<Problem> problems) {
    super(problems.isEmpty() ? "cannot derive" : describe(problems.get(0)), null, false, false);
    this.problems = List.copyOf(problems);
  }

  /** One problem. */
  public static DerivationException of(Problem p) {
    return new DerivationException(List.of(p));
  }

  private static String describe(Problem p) {
    return p.pos() == null ? p.message() : p.pos() + ": " + p.message();
  }

  /** Every problem found. */
  public List<Problem> problems() {
    return problems;
  }
}
