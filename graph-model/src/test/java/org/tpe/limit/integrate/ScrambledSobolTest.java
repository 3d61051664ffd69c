package org.tpe.limit.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.random.SobolSequenceGenerator;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** The Sobol points and the net structure that the linear scrambling must preserve. */
class ScrambledSobolTest {
  @Test
  void unscrambledPointsAreCommonsMathsSequenceAtCellCentres() {
    int d = 7;
    SobolSequenceGenerator reference = new SobolSequenceGenerator(d);
    ScrambledSobol.Cursor c = ScrambledSobol.plain(d).cursor();
    double[] x = new double[d];
    for (int n = 0; n < 5000; n++) {
      double[] ref = reference.nextVector();
      c.next(x, 0);
      for (int i = 0; i < d; i++) {
        assertEquals(ref[i] + 0x1p-53, x[i], 0, "point " + n + ", coordinate " + i);
      }
    }
  }

  @Test
  void everyCoordinateOfTheFirst2ToTheMPointsFillsEachIntervalOfWidth2ToTheMinusMOnce() {
    int d = 9;
    int m = 10;
    for (long seed = 1; seed <= 3; seed++) {
      ScrambledSobol.Cursor c = ScrambledSobol.random(d, RandomSource.XO_RO_SHI_RO_128_PP
          .create(seed)).cursor();
      int n = 1 << m;
      int[][] hits = new int[d][n];
      double[] x = new double[d];
      for (int k = 0; k < n; k++) {
        c.next(x, 0);
        for (int i = 0; i < d; i++) {
          assertTrue(x[i] > 0 && x[i] < 1);
          hits[i][(int) (x[i] * n)]++;
        }
      }
      for (int i = 0; i < d; i++) {
        for (int k = 0; k < n; k++) {
          assertEquals(1, hits[i][k], "seed " + seed + ", coordinate " + i + ", interval " + k);
        }
      }
    }
  }

  @Test
  void theFirstTwoCoordinatesStayA0m2NetAfterScrambling() {
    // Sobol's first two coordinates form a (0, m, 2)-net: every box [a/2^j, (a+1)/2^j) ×
    // [b/2^{m−j}, (b+1)/2^{m−j}) holds exactly one of the first 2^m points; linear scrambling
    // with a digital shift maps such boxes onto such boxes.
    int m = 8;
    int n = 1 << m;
    ScrambledSobol.Cursor c = ScrambledSobol.random(2, RandomSource.XO_RO_SHI_RO_128_PP
        .create(42L)).cursor();
    double[][] pts = new double[n][2];
    for (int k = 0; k < n; k++) {
      c.next(pts[k], 0);
    }
    for (int j = 0; j <= m; j++) {
      int[][] box = new int[1 << j][1 << (m - j)];
      for (double[] p : pts) {
        box[(int) (p[0] * (1 << j))][(int) (p[1] * (1 << (m - j)))]++;
      }
      for (int[] row : box) {
        for (int count : row) {
          assertEquals(1, count, "boxes 2^-" + j + " × 2^-" + (m - j));
        }
      }
    }
  }

  @Test
  void differentRandomizationsGiveDifferentPoints() {
    double[] a = new double[3];
    double[] b = new double[3];
    ScrambledSobol.random(3, RandomSource.XO_RO_SHI_RO_128_PP.create(1L)).cursor().next(a, 0);
    ScrambledSobol.random(3, RandomSource.XO_RO_SHI_RO_128_PP.create(2L)).cursor().next(b, 0);
    assertNotEquals(a[0], b[0]);
  }
}
