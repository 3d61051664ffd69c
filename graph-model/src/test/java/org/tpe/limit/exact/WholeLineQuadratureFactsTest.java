package org.tpe.limit.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.Estimate;

/**
 * The numbers of the old ±10σ quadrature (which cut the line and stated errors that did not cover
 * the cut), now through the exact engine's integrator on integrands it does <em>not</em>
 * recognise as closed forms (an exp of a non-linear argument, a relu of a quotient), each against
 * its truth: the value within the stated error, the stated error small.
 */
class WholeLineQuadratureFactsTest {
  static void assertWithinStated(double truth, Estimate e, double maxRelative, String what) {
    double err = Math.abs(e.value() - truth);
    assertTrue(err <= e.error() + 4 * Math.ulp(truth), what + ": true error " + err
        + " above the stated " + e.error() + " (" + e + " vs " + truth + ")");
    assertTrue(e.error() <= maxRelative * Math.abs(truth), what + ": stated error " + e.error()
        + " above " + maxRelative + " relative");
  }

  /**
   * E[exp(b + 0·tanh b)²] = E e^{2b} = e^{2 var}: the factor 0·tanh b hides the exponential from
   * the closed forms, so this is a 1-D quadrature of e^{2σz} whose mass sits at z = 2σ (8σ at var
   * 16, beyond the old ±10σ cut once var ≥ 25/…: at var 14 the old rule lost 0.6 %).
   */
  @ParameterizedTest(name = "var {0}")
  @ValueSource(doubles = {1, 14, 16, 20})
  void expOfANonLinearSpellingIsEToTwiceTheVariance(double var) {
    CoordinateStatistics s = ZDotExactFactsTest.exact("input b : G(n) ~ N(0, " + var + ")\n"
        + "m := avg(exp(b + 0*tanh(b))^2)\n");
    Estimate m = s.scalars().get("m");
    assertWithinStated(Math.exp(2 * var), m, 1e-9, "E exp(b)² at var " + var);
    // not a closed form: the integrator did it
    assertTrue(s.notes().stream().anyMatch(n -> n.matches(".* [1-9][0-9]* by quadrature.*")),
        s.notes().toString());
  }

  /**
   * A batch of two normalised with ε = 10⁻⁸: x = relu(c/√(c² + ε)), c = (h1 − h2)/2 ~ N(0, τ²),
   * a step of width 10⁻⁴ at c = 0. E x² = ½ E[c²/(c² + ε)] = ½(1 − ε E[1/(c² + ε)]), and for c ~
   * N(0, τ²), E[1/(c² + a²)] = √(π/2)/(aτ) · e^{a²/(2τ²)} erfc(a/(τ√2)) (the Gaussian's
   * Stieltjes transform on the imaginary axis). The old rule was off by 2.5·10⁻⁵ here while
   * claiming 10⁻¹¹.
   */
  @Test
  void batchNormOfTwoWithTinyEpsilonMatchesItsClosedForm() {
    double eps = 1e-8;
    CoordinateStatistics s = ZDotExactFactsTest.exact("input h1 : G(n) ~ N(0, 1)\n"
        + "input h2 : G(n) ~ N(0, 1)\ncov(h1, h2) = 0.36\n"
        + "x1 := relu((h1 - (h1 + h2)/2) / sqrt(((h1 - (h1 + h2)/2)^2 + (h2 - (h1 + h2)/2)^2)/2"
        + " + " + eps + "))\n");
    // Var(h1 − h2) = 2 − 2·0.36, so τ² = Var c = (2 − 0.72)/4
    double tau = Math.sqrt((2 - 0.72) / 4);
    double a = Math.sqrt(eps);
    double inv = Math.sqrt(Math.PI / 2) / (a * tau) * Math.exp(a * a / (2 * tau * tau))
        * org.apache.commons.math3.special.Erf.erfc(a / (tau * Math.sqrt(2)));
    double truth = 0.5 * (1 - eps * inv);
    assertWithinStated(truth, s.secondMoment("x1", "x1"), 1e-9, "E x1²");
    // E[x1 (h1 − h2)] = 2 E[x1 c] = E[c²/√(c² + ε)] (relu keeps c > 0, and the law of c is
    // symmetric), against Simpson's rule written here, fine across the step
    double ec = simpson(c -> c * c / Math.sqrt(c * c + eps) * Math.exp(-c * c / (2 * tau * tau)),
        tau) / (tau * Math.sqrt(2 * Math.PI)) / 2;
    Estimate xh1 = s.secondMoment("x1", "h1");
    Estimate xh2 = s.secondMoment("x1", "h2");
    double diff = xh1.value() - xh2.value();
    assertEquals(2 * ec, diff, xh1.error() + xh2.error() + 1e-11, "E[x1 (h1 − h2)]");
  }

  /**
   * ∫ g over [−14τ, 14τ] by composite Simpson in three parts, the middle [−0.01, 0.01] with a
   * step of 10⁻⁶ (the step of width 10⁻⁴ at 0 is resolved; each part's error ~h⁴·g'''' is far
   * below 10⁻¹²).
   */
  private static double simpson(java.util.function.DoubleUnaryOperator g, double tau) {
    return simpson(g, -14 * tau, -0.01, 200000) + simpson(g, -0.01, 0.01, 20000)
        + simpson(g, 0.01, 14 * tau, 200000);
  }

  private static double simpson(java.util.function.DoubleUnaryOperator g, double a, double b,
      int m) {
    double h = (b - a) / m;
    double sum = 0;
    for (int i = 0; i <= m; i++) {
      double w = i == 0 || i == m ? 1 : i % 2 == 1 ? 4 : 2;
      sum += w * g.applyAsDouble(a + i * h);
    }
    return sum * h / 3;
  }
}
