package org.tpe.limit.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.tpe.limit.CancellationToken;

/**
 * Randomized quasi-Monte Carlo against integrands with closed-form values in 5–10 dimensions, and
 * the coverage of its stated error over many seeds. The error is a 99 % two-sided Student-t
 * half-width with M − 1 = 15 degrees of freedom (t = 2.947), so |value − truth| ≤ error fails 1
 * time in 100 and |value − truth| ≤ error/t (one standard error) fails with P(|T₁₅| &gt; 1) =
 * 0.333; the tests count both.
 */
class QuasiMonteCarloTest {
  private static final RandomizedQuasiMonteCarlo RQMC = new RandomizedQuasiMonteCarlo();

  /** Genz's oscillatory function on u = Φ(z): cos(2πw + Σ aᵢuᵢ). */
  private static final double[] A = {0.9, 0.4, 1.3, 0.7, 0.5, 1.1};
  private static final double W = 0.3;

  private static double genzOscillatory(double[] z) {
    double s = 2 * Math.PI * W;
    for (int i = 0; i < A.length; i++) {
      s += A[i] * Reference.cdf(z[i]);
    }
    return Math.cos(s);
  }

  /** ∫ cos(2πw + a·u) du over [0, 1]^d = Re[e^{2πiw} Π (e^{i aⱼ} − 1)/(i aⱼ)]. */
  private static double genzOscillatoryIntegral() {
    double re = Math.cos(2 * Math.PI * W);
    double im = Math.sin(2 * Math.PI * W);
    for (double a : A) {
      // (e^{ia} − 1)/(ia) = (sin a + i(1 − cos a))/a
      double fr = Math.sin(a) / a;
      double fi = (1 - Math.cos(a)) / a;
      double r = re * fr - im * fi;
      im = re * fi + im * fr;
      re = r;
    }
    return re;
  }

  private static GaussianIntegrand cosProduct(int d) {
    return GaussianIntegrand.of(d, z -> {
      double p = 1;
      for (double x : z) {
        p *= Math.cos(x);
      }
      return p;
    });
  }

  @Test
  void knownValuesInFiveToTenDimensions() {
    // E Π cos(Zᵢ) = e^{−d/2} (E cos Z = e^{−1/2})
    check(cosProduct(8), Math.exp(-4), 1e-3);
    // E e^{a·Z} = e^{|a|²/2}, a = (0.2, −0.1, 0.3, …) in 10-D
    double[] a = {0.2, -0.1, 0.3, 0.05, -0.25, 0.15, 0.1, -0.2, 0.3, -0.05};
    double norm2 = 0;
    for (double x : a) {
      norm2 += x * x;
    }
    check(GaussianIntegrand.of(10, z -> Math.exp(NestedCubatureTest.dot(a, z))),
        Math.exp(norm2 / 2), 1e-4);
    check(GaussianIntegrand.of(6, QuasiMonteCarloTest::genzOscillatory),
        genzOscillatoryIntegral(), 1e-3);
    // Genz's product peak Π 1/(cᵢ⁻² + (uᵢ − ½)²) in 5-D: ∫ = Π 2cᵢ atan(cᵢ/2)
    double[] c = {1.5, 2, 0.8, 1.2, 3};
    double peak = 1;
    for (double ci : c) {
      peak *= 2 * ci * Math.atan(ci / 2);
    }
    check(GaussianIntegrand.of(5, z -> {
      double p = 1;
      for (int i = 0; i < c.length; i++) {
        double u = Reference.cdf(z[i]) - 0.5;
        p *= 1 / (1 / (c[i] * c[i]) + u * u);
      }
      return p;
    }), peak, 1e-3);
  }

  /**
   * The rule stops at the first N whose error meets the tolerance. A seeded result is
   * deterministic; the check allows twice the stated error, which a correct 99 % t-interval
   * exceeds with probability P(|T₁₅| &gt; 5.9) ≈ 3·10⁻⁵ per value.
   */
  private static void check(GaussianIntegrand f, double truth, double rel) {
    IntegrationResult r = RQMC.integrate(f, Tolerance.of(0, rel), CancellationToken.NONE);
    assertTrue(r.error() <= rel * Math.abs(r.value()), r.toString());
    assertTrue(Math.abs(r.value() - truth) <= 2 * r.error(), "truth " + truth + ", " + r);
    assertTrue(r.method().contains("99 %"), r.method());
  }

