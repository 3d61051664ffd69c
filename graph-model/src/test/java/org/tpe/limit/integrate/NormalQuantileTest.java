package org.tpe.limit.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

/**
 * AS 241 against Φ from Commons Math's erfc (an independent implementation, ≈ 10⁻¹⁵ relative in
 * both tails). A relative error δ in z = Φ⁻¹(p) moves Φ(z) by a relative z·(φ/Φ)(z)·|z|·δ ≤
 * (1 + z²)δ, so the round trip Φ(Φ⁻¹(p)) = p is checked to 2·10⁻¹⁵·(1 + z²).
 */
class NormalQuantileTest {
  private static double lowerTail(double z) {
    return 0.5 * Erf.erfc(-z / Math.sqrt(2));
  }

  @Test
  void roundTripIsAccurateFromTheCentreToTheSmallestDouble() {
    for (double e = -307; e <= Math.log10(0.5); e += 0.05) {
      double p = Math.pow(10, e);
      double z = NormalQuantile.of(p);
      double bound = 2e-15 * (1 + z * z);
      assertEquals(1, lowerTail(z) / p, bound, "p = " + p + ", z = " + z);
      // upper tail by symmetry: P(Z > −z) = p
      assertEquals(-z, NormalQuantile.ofUpper(p), 0, "upper tail");
    }
    for (double p = 0.01; p < 0.99; p += 0.0137) {
      double z = NormalQuantile.of(p);
      assertEquals(p, lowerTail(z), 2e-16 * (1 + z * z), "p = " + p);
    }
  }

  @Test
  void knownQuantiles() {
    assertEquals(0, NormalQuantile.of(0.5), 0);
    assertEquals(1.959963984540054, NormalQuantile.of(0.975), 2e-15);
    assertEquals(-1.959963984540054, NormalQuantile.of(0.025), 2e-15);
    assertEquals(1, NormalQuantile.of(lowerTail(1)), 2e-15);
    assertEquals(Double.NEGATIVE_INFINITY, NormalQuantile.of(0));
    assertEquals(Double.POSITIVE_INFINITY, NormalQuantile.of(1));
    // the deep tail: Φ(−37.5) = 4.6·10⁻³⁰⁸ (normal double); Φ⁻¹ keeps it
    assertEquals(-37.5, NormalQuantile.of(lowerTail(-37.5)), 1e-13);
  }

  @Test
  void isMonotoneAcrossTheBranchBoundaries() {
    // the rational approximations switch at |p − ½| = 0.425 and at r = √(−ln p) = 5
    double[] around = {0.075, 0.925, Math.exp(-25)};
    for (double b : around) {
      double prev = NormalQuantile.of(b * (1 - 1e-9));
      for (int i = -5; i <= 5; i++) {
        double z = NormalQuantile.of(b * (1 + i * 1e-10));
        assertTrue(z >= prev, "monotone near " + b);
        prev = z;
      }
    }
  }

  @Test
  void rejectsWhatIsNotAProbability() {
    for (double bad : new double[] {-0.1, 1.1, Double.NaN}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> NormalQuantile.of(bad));
      assertTrue(e.getMessage().contains("[0, 1]"), e.getMessage());
    }
  }
}
