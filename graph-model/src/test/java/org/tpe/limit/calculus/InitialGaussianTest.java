package org.tpe.limit.calculus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.LimitException;
import org.tpe.limit.Limits;
import org.tpe.model.Program;
import org.tpe.sim.FiniteWidthSimulator;
import org.tpe.sim.SimulationException;
import org.tpe.sim.SimulationOptions;
import org.tpe.validate.Validator;

/** ZInit's one factorisation and its one PSD tolerance, as every caller sees them. */
class InitialGaussianTest {
  @Test
  void threeWayInconsistencyNamesTheThreeInputs() {
    // every pair is fine (|ρ| = 0.6 < 1) but ρ = −0.6 for all three pairs is not: the
    // eigenvalue 1 − 2·0.6 = −0.2 < 0
    double[][] c = {{1, -0.6, -0.6}, {-0.6, 1, -0.6}, {-0.6, -0.6, 1}};
    InitialGaussian.NotGaussianException e = assertThrows(
        InitialGaussian.NotGaussianException.class,
        () -> InitialGaussian.factor(c, List.of("a", "b", "c"), InitialGaussian.PSD_TOLERANCE));
    assertEquals(List.of("a", "b", "c"), e.failure().inputs().stream().sorted().toList());
    assertTrue(e.getMessage().contains("not positive semidefinite"), e.getMessage());
  }

  @Test
  void correlationOneWithinTheToleranceGetsTheSameVerdictFromValidateLimitsAndSimulate() {
    // cov = 1 + 5e-10 with unit variances: −5e-10 below PSD, inside the 1e-9 tolerance
    Program p = TpParser.parse("input u : G(n) ~ N(0, 1)\ninput v : G(n) ~ N(0, 1)\n"
        + "cov(u, v) = 1.0000000005\nx := relu(u - v)\n");
    assertFalse(Validator.validate(p).hasErrors());
    CoordinateStatistics lim = Limits.compute(p);
    // u = v in the factorisation: x = relu(0) = 0
    assertEquals(0, lim.secondMoment("x", "x").value(), 1e-8);
    CoordinateStatistics sim = FiniteWidthSimulator.simulate(p, SimulationOptions.of(64, 1));
    assertEquals(0, sim.secondMoment("x", "x").value(), 1e-8);
    // and just outside the tolerance all three refuse it
    Program bad = TpParser.parse("input u : G(n) ~ N(0, 1)\ninput v : G(n) ~ N(0, 1)\n"
        + "cov(u, v) = 1.00000001\nx := relu(u - v)\n");
    assertTrue(Validator.validate(bad).hasErrors());
    assertThrows(LimitException.class, () -> Limits.compute(bad));
    assertThrows(SimulationException.class,
        () -> FiniteWidthSimulator.simulate(bad, SimulationOptions.of(64, 1)));
  }

  @Test
  void covarianceNearTheLargestDoubleIsAnErrorNamingTheInputsNotAnException() {
    Program p = TpParser.parse("input u : G(n) ~ N(0, 1)\ninput v : G(n) ~ N(0, 1)\n"
        + "cov(u, v) = 1e308\nx := relu(u)\n");
    var r = Validator.validate(p);
    assertTrue(r.hasErrors());
    String m = r.errors().get(0).message();
    assertTrue(m.contains("u") && m.contains("v") && m.contains("positive semidefinite"), m);
    assertEquals(3, r.errors().get(0).pos().line());
  }

  @Test
  void hugeButConsistentVariancesFactorExactly() {
    double[][] c = {{1e300, 0.5e300}, {0.5e300, 1e300}};
    double[][] l = InitialGaussian.factor(c, List.of("a", "b"), InitialGaussian.PSD_TOLERANCE);
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        double v = 0;
        for (int q = 0; q < l[0].length; q++) {
          v += l[i][q] * l[j][q];
        }
        assertEquals(c[i][j], v, 1e-14 * 1e300);
      }
    }
  }

  @Test
  void aTinyVarianceNextToALargeOneIsKeptNotDropped() {
    Program p = TpParser.parse("input a : G(n) ~ N(0, 1e6)\ninput b : G(n) ~ N(0, 1e-12)\n"
        + "x := b * b\n");
    // E[b²] = 1e-12 exactly (Wick): a relative tolerance on the largest entry would drop b
    assertEquals(1e-12, Limits.compute(p).secondMoment("b", "b").value(), 1e-24);
  }

  /**
   * The left-looking in-order factor of {@link InitialGaussian#of} against the right-looking
   * {@code pivotedCholesky(…, true)} it replaces (the oracle), bit for bit, with the same
   * failure when it fails: random covariances of full and of low rank (inputs that are sums of
   * others, exact duplicates, zero rows), scaled far from 1, and indefinite ones.
   */
  @Test
  void inOrderFactorIsTheRightLookingOneBitForBit() {
    java.util.Random r = new java.util.Random(11);
    int failures = 0;
    int lowRank = 0;
    for (int trial = 0; trial < 400; trial++) {
      int k = 1 + r.nextInt(trial < 300 ? 12 : 60);
      int rank = 1 + r.nextInt(k);
      double[][] f = new double[k][rank];
      for (int i = 0; i < k; i++) {
        int kind = r.nextInt(6);
        for (int j = 0; j < rank; j++) {
          f[i][j] = kind == 0 && i > 0 ? f[i - 1][j] : kind == 1 ? 0 : r.nextGaussian();
        }
      }
      double sc = Math.pow(10, r.nextInt(41) - 20);
      double[][] c = new double[k][k];
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          double v = 0;
          for (int m = 0; m < rank; m++) {
            v += f[i][m] * f[j][m];
          }
          c[i][j] = v * sc;
        }
      }
      if (r.nextInt(4) == 0 && k > 1) { // push one covariance out of the PSD cone (or not)
        int i = r.nextInt(k);
        int j = r.nextInt(k);
        double bump = (r.nextDouble() - 0.5) * sc * (r.nextBoolean() ? 1e-9 : 2);
        c[i][j] += bump;
        c[j][i] = c[i][j];
      }
      List<String> names = new java.util.ArrayList<>();
      for (int i = 0; i < k; i++) {
        names.add("x" + i);
      }
      double[][] expected;
      try {
        expected = InitialGaussian.pivotedCholesky(names, c, InitialGaussian.PSD_TOLERANCE, true);
      } catch (InitialGaussian.NotGaussianException e) {
        InitialGaussian.NotGaussianException got = assertThrows(
            InitialGaussian.NotGaussianException.class,
            () -> InitialGaussian.inOrderCholesky(names, c, InitialGaussian.PSD_TOLERANCE));
        assertEquals(e.failure(), got.failure());
        failures++;
        continue;
      }
      double[][] got = InitialGaussian.inOrderCholesky(names, c, InitialGaussian.PSD_TOLERANCE);
      assertEquals(expected.length, got.length);
      boolean dependent = false;
      for (int i = 0; i < k; i++) {
        assertEquals(expected[i].length, got[i].length);
        for (int j = 0; j < expected[i].length; j++) {
          assertEquals(Double.doubleToRawLongBits(expected[i][j]),
              Double.doubleToRawLongBits(got[i][j]), "trial " + trial + " L[" + i + "][" + j + "]");
        }
        dependent |= got[i].length > i && got[i][i] == 0;
      }
      lowRank += dependent ? 1 : 0;
    }
    assertTrue(failures > 20 && lowRank > 50, failures + " failures, " + lowRank + " low rank");
  }
}
