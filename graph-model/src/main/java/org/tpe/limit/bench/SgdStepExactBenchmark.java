package org.tpe.limit.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.tpe.bench.Benchmark;
import org.tpe.format.TpParser;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.Estimate;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.Limits;
import org.tpe.model.Program;

/**
 * The exact engine against the particle engine on the SGD-step sample (ZDot present; seeds/004
 * eqs. 6–9), in one run: the exact engine asked for a relative accuracy of 1e-6 ({@link
 * LimitOptions#withTolerance}), its time (wall, and CPU of the whole process, since its pair
 * table and quadratures run on several threads) and its largest stated error, which must be ≤
 * 1e-6; the particle engine's time at 2¹⁷ samples and its accuracy, measured against the exact
 * values (the largest |particle − exact| and the largest stated particle error).
 */
public final class SgdStepExactBenchmark implements Benchmark {
  @Override
  public String name() {
    return "limits-exact-sgd";
  }

  @Override
  public String description() {
    return "exact limits of the SGD-step sample to a stated error ≤ 1e-6 vs particles at 2^17"
        + " samples and their accuracy";
  }

  @Override
  public List<String> run() {
    Program p;
    try (InputStream in = getClass().getClassLoader()
        .getResourceAsStream(SgdStepParticleBenchmark.RESOURCE)) {
      if (in == null) {
        return List.of("skipped: " + SgdStepParticleBenchmark.RESOURCE + " is not on the class"
            + " path (run from tpe)");
      }
      p = TpParser.parse(in.readAllBytes());
    } catch (IOException e) {
      return List.of("skipped: cannot read the sample: " + e.getMessage());
    }
    LimitOptions exactOptions = LimitOptions.defaults().withEngine(LimitOptions.Engine.EXACT)
        .withHistogramBins(0).withTolerance(1e-6);
    long cpu0 = processCpu();
    long wall0 = System.nanoTime();
    CoordinateStatistics exact;
    try {
      exact = Limits.compute(p, exactOptions);
    } catch (org.tpe.limit.LimitException e) {
      // all pairs of the sample need 3-D integrals beyond the exact engine's run budget
      return List.of(String.format("exact: refused after %.0f ms CPU of the process"
          + " (%.0f ms wall): %s", (processCpu() - cpu0) / 1e6,
          (System.nanoTime() - wall0) / 1e6, e.getMessage()));
    }
    double exactCpu = (processCpu() - cpu0) / 1e6;
    double exactWall = (System.nanoTime() - wall0) / 1e6;
    double worstStated = 0;
    for (String a : p.vectors()) {
      for (String b : p.vectors()) {
        worstStated = Math.max(worstStated, exact.secondMoment(a, b).error());
      }
    }
    for (Estimate e : exact.scalars().values()) {
      worstStated = Math.max(worstStated, e.error());
    }
    LimitOptions po = LimitOptions.defaults().withEngine(LimitOptions.Engine.PARTICLE)
        .withSamples(1 << 17).withHistogramBins(0);
    Limits.compute(p, po); // warm-up
    long pc0 = processCpu();
    long pw0 = System.nanoTime();
    CoordinateStatistics particle = Limits.compute(p, po);
    double particleWall = (System.nanoTime() - pw0) / 1e6;
    double particleCpu = (processCpu() - pc0) / 1e6;
    double worstDiff = 0;
    double worstParticle = 0;
    for (String a : p.vectors()) {
      for (String b : p.vectors()) {
        Estimate q = particle.secondMoment(a, b);
        worstDiff = Math.max(worstDiff, Math.abs(q.value() - exact.secondMoment(a, b).value()));
        worstParticle = Math.max(worstParticle, q.error());
      }
    }
    return List.of(String.format("exact (tolerance 1e-6, first run, JIT included): %.0f ms"
        + " wall, %.0f ms CPU of the process, largest stated error %.1e (%s 1e-6)", exactWall,
        exactCpu, worstStated, worstStated <= 1e-6 ? "≤" : "ABOVE"),
        String.format("particle 2^17 (after a warm-up run): %.0f ms wall, %.0f ms CPU with %d"
            + " threads, largest |particle − exact| %.1e, largest stated particle error %.1e",
            particleWall, particleCpu, po.threads(), worstDiff, worstParticle));
  }

  /** CPU time of the whole process in ns (every thread), or 0 where the JVM cannot tell. */
  public static long processCpu() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return Math.max(0, os.getProcessCpuTime());
    }
    return 0;
  }
}
