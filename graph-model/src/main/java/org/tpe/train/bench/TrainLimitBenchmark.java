package org.tpe.train.bench;

import java.util.List;
import org.tpe.bench.Benchmark;
import org.tpe.bench.Timing;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.Estimate;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.ProgressListener;
import org.tpe.train.TrainingTrajectory;
import org.tpe.train.UnrolledSgd;

/**
 * The limit of three μP SGD steps of the MLP of seeds/004 on two training inputs and one test
 * input ({@link TrainingBenchmarkNetwork}): the unrolled program derived and its limit trajectory
 * computed as {@code tpe train} does ({@link TrainingTrajectory#limit}: the automatic engine, here
 * quasi-random particles, asked for an accuracy of 1e-4, {@link LimitOptions#withTolerance});
 * target: every f_t and loss with a stated error ≤ 1e-4, in &lt; 10 s. Reports the wall time
 * (median of 3 after a warm-up), the CPU time of the process per run (the mean over the same
 * runs), the method and the particles used, the largest stated error (one standard error) and
 * the largest 99 % half-width (the standard error times t₇(0.995)/t₇(0.841) for the 8
 * randomizations of {@link TrainingTrajectory#QUASI_BATCHES}).
 */
public final class TrainLimitBenchmark implements Benchmark {
  @Override
  public String name() {
    return "train-mup-limit";
  }

  @Override
  public String description() {
    return "limit of 3 μP SGD steps of the seeds/004 MLP on 2 training + 1 test input; target"
        + " error <= 1e-4 in < 10 s";
  }

  @Override
  public List<String> run() {
    UnrolledSgd.Result r = UnrolledSgd.limit(TrainingBenchmarkNetwork.program());
    LimitOptions o = LimitOptions.defaults().withHistogramBins(0).withTolerance(1e-4);
    TrainingTrajectory[] last = new TrainingTrajectory[1];
    long cpu0 = org.tpe.limit.bench.SgdStepExactBenchmark.processCpu();
    Timing.Result t = Timing.measure(() -> last[0] = TrainingTrajectory.limit(r, o,
        ProgressListener.NONE, CancellationToken.NONE), 1, 3);
    double cpuPerRun = (org.tpe.limit.bench.SgdStepExactBenchmark.processCpu() - cpu0) / 4e6;
    double worst = 0;
    String where = "";
    for (int s = 0; s <= r.steps(); s++) {
      for (int b = 0; b < r.inputs().size(); b++) {
        Estimate e = last[0].output(s, b);
        if (e.error() > worst) {
          worst = e.error();
          where = r.output(s, b);
        }
      }
      Estimate l = last[0].loss(s);
      if (l.error() > worst) {
        worst = l.error();
        where = r.loss(s);
      }
    }
    // the particles' ± is t_{B−1}(0.841) s/√B over B batches; a 99 % half-width t_{B−1}(0.995) s/√B
    org.apache.commons.math3.distribution.TDistribution tb =
        new org.apache.commons.math3.distribution.TDistribution(null,
            TrainingTrajectory.QUASI_BATCHES - 1);
    double to99 = tb.inverseCumulativeProbability(0.995)
        / tb.inverseCumulativeProbability(0.8413447460685429);
    boolean met = worst <= 1e-4 && t.medianMs() < 10_000;
    String how = last[0].notes().stream().filter(n -> n.startsWith("particle: N =")
        || n.startsWith("quasi-random particles")).reduce((a, b) -> a + "; " + b)
        .orElse("");
    return List.of(t + String.format(" wall, %.0f ms CPU per run; ", cpuPerRun)
            + r.program().vectors().size() + " vectors, "
            + r.program().instructions().size() + " instructions; method " + last[0].method()
            + (how.isEmpty() ? "" : " (" + how + ")"),
        String.format("largest stated error of f_t and the loss: %.2g (%s; a 99 %% half-width"
            + " %.2g); target %s", worst, where, worst * to99, met ? "met" : "NOT met"),
        String.format("f_3(ξ1) = %s, f_3(ξ3) = %s", last[0].output(3, 0),
            last[0].output(3, 2)));
  }
}
