package org.tpe.limit.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.junit.jupiter.api.Test;

/**
 * The constants of the 21-point Kronrod rule and its derived null rules, checked against
 * properties that define them (a typo in one digit of a node or weight breaks one of these).
 */
class GaussKronrodRuleTest {
  /** ∫_{−1}^{1} x^k dx. */
  private static double moment(int k) {
    return k % 2 == 1 ? 0 : 2.0 / (k + 1);
  }

  private static double apply(double[] weights, int k) {
    double s = 0;
    for (int j = 0; j < GaussKronrodRule.SIZE; j++) {
      s += weights[j] * Math.pow(GaussKronrodRule.NODES[j], k);
    }
    return s;
  }

  @Test
  void kronrodIsExactToDegree31AndGaussToDegree19Only() {
    for (int k = 0; k <= 31; k++) {
      assertEquals(moment(k), apply(GaussKronrodRule.KRONROD, k), 1e-15, "Kronrod, x^" + k);
    }
    for (int k = 0; k <= 19; k++) {
      assertEquals(moment(k), apply(GaussKronrodRule.GAUSS, k), 1e-15, "Gauss, x^" + k);
    }
    // degree 20 is where the embedded rules part: their difference is the error estimate
    assertTrue(Math.abs(apply(GaussKronrodRule.GAUSS, 20) - moment(20)) > 1e-7);
    assertTrue(Math.abs(apply(GaussKronrodRule.KRONROD, 32) - moment(32)) > 1e-12);
  }

  @Test
  void theGaussNodesAreCommonsMathsTenPointLegendreRule() {
    GaussIntegrator legendre = new GaussIntegratorFactory().legendreHighPrecision(10);
    for (int i = 0; i < 10; i++) {
      // Commons Math lists them ascending, as the odd positions here are
      assertEquals(legendre.getPoint(i), GaussKronrodRule.NODES[2 * i + 1], 1e-15);
      assertEquals(legendre.getWeight(i), GaussKronrodRule.GAUSS[2 * i + 1], 1e-15);
    }
  }

  @Test
  void nullRulesVanishOnLowerDegreesAndMeasureTheirOwnLegendreComponent() {
    for (int m = GaussKronrodRule.FIRST_HIGH; m < GaussKronrodRule.SIZE; m++) {
      double[] row = GaussKronrodRule.HIGH[m - GaussKronrodRule.FIRST_HIGH];
      for (int k = 0; k < m; k++) {
        assertEquals(0, apply(row, k), 1e-11, "null rule " + m + " on x^" + k);
      }
      // on p_m itself (orthonormal Legendre) it returns 1, on p_n (n ≠ m, n ≤ 20) 0
      for (int n = 0; n < GaussKronrodRule.SIZE; n++) {
        double s = 0;
        for (int j = 0; j < GaussKronrodRule.SIZE; j++) {
          s += row[j] * GaussKronrodRule.orthonormalLegendre(GaussKronrodRule.NODES[j])[n];
        }
        assertEquals(n == m ? 1 : 0, s, 1e-12, "c_" + m + " of p_" + n);
      }
    }
  }

  @Test
  void endExtrapolationReproducesPolynomialsOfDegree20() {
    for (int k = 0; k <= 20; k++) {
      assertEquals(Math.pow(-1, k), apply(GaussKronrodRule.AT_LEFT, k), 1e-13, "x^" + k + " at −1");
      assertEquals(1, apply(GaussKronrodRule.AT_RIGHT, k), 1e-13, "x^" + k + " at +1");
    }
    double lebesgue = 0;
    for (double w : GaussKronrodRule.AT_RIGHT) {
      lebesgue += Math.abs(w);
    }
    assertTrue(lebesgue < 5, "well-conditioned extrapolation: " + lebesgue);
  }

  @Test
  void orthonormalLegendreIsOrthonormalUnderTheKronrodRule() {
    // K21 is exact for degree ≤ 31, so for m + n ≤ 31 the discrete inner product is exact
    for (int m = 0; m <= 15; m++) {
      for (int n = 0; m + n <= 31 && n <= 15; n++) {
        double s = 0;
        for (int j = 0; j < GaussKronrodRule.SIZE; j++) {
          double[] p = GaussKronrodRule.orthonormalLegendre(GaussKronrodRule.NODES[j]);
          s += GaussKronrodRule.KRONROD[j] * p[m] * p[n];
        }
        assertEquals(m == n ? 1 : 0, s, 1e-13, "<p_" + m + ", p_" + n + ">");
      }
    }
  }
}
