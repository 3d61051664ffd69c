package org.tpe.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.model.Program;
import org.tpe.sim.FiniteWidthSimulator;
import org.tpe.sim.SimulationOptions;

/**
 * Point masses and supports of the densities every engine draws ({@link Histogram.Binning}):
 * relu(Z) has P = 1/2 at 0, step(Z) is two atoms of 1/2, exp(Z) lives on (0, ∞). A sampled mass p̂
 * of N draws has standard error √(p(1−p)/N); 5 of them bound it (a false failure has probability
 * below 1e-6 per check).
 */
class HistogramAtomsTest {
  private static final Program RELU = TpParser.parse("input u : G(n) ~ N(0, 1)\nx := relu(u)\n");
  private static final Program STEP = TpParser.parse("input u : G(n) ~ N(0, 1)\nx := step(u)\n");
  private static final Program EXP = TpParser.parse("input u : G(n) ~ N(0, 1)\nx := exp(u)\n");

  private static Histogram particle(Program p, int samples) {
    return Limits.compute(p, LimitOptions.defaults().withEngine(LimitOptions.Engine.PARTICLE)
        .withSamples(samples).withHistogramBins(40)).vectors().get("x").histogram();
  }

  private static Histogram simulated(Program p, int n) {
    return FiniteWidthSimulator.simulate(p, SimulationOptions.of(n, 7L)).vectors().get("x")
        .histogram();
  }

  private static double bins(Histogram h) {
    double[] e = h.edges();
    double[] d = h.density();
    double m = 0;
    for (int i = 0; i < d.length; i++) {
      m += d[i] * (e[i + 1] - e[i]);
    }
    return m;
  }

  @Test
  void aGaussianSampleHasNoAtomsAndBinsOverMeanPlusMinusFourAndAHalfSd() {
    SplittableRandom r = new SplittableRandom(1);
    double[] x = new double[20_000];
    for (int i = 0; i < x.length; i++) {
      x[i] = 3 + 2 * (r.nextDouble() + r.nextDouble() + r.nextDouble() - 1.5) * 2;
    }
    Histogram.Binning b = Histogram.Binning.of(x, 30);
    assertEquals(0, b.atoms().length);
    Histogram h = Histogram.ofSample(x, 30);
    assertEquals(1.0, bins(h), 1e-9, "every draw lies in the clipped range");
  }

  @Test
  void reluHasAnAtomOfHalfAtZeroInEveryEngine() {
    int[] draws = {1 << 15, 4096};
    Histogram[] hs = {particle(RELU, draws[0]), simulated(RELU, draws[1])};
    for (int k = 0; k < 2; k++) {
      Histogram h = hs[k];
      assertEquals(1, h.atoms().size(), "atoms " + h.atoms());
      assertEquals(0.0, h.atoms().get(0).value());
      assertEquals(0.5, h.atoms().get(0).mass(), 5 * Math.sqrt(0.25 / draws[k]));
      assertEquals(0.0, h.edges()[0], "the bins start at the support's edge, 0");
      // bins + atom hold all the mass: relu(Z) < 4.5 sd above its mean with probability > 0.999
      assertEquals(1.0, bins(h) + h.atoms().get(0).mass(), 2e-3);
    }
  }

  @Test
  void stepIsTwoAtomsAndNoDensity() {
    int n = 1 << 14;
    Histogram h = particle(STEP, n);
    assertEquals(2, h.atoms().size(), "atoms " + h.atoms());
    assertEquals(0.0, h.atoms().get(0).value());
    assertEquals(1.0, h.atoms().get(1).value());
    assertEquals(0.5, h.atoms().get(0).mass(), 5 * Math.sqrt(0.25 / n));
    assertEquals(1.0, h.atoms().get(0).mass() + h.atoms().get(1).mass(), 1e-12);
    assertEquals(0.0, bins(h), 1e-12);
  }

  @Test
  void aPositiveVariableGetsNoNegativeRange() {
    // exp(Z): mean e^{1/2} ≈ 1.65, sd ≈ 2.16, so mean − 4.5 sd ≈ −8.1; the bins must start at the
    // smallest draw instead, which is positive
    for (Histogram h : List.of(particle(EXP, 1 << 14), simulated(EXP, 4096),
        Limits.compute(EXP, LimitOptions.defaults().withEngine(LimitOptions.Engine.EXACT))
            .vectors().get("x").histogram())) {
      assertNotNull(h);
      assertTrue(h.edges()[0] > 0, "lower edge " + h.edges()[0]);
      assertTrue(h.atoms().isEmpty(), "exp(Z) is continuous: " + h.atoms());
    }
  }

  @Test
  void atomsSurviveTheJsonRoundTrip() {
    CoordinateStatistics s = Limits.compute(RELU, LimitOptions.defaults()
        .withEngine(LimitOptions.Engine.PARTICLE).withSamples(1 << 12).withHistogramBins(20));
    CoordinateStatistics back = StatisticsJson.parse(StatisticsJson.write(s));
    assertEquals(s.vectors().get("x").histogram(), back.vectors().get("x").histogram());
    assertEquals(1, back.vectors().get("x").histogram().atoms().size());
  }
}
