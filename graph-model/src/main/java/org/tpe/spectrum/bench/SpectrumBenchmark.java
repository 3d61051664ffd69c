package org.tpe.spectrum.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.tpe.bench.Benchmark;
import org.tpe.format.TpParser;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.Limits;
import org.tpe.limit.ProgressListener;
import org.tpe.model.Program;
import org.tpe.spectrum.FiniteWidthJacobian;
import org.tpe.spectrum.FiniteWidthSpectrum;
import org.tpe.spectrum.FreeProbabilityModel;
import org.tpe.spectrum.FreeProduct;
import org.tpe.spectrum.Jacobian;
import org.tpe.spectrum.ProgramMoments;

/**
 * The Jacobian spectrum of a depth-5 ReLU MLP at σ² = 2 (the {@code spectrum-relu} sample's
 * network): τ_1 … τ_6 from the Jacobian program's limit (target &lt; 5 s) and from free
 * probability, the density on 400 points (target &lt; 1 s), and the singular values of J at n =
 * 1024 (target &lt; 5 s). Each figure is the median of 3 runs after a warm-up, as wall time and as
 * the process's CPU time (all threads: the particle engine uses several), so that a run on a
 * shared machine can be read.
 */
public final class SpectrumBenchmark implements Benchmark {
  @Override
  public String name() {
    return "spectrum";
  }

  @Override
  public String description() {
    return "Jacobian spectrum of a depth-5 ReLU MLP: moments k ≤ 6 (< 5 s), density on 400 "
        + "points (< 1 s), singular values at n = 1024 (< 5 s)";
  }

  static Program mlp() {
    StringBuilder b = new StringBuilder("input x : G(n) ~ N(0, 1)\n");
    for (int l = 1; l <= 5; l++) {
      b.append("input W").append(l).append(" : A(n, n) ~ N(0, 2/n)\n");
    }
    b.append("h1 := W1 x\n");
    for (int l = 1; l < 5; l++) {
      b.append("x").append(l).append(" := relu(h").append(l).append(")\nh").append(l + 1)
          .append(" := W").append(l + 1).append(" x").append(l).append('\n');
    }
    return TpParser.parse(b.toString());
  }

  @Override
  public List<String> run() {
    Program p = mlp();
    Jacobian j = Jacobian.of(p, null, null);
    List<String> out = new ArrayList<>();
    Object[] last = new Object[1];
    out.add("moments τ_1…τ_6 from the program (" + LimitOptions.defaults().threads()
        + " threads): " + measure(() -> ProgramMoments.compute(j, 6, LimitOptions.defaults()
        .withHistogramBins(0), ProgressListener.NONE, CancellationToken.NONE), last)
        + "; method " + ((ProgramMoments) last[0]).method());
    FreeProduct mu = FreeProduct.of(FreeProbabilityModel.of(j, Limits.compute(
        j.forwardProgram(), LimitOptions.defaults().withHistogramBins(0)), false).factors());
    out.add("moments τ_1…τ_6 by free probability: " + measure(() -> mu.moments(6), last));
    double[] grid = new double[400];
    double top = 1.1 * mu.lambdaMax();
    for (int i = 0; i < grid.length; i++) {
      grid[i] = top * (i + 0.5) / grid.length;
    }
    out.add("density on 400 points (Stieltjes inversion): " + measure(
        () -> mu.density(grid, CancellationToken.NONE), last));
    out.add("singular values of J at n = 1024 (draw, forward pass, 4 products, SVD): "
        + measure(() -> FiniteWidthJacobian.compute(j, 1024, 1, false,
        CancellationToken.NONE), last) + "; λ̂_max = " + String.format("%.3f",
        ((FiniteWidthSpectrum) last[0]).lambdaMax()) + " vs λ_max = " + String.format("%.3f",
        mu.lambdaMax()));
    return out;
  }

  /** Median wall and process-CPU milliseconds of 3 runs after one warm-up. */
  private static String measure(Supplier<Object> task, Object[] last) {
    last[0] = task.get();
    double[] wall = new double[3];
    double[] cpu = new double[3];
    for (int i = 0; i < 3; i++) {
      long c = cpuNanos();
      long t = System.nanoTime();
      last[0] = task.get();
      wall[i] = (System.nanoTime() - t) / 1e6;
      cpu[i] = (cpuNanos() - c) / 1e6;
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    return String.format("wall %.1f ms, CPU %.1f ms (medians of 3)", wall[1], cpu[1]);
  }

  private static long cpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }
}
