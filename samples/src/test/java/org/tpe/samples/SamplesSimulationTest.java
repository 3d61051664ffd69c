package org.tpe.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.Estimate;
import org.tpe.limit.Limits;
import org.tpe.limit.ProgressListener;
import org.tpe.limit.VectorStatistics;
import org.tpe.sim.FiniteWidthSimulator;
import org.tpe.sim.SimulationOptions;

/**
 * Every sample's limit (DESIGN §7, as {@link Limits} computes it) against a finite-width run at
 * n = 512 replicated over 16 independent seeds (issue 3, "for every sample: limit vs
 * finite-width simulation").
 *
 * <p>Tolerance: each quantity q must satisfy |sim − lim| ≤ 6·√(se_sim² + se_lim²) + 4(1 + |lim|)/n
 * + 1e-9·(1 + |lim|). se_lim is the limit's own error (0 for closed forms, a standard error for
 * particles); se_sim is the replicates' standard error s/√16 ({@link
 * FiniteWidthSimulator#replicated}), which estimates the whole seed-to-seed fluctuation (the noise
 * every matrix injects, which the within-draw √(Var/n) of one run missed by a factor up to ≈ 4 on
 * the ResNet). With 16 replicates z is close to Student-t with 15 degrees of freedom: P(|t₁₅| > 6)
 * ≈ 2·10⁻⁵, small against the few hundred correlated quantities of a sample. s/√R does not
 * include the O(1/n) finite-width bias of the moments: 4(1 + |lim|)/n allows for it (0.8 %
 * relative at n = 512; the samples also pass without it, on these seeds). A wrong limit or
 * simulator (a missing ZDot, σ² off by a factor) is off by many tolerances. The 1e-9 term lets
 * identities that hold exactly at every width (e.g. a normalised vector's second moment) compare
 * equal up to rounding. A sample whose limit the engines cannot compute fails. Cost: 16 runs at
 * n = 512 per sample, as much drawing as one run at n = 2048.
 */
class SamplesSimulationTest {
  private static final int WIDTH = 512;
  private static final int REPLICATES = 16;
  private static final double BIAS = 4;

  @TestFactory
  Stream<DynamicTest> everySampleSimulatesToItsLimit() {
    return Samples.all().stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> {
      // a limit the engines cannot compute is a failure of this test, not a skip
      CoordinateStatistics lim = Limits.compute(s.program());
      CoordinateStatistics sim = FiniteWidthSimulator.replicated(s.program(),
          SimulationOptions.of(WIDTH, 1), REPLICATES, ProgressListener.NONE,
          CancellationToken.NONE);
      List<String> bad = new ArrayList<>();
      int checked = 0;
      for (VectorStatistics v : lim.vectors().values()) {
        checked += check(bad, "mean(" + v.name() + ")", v.mean(),
            sim.vectors().get(v.name()).mean());
        checked += check(bad, "var(" + v.name() + ")", v.variance(),
            sim.vectors().get(v.name()).variance());
      }
      for (Map.Entry<String, Map<String, Estimate>> row : lim.secondMoments().entrySet()) {
        for (Map.Entry<String, Estimate> e : row.getValue().entrySet()) {
          checked += check(bad, "E[" + row.getKey() + " " + e.getKey() + "]", e.getValue(),
              sim.secondMoment(row.getKey(), e.getKey()));
        }
      }
      for (Map.Entry<String, Estimate> e : lim.scalars().entrySet()) {
        checked += check(bad, e.getKey(), e.getValue(), sim.scalars().get(e.getKey()));
      }
      assertTrue(checked > 0, "nothing compared");
      assertTrue(bad.isEmpty(), s.name() + " (" + lim.method() + " vs " + sim.method() + "): "
          + bad);
    }));
  }

  private static int check(List<String> bad, String what, Estimate lim, Estimate sim) {
    assertTrue(sim != null, what + " missing from the simulation");
    double scale = 1 + Math.abs(lim.value());
    double tol = 6 * Math.hypot(lim.error(), sim.error()) + BIAS / WIDTH * scale + 1e-9 * scale;
    if (!(Math.abs(sim.value() - lim.value()) <= tol)) {
      bad.add(what + ": limit " + lim + ", simulated " + sim);
    }
    return 1;
  }
}
