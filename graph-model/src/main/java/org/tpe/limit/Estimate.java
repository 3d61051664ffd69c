package org.tpe.limit;

/**
 * A number with an error estimate: {@code error} is a standard error for Monte Carlo values, an
 * a-priori bound for quadrature, and 0 for closed forms evaluated in floating point.
 */
public record Estimate(double value, double error) {
  public Estimate {
    if (Double.isNaN(error) || error < 0) {
      throw new IllegalArgumentException("error must be a non-negative number: " + error);
    }
  }

  /** An exact value (closed form, up to rounding). */
  public static Estimate exact(double value) {
    return new Estimate(value, 0.0);
  }

  /** "value ± error" with a sensible number of digits. */
  @Override
  public String toString() {
    return error == 0 ? String.format("%.10g", value) : String.format("%.6g ± %.2g", value, error);
  }
}
