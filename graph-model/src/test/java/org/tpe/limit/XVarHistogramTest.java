package org.tpe.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;

/**
 * The deterministic engine histograms an X-var from exact Gaussian draws of the G-vars it reads.
 * For x = relu(u), u ~ N(0, 4), a bin [a, b) with a > 0 holds mass Φ(b/2) − Φ(a/2) exactly; the
 * sampled mass p̂ has standard error √(p(1−p)/N), so 5 standard errors bound each bin (a false
 * failure over the ~20 bins checked has probability about 1e-5); the point mass P(Z = 0) = 1/2 is
 * an atom, not a bin.
 */
class XVarHistogramTest {
  @Test
  void reluHistogramMatchesTheExactBinMasses() {
    CoordinateStatistics s = Limits.compute(TpParser.parse(
        "input u : G(n) ~ N(0, 4)\nx := relu(u)\n"),
        LimitOptions.defaults().withEngine(LimitOptions.Engine.EXACT));
    assertEquals("exact", s.method());
    Histogram h = s.vectors().get("x").histogram();
    assertNotNull(h, "X-vars have a histogram");
    double[] e = h.edges();
    double[] d = h.density();
    NormalDistribution z = new NormalDistribution(0, 2);
    int n = 1 << 15;
    int checked = 0;
    for (int k = 0; k < d.length; k++) {
      if (e[k] <= 0) {
        continue;
      }
      double p = z.cumulativeProbability(e[k + 1]) - z.cumulativeProbability(e[k]);
      double pHat = d[k] * (e[k + 1] - e[k]);
      assertEquals(p, pHat, 5 * Math.sqrt(p * (1 - p) / n) + 1e-12, "bin " + k);
      checked++;
    }
    assertTrue(checked >= 10, "bins checked: " + checked);
    // the atom at 0 carries half the mass, split off the bins (the bins hold the other half)
    assertEquals(1, h.atoms().size(), "atoms: " + h.atoms());
    assertEquals(0.0, h.atoms().get(0).value());
    assertEquals(0.5, h.atoms().get(0).mass(), 5 * Math.sqrt(0.25 / n));
  }
}
