package org.tpe.limit.exact;

/**
 * The exact engine cannot compute a quantity: the program's numbers are bad (overflow, a
 * non-integrable function: {@code engineLimit} false), or the engine's limits are reached (an
 * integral of too high a dimension, a budget: {@code engineLimit} true, and another engine may
 * do it).
 */
public final class ExactFailure extends RuntimeException {
  private final String variable;
  private final boolean engineLimit;

  public ExactFailure(String variable, String message, boolean engineLimit) {
    super(message);
    this.variable = variable;
    this.engineLimit = engineLimit;
  }

  /** The vector or scalar concerned. */
  public String variable() {
    return variable;
  }

  /** Whether another engine could compute it. */
  public boolean engineLimit() {
    return engineLimit;
  }
}
