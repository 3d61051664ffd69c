package org.tpe.limit.gauss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.tpe.expr.Fn;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.integrate.GaussianExpectation;
import org.tpe.limit.integrate.GaussianExpectations;
import org.tpe.limit.integrate.GaussianIntegrand;
import org.tpe.limit.integrate.Hyperplane;
import org.tpe.limit.integrate.IntegrationFailure;
import org.tpe.limit.integrate.IntegrationResult;
import org.tpe.limit.integrate.Smoothness;
import org.tpe.limit.integrate.Tolerance;

/**
 * Closed forms against quadrature (whole-line nested Gauss–Kronrod) and against Monte Carlo (the
 * neural-tangents habit). In 1D the quadrature is given no breakpoints, so it finds the kinks by bisection; in 2D it is given the
 * kink lines as the engine gives them: agreement to 1e-9 relative checks both. Monte Carlo: 2¹⁸ seeded samples, bound 6 standard errors (a false failure has
 * probability ≈ 2·10⁻⁹ per comparison under normality).
 */
class GaussianIntegralsTest {
  private static final Fn[] KNOWN = {Fn.ID, Fn.RELU, Fn.STEP, Fn.ERF};
  private static final GaussianExpectation QUADRATURE = GaussianExpectations.adaptive();
  private static final Tolerance TIGHT = Tolerance.of(0, 1e-12);

  /** f(z) for z ∈ R^r (the Monte Carlo check reads it too). */
  interface Integrand {
    double value(double[] z);
  }

  record Case(Fn a, Fn b, double m1, double m2, double c11, double c12, double c22) {}

  static List<Case> twoVariableCases() {
    List<Case> out = new ArrayList<>();
    double[][] covs = {{1.3, 0.5, 0.6}, {1.3, -0.7, 0.6}, {0.8, 0.79, 0.8}, {2.0, 0.0, 0.5}};
    for (double[] c : covs) {
      out.add(new Case(Fn.RELU, Fn.RELU, 0, 0, c[0], c[1], c[2]));
      out.add(new Case(Fn.STEP, Fn.STEP, 0, 0, c[0], c[1], c[2]));
      out.add(new Case(Fn.RELU, Fn.STEP, 0, 0, c[0], c[1], c[2]));
      out.add(new Case(Fn.STEP, Fn.RELU, 0, 0, c[0], c[1], c[2]));
      out.add(new Case(Fn.ERF, Fn.ERF, 0, 0, c[0], c[1], c[2]));
      for (Fn f : KNOWN) {
        out.add(new Case(Fn.ID, f, 0.4, -0.3, c[0], c[1], c[2]));
        out.add(new Case(f, Fn.ID, 0.4, -0.3, c[0], c[1], c[2]));
      }
    }
    return out;
  }

  @Test
  void oneVariableClosedFormsMatchQuadratureAndMonteCarlo() {
    double[][] mv = {{0, 1}, {0.7, 2.0}, {-1.3, 0.4}};
    for (Fn f : KNOWN) {
      for (double[] p : mv) {
        double m = p[0];
        double s = Math.sqrt(p[1]);
        double exact = GaussianIntegrals.expect(f, m, p[1]);
        IntegrationResult q = QUADRATURE.integrate(GaussianIntegrand.of(1,
            z -> f.apply(m + s * z[0])), TIGHT, CancellationToken.NONE);
        assertEquals(exact, q.value(), 1e-10 * Math.max(1, Math.abs(exact)), f + " " + m);
        assertTrue(q.error() < 1e-9, "error estimate " + q.error());
        monteCarlo(exact, x -> f.apply(m + s * x[0]), f + " " + m + " MC");
      }
    }
  }

  @Test
  void twoVariableClosedFormsMatchQuadratureAndMonteCarlo() {
    for (Case c : twoVariableCases()) {
      double exact = GaussianIntegrals.expect(c.a, c.b, c.m1, c.m2, c.c11, c.c12, c.c22);
      assertFalse(Double.isNaN(exact), c + " must have a closed form");
      // (y1, y2) = (m1 + s1 z1, m2 + ρ s2 z1 + √(1−ρ²) s2 z2): a Cholesky factor
      double s1 = Math.sqrt(c.c11);
      double s2 = Math.sqrt(c.c22);
      double rho = c.c12 / (s1 * s2);
      double t = Math.sqrt(1 - rho * rho);
      Integrand f = z -> c.a.apply(c.m1 + s1 * z[0])
          * c.b.apply(c.m2 + s2 * (rho * z[0] + t * z[1]));
      // the lines where each factor's argument crosses 0, as the engine declares them
      List<Hyperplane> kinks = List.of(Hyperplane.of(c.m1, s1, 0),
          Hyperplane.of(c.m2, s2 * rho, s2 * t));
      IntegrationResult q = QUADRATURE.integrate(GaussianIntegrand.of(2, f::value, kinks,
          Smoothness.PIECEWISE_SMOOTH), Tolerance.of(0, 1e-11), CancellationToken.NONE);
      assertEquals(exact, q.value(), 1e-9 * Math.max(1, Math.abs(exact)), c.toString());
      monteCarlo(exact, f, c + " MC");
    }
  }

  @Test
  void noClosedFormForNonzeroMeansOfTwoKinks() {
    assertTrue(Double.isNaN(GaussianIntegrals.expect(Fn.RELU, Fn.RELU, 0.1, 0, 1, 0.5, 1)));
    assertTrue(Double.isNaN(GaussianIntegrals.expect(Fn.ERF, Fn.STEP, 0, 0, 1, 0.5, 1)));
  }

  @Test
  void arcCosineKernelIsAccurateNearIdenticalInputs() {
    // θ → 0: E relu(z)² = c/2 exactly; c12 = c(1 − 1e-12) must not lose digits
    double c = 1.7;
    double k = GaussianIntegrals.expect(Fn.RELU, Fn.RELU, 0, 0, c, c * (1 - 1e-12), c);
    assertEquals(c / 2, k, 1e-11);
    assertEquals(c / 2, GaussianIntegrals.expect(Fn.RELU, Fn.RELU, 0, 0, c, c, c), 1e-15);
  }

  @Test
  void overflowIsReportedNotReturned() {
    IntegrationFailure e = assertThrows(IntegrationFailure.class,
        () -> QUADRATURE.integrate(GaussianIntegrand.of(1, z -> Math.exp(1000 * z[0])), TIGHT,
            CancellationToken.NONE));
    assertEquals(IntegrationFailure.Reason.NON_FINITE_INTEGRAND, e.reason());
  }

  private static void monteCarlo(double exact, Integrand f, String what) {
    ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(
        RandomSource.XO_RO_SHI_RO_128_PP.create(12345L));
    int n = 1 << 18;
    double sum = 0;
    double sum2 = 0;
    double[] z = new double[2];
    for (int i = 0; i < n; i++) {
      z[0] = g.sample();
      z[1] = g.sample();
      double v = f.value(z);
      sum += v;
      sum2 += v * v;
    }
    double mean = sum / n;
    double se = Math.sqrt(Math.max(0, sum2 / n - mean * mean) / n);
    assertTrue(Math.abs(mean - exact) <= 6 * se + 1e-12, what + ": MC " + mean + " ± " + se
        + " vs " + exact);
  }
}
