package org.tpe.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.ProgressListener;
import org.tpe.ntk.Kernel;

/**
 * What SGD at finite widths shows in each parametrization, on the MLP of seeds/004 (tanh, one
 * step, widths 256, 1024, 4096, seeded): in NTK parametrization f_1 approaches kernel gradient
 * descent from the run's own f_0 like n^{-1/2} (TP IIb Thm. 5.3; the Master Theorem's
 * fluctuations: Θ_n − Θ = O(n^{-1/2})); the feature kernel moves by many of its standard errors
 * in μP (feature learning) but not in NTK parametrization; the coordinate check is flat in μP
 * and grows like √n in standard parametrization (ΔW x = −η n^{1/2} χ dh̄ (xᵀx/n)).
 *
 * <p>Finite-width distances are random: each fit averages over seeds (10 in NTK
 * parametrization, 4 elsewhere), chosen so that the slope's OLS standard error (≈ 0.07) is well
 * inside the tolerances below; the seeds are fixed, so a run is reproducible.
 */
class FiniteWidthTrainingFactsTest {
  static final List<Integer> WIDTHS = List.of(256, 1024, 4096);

  static TrainingReport ntk;
  static TrainingReport mup;
  static TrainingReport standard;

  static String network(String parametrization, double y1, double y2, double lr) {
    return network(parametrization, y1, y2, lr, 1);
  }

  /** The seeds/004 MLP on ξ1, ξ2 (labels y1, y2) and test ξ3, trained for {@code steps}. */
  static String network(String parametrization, double y1, double y2, double lr, int steps) {
    return """
        input e : G(n) ~ N(0, 1)
        input W : A(n, n) ~ N(0, 1/n)
        input v : G(n) ~ N(0, 1)
        x := tanh(e)
        hb := W x
        xb := tanh(hb)
        parametrization %s
        inputs ξ1, ξ2, ξ3
        gram ξ1 : 1, 0.4, -0.3
        gram ξ2 : 0.4, 1.2, 0.2
        gram ξ3 : -0.3, 0.2, 0.9
        embedding U : e
        param U, W, v
        readout v · xb
        train ξ1 : %s, ξ2 : %s
        test ξ3
        lr %s
        steps %d
        """.formatted(parametrization, y1, y2, lr, steps);
  }

  static TrainingReport runs(String text, int seeds) {
    List<Long> ss = java.util.stream.LongStream.rangeClosed(1, seeds).boxed().toList();
    return TrainingAnalysis.run(TpParser.parse(text), new TrainingAnalysis.Options(false,
        WIDTHS, ss, LimitOptions.defaults().withHistogramBins(0), 2, 0), ProgressListener.NONE,
        CancellationToken.NONE);
  }

  @BeforeAll
  static void train() {
    ntk = runs(network("ntk", 0.5, -0.4, 0.5), 10);
    mup = runs(network("mup", 0.5, -0.4, 1), 4);
    // labels far from 0 make χ_0 = f_0 − y (f_0 a Gaussian-process sample) nearly the same in
    // every seed, so the √n growth is not drowned by the spread of χ_0
    standard = runs(network("standard", 4, -4, 0.5), 4);
  }

  @Test
  void ntkRunsApproachKernelGradientDescentLikeInverseSqrtWidth() {
    TrainingReport.Convergence c = ntk.convergence();
    assertNotNull(c);
    assertEquals("kernel gradient descent from the run's f_0", c.reference());
    assertTrue(Math.abs(c.pooled().slope() + 0.5) < 0.2, "pooled slope " + c.pooled());
    for (TrainingReport.Entry e : c.entries()) {
      assertTrue(e.distances().get(2) < e.distances().get(0), e.toString());
    }
  }

  /**
   * The largest |K_1 − K_0| over the entries in units of its standard error over the seeds, at
   * width n (the mean over seeds: one run alone has no error).
   */
  private static double movementInStandardErrors(TrainingReport r, int n) {
    TrainingTrajectory run = r.means().stream().filter(t -> t.width() == n).findFirst()
        .orElseThrow();
    assertTrue(run.replicates() > 1, "a mean over seeds");
    Kernel m = run.movement(1);
    double worst = 0;
    for (int a = 0; a < m.size(); a++) {
      for (int b = 0; b < m.size(); b++) {
        worst = Math.max(worst, Math.abs(m.value(a, b)) / m.error(a, b));
      }
    }
    return worst;
  }

  @Test
  void theFeatureKernelMovesInMupButNotInNtkParametrization() {
    assertTrue(movementInStandardErrors(mup, 4096) > 10,
        "μP: " + movementInStandardErrors(mup, 4096));
    for (int n : WIDTHS) {
      assertTrue(movementInStandardErrors(ntk, n) < 5, "NTK at " + n + ": "
          + movementInStandardErrors(ntk, n));
    }
    // in μP the movement is a width-independent change of the kernel, so measured in its
    // standard errors ∝ n^{-1/2} it grows with the width
    assertTrue(movementInStandardErrors(mup, 4096) > 2 * movementInStandardErrors(mup, 256));
  }

  @Test
  void coordinateCheckIsFlatInMupAndGrowsLikeSqrtWidthInStandardParametrization() {
    for (CoordinateCheck.Row row : mup.check().rows()) {
      if (!row.quantity().equals(CoordinateCheck.OUTPUT) || row.step() > 0) {
        assertTrue(Math.abs(row.fit().slope()) < 0.06, "μP " + row);
      }
    }
    CoordinateCheck.Row hb = standard.check().row("hb", 1);
    assertTrue(Math.abs(hb.fit().slope() - 0.5) < 0.12, "standard: " + hb);
    assertTrue(Math.abs(standard.check().row("hb", 0).fit().slope()) < 0.06,
        "at initialisation every parametrization is the same network");
    assertEquals(Regime.Kind.NO_LIMIT, standard.regime().kind());
  }
}
