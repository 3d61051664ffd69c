package org.tpe.limit.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.Estimate;

/**
 * The errors the exact engine states for quadratures (2-D and 3-D, smooth and kinked) bound the
 * true error, on expectations with closed forms written here.
 */
class StatedErrorsBoundTheTrueErrorTest {
  static void assertBounded(double truth, Estimate e, String what) {
    double err = Math.abs(e.value() - truth);
    assertTrue(err <= e.error() + 1e-14 * Math.max(1, Math.abs(truth)), what + ": true error "
        + err + " above the stated " + e.error());
    assertTrue(err <= 1e-6 * Math.max(1, Math.abs(truth)), what + ": " + e + " vs " + truth);
  }

  @Test
  void gaussianBumpsInTwoAndThreeDimensions() {
    // E exp(−Σ yᵢ²) = det(I + 2C)^{-1/2} for y ~ N(0, C); nonlinear arguments make these opaque
    CoordinateStatistics s = ZDotExactFactsTest.exact("input a : G(n) ~ N(0, 1)\n"
        + "input b : G(n) ~ N(0, 0.8)\ninput c : G(n) ~ N(0, 1.2)\ncov(a, b) = 0.3\n"
        + "cov(b, c) = -0.4\ncov(a, c) = 0.2\nm2 := avg(exp(-a^2) * exp(-b^2))\n"
        + "m3 := avg(exp(-a^2) * exp(-b^2) * exp(-c^2))\n");
    double[][] c = {{1, 0.3, 0.2}, {0.3, 0.8, -0.4}, {0.2, -0.4, 1.2}};
    double det2 = (1 + 2 * c[0][0]) * (1 + 2 * c[1][1]) - 4 * c[0][1] * c[0][1];
    assertBounded(1 / Math.sqrt(det2), s.scalars().get("m2"), "2-D");
    double[][] m = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        m[i][j] = (i == j ? 1 : 0) + 2 * c[i][j];
      }
    }
    double det3 = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
        - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    assertBounded(1 / Math.sqrt(det3), s.scalars().get("m3"), "3-D");
  }

  @Test
  void productOfAbsoluteValuesHasTheArcSineClosedForm() {
    // E|a||b| = (2/π)(√(1 − ρ²) + ρ asin ρ) for unit variances: kinks on both axes
    double rho = 0.6;
    CoordinateStatistics s = ZDotExactFactsTest.exact("input a : G(n) ~ N(0, 1)\n"
        + "input b : G(n) ~ N(0, 1)\ncov(a, b) = 0.6\nx := abs(a)\ny := abs(b)\n");
    double truth = 2 / Math.PI * (Math.sqrt(1 - rho * rho) + rho * Math.asin(rho));
    Estimate e = s.secondMoment("x", "y");
    assertBounded(truth, e, "E|a||b|");
    assertEquals(1.0, s.secondMoment("x", "x").value(), 1e-12, "E a² = 1");
  }
}
