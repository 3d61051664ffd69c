package org.tpe.limit.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tpe.format.TpParser;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.Estimate;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.Limits;

/**
 * The checks of the Z-calculus with ZDot present (TP IIb App. B; seeds/004 "the corrected rule"),
 * each against a closed form or a 1-D integral written out here, to 1e-9 relative with a stated
 * error of at most 1e-9 relative, all by the exact engine.
 */
class ZDotExactFactsTest {
  static CoordinateStatistics exact(String text) {
    CoordinateStatistics s = Limits.compute(TpParser.parse(text),
        LimitOptions.defaults().withEngine(LimitOptions.Engine.EXACT));
    assertEquals("exact", s.method());
    return s;
  }

  static void assertExact(double expected, Estimate e, String what) {
    double tol = 1e-9 * Math.max(1, Math.abs(expected));
    assertTrue(Math.abs(e.value() - expected) <= tol, what + ": " + e + " vs " + expected);
    assertTrue(e.error() <= tol, what + ": stated error " + e.error() + " above 1e-9");
    assertTrue(Math.abs(e.value() - expected) <= e.error() + 1e-13 * Math.max(1,
        Math.abs(expected)), what + ": the stated error " + e.error() + " must cover the true"
        + " error " + Math.abs(e.value() - expected));
  }

  /** E f(Z), Z ~ N(0, var), by composite Simpson on ±14 sd (error far below 1e-12 for tanh). */
  static double gauss(DoubleUnaryOperator f, double var) {
    double sd = Math.sqrt(var);
    int m = 40000;
    double a = -14 * sd;
    double h = 28 * sd / m;
    double sum = 0;
    for (int i = 0; i <= m; i++) {
      double x = a + i * h;
      double w = i == 0 || i == m ? 1 : i % 2 == 1 ? 4 : 2;
      sum += w * f.applyAsDouble(x) * Math.exp(-0.5 * x * x / var);
    }
    return sum * h / 3 / (sd * Math.sqrt(2 * Math.PI));
  }

  static double tanhPrime(double x) {
    double t = Math.tanh(x);
    return 1 - t * t;
  }

  @Test
  void wwtTransposeGivesSigmaSquaredAndTwiceSigmaToTheFourth() {
    // Z^y = Ẑ^y + σ² Z^v: E[Z^y Z^v] = σ², E[(Z^y)²] = σ² E[(Z^{Wᵀv})²] + σ⁴ = 2σ⁴
    double s = 1.5;
    CoordinateStatistics r = exact("input v : G(n) ~ N(0, 1)\ninput W : A(n, n) ~ N(0, 1.5/n)\n"
        + "g := W^T v\ny := W g\n");
    assertExact(s, r.secondMoment("y", "v"), "E[Z^y Z^v]");
    assertExact(2 * s * s, r.secondMoment("y", "y"), "E[(Z^y)²]");
  }

  @Test
  void wReluWtAtSigmaSquaredTwoGivesOneAndThree() {
    // c = σ² E[relu'(Z)] = 2 · 1/2 = 1, Z ~ N(0, 2); E[(Z^y)²] = σ² E[relu(Z)²] + c² = 2·1 + 1
    CoordinateStatistics r = exact("input v : G(n) ~ N(0, 1)\ninput W : A(n, n) ~ N(0, 2/n)\n"
        + "g := W^T v\nx := relu(g)\ny := W x\n");
    assertExact(1, r.secondMoment("y", "v"), "E[Z^y Z^v]");
    assertExact(3, r.secondMoment("y", "y"), "E[(Z^y)²]");
  }

