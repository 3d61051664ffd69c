package org.tpe.limit.integrate;

/**
 * What an integration must reach: an error ≤ max(absolute, relative·|value|), using at most
 * {@code maxEvaluations} evaluations of the integrand.
 */
public record Tolerance(double absolute, double relative, long maxEvaluations) {
  /** The budget of {@link #of(double, double)}: about a second of a cheap integrand. */
  public static final long DEFAULT_MAX_EVALUATIONS = 50_000_000L;

  public Tolerance {
    if (!(absolute >= 0) || !(relative >= 0) || Double.isInfinite(absolute)
        || Double.isInfinite(relative)) {
      throw new IllegalArgumentException("tolerances must be finite and ≥ 0: absolute "
          + absolute + ", relative " + relative);
    }
    if (maxEvaluations < 1) {
      throw new IllegalArgumentException("maxEvaluations must be ≥ 1: " + maxEvaluations);
    }
  }

  /** The tolerance with the default budget. */
  public static Tolerance of(double absolute, double relative) {
    return new Tolerance(absolute, relative, DEFAULT_MAX_EVALUATIONS);
  }

  /** This tolerance with another budget. */
  public Tolerance withMaxEvaluations(long max) {
    return new Tolerance(absolute, relative, max);
  }

  /** max(absolute, relative·|value|): the error allowed for a result of this size. */
  public double allowedError(double value) {
    return Math.max(absolute, relative * Math.abs(value));
  }
}
