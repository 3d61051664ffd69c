package org.tpe.validate;

/**
 * A program cannot be reduced: it has validation errors, or collapsing a chain of Nonlins would
 * build a φ too large to evaluate or print. Carries the variable concerned (or null) so that a
 * caller can point at its line.
 */
public final class ReductionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String subject;

  public ReductionException(String message, String subject) {
    super(message);
    this.subject = subject;
  }

  /** The variable whose instruction could not be reduced, or null. */
  public String subject() {
    return subject;
  }
}
