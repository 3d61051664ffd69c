package org.tpe.limit.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * The quasi-random normal columns behind the quasi-random particles: the same points as the
 * cursor of {@link ScrambledSobol}, mapped by Φ⁻¹; and the randomized quasi-Monte Carlo estimate
 * they give, with the spread of independent randomizations as its error, on an expectation with
 * a closed form.
 */
class QuasiNormalsTest {
  @Test
  void aColumnIsOneCoordinateOfTheCursorsPointsThroughTheNormalQuantile() {
    int d = 6;
    int n = 3000; // not a power of two: the first n points
    QuasiNormals q = QuasiNormals.of(d, n, RandomSource.XO_RO_SHI_RO_128_PP.create(7L));
    ScrambledSobol.Cursor c = ScrambledSobol.random(d, RandomSource.XO_RO_SHI_RO_128_PP
        .create(7L)).cursor();
    double[][] points = new double[n][d];
    for (int s = 0; s < n; s++) {
      c.next(points[s], 0);
    }
    for (int j = 0; j < d; j++) {
      assertTrue(q.hasNext());
      double[] col = q.nextColumn();
      assertEquals(n, col.length);
      for (int s = 0; s < n; s++) {
        assertEquals(NormalQuantile.of(points[s][j]), col[s], 0, "point " + s + ", column " + j);
      }
    }
    assertFalse(q.hasNext());
    assertThrows(IllegalStateException.class, q::nextColumn);
  }

  @Test
  void columnsOfTwoToTheMPointsHitEveryNormalStratumOnce() {
    int n = 1 << 11;
    QuasiNormals q = QuasiNormals.of(4, n, RandomSource.XO_RO_SHI_RO_128_PP.create(3L));
    for (int j = 0; j < 4; j++) {
      int[] hits = new int[n];
      for (double z : q.nextColumn()) {
        // Φ(z) ∈ [k/n, (k+1)/n): the stratum k of probability 1/n
        hits[(int) Math.floor(org.apache.commons.math3.special.Erf.erfc(-z / Math.sqrt(2)) / 2
            * n)]++;
      }
      for (int k = 0; k < n; k++) {
        assertEquals(1, hits[k], "column " + j + ", stratum " + k);
      }
    }
  }

  /**
   * E Π_{i<6} cos(z_i) = e^{−3} (E cos z = e^{−1/2}) by 8 randomizations of 2¹² points: within
   * 4 of its standard errors (the spread of the randomizations), and that standard error below
   * half the one of 8·2¹² independent draws, √((E Π cos² − e^{−6})/N) with E cos² z = (1 +
   * e^{−2})/2 (measured: 2.8 times below; a product over all six coordinates is the hard case for
   * quasi-Monte Carlo, every interaction of order 6 present).
   */
  @Test
  void randomizedQuasiMonteCarloOfAProductOfCosinesMeetsItsClosedFormWithinItsError() {
    int d = 6;
    int n = 1 << 12;
    int b = 8;
    double[] est = new double[b];
    for (int r = 0; r < b; r++) {
      QuasiNormals q = QuasiNormals.of(d, n, RandomSource.XO_RO_SHI_RO_128_PP.create(100L + r));
      double[] prod = new double[n];
      java.util.Arrays.fill(prod, 1);
      for (int j = 0; j < d; j++) {
        double[] z = q.nextColumn();
        for (int s = 0; s < n; s++) {
          prod[s] *= Math.cos(z[s]);
        }
      }
      est[r] = java.util.Arrays.stream(prod).sum() / n;
    }
    double mean = java.util.Arrays.stream(est).sum() / b;
    double ss = 0;
    for (double e : est) {
      ss += (e - mean) * (e - mean);
    }
    double se = Math.sqrt(ss / (b - 1) / b);
    double want = Math.exp(-3);
    assertTrue(Math.abs(mean - want) <= 4 * se, mean + " ± " + se + " vs " + want);
    double iid = Math.sqrt((Math.pow((1 + Math.exp(-2)) / 2, d) - Math.exp(-6)) / (b * n));
    assertTrue(se < iid / 2, "quasi-random " + se + ", independent draws " + iid);
  }

  @Test
  void refusesEmptyPointSets() {
    assertThrows(IllegalArgumentException.class, () -> QuasiNormals.of(0, 8,
        RandomSource.XO_RO_SHI_RO_128_PP.create(1L)));
    assertThrows(IllegalArgumentException.class, () -> QuasiNormals.of(
        QuasiNormals.MAX_DIMENSION + 1, 8, RandomSource.XO_RO_SHI_RO_128_PP.create(1L)));
    assertThrows(IllegalArgumentException.class, () -> QuasiNormals.of(3, 0,
        RandomSource.XO_RO_SHI_RO_128_PP.create(1L)));
  }
}
