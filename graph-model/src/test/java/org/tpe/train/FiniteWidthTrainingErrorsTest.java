package org.tpe.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.Estimate;
import org.tpe.limit.ProgressListener;
import org.tpe.model.Program;

/**
 * The finite-width training figures' errors are the spread over seeds, and that spread is honest:
 * at step 0, h̄ = W x with W ~ N(0, 1/n) and x = tanh(e), e ~ N(0, 1), so E[(1/n)|h̄|²] =
 * E[(1/n)|x|²] = E[tanh(Z)²] at every width n (no finite-width bias: given x, each h̄_α is
 * N(0, |x|²/n)). Over independent groups of K = 4 seeds, (mean − E tanh²)/(s/√4) is then
 * Student-t with 3 degrees of freedom, outside ±3.182 in 5 % of the groups.
 */
class FiniteWidthTrainingErrorsTest {
  private static final int K = 4;
  private static final int GROUPS = 40;
  private static final double T3_975 = 3.182446305284263;

  /** E[tanh(Z)²], Z ~ N(0, 1), by composite Simpson on [−12, 12] (error far below 1e-12). */
  static double tanhSquared() {
    int m = 4000;
    double a = -12;
    double h = 24.0 / m;
    double s = 0;
    for (int i = 0; i <= m; i++) {
      double z = a + i * h;
      double f = Math.pow(Math.tanh(z), 2) * Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
      s += f * (i == 0 || i == m ? 1 : i % 2 == 1 ? 4 : 2);
    }
    return s * h / 3;
  }

  @Test
  void theStandardErrorOverSeedsCoversTheExactStepZeroSecondMoment() {
    Program network = TpParser.parse(
        FiniteWidthTrainingFactsTest.network("ntk", 0.5, -0.4, 0.5));
    double exact = tanhSquared();
    assertEquals(0.394294490397841, exact, 1e-12, "E[tanh(Z)²] (a known value)");
    int outside = 0;
    for (int g = 0; g < GROUPS; g++) {
      List<Long> seeds = LongStream.rangeClosed(1 + K * g, K * (g + 1)).boxed().toList();
      FiniteWidthTraining.Replicates r = FiniteWidthTraining.replicated(network, 128, seeds, 1,
          0, ProgressListener.NONE, CancellationToken.NONE);
      assertEquals(K, r.mean().replicates());
      for (TrainingTrajectory run : r.runs()) {
        assertTrue(run.square("hb", 0, 0).errorUnknown(), "one run has no error of its own");
        assertTrue(run.output(1, 0).errorUnknown());
      }
      Estimate m = r.mean().square("hb", 0, 0);
      double mean = 0;
      for (TrainingTrajectory run : r.runs()) {
        mean += run.square("hb", 0, 0).value() / K;
      }
      assertEquals(mean, m.value(), 1e-15, "the mean over the seeds");
      outside += Math.abs(m.value() - exact) > T3_975 * m.error() ? 1 : 0;
    }
    // Binomial(40, 0.05): mean 2; P(≥ 8) ≈ 1e-3 (and the seeds are fixed)
    assertTrue(outside <= 7, outside + " of " + GROUPS + " groups outside ±t_{3, 0.975}");
  }
}
