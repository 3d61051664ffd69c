package org.tpe.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.Estimate;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.Limits;
import org.tpe.limit.ProgressListener;
import org.tpe.model.Program;
import org.tpe.sim.FiniteWidthSimulator;
import org.tpe.sim.SimulationOptions;

/**
 * The GRU over two steps and one SGD step of the μP MLP (sgd-step-mup: ZDot present, 3-D
 * expectations; seeds/004 eqs. 6–9) are computed by the exact engine with its default accuracy
 * and a stated error ≤ 1e-5 on every quantity, and agree with the particle engine (2¹⁷
 * particles, within 6 standard errors of both) and with a finite-width run at n = 1024
 * replicated over 16 seeds (within 6 of its standard errors s/√16 — z is close to Student-t₁₅,
 * P(|t| > 6) ≈ 2·10⁻⁵ — plus a 4/n allowance for the O(1/n) bias of the moments, which s/√16
 * does not include; as much drawing as one run at n = 4096).
 */
class ExactAgainstParticlesAndWidthTest {
  private static final int WIDTH = 1024;

  @ParameterizedTest
  @ValueSource(strings = {"gru", "sgd-step-mup"})
  void exactLimitsAgreeWithParticlesAndAFiniteWidthRun(String name) {
    Program p = Samples.get(name).program();
    CoordinateStatistics exact = Limits.compute(p, LimitOptions.defaults()
        .withEngine(LimitOptions.Engine.EXACT).withHistogramBins(0));
    assertEquals("exact", exact.method());
    CoordinateStatistics particle = Limits.compute(p, LimitOptions.defaults()
        .withEngine(LimitOptions.Engine.PARTICLE).withSamples(1 << 17).withHistogramBins(0));
    CoordinateStatistics sim = FiniteWidthSimulator.replicated(p, SimulationOptions.of(WIDTH, 3),
        16, ProgressListener.NONE, CancellationToken.NONE);
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
    if (!(Math.abs(e.value() - s.value()) <= 6 * s.error() + 4.0 / WIDTH + 1e-12)) {
      bad.add(what + ": exact " + e + " vs n = " + WIDTH + " " + s);
    }
  }
}
