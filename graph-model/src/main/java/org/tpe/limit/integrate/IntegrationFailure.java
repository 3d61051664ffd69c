package org.tpe.limit.integrate;

import java.util.Arrays;
import java.util.Optional;

/**
 * An integration that could not reach its tolerance, with a message for the user, the {@link
 * Reason}, the point where f was not finite (if that was the reason) and the best estimate so far
 * (if there was one: its error is honest but above the tolerance).
 */
public final class IntegrationFailure extends RuntimeException {
  /** Why the integration stopped. */
  public enum Reason {
    /** More evaluations than {@link Tolerance#maxEvaluations()} would be needed. */
    BUDGET_EXCEEDED,
    /** f returned NaN or ±∞ (overflow, a pole, a domain error). */
    NON_FINITE_INTEGRAND,
    /** f·φ does not decay in the tails: E f is probably infinite. */
    NOT_INTEGRABLE,
    /** The rule ran out of resolution (a singularity, or an error it cannot reduce). */
    NOT_CONVERGED
  }

  private final Reason reason;
  private final double[] point;
  private final IntegrationResult bestEstimate;

  IntegrationFailure(Reason reason, String message, double[] point,
      IntegrationResult bestEstimate) {
    super(message);
    this.reason = reason;
    this.point = point == null ? null : point.clone();
    this.bestEstimate = bestEstimate;
  }

  static IntegrationFailure nonFinite(double[] z, double value) {
    return new IntegrationFailure(Reason.NON_FINITE_INTEGRAND, "the integrand is " + value
        + " at z = " + Arrays.toString(z) + " (overflow, a pole or a domain error); it must be"
        + " finite wherever the Gaussian has mass — rescale it or split off the growing factor"
        + " in closed form", z, null);
  }

  static IntegrationFailure budget(long budget) {
    return new IntegrationFailure(Reason.BUDGET_EXCEEDED, "more than " + budget
        + " evaluations of the integrand would be needed; raise the budget or loosen the"
        + " tolerance", null, null);
  }

  /** This failure with the best estimate reached before it. */
  IntegrationFailure withBestEstimate(IntegrationResult best) {
    String m = best == null ? getMessage() : getMessage() + " (best estimate " + best.value()
        + " ± " + String.format("%.2g", best.error()) + " by " + best.method() + ")";
    return new IntegrationFailure(reason, m, point, best);
  }

  public Reason reason() {
    return reason;
  }

  /** The standard-normal coordinates where f was not finite. */
  public Optional<double[]> point() {
    return Optional.ofNullable(point).map(double[]::clone);
  }

  /** The estimate reached before stopping, with its honest (too large) error. */
  public Optional<IntegrationResult> bestEstimate() {
    return Optional.ofNullable(bestEstimate);
  }
}
