package org.tpe.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.Estimate;
import org.tpe.limit.Limits;
import org.tpe.limit.VectorStatistics;
import org.tpe.sim.FiniteWidthSimulator;
import org.tpe.sim.SimulationOptions;

/**
 * Every sample's limit (DESIGN §7, as {@link Limits} computes it) against one finite-width run
 * at n = 2048 (issue 3, "for every sample: limit vs finite-width simulation").
 *
 * <p>Tolerance: each quantity q must satisfy |sim − lim| ≤ 6·√(se_sim² + se_lim²) + 1e-9·(1 +
 * |lim|). se_lim is the limit's own error (0 for closed forms, a standard error for particles);
 * se_sim is the simulation's CLT error √(Var/n) of the coordinate average (delta method for scalar
 * ops). That CLT error counts only the last average's noise: the noise each earlier matrix
 * injects accumulates through the layers (at most ≈ √L times more for the L ≤ 4 matrix layers of
 * these samples), and each sample has up to a few hundred correlated quantities, whose largest
 * |z| is ≈ 3.3 for independent Gaussians. 6 covers 3.3 with the accumulation margin; a wrong
 * limit or simulator (a missing ZDot, σ² off by a factor) is off by many tolerances. The 1e-9
 * term lets identities that hold exactly at every width (e.g. a normalised vector's second
 * moment) compare equal up to rounding. A sample whose limit the engines cannot compute fails.
 */
class SamplesSimulationTest {
  private static final int WIDTH = 2048;

  @TestFactory
  Stream<DynamicTest> everySampleSimulatesToItsLimit() {
    return Samples.all().stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> {
      // a limit the engines cannot compute is a failure of this test, not a skip
      CoordinateStatistics lim = Limits.compute(s.program());
      CoordinateStatistics sim = FiniteWidthSimulator.simulate(s.program(),
          SimulationOptions.of(WIDTH, 1));
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
    double tol = 6 * Math.hypot(lim.error(), sim.error()) + 1e-9 * (1 + Math.abs(lim.value()));
    if (!(Math.abs(sim.value() - lim.value()) <= tol)) {
      bad.add(what + ": limit " + lim + ", simulated " + sim);
    }
    return 1;
  }
}
