package org.tpe.limit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.model.Program;

/**
 * The particle engine's ± is not too small: over 120 seeds, the intervals value ± error and value
 * ± 2·error cover the known answers (W Wᵀ v: E[(Z^y)²] = 2σ⁴ = 4.5; E relu(u)² = 1/2) about as
 * often as 68.3% and 95.4% intervals should. With 240 intervals the observed coverage of a true
 * 68.3% interval has standard deviation 3.0%, of a 95.4% one 1.4%: the bounds 59% and 91% are 3
 * standard deviations below (a false failure has probability ≈ 1e-3); an error 20% too small
 * would cover only ≈ 59% and 91.4%.
 */
class ParticleErrorCoverageTest {
  @Test
  void particleErrorsCoverTheTrueValuesAsOftenAsTheyClaim() {
    Program p = TpParser.parse("input v : G(n) ~ N(0, 1)\ninput W : A(n, n) ~ N(0, 1.5/n)\n"
        + "input u : G(n)\ng := W^T v\ny := W g\nx := relu(u)\n");
    int in1 = 0;
    int in2 = 0;
    int total = 0;
    for (int seed = 1; seed <= 120; seed++) {
      CoordinateStatistics s = Limits.compute(p, LimitOptions.defaults()
          .withEngine(LimitOptions.Engine.PARTICLE).withSamples(1 << 12).withSeed(seed)
          .withHistogramBins(0).withThreads(1));
      for (Object[] q : new Object[][] {{s.secondMoment("y", "y"), 4.5},
          {s.secondMoment("x", "x"), 0.5}}) {
        Estimate e = (Estimate) q[0];
        double d = Math.abs(e.value() - (double) q[1]);
        in1 += d <= e.error() ? 1 : 0;
        in2 += d <= 2 * e.error() ? 1 : 0;
        total++;
      }
    }
    assertTrue(in1 >= 0.59 * total, "±1 error covers " + in1 + " of " + total);
    assertTrue(in2 >= 0.91 * total, "±2 errors cover " + in2 + " of " + total);
  }
}
