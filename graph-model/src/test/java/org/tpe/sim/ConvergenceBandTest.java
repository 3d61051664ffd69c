package org.tpe.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.junit.jupiter.api.Test;

/**
 * The fitted line and its band drawn on the convergence plot, checked against Commons Math's
 * {@link SimpleRegression} (an independent least-squares implementation): the line is its
 * prediction, the band its mean-response confidence interval.
 */
class ConvergenceBandTest {
  private static final List<Integer> WIDTHS = List.of(256, 512, 1024, 2048, 4096);

  private static ConvergenceResult result(List<Double> errors) {
    double[] x = WIDTHS.stream().mapToDouble(Math::log).toArray();
    double[] y = errors.stream().mapToDouble(Math::log).toArray();
    ConvergenceResult.Quantity q = new ConvergenceResult.Quantity("mean", "x", "", 0, 0, errors,
        ConvergenceSweep.fit(x, y));
    return new ConvergenceResult("exact", WIDTHS, List.of(1L), List.of(q), null, List.of());
  }

  @Test
  void anExactPowerLawIsItsOwnFitWithABandOfWidthZero() {
    List<Double> e = WIDTHS.stream().map(n -> 3 / Math.sqrt(n)).toList();
    ConvergenceResult r = result(e);
    ConvergenceResult.Quantity q = r.quantities().get(0);
    for (int n : List.of(256, 700, 4096)) {
      assertEquals(3 / Math.sqrt(n), r.fitted(q, n), 1e-12);
      double[] b = r.band(q, n);
      assertEquals(b[0], b[1], 1e-12);
    }
  }

  @Test
  void lineAndBandAreThoseOfOrdinaryLeastSquares() {
    List<Double> e = List.of(0.061, 0.047, 0.025, 0.021, 0.0139);
    ConvergenceResult r = result(e);
    ConvergenceResult.Quantity q = r.quantities().get(0);
    SimpleRegression reg = new SimpleRegression();
    for (int i = 0; i < WIDTHS.size(); i++) {
      reg.addData(Math.log(WIDTHS.get(i)), Math.log(e.get(i)));
    }
    double t = new TDistribution(WIDTHS.size() - 2).inverseCumulativeProbability(0.975);
    double xbar = WIDTHS.stream().mapToDouble(Math::log).average().orElseThrow();
    for (int n : List.of(256, 1000, 4096, 10000)) {
      double x = Math.log(n);
      assertEquals(Math.exp(reg.predict(x)), r.fitted(q, n), 1e-12);
      double half = t * Math.sqrt(reg.getMeanSquareError() * (1.0 / WIDTHS.size()
          + (x - xbar) * (x - xbar) / reg.getXSumSquares()));
      double[] b = r.band(q, n);
      assertEquals(Math.exp(reg.predict(x) - half), b[0], 1e-12);
      assertEquals(Math.exp(reg.predict(x) + half), b[1], 1e-12);
      assertTrue(b[0] < r.fitted(q, n) && r.fitted(q, n) < b[1]);
    }
  }

  @Test
  void twoWidthsHaveALineButNoBand() {
    double[] x = {Math.log(256), Math.log(512)};
    double[] y = {Math.log(0.1), Math.log(0.07)};
    ConvergenceResult.Quantity q = new ConvergenceResult.Quantity("mean", "x", "", 0, 0,
        List.of(0.1, 0.07), ConvergenceSweep.fit(x, y));
    ConvergenceResult r = new ConvergenceResult("exact", List.of(256, 512), List.of(1L),
        List.of(q), null, List.of());
    assertEquals(0.07, r.fitted(q, 512), 1e-12);
    assertNull(r.band(q, 512));
  }
}
