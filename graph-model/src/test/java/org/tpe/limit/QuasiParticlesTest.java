package org.tpe.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tpe.model.Program;

/**
 * The particle engine on quasi-random particles ({@link LimitOptions.Engine#QUASI}) against the
 * exact engine on one SGD step of the μP MLP of seeds/004 (the {@code sgd-step-mup} sample: W
 * meets Wᵀ, so ZDot is present; the exact engine's stated errors are ≤ 10⁻⁸ there): every scalar
 * and every second moment within 6 of the quasi-random standard errors (the spread of 16
 * independent randomizations: (estimate − truth)/SE is then close to a Student t with 15 degrees
 * of freedom, |t| &gt; 6 with probability ≈ 2·10⁻⁵ per comparison) plus the exact engine's own
 * error; and the quasi-random errors far below the pseudo-random particles' at the same N.
 */
class QuasiParticlesTest {
  static Program program;
  static CoordinateStatistics exact;
  static CoordinateStatistics quasi;
  static CoordinateStatistics particle;

  @BeforeAll
  static void compute() {
    program = ZDotChecksTest.load("sgd-step-mup.tp");
    exact = Limits.compute(program, LimitOptions.defaults().withEngine(LimitOptions.Engine.EXACT)
        .withHistogramBins(0));
    quasi = Limits.compute(program, LimitOptions.defaults().withEngine(LimitOptions.Engine.QUASI)
        .withHistogramBins(0));
    particle = Limits.compute(program, ZDotChecksTest.particle(LimitOptions.DEFAULT_SAMPLES)
        .withHistogramBins(0));
  }

  private static void close(String what, Estimate want, Estimate got) {
    assertTrue(Double.isFinite(want.error()) && want.error() < 1e-6, what + ": exact " + want);
    double allowed = 6 * got.error() + want.error() + 1e-12;
    assertTrue(Math.abs(got.value() - want.value()) <= allowed, what + ": quasi-random " + got
        + ", exact " + want + " (allowed " + allowed + ")");
  }

  @Test
  void everyScalarAndSecondMomentIsTheExactEnginesWithinItsError() {
    assertEquals(exact.scalars().keySet(), quasi.scalars().keySet());
    for (Map.Entry<String, Estimate> e : exact.scalars().entrySet()) {
      close(e.getKey(), e.getValue(), quasi.scalars().get(e.getKey()));
    }
    int pairs = 0;
    for (String a : program.vectors()) {
      for (String b : program.vectors()) {
        close("E[" + a + " " + b + "]", exact.secondMoment(a, b), quasi.secondMoment(a, b));
        pairs++;
      }
    }
    assertTrue(pairs > 100, "pairs compared: " + pairs);
    assertTrue(quasi.notes().stream().anyMatch(n -> n.contains("quasi-random samples")),
        String.valueOf(quasi.notes()));
  }

  @Test
  void quasiRandomErrorsAreFarBelowThePseudoRandomOnesAtTheSameN() {
    double q = 0;
    double p = 0;
    for (String s : exact.scalars().keySet()) {
      q = Math.max(q, quasi.scalars().get(s).error());
      p = Math.max(p, particle.scalars().get(s).error());
    }
    assertTrue(q > 0, "a Monte Carlo number carries an error");
    assertTrue(q < p / 5, "largest error: quasi-random " + q + ", pseudo-random " + p);
  }

  /**
   * More MatMuls than one point set has columns ({@link
   * org.tpe.limit.integrate.QuasiNormals#MAX_DIMENSION}): the directions beyond are
   * pseudo-random, and the run still meets the closed form. A ReLU chain with σ_W² = 2 keeps
   * E[(Z^{x_l})²] = E[(Z^{x_0})²] = 1 at every depth (E relu(σ z)² = σ²/2); one matrix per layer
   * so that every layer opens a new direction.
   */
  @Test
  void aProgramWithMoreDirectionsThanColumnsTakesTheRestPseudoRandomly() {
    int depth = org.tpe.limit.integrate.QuasiNormals.MAX_DIMENSION + 40;
    StringBuilder t = new StringBuilder("input x0 : G(n) ~ N(0, 1)\n");
    for (int l = 1; l <= depth; l++) {
      t.append("input W").append(l).append(" : A(n, n) ~ N(0, 2/n)\n");
    }
    for (int l = 1; l <= depth; l++) {
      t.append("h").append(l).append(" := W").append(l).append(" x").append(l - 1).append('\n');
      t.append("x").append(l).append(" := relu(h").append(l).append(")\n");
    }
    t.append("output x").append(depth).append('\n');
    Program p = org.tpe.format.TpParser.parse(t.toString());
    CoordinateStatistics q = Limits.compute(p, LimitRequest.outputs(), LimitOptions.defaults()
        .withEngine(LimitOptions.Engine.QUASI).withSamples(1 << 12).withHistogramBins(0),
        ProgressListener.NONE, CancellationToken.NONE);
    Estimate e = q.secondMoment("x" + depth, "x" + depth);
    assertTrue(e.error() > 0 && Math.abs(e.value() - 1) <= 6 * e.error(), "E[x_L²] = " + e);
  }
}
