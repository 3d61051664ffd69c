package org.tpe.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.Estimate;
import org.tpe.limit.ProgressListener;
import org.tpe.limit.StatisticsJson;
import org.tpe.model.Program;

/**
 * {@link FiniteWidthSimulator#replicated}: the mean over R independent replicates with its
 * standard error s/√R, reproducible whatever the threads, one replicate exactly a single run with
 * its error unknown, and the work budget counted R times. (That the error is honest — z-scores of
 * spread ≈ 1 where the within-draw √(Var/n) gives ≈ 5 — is pinned on the ResNet sample, whose
 * limit is exact at every width: samples' ReplicatedErrorIsHonestTest.)
 */
class ReplicatedSimulationTest {
  private static final Program MLP = TpParser.parse("""
      input u : G(n) ~ N(0, 1)
      input W : A(n, n) ~ N(0, 2/n)
      input c : R = 0.5
      x := relu(u)
      h := W x
      y := W^T h
      m := avg(h * h)
      t := c * m
      """);

  private static CoordinateStatistics rep(int n, long seed, int threads, int r) {
    return FiniteWidthSimulator.replicated(MLP, new SimulationOptions(n, seed, threads, 8), r,
        ProgressListener.NONE, CancellationToken.NONE);
  }

  @Test
  void sameSeedGivesTheSameNumbersWhateverTheThreads() {
    CoordinateStatistics one = rep(96, 11, 1, 3);
    CoordinateStatistics three = rep(96, 11, 3, 3);
    // the whole result, every value and every error, bit for bit
    assertEquals(StatisticsJson.write(one), StatisticsJson.write(three));
    assertTrue(!StatisticsJson.write(one).equals(StatisticsJson.write(rep(96, 12, 3, 3))),
        "another seed draws other numbers");
  }

  @Test
  void valueIsTheMeanOfTheReplicatesAndErrorTheirStandardError() {
    int r = 3;
    CoordinateStatistics got = rep(64, 5, 2, r);
    // the replicates, run one by one with their documented seeds
    double[] v = new double[r];
    double sum = 0;
    for (int i = 0; i < r; i++) {
      v[i] = FiniteWidthSimulator.simulate(MLP, new SimulationOptions(64,
          FiniteWidthSimulator.replicateSeed(5, i), 1, 0)).scalars().get("m").value();
      sum += v[i];
    }
    double mean = sum / r;
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    Estimate m = got.scalars().get("m");
    assertEquals(mean, m.value(), 1e-12 * Math.abs(mean));
    assertEquals(Math.sqrt(ss / (r - 1) / r), m.error(), 1e-12 * Math.abs(mean));
    assertEquals(FiniteWidthSimulator.replicateSeed(5, 0), 5L, "replicate 0 is the seed itself");
    // an initial scalar is the same in every replicate: exact
    assertEquals(new Estimate(0.5, 0), got.scalars().get("c"));
    assertTrue(got.notes().stream().anyMatch(s -> s.contains("mean over the 3 replicates")
        && s.contains("bias is not included")), got.notes().toString());
    assertEquals("simulation n=64 seed=5 replicates=3", got.method());
  }

  @Test
  void oneReplicateIsTheSingleRunWithItsErrorUnknown() {
    CoordinateStatistics single = FiniteWidthSimulator.simulate(MLP,
        new SimulationOptions(64, 9, 2, 8));
    CoordinateStatistics one = rep(64, 9, 2, 1);
    assertEquals(single.secondMoment("h", "y").value(), one.secondMoment("h", "y").value());
    assertEquals(single.scalars().get("t").value(), one.scalars().get("t").value());
    assertTrue(one.secondMoment("h", "y").errorUnknown());
    assertTrue(one.vectors().get("x").mean().errorUnknown());
    assertTrue(one.scalars().get("m").errorUnknown());
    assertEquals(0.0, one.scalars().get("c").error(), "a given scalar is exact");
    assertTrue(one.notes().stream().anyMatch(s -> s.contains("± is unknown")),
        one.notes().toString());
    // unknown errors survive JSON (written as null, read back as NaN)
    CoordinateStatistics back = StatisticsJson.parse(StatisticsJson.write(one));
    assertTrue(back.scalars().get("m").errorUnknown());
    assertEquals(0.0, back.scalars().get("c").error());
  }

  @Test
  void fewerThanOneReplicateIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> rep(8, 1, 1, 0));
  }

  @Test
  void theWorkBudgetCountsEveryReplicate() {
    // one MatMul pass of W and one of Wᵀ: 2n² = 1.8e11 at n = 300000, under MAX_WORK = 2e11 for
    // one run, but 4 replicates need 7.2e11: refused at once, before anything is drawn
    SimulationException e = assertThrows(SimulationException.class,
        () -> rep(300_000, 1, 1, 4));
    assertTrue(e.getMessage().contains("4 replicates of"), e.getMessage());
    assertTrue(e.getMessage().contains("fewer replicates"), e.getMessage());
  }
}
