package org.tpe.limit;

/**
 * A number with an error estimate: {@code error} is a standard error for Monte Carlo values, an
 * a-priori bound for quadrature, and 0 for closed forms evaluated in floating point; NaN when the
 * error is unknown (a single finite-width run cannot estimate its own seed-to-seed fluctuation:
 * see {@code FiniteWidthSimulator#replicated}), never a made-up figure in its place.
 */
public record Estimate(double value, double error) {
  public Estimate {
    if (error < 0) {
      throw new IllegalArgumentException("error must be non-negative (or NaN: unknown): "
          + error);
    }
  }

  /** An exact value (closed form, up to rounding). */
  public static Estimate exact(double value) {
    return new Estimate(value, 0.0);
  }

  /** c·X: the value and its error scaled by c (the error by |c|). */
  public Estimate scaled(double c) {
    return new Estimate(c * value, Math.abs(c) * error);
  }

  /**
   * X − Y with the errors added: a bound when both are bounds, and no smaller than the standard
   * error of the difference whatever the correlation of X and Y (√(a² + b² − 2ρab) ≤ a + b).
   */
  public Estimate minus(Estimate other) {
    return new Estimate(value - other.value, error + other.error);
  }

  /** Whether the error is unknown (NaN). */
  public boolean errorUnknown() {
    return Double.isNaN(error);
  }

  /** "value ± error" with a sensible number of digits ("value ± ?" when the error is unknown). */
  @Override
  public String toString() {
    if (errorUnknown()) {
      return String.format("%.6g ± ?", value);
    }
    return error == 0 ? String.format("%.10g", value) : String.format("%.6g ± %.2g", value, error);
  }
}