  @Test
  void atAFixedNumberOfPointsTheErrorCoversTheTruthAsOftenAsItClaims() {
    // 200 seeds × 2 integrands at N = 256 per randomization (the budget stops the doubling).
    // Misses of the 99 % interval: Binomial(400, 0.01), mean 4; more than 14 has probability
    // 5·10⁻⁵. Beyond one standard error: Binomial(400, 1/3), mean 133, sd 9.4; outside
    // [95, 171] (±4 sd) has probability 6·10⁻⁵ (this also fails if the error is too large).
    int misses = 0;
    int beyondOne = 0;
    int runs = 0;
    double t = RQMC.studentT();
    for (int k = 0; k < 2; k++) {
      GaussianIntegrand f = k == 0 ? cosProduct(6)
          : GaussianIntegrand.of(6, QuasiMonteCarloTest::genzOscillatory);
      double truth = k == 0 ? Math.exp(-3) : genzOscillatoryIntegral();
      for (long seed = 1; seed <= 200; seed++) {
        RandomizedQuasiMonteCarlo rule = new RandomizedQuasiMonteCarlo(seed, 16, 256);
        IntegrationFailure e = assertThrows(IntegrationFailure.class, () -> rule.integrate(f,
            new Tolerance(0, 0, 16 * 256), CancellationToken.NONE));
        IntegrationResult r = e.bestEstimate().orElseThrow();
        double err = Math.abs(r.value() - truth);
        misses += err > r.error() ? 1 : 0;
        beyondOne += err > r.error() / t ? 1 : 0;
        runs++;
      }
    }
    assertEquals(400, runs);
    assertTrue(misses <= 14, misses + " of 400 outside the 99 % interval");
    assertTrue(beyondOne >= 95 && beyondOne <= 171, beyondOne + " of 400 beyond one s.e.");
  }

  @Test
  void stoppingAtTheToleranceKeepsTheCoverageNearItsClaim() {
    // Sequential stopping lowers coverage a little. 60 seeds, each doubling N a few times; at a
    // true miss rate of 2 %, more than 6 misses has probability 2·10⁻⁴.
    int misses = 0;
    GaussianIntegrand f = cosProduct(5);
    double truth = Math.exp(-2.5);
    for (long seed = 1; seed <= 60; seed++) {
      IntegrationResult r = new RandomizedQuasiMonteCarlo(seed, 16, 256).integrate(f,
          Tolerance.of(0, 5e-3), CancellationToken.NONE);
      misses += Math.abs(r.value() - truth) > r.error() ? 1 : 0;
    }
    assertTrue(misses <= 6, misses + " of 60 outside the interval");
  }

  @Test
  void aSeededRuleGivesTheSameResultEveryTime() {
    GaussianIntegrand f = cosProduct(5);
    IntegrationResult a = RQMC.integrate(f, Tolerance.of(0, 1e-2), CancellationToken.NONE);
    IntegrationResult b = RQMC.integrate(f, Tolerance.of(0, 1e-2), CancellationToken.NONE);
    assertEquals(a, b);
    IntegrationResult c = RQMC.withSeed(99).integrate(f, Tolerance.of(0, 1e-2),
        CancellationToken.NONE);
    assertNotEquals(a.value(), c.value());
  }

  @Test
  void theBudgetIsNeverExceededAndTheBestEstimateIsKept() {
    IntegrationFailure e = assertThrows(IntegrationFailure.class, () -> RQMC.integrate(
        cosProduct(6), new Tolerance(0, 1e-12, 100_000), CancellationToken.NONE));
    assertEquals(IntegrationFailure.Reason.BUDGET_EXCEEDED, e.reason());
    IntegrationResult best = e.bestEstimate().orElseThrow();
    assertTrue(best.evaluations() <= 100_000, best.toString());
    assertTrue(Math.abs(best.value() - Math.exp(-3)) <= 2 * best.error(), best.toString());
    IntegrationFailure none = assertThrows(IntegrationFailure.class, () -> RQMC.integrate(
        cosProduct(6), new Tolerance(0, 1e-3, 1000), CancellationToken.NONE));
    assertTrue(none.bestEstimate().isEmpty());
  }

  @Test
  void aNonFiniteValueIsReportedWithItsPoint() {
    ToDoubleFunction<double[]> log = z -> Math.log(z[0] + 3); // NaN for z₀ < −3
    IntegrationFailure e = assertThrows(IntegrationFailure.class, () -> RQMC.integrate(
        GaussianIntegrand.of(5, log), Tolerance.of(0, 1e-6), CancellationToken.NONE));
    assertEquals(IntegrationFailure.Reason.NON_FINITE_INTEGRAND, e.reason());
    assertTrue(e.point().orElseThrow()[0] < -3, e.getMessage());
  }

  @Test
  void aCancelledTokenStopsIt() {
    CancellationToken token = new CancellationToken();
    token.cancel();
    assertThrows(CancellationException.class, () -> RQMC.integrate(cosProduct(6),
        Tolerance.of(0, 1e-6), token));
  }

  @Test
  void badParametersSayWhatIsWrong() {
    IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
        () -> new RandomizedQuasiMonteCarlo(1, 2, 1024));
    assertTrue(m.getMessage().contains("at least 4"), m.getMessage());
    IllegalArgumentException n = assertThrows(IllegalArgumentException.class,
        () -> new RandomizedQuasiMonteCarlo(1, 16, 1000));
    assertTrue(n.getMessage().contains("power of two"), n.getMessage());
    IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
        () -> RQMC.integrate(GaussianIntegrand.of(0, z -> 1), Tolerance.of(0, 1e-3),
            CancellationToken.NONE));
    assertTrue(d.getMessage().contains("not 0"), d.getMessage());
  }
}
