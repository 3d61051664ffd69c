package org.tpe.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.limit.gauss.GaussianIntegrals;

/** The law of D² = φ′(Z)² by quadrature, against closed forms. */
class DerivativeLawTest {
  static SpectralFactor.DiscreteLaw law(String d, double mean, double variance) {
    return DerivativeLaw.of("test", TpParser.parseExpression(d), "h", mean, variance);
  }

  @Test
  void reluDerivativeSquaredIsBernoulliWithTheMassOfTheHalfLine() {
    SpectralFactor.DiscreteLaw b = law("step(h)", 0, 2);
    assertEquals(2, b.atoms().length, "two atoms: 0 and 1");
    assertEquals(0.5, b.massAtZero(), 1e-15);
    for (int k = 1; k <= 63; k++) {
      assertEquals(0.5, b.moment(k), 1e-15, "E step(h)^" + k);
    }
    // off-centre, and a kink that is not at 0: relu(h − 0.5)′ = step(h − 0.5)
    SpectralFactor.DiscreteLaw c = law("step(h - 0.5)", 0.3, 2);
    double p = GaussianIntegrals.phiCdf((0.3 - 0.5) / Math.sqrt(2));
    assertEquals(p, c.moment(1), 1e-14);
    assertEquals(1 - p, c.massAtZero(), 1e-14);
  }

  @Test
  void erfDerivativeMomentsAreTheGaussianClosedForm() {
    // erf′(h)² = (4/π) e^{−2h²}: E (4/π)^k e^{−2k Z²} = (4/π)^k / √(1 + 4kq) for Z ~ N(0, q)
    for (double q : new double[] {0.05, 0.3, 2, 20}) {
      SpectralFactor.DiscreteLaw l = law("2/sqrt(pi)*exp(-h^2)", 0, q);
      // compressed to a Gauss rule (+ an atom at 0 where e^{−2h²} underflows, beyond 19.3)
      assertTrue(l.atoms().length <= DerivativeLaw.NODES + 1, "compressed to a Gauss rule");
      for (int k = 1; k <= DerivativeLaw.MAX_MOMENT; k++) {
        double exact = Math.pow(4 / Math.PI, k) / Math.sqrt(1 + 4 * k * q);
        assertEquals(exact, l.moment(k), 1e-11 * exact, "q=" + q + " k=" + k);
      }
      assertTrue(l.relativeError() < 1e-11, l.accuracy());
    }
  }

  @Test
  void tanhDerivativeMomentsMatchAnIndependentQuadrature() {
    // E sech(Z)^{4k}, Z ~ N(0.2, 0.7), by a composite Simpson rule on ±40σ written here
    double mean = 0.2;
    double var = 0.7;
    SpectralFactor.DiscreteLaw l = law("1 - tanh(h)^2", mean, var);
    double s = Math.sqrt(var);
    int n = 200000;
    double a = mean - 40 * s;
    double h = 80 * s / n;
    for (int k : new int[] {1, 2, 5, 20}) {
      double sum = 0;
      for (int i = 0; i <= n; i++) {
        double z = a + i * h;
        double c = 1 / Math.cosh(z);
        double f = Math.pow(c, 4 * k) * Math.exp(-0.5 * (z - mean) * (z - mean) / var)
            / Math.sqrt(2 * Math.PI * var);
        sum += f * (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2);
      }
      double simpson = sum * h / 3;
      assertEquals(simpson, l.moment(k), 1e-10 * simpson, "k=" + k);
    }
  }

  @Test
  void aZeroVarianceGivesAPointMass() {
    SpectralFactor.DiscreteLaw l = law("2/sqrt(pi)*exp(-h^2)", 0.5, 0);
    assertEquals(1, l.atoms().length);
    assertEquals(4 / Math.PI * Math.exp(-0.5), l.moment(1), 1e-15);
  }

  @Test
  void aDerivativeThatIsNotPolynomiallyBoundedIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> law("exp(h)", 0, 4));
    assertTrue(e.getMessage().contains("not polynomially bounded"), e.getMessage());
  }

  @Test
  void gaussRuleOfADiscreteMeasureKeepsItsMoments() {
    double[] x = new double[500];
    double[] w = new double[500];
    for (int i = 0; i < 500; i++) {
      x[i] = 0.01 + i / 250.0;
      w[i] = 1.0 / 500;
    }
    double[][] g = DerivativeLaw.gauss(x, w, 12);
    for (int k = 0; k <= 23; k++) {
      double exact = 0;
      double rule = 0;
      for (int i = 0; i < 500; i++) {
        exact += w[i] * Math.pow(x[i], k);
      }
      for (int i = 0; i < g[0].length; i++) {
        rule += g[1][i] * Math.pow(g[0][i], k);
      }
      assertEquals(exact, rule, 1e-12 * exact, "moment " + k);
    }
  }
}
