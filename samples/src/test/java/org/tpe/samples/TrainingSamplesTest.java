package org.tpe.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tpe.derive.DerivationException;
import org.tpe.format.TpParser;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.Estimate;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.LimitRequest;
import org.tpe.limit.Limits;
import org.tpe.limit.ProgressListener;
import org.tpe.model.Program;
import org.tpe.ntk.Kernel;
import org.tpe.train.FiniteWidthTraining;
import org.tpe.train.Regime;
import org.tpe.train.TrainingAnalysis;
import org.tpe.train.TrainingReport;
import org.tpe.train.TrainingTrajectory;
import org.tpe.train.UnrolledSgd;

/**
 * The training samples: what each one's header says, checked — the hand-written {@code
 * sgd-step-mup} is the step the derivation generates for its network; the linear network's first
 * step has the closed form of its header; the NTK-parametrized MLP's limit is kernel gradient
 * descent; the μP MLP's limit is what a wide run does, and its features move; the standard one has
 * no limit but trains at finite width.
 */
class TrainingSamplesTest {
  /** The network whose one SGD step {@code sgd-step-mup} writes by hand (ξ₀ = 1, ξ₁ = −0.7). */
  static final String SGD_STEP_NETWORK = """
      input e : G(n) ~ N(0, 1)
      input W : A(n, n) ~ N(0, 1/n)
      input V : G(n) ~ N(0, 1)
      x := tanh(e)
      hb := W x
      xb := tanh(hb)
      parametrization mup
      inputs ξ0, ξ1
      gram ξ0 : 1, -0.7
      gram ξ1 : -0.7, 0.49
      embedding U : e
      param U, W, V
      readout V · xb
      train ξ0 : 0.5, ξ1 : -0.2
      steps 1
      """;

  private static LimitOptions options() {
    return LimitOptions.defaults().withSamples(1 << 17).withHistogramBins(0);
  }

  private static void close(List<String> bad, String what, Estimate a, Estimate b) {
    if (!(Math.abs(a.value() - b.value()) <= 4 * (a.error() + b.error()) + 1e-9)) {
      bad.add(what + ": " + a + " vs " + b);
    }
  }

  @Test
  void theDerivedStepHasTheLimitsOfTheHandWrittenSgdStepMup() {
    UnrolledSgd.Result r = UnrolledSgd.limit(TpParser.parse(SGD_STEP_NETWORK));
    String xb1 = r.vector("xb", 1, 1);
    String xb0 = r.vector("xb", 0, 0);
    // the pairs to compare (a program on two inputs has pairs the exact engine cannot integrate)
    CoordinateStatistics derived = Limits.compute(r.program(), LimitRequest.pairs(List.of(
        new LimitRequest.Pair(xb1, xb1), new LimitRequest.Pair(xb0, xb1))), options(),
        ProgressListener.NONE, CancellationToken.NONE);
    CoordinateStatistics sample = Limits.compute(Samples.get("sgd-step-mup").program(),
        options());
    // whichever engine the budget lets answer (the exact engine's 3-D integrals of this program
    // may exceed it, then the particles do): the two programs agree within their stated errors
    List<String> bad = new ArrayList<>();
    // the sample's f1 = f_1(ξ1), xb0 = x̄_0(ξ0), xb1 = x̄_1(ξ1), c01 = x_0(ξ0)ᵀx_1(ξ1)/n
    close(bad, "f1", sample.scalars().get("f1"), derived.scalars().get(r.output(1, 1)));
    close(bad, "f0", sample.scalars().get("f0"), derived.scalars().get(r.output(0, 0)));
    close(bad, "c01", sample.scalars().get("c01"), derived.scalars().get("cx_0_1'"));
    close(bad, "E[xb1 xb1]", sample.secondMoment("xb1", "xb1"), derived.secondMoment(xb1, xb1));
    close(bad, "E[xb0 xb1]", sample.secondMoment("xb0", "xb1"), derived.secondMoment(xb0, xb1));
    assertTrue(bad.isEmpty(), bad.toString());
  }

  @Test
  void theLinearNetworksFirstStepHasTheClosedFormOfItsHeader() {
    Program p = Samples.get("train-linear").program();
    UnrolledSgd.Result r = UnrolledSgd.limit(p);
    CoordinateStatistics st = Limits.compute(r.program(), options());
    // f_1(ξ) = η y₁ (σ_U² + σ_v²) G(ξ₁, ξ) after the step on ξ₁ (y₁ = 0.5, η = 0.3)
    double[] g = {1, 0.4, -0.3};
    for (int b = 0; b < 3; b++) {
      assertEquals(0.3 * 0.5 * (1.5 + 0.8) * g[b], st.scalars().get(r.output(1, b)).value(),
          1e-9, "f_1 on input " + (b + 1));
    }
    assertEquals((0.5 * 0.5 + 0.4 * 0.4) / 4, st.scalars().get(r.loss(0)).value(), 1e-12,
        "L_0 = mean of y²/2");
  }

