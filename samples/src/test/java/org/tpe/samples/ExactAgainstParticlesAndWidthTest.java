package org.tpe.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.Estimate;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.Limits;
import org.tpe.model.Program;
import org.tpe.sim.FiniteWidthSimulator;
import org.tpe.sim.SimulationOptions;

/**
 * sgd-step-mup (ZDot present: W meets Wᵀ) and the GRU over two steps are computed by the exact
 * engine with a stated error ≤ 1e-5 on every quantity, and agree with the particle engine (2¹⁷
 * particles, within 6 standard errors of both) and with a finite-width run at n = 4096 (within 6
 * coordinate standard errors plus a 4/n allowance for the O(1/n) bias of the moments).
 */
class ExactAgainstParticlesAndWidthTest {
  @ParameterizedTest
  @ValueSource(strings = {"sgd-step-mup", "gru"})
  void exactLimitsAgreeWithParticlesAndAFiniteWidthRun(String name) {
    Program p = Samples.get(name).program();
    CoordinateStatistics exact = Limits.compute(p, LimitOptions.defaults()
        .withEngine(LimitOptions.Engine.EXACT).withHistogramBins(0));
    assertEquals("exact", exact.method());
    CoordinateStatistics particle = Limits.compute(p, LimitOptions.defaults()
        .withEngine(LimitOptions.Engine.PARTICLE).withSamples(1 << 17).withHistogramBins(0));
    CoordinateStatistics sim = FiniteWidthSimulator.simulate(p, SimulationOptions.of(4096, 3));
    List<String> bad = new ArrayList<>();
    for (String a : p.vectors()) {
      for (String b : p.vectors()) {
        compare(bad, "E[" + a + " " + b + "]", exact.secondMoment(a, b),
            particle.secondMoment(a, b), sim.secondMoment(a, b));
      }
    }
    for (String s : p.scalars()) {
      compare(bad, s, exact.scalars().get(s), particle.scalars().get(s), sim.scalars().get(s));
    }
    assertTrue(bad.isEmpty(), name + ": " + bad);
  }

  private static void compare(List<String> bad, String what, Estimate e, Estimate q,
      Estimate s) {
    if (!(e.error() <= 1e-5)) {
      bad.add(what + ": stated error " + e.error() + " above 1e-5");
    }
    if (!(Math.abs(e.value() - q.value()) <= 6 * (e.error() + q.error()) + 1e-12)) {
      bad.add(what + ": exact " + e + " vs particle " + q);
    }
    if (!(Math.abs(e.value() - s.value()) <= 6 * s.error() + 4.0 / 4096 + 1e-12)) {
      bad.add(what + ": exact " + e + " vs n = 4096 " + s);
    }
  }
}
