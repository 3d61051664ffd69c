package org.tpe.limit.exact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link Lin#plus} merges the two increasing index lists; against the sum by a sorted map (what
 * it computed before), coefficient for coefficient and bit for bit: overlapping and disjoint
 * bases, a sum that cancels to 0 (dropped, as a -0.0), factors 0, −1 and others.
 */
class LinTest {
  /** this + s·o through a sorted map of the bases. */
  private static Lin plusByMap(Lin a, Lin o, double s) {
    TreeMap<Integer, Double> m = new TreeMap<>();
    for (int i = 0; i < a.idx().length; i++) {
      m.merge(a.idx()[i], a.coef()[i], Double::sum);
    }
    for (int i = 0; i < o.idx().length; i++) {
      m.merge(o.idx()[i], s * o.coef()[i], Double::sum);
    }
    m.values().removeIf(v -> v == 0);
    int[] ii = new int[m.size()];
    double[] cc = new double[m.size()];
    int k = 0;
    for (Map.Entry<Integer, Double> e : m.entrySet()) {
      ii[k] = e.getKey();
      cc[k++] = e.getValue();
    }
    return new Lin(ii, cc, a.c() + s * o.c());
  }

  private static Lin random(SplittableRandom r) {
    int n = r.nextInt(7);
    int[] idx = new int[n];
    double[] coef = new double[n];
    int at = r.nextInt(3);
    for (int i = 0; i < n; i++) {
      idx[i] = at;
      at += 1 + r.nextInt(3);
      coef[i] = r.nextInt(5) == 0 ? (r.nextBoolean() ? 0.5 : -0.5) : r.nextGaussian();
    }
    return new Lin(idx, coef, r.nextGaussian());
  }

  @Test
  void plusIsTheSumOfEveryBaseAsBySortedMap() {
    SplittableRandom r = new SplittableRandom(31);
    double[] factors = {1, -1, 0, 0.5, -2.25, 1e300};
    for (int trial = 0; trial < 20_000; trial++) {
      Lin a = random(r);
      Lin b = r.nextInt(4) == 0 ? a : random(r);
      double s = factors[r.nextInt(factors.length)];
      Lin want = plusByMap(a, b, s);
      Lin got = a.plus(b, s);
      assertArrayEquals(want.idx(), got.idx(), trial + "");
      assertEquals(want.coef().length, got.coef().length);
      for (int i = 0; i < want.coef().length; i++) {
        assertEquals(Double.doubleToRawLongBits(want.coef()[i]),
            Double.doubleToRawLongBits(got.coef()[i]), trial + ": " + i);
      }
      assertEquals(Double.doubleToRawLongBits(want.c()), Double.doubleToRawLongBits(got.c()));
    }
    Lin x = new Lin(new int[] {1, 4}, new double[] {0.5, 2}, 0);
    assertEquals(new Lin(new int[] {4}, new double[] {2}, 0),
        x.plus(new Lin(new int[] {1}, new double[] {0.5}, 0), -1), "a base that cancels goes");
  }
}
