package org.tpe.limit.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tpe.limit.CancellationToken;

/** The automatic choice of rule by dimension, and its fallback. */
class GaussianExpectationsTest {
  private static final GaussianExpectation AUTO = GaussianExpectations.standard();

  @Test
  void aConstantIsEvaluatedOnceAndExact() {
    IntegrationResult r = AUTO.integrate(GaussianIntegrand.of(0, z -> 2.5), Tolerance.of(0,
        1e-12), CancellationToken.NONE);
    assertEquals(new IntegrationResult(2.5, 0, "exact (no Gaussian read)", 1), r);
    IntegrationFailure e = assertThrows(IntegrationFailure.class, () -> AUTO.integrate(
        GaussianIntegrand.of(0, z -> Double.NaN), Tolerance.of(0, 1e-12),
        CancellationToken.NONE));
    assertEquals(IntegrationFailure.Reason.NON_FINITE_INTEGRAND, e.reason());
  }

  @Test
  void oneToThreeDimensionsGoToAdaptiveQuadrature() {
    for (int r = 1; r <= 3; r++) {
      int d = r;
      // E Σ zᵢ² = r, a polynomial: exact for the Kronrod rule in each coordinate
      GaussianIntegrand f = GaussianIntegrand.of(r, z -> {
        double s = 0;
        for (double x : z) {
          s += x * x;
        }
        return s;
      }, List.of(), Smoothness.ANALYTIC);
      IntegrationResult res = AUTO.integrate(f, Tolerance.of(0, 1e-6), CancellationToken.NONE);
      assertTrue(res.method().startsWith("adaptive Gauss–Kronrod"), res.method());
      assertEquals(d, res.value(), res.error() + 1e-14 * d, res.toString());
    }
  }

  @Test
  void fourAndMoreDimensionsGoToQuasiMonteCarlo() {
    IntegrationResult res = AUTO.integrate(GaussianIntegrand.of(4, z -> z[0] * z[0] + z[3]),
        Tolerance.of(0, 1e-2), CancellationToken.NONE);
    assertTrue(res.method().startsWith("randomized quasi-Monte Carlo"), res.method());
    assertEquals(1, res.value(), 2 * res.error()); // see QuasiMonteCarloTest on the factor 2
  }

  @Test
  void whenQuadratureRunsOutOfBudgetQuasiMonteCarloTriesWithTheOtherHalf() {
    // E relu(z0)·relu(z1) = φ(0)² = 1/(2π). Half of 60 000 evaluations is below the first
    // partition of a 2-D rule with an unknown integrand (168 outer nodes × 504 verified inner
    // ones ≈ 85 000); 16 × 1024 points fit in the rest.
    GaussianIntegrand f = GaussianIntegrand.of(2, z -> Math.max(z[0], 0) * Math.max(z[1], 0));
    IntegrationResult res = AUTO.integrate(f, new Tolerance(0, 2e-2, 60_000),
        CancellationToken.NONE);
    assertTrue(res.method().contains("after adaptive quadrature ran out of budget"),
        res.method());
    assertTrue(res.evaluations() <= 60_000, res.toString());
    assertEquals(1 / (2 * Math.PI), res.value(), 2 * res.error());
  }

  @Test
  void whenBothRunOutTheFailureKeepsTheBetterEstimate() {
    GaussianIntegrand f = GaussianIntegrand.of(2, z -> Math.max(z[0], 0) * Math.max(z[1], 0));
    IntegrationFailure e = assertThrows(IntegrationFailure.class, () -> AUTO.integrate(f,
        new Tolerance(0, 1e-12, 60_000), CancellationToken.NONE));
    assertEquals(IntegrationFailure.Reason.BUDGET_EXCEEDED, e.reason());
    assertTrue(e.getMessage().contains("neither adaptive quadrature nor quasi-Monte Carlo"),
        e.getMessage());
    IntegrationResult best = e.bestEstimate().orElseThrow();
    assertEquals(1 / (2 * Math.PI), best.value(), 2 * best.error());
  }
}