  /**
   * One step (the exact engine's cost grows quickly with the steps: every MatMul's ZHat family
   * holds every step's δx on every input); the limit of the δ-program against kernel gradient
   * descent with the NTK computed by tpe ntk's own route (backward pass, instantiation, kernel
   * terms), within the sum of both stated errors.
   */
  @Test
  void theNtkMlpFollowsKernelGradientDescent() {
    Program p = new org.tpe.train.TrainingOverrides(1, null, null).applyTo(
        Samples.get("train-ntk-mlp").program());
    TrainingReport r = TrainingAnalysis.run(p, new TrainingAnalysis.Options(true, List.of(),
        List.of(), LimitOptions.defaults().withHistogramBins(0), 2, 0), ProgressListener.NONE,
        CancellationToken.NONE);
    assertEquals(Regime.Kind.KERNEL, r.regime().kind());
    assertTrue(r.limit().method().startsWith("exact"), r.limit().method());
    assertTrue(r.agreement().holds(), r.agreement().toString());
    assertEquals(0, r.agreement().unbounded(), "every entry checked: " + r.agreement());
    assertEquals("agree", r.agreement().verdict());
    assertTrue(r.agreement().allowance() < 1e-4, "a tight check: " + r.agreement());
    for (int b = 0; b < 3; b++) {
      assertTrue(Math.abs(r.kernelGd()[1][b].value()) > 0.05, "the step moved f");
      assertEquals(0, r.limit().movement(1).value(b, b), 0, "the features do not move");
    }
  }

  @Test
  void theMupMlpsLimitIsWhatAWideRunDoesAndItsFeaturesMove() {
    Program p = Samples.get("train-mup-mlp").program();
    UnrolledSgd.Result r = UnrolledSgd.limit(p);
    TrainingTrajectory lim = TrainingTrajectory.limit(r, options(), ProgressListener.NONE,
        CancellationToken.NONE);
    int n = 4096;
    // the mean over 4 seeds, whose standard error over seeds is an honest error (one run has none)
    TrainingTrajectory run = FiniteWidthTraining.replicated(p, n, List.of(1L, 2L, 3L, 4L), 2, 0,
        ProgressListener.NONE, CancellationToken.NONE).mean();
    List<String> bad = new ArrayList<>();
    for (int t = 0; t <= lim.steps(); t++) {
      for (int b = 0; b < lim.inputs().size(); b++) {
        Estimate l = lim.output(t, b);
        Estimate s = run.output(t, b);
        // 6 standard errors of the mean over seeds (Student-t with 3 degrees of freedom: beyond
        // 6 with probability ≈ 1 %) and of the limit, and the O(1/n) bias
        if (!(Math.abs(l.value() - s.value()) <= 6 * (l.error() + s.error()) + 4.0 / n)) {
          bad.add("f_" + t + "(" + lim.inputs().get(b) + "): limit " + l + ", n = 4096 " + s);
        }
      }
    }
    assertTrue(bad.isEmpty(), bad.toString());
    Kernel m = lim.movement(lim.steps());
    double worst = 0;
    for (int a = 0; a < m.size(); a++) {
      worst = Math.max(worst, Math.abs(m.value(a, a)) / m.error(a, a));
    }
    assertTrue(worst > 10, "the feature kernel moves: " + worst + " errors");
  }

  @Test
  void theTrainingBenchmarksTrainTheMupSample() {
    Program sample = Samples.get("train-mup-mlp").program();
    assertEquals(sample.toBuilder().title("").build(),
        org.tpe.train.bench.TrainingBenchmarkNetwork.program());
  }

  @Test
  void theStandardMlpHasNoLimitButTrainsAtFiniteWidth() {
    Program p = Samples.get("train-sp-mlp").program();
    DerivationException e = assertThrows(DerivationException.class, () -> UnrolledSgd.limit(p));
    assertTrue(e.getMessage().contains("n^0.5"), e.getMessage());
    TrainingTrajectory run = FiniteWidthTraining.run(p, 256, 1, 2, 0, ProgressListener.NONE,
        CancellationToken.NONE).trajectory();
    assertTrue(Double.isFinite(run.output(run.steps(), 0).value()));
  }
}
