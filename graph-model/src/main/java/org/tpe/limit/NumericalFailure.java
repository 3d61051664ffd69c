package org.tpe.limit;

/**
 * An engine's failure on one variable, turned into a {@link LimitException} with the variable's
 * source position by {@link Limits}.
 */
final class NumericalFailure extends RuntimeException {
  private final String variable;
  private final boolean engineLimit;

  /**
   * @param variable the vector or scalar concerned
   * @param engineLimit true when another engine could do it (the automatic choice then falls back
   *     to the particle engine), false when the program's numbers are bad whatever the engine
   */
  NumericalFailure(String variable, String message, boolean engineLimit) {
    super(message);
    this.variable = variable;
    this.engineLimit = engineLimit;
  }

  String variable() {
    return variable;
  }

  boolean engineLimit() {
    return engineLimit;
  }
}
