package org.tpe.train.bench;

import java.util.List;
import org.tpe.bench.Benchmark;
import org.tpe.bench.Timing;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.Estimate;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.Limits;
import org.tpe.train.UnrolledSgd;

/**
 * The limit of three μP SGD steps of the MLP of seeds/004 on two training inputs and one test
 * input ({@link TrainingBenchmarkNetwork}): the unrolled program derived and its limits computed
 * by the automatic engine asked for a relative accuracy of 1e-4 ({@link
 * LimitOptions#withTolerance}); target: every f_t and loss with a stated error ≤ 1e-4, in &lt;
 * 10 s. Reports the wall time (median of 3 after a warm-up), the CPU time of the process per run
 * (the mean over the same runs), the engine (with the exact engine's reason when it handed over
 * to particles) and the largest stated error.
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
    CoordinateStatistics[] last = new CoordinateStatistics[1];
    long cpu0 = org.tpe.limit.bench.SgdStepExactBenchmark.processCpu();
    Timing.Result t = Timing.measure(() -> last[0] = Limits.compute(r.program(), o), 1, 3);
    double cpuPerRun = (org.tpe.limit.bench.SgdStepExactBenchmark.processCpu() - cpu0) / 4e6;
    double worst = 0;
    String where = "";
    for (int s = 0; s <= r.steps(); s++) {
      for (int b = 0; b < r.inputs().size(); b++) {
        Estimate e = last[0].scalars().get(r.output(s, b));
        if (e.error() > worst) {
          worst = e.error();
          where = r.output(s, b);
        }
      }
      Estimate l = last[0].scalars().get(r.loss(s));
      if (l.error() > worst) {
        worst = l.error();
        where = r.loss(s);
      }
    }
    boolean met = worst <= 1e-4 && t.medianMs() < 10_000;
    String handover = last[0].notes().stream().filter(n -> n.contains("engine chosen"))
        .findFirst().orElse("");
    return List.of(t + String.format(" wall, %.0f ms CPU per run; ", cpuPerRun)
            + r.program().vectors().size() + " vectors, "
            + r.program().instructions().size() + " instructions; engine " + last[0].method()
            + (handover.isEmpty() ? "" : " (" + handover + ")"),
        String.format("largest stated error of f_t and the loss: %.2g (%s); target %s", worst,
            where, met ? "met" : "NOT met"),
        String.format("f_3(ξ1) = %s, f_3(ξ3) = %s", last[0].scalars().get(r.output(3, 0)),
            last[0].scalars().get(r.output(3, 2))));
  }
}
