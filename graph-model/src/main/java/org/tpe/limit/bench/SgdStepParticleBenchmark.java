package org.tpe.limit.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.tpe.bench.Benchmark;
import org.tpe.bench.Timing;
import org.tpe.format.TpParser;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.Limits;
import org.tpe.model.Program;

/**
 * The particle engine with 2¹⁷ samples on the SGD-step sample (one step of SGD on the μP
 * two-layer MLP, seeds/004 eqs. 6–9: ZDot does not vanish); target &lt; 2 s (issue 3). The
 * program is the samples module's {@code org/tpe/samples/sgd-step-mup.tp}, found on the class
 * path ({@code tpe bench} has it).
 */
public final class SgdStepParticleBenchmark implements Benchmark {
  static final String RESOURCE = "org/tpe/samples/sgd-step-mup.tp";

  @Override
  public String name() {
    return "limits-particle-sgd";
  }

  @Override
  public String description() {
    return "particle limits of the SGD-step sample with 2^17 samples; target < 2 s";
  }

  @Override
  public List<String> run() {
    Program p;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return List.of("skipped: " + RESOURCE + " is not on the class path (run from tpe)");
      }
      p = TpParser.parse(in.readAllBytes());
    } catch (IOException e) {
      return List.of("skipped: cannot read " + RESOURCE + ": " + e.getMessage());
    }
    LimitOptions o = LimitOptions.defaults().withEngine(LimitOptions.Engine.PARTICLE)
        .withSamples(1 << 17);
    CoordinateStatistics[] last = new CoordinateStatistics[1];
    Timing.Result t = Timing.measure(() -> last[0] = Limits.compute(p, o), 1, 5);
    return List.of(t + " with " + o.threads() + " threads",
        "f1 = " + last[0].scalars().get("f1") + ", χ1 = " + last[0].scalars().get("χ1"));
  }
}
