package org.tpe.limit.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.tpe.limit.CancellationToken;

/**
 * Analytic integrands in 2-D and 3-D, where nested quadrature tries the Gauss–Hermite ladder
 * first: at every tolerance from 10⁻⁴ to 10⁻¹⁰ the stated error bounds the true one, against
 * closed forms (E e^{a·z} = e^{|a|²/2}, E cos(a·z + c) = cos c·e^{−|a|²/2}) and, for products of
 * tanh, against the spectrally accurate trapezoidal rule of {@link Reference}.
 */
class AnalyticIntegrandsAtAnyToleranceTest {
  private static final NestedGaussKronrod RULE = new NestedGaussKronrod(false);

  private static GaussianIntegrand analytic(int r, java.util.function.ToDoubleFunction<double[]> f) {
    return GaussianIntegrand.of(r, f, List.of(), Smoothness.ANALYTIC);
  }

  private static double tolerance(int k) {
    return Math.pow(10, -4 - 2 * k);
  }

  private static void assertBounds(double truth, IntegrationResult res, double tol, String what) {
    double err = Math.abs(res.value() - truth);
    assertTrue(err <= res.error(), what + ": true error " + err + " above the stated "
        + res.error() + " (" + res + ")");
    assertTrue(res.error() <= tol * Math.max(1, Math.abs(res.value())) || res.method().contains(
        "rounding"), what + ": stated " + res.error() + " above the tolerance " + tol);
  }

  @Property(tries = 40)
  void exponentialsOfLinearForms(@ForAll @IntRange(min = 2, max = 3) int r,
      @ForAll @DoubleRange(min = -1.2, max = 1.2) double a0,
      @ForAll @DoubleRange(min = -1.2, max = 1.2) double a1,
      @ForAll @DoubleRange(min = -1.2, max = 1.2) double a2,
      @ForAll @IntRange(min = 0, max = 3) int k) {
    double[] a = r == 2 ? new double[] {a0, a1} : new double[] {a0, a1, a2};
    double n2 = NestedCubatureTest.dot(a, a);
    double tol = tolerance(k);
    IntegrationResult res = RULE.integrate(analytic(r, z -> Math.exp(NestedCubatureTest.dot(a,
        z))), Tolerance.of(0, tol), CancellationToken.NONE);
    assertBounds(Math.exp(n2 / 2), res, tol, "E exp(a·z), a = " + java.util.Arrays.toString(a));
  }

  @Property(tries = 40)
  void cosinesOfLinearForms(@ForAll @IntRange(min = 2, max = 3) int r,
      @ForAll @DoubleRange(min = -1.5, max = 1.5) double a0,
      @ForAll @DoubleRange(min = -1.5, max = 1.5) double a1,
      @ForAll @DoubleRange(min = -1.5, max = 1.5) double a2,
      @ForAll @DoubleRange(min = -1, max = 1) double c,
      @ForAll @IntRange(min = 0, max = 3) int k) {
    double[] a = r == 2 ? new double[] {a0, a1} : new double[] {a0, a1, a2};
    double n2 = NestedCubatureTest.dot(a, a);
    double tol = tolerance(k);
    // an absolute tolerance too: cos c·e^{−|a|²/2} may be tiny
    IntegrationResult res = RULE.integrate(analytic(r, z -> Math.cos(NestedCubatureTest.dot(a, z)
        + c)), Tolerance.of(tol, tol), CancellationToken.NONE);
    assertBounds(Math.cos(c) * Math.exp(-n2 / 2), res, tol, "E cos(a·z + c), a = "
        + java.util.Arrays.toString(a) + ", c = " + c);
  }

  /**
   * E tanh(a·z + 0.3)·tanh(b·z − 0.2)·tanh(c·z + 0.1) in 3-D, coefficients up to 1 (strip
   * half-width ≥ π/(2√3·1) ≈ 0.9 for the trapezoid's step 1/4: its error e^{−2π·0.9·4} ≈ 10⁻¹⁰
   * is checked by comparing with step 1/6, which must agree to 10⁻¹²).
   */
  @Property(tries = 6)
  void productsOfTanhAgainstTheTrapezoidalRule(
      @ForAll @DoubleRange(min = -0.6, max = 0.6) double p,
      @ForAll @DoubleRange(min = -0.6, max = 0.6) double q,
      @ForAll @IntRange(min = 0, max = 2) int k) {
    double[][] m = {{0.5 + p, 0.4, -0.2}, {0.3, -0.6 + q, 0.5}, {-0.2, 0.4 * q, 0.6 + p}};
    java.util.function.ToDoubleFunction<double[]> f = z -> Math.tanh(NestedCubatureTest.dot(m[0],
        z) + 0.3) * Math.tanh(NestedCubatureTest.dot(m[1], z) - 0.2)
        * Math.tanh(NestedCubatureTest.dot(m[2], z) + 0.1);
    double truth = Reference.trapezoid(3, f, 0.25, 8.5);
    double finer = Reference.trapezoid(3, f, 1.0 / 6, 8.5);
    assertEquals(finer, truth, 1e-12, "the reference converged");
    double tol = tolerance(k);
    IntegrationResult res = RULE.integrate(analytic(3, f), Tolerance.of(tol * 0.1, tol),
        CancellationToken.NONE);
    assertBounds(truth, res, tol, "E tanh·tanh·tanh");
  }

  @Test
  void aLooseToleranceCostsLessThanTheFirstAdaptivePartition() {
    // the first partition of the adaptive rule alone is 168³ ≈ 4.7·10⁶ evaluations in 3-D; the
    // ladder's first two rungs are 30³ = 27 000
    double[] a = {0.7, -0.5, 0.4};
    IntegrationResult res = RULE.integrate(analytic(3, z -> Math.exp(NestedCubatureTest.dot(a,
        z))), Tolerance.of(0, 1e-6), CancellationToken.NONE);
    assertTrue(res.evaluations() < 168L * 168 * 168, res.toString());
    assertTrue(Math.abs(res.value() - Math.exp(NestedCubatureTest.dot(a, a) / 2))
        <= res.error(), res.toString());
  }

  @Test
  void theLadderGivesUpOnMassBeyondItsNodes() {
    // e^{9z}·φ peaks at z = 9, beyond the 40-node rule's last node (8.1): the adaptive rule
    // must take over, and E e^{9z} = e^{40.5} is still right
    IntegrationResult res = RULE.integrate(analytic(2, z -> Math.exp(9 * z[0] + 0.1 * z[1])),
        Tolerance.of(0, 1e-8), CancellationToken.NONE);
    double truth = Math.exp(0.5 * (81 + 0.01));
    assertBounds(truth, res, 1e-8, "E e^{9 z0 + 0.1 z1}");
  }
}