  @Test
  void wStepWtGivesOneOverRootPiAndOnePlusOneOverPi() {
    // step has no derivative: by Stein, c = σ² E[g step(g)]/Var g with g ~ N(0, σ²), i.e.
    // σ²·σ/√(2π)/σ² = √(σ²/(2π)); at σ² = 2 that is 1/√π, and E[(Z^y)²] = σ²·1/2 + c² = 1 + 1/π.
    // (At σ² = 1 the same formulas give 1/√(2π) and 1/2 + 1/(2π).)
    CoordinateStatistics r = exact("input v : G(n) ~ N(0, 1)\ninput W : A(n, n) ~ N(0, 2/n)\n"
        + "g := W^T v\nx := step(g)\ny := W x\n");
    assertExact(1 / Math.sqrt(Math.PI), r.secondMoment("y", "v"), "E[Z^y Z^v]");
    assertExact(1 + 1 / Math.PI, r.secondMoment("y", "y"), "E[(Z^y)²]");
    CoordinateStatistics one = exact("input v : G(n) ~ N(0, 1)\ninput W : A(n, n) ~ N(0, 1/n)\n"
        + "g := W^T v\nx := step(g)\ny := W x\n");
    assertExact(1 / Math.sqrt(2 * Math.PI), one.secondMoment("y", "v"), "E[Z^y Z^v], σ² = 1");
    assertExact(0.5 + 0.5 / Math.PI, one.secondMoment("y", "y"), "E[(Z^y)²], σ² = 1");
  }

  @Test
  void wTanhWtMatchesOneDimensionalQuadrature() {
    double s = 1.5;
    double a = gauss(ZDotExactFactsTest::tanhPrime, s);
    double q = gauss(x -> Math.tanh(x) * Math.tanh(x), s);
    CoordinateStatistics r = exact("input v : G(n) ~ N(0, 1)\ninput W : A(n, n) ~ N(0, 1.5/n)\n"
        + "g := W^T v\nx := tanh(g)\ny := W x\n");
    assertExact(s * a, r.secondMoment("y", "v"), "E[Z^y Z^v] = σ² E tanh'(Z)");
    assertExact(s * q + s * a * s * a, r.secondMoment("y", "y"), "E[(Z^y)²]");
  }

  @Test
  void wtTanhWTanhWtFollowsTheDerivation() {
    // g1 = Wᵀv: A = Ẑ^{g1} ~ N(0, s). h = W tanh(A): Z^h = B + s a1 Z^v, a1 = E tanh'(A),
    // B ~ N(0, s q1) independent, q1 = E tanh(A)². So Z^h ~ N(0, V2), V2 = s q1 + s² a1².
    // z = Wᵀ tanh(Z^h): Z^z = Ĉ + c2 tanh(A), c2 = s E tanh'(Z^h) = s a2, and Ĉ is in the family
    // of Ẑ^{g1} with Cov(Ĉ, A) = s E[tanh(Z^h) v] = s · s a1 a2 (Stein on v) = κ. Then
    // E[(Z^z)²] = s q2 + 2 c2 κ a1 + c2² q1 (q2 = E tanh(Z^h)², Stein for E[Ĉ tanh A] = κ a1),
    // E[Z^z Z^{g1}] = κ + c2 s a1 = 2 s² a1 a2, and E[Z^z Z^v] = 0.
    double s = 1.3;
    double a1 = gauss(ZDotExactFactsTest::tanhPrime, s);
    double q1 = gauss(x -> Math.tanh(x) * Math.tanh(x), s);
    double v2 = s * q1 + s * s * a1 * a1;
    double a2 = gauss(ZDotExactFactsTest::tanhPrime, v2);
    double q2 = gauss(x -> Math.tanh(x) * Math.tanh(x), v2);
    double c2 = s * a2;
    double kappa = s * s * a1 * a2;
    CoordinateStatistics r = exact("input v : G(n) ~ N(0, 1)\ninput W : A(n, n) ~ N(0, 1.3/n)\n"
        + "g1 := W^T v\nx1 := tanh(g1)\nh := W x1\nx2 := tanh(h)\nz := W^T x2\n");
    assertExact(v2, r.secondMoment("h", "h"), "E[(Z^h)²]");
    assertExact(s * q2 + 2 * c2 * kappa * a1 + c2 * c2 * q1, r.secondMoment("z", "z"),
        "E[(Z^z)²]");
    assertExact(2 * s * s * a1 * a2, r.secondMoment("z", "g1"), "E[Z^z Z^g1]");
    assertExact(0, r.secondMoment("z", "v"), "E[Z^z Z^v]");
  }

  @ParameterizedTest
  @ValueSource(doubles = {1, 5, 14, 16, 20})
  void expOfAGaussianSquaredHasMeanExpOfTwiceTheVariance(double var) {
    CoordinateStatistics r = exact("input b : G(n) ~ N(0, " + var + ")\nm := avg(exp(b)^2)\n");
    assertExact(Math.exp(2 * var), r.scalars().get("m"), "E[exp(b)²]");
  }
}
