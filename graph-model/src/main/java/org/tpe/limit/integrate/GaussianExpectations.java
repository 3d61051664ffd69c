package org.tpe.limit.integrate;

import org.tpe.limit.CancellationToken;

/**
 * The rules for E f(Z), and the automatic choice between them ({@link #standard()}).
 *
 * <p>{@link #standard()} chooses by dimension r = f.dimension():
 *
 * <ul>
 *   <li>r = 0: f is a constant; one evaluation, error 0;
 *   <li>r = 1 … 3: {@link NestedGaussKronrod} (kink-aware adaptive quadrature, an error meant as
 *       a bound; analytic integrands try the {@link GaussHermiteLadder} first at every level, so
 *       a loose tolerance costs ≈ 30^r evaluations instead of the adaptive rule's first
 *       partition, ≈ 170^r). In 2-D and 3-D it gets half the budget; if that is not enough,
 *       {@link RandomizedQuasiMonteCarlo} tries with the other half (its error is then a 99 %
 *       confidence half-width, and the method says so). In 1-D it gets the whole budget;
 *   <li>r ≥ 4: {@link RandomizedQuasiMonteCarlo}, whose cost follows the tolerance (measured on
 *       the 4-D expectations of three μP training steps at 10⁻⁵: 0.5–1·10⁶ evaluations, where
 *       nested quadrature with the ladder exhausted 8·10⁶).
 * </ul>
 */
public final class GaussianExpectations {
  private static final GaussianExpectation STANDARD = new Automatic(new NestedGaussKronrod(),
      new RandomizedQuasiMonteCarlo());

  private GaussianExpectations() {}

  /** The automatic choice described above. */
  public static GaussianExpectation standard() {
    return STANDARD;
  }

  /** Nested adaptive Gauss–Kronrod alone (1 to {@value NestedGaussKronrod#MAX_DIMENSION}-D). */
  public static GaussianExpectation adaptive() {
    return new NestedGaussKronrod();
  }

  /** Randomized quasi-Monte Carlo alone, with its default seed. */
  public static GaussianExpectation quasiMonteCarlo() {
    return new RandomizedQuasiMonteCarlo();
  }

  /** The dimension-based choice. */
  private record Automatic(NestedGaussKronrod quadrature, RandomizedQuasiMonteCarlo qmc)
      implements GaussianExpectation {
    @Override
    public IntegrationResult integrate(GaussianIntegrand f, Tolerance tol,
        CancellationToken cancel) {
      int r = f.dimension();
      if (r == 0) {
        double v = f.value(new double[0]);
        if (!Double.isFinite(v)) {
          throw IntegrationFailure.nonFinite(new double[0], v);
        }
        return new IntegrationResult(v, 0, "exact (no Gaussian read)", 1);
      }
      if (r == 1) {
        return quadrature.integrate(f, tol, cancel);
      }
      if (r > 3) {
        return qmc.integrate(f, tol, cancel);
      }
      long half = Math.max(1, tol.maxEvaluations() / 2);
      try {
        return quadrature.integrate(f, tol.withMaxEvaluations(half), cancel);
      } catch (IntegrationFailure e) {
        if (e.reason() != IntegrationFailure.Reason.BUDGET_EXCEEDED) {
          throw e;
        }
        try {
          IntegrationResult q = qmc.integrate(f,
              tol.withMaxEvaluations(tol.maxEvaluations() - half), cancel);
          return new IntegrationResult(q.value(), q.error(), q.method()
              + " after adaptive quadrature ran out of budget", q.evaluations() + half);
        } catch (IntegrationFailure e2) {
          IntegrationResult a = e.bestEstimate().orElse(null);
          IntegrationResult b = e2.bestEstimate().orElse(null);
          IntegrationResult best = a == null ? b : b == null || a.error() <= b.error() ? a : b;
          throw new IntegrationFailure(IntegrationFailure.Reason.BUDGET_EXCEEDED,
              "neither adaptive quadrature nor quasi-Monte Carlo reached the tolerance within "
                  + tol.maxEvaluations() + " evaluations; raise the budget or loosen the"
                  + " tolerance", null, null).withBestEstimate(best);
        }
      }
    }
  }
}
