package org.tpe.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.Estimate;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.ProgressListener;

/**
 * The limit of several μP steps of the seeds/004 MLP by quasi-random particles, chosen by the
 * automatic engine ({@link TrainingTrajectory#limit}): when they are chosen, that a tolerance is
 * met by adding particles, and the values against independent references — f_0 = 0 (the readout
 * weights v are independent of x̄ at initialisation and centred, so E[Z^v Z^{x̄}] = 0) and the
 * pseudo-random particle engine (an independent stream of normals and another method of
 * integration), within 4 times the two stated errors combined.
 */
class QuasiRandomLimitTest {
  /** The seeds/004 MLP on two training inputs (labels 0.5, −0.4) and one test input. */
  static String network(String parametrization, int steps) {
    return FiniteWidthTrainingFactsTest.network(parametrization, 0.5, -0.4, 1, steps);
  }

  @Test
  void chosenForNonlinearFeatureLearningOverTwoOrMoreStepsOnly() {
    assertTrue(TrainingTrajectory.quasiRandom(UnrolledSgd.limit(TpParser.parse(network("mup",
        3)))));
    assertTrue(TrainingTrajectory.quasiRandom(UnrolledSgd.limit(TpParser.parse(network("mup",
        2)))));
    // one step: the exact engine's integrals have at most three dimensions
    assertFalse(TrainingTrajectory.quasiRandom(UnrolledSgd.limit(TpParser.parse(network("mup",
        1)))));
    // the kernel regime: linearised, the exact engine's
    assertFalse(TrainingTrajectory.quasiRandom(UnrolledSgd.limit(TpParser.parse(network("ntk",
        3)))));
    // a linear network: Gaussian moments, closed forms at every step
    assertFalse(TrainingTrajectory.quasiRandom(UnrolledSgd.limit(TpParser.parse(
        LinearNetworkTest.network("mup")))));
  }

  @Test
  void twoStepsMeetTheToleranceAndAgreeWithPseudoRandomParticles() {
    UnrolledSgd.Result r = UnrolledSgd.limit(TpParser.parse(network("mup", 2)));
    double tol = 2e-4;
    TrainingTrajectory q = TrainingTrajectory.limit(r, LimitOptions.defaults()
        .withHistogramBins(0).withTolerance(tol), ProgressListener.NONE, CancellationToken.NONE);
    assertTrue(q.notes().stream().anyMatch(n -> n.startsWith("quasi-random particles chosen")),
        String.valueOf(q.notes()));
    // chosen by the automatic engine, so no note may claim they were asked for
    assertTrue(q.notes().stream().noneMatch(n -> n.contains("as asked")),
        String.valueOf(q.notes()));
    TrainingTrajectory p = TrainingTrajectory.limit(r, LimitOptions.defaults()
        .withEngine(LimitOptions.Engine.PARTICLE).withHistogramBins(0), ProgressListener.NONE,
        CancellationToken.NONE);
    for (int t = 0; t <= r.steps(); t++) {
      for (int b = 0; b < r.inputs().size(); b++) {
        Estimate e = q.output(t, b);
        assertTrue(e.error() > 0 && e.error() <= tol * Math.max(1, Math.abs(e.value())),
            "f_" + t + "(" + r.inputs().get(b) + ") = " + e);
        Estimate o = p.output(t, b);
        assertTrue(Math.abs(e.value() - o.value()) <= 4 * (e.error() + o.error()),
            "f_" + t + "(" + r.inputs().get(b) + "): quasi-random " + e + ", pseudo-random " + o);
        if (t == 0) {
          assertTrue(Math.abs(e.value()) <= 6 * e.error(), "f_0 = 0: " + e);
        }
      }
      Estimate l = q.loss(t);
      assertTrue(l.error() <= tol * Math.max(1, Math.abs(l.value())), "L_" + t + " = " + l);
    }
    // the feature kernel between inputs after step 0 comes from the same quasi-random run
    assertEquals(q.featureKernel(1).value(0, 1), q.featureKernel(1).value(1, 0), 0);
    assertTrue(q.featureKernel(2).error(0, 1) > 0);
  }
}
