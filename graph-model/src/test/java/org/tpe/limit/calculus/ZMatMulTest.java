package org.tpe.limit.calculus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.Estimate;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.Limits;
import org.tpe.limit.SecondMoments;
import org.tpe.limit.VectorStatistics;
import org.tpe.model.MatMul;
import org.tpe.model.Program;
import org.tpe.model.VarKind;

/**
 * ZMatMul's quantities against hand derivations (TP IIb App. B). Each limit is the exact engine's
 * (closed forms here: Gaussian moments and relu's half-moments), so the tolerance is the engine's
 * stated error, and each check also asks that the stated error bounds the distance to the value
 * derived by hand.
 */
class ZMatMulTest {
  private static CoordinateStatistics exact(Program p) {
    return Limits.compute(p, LimitOptions.defaults().withEngine(LimitOptions.Engine.EXACT));
  }

  private static MatMul matMul(Program p, String h) {
    return (MatMul) p.definition(h);
  }

  private static void near(double expected, Estimate e, String what) {
    assertTrue(Math.abs(e.value() - expected) <= e.error() + 1e-12,
        what + ": " + e + " against " + expected);
  }

  @Test
  void wWtVHasZHatVarianceSigmaToTheFourAndZDotAddsAsMuch() {
    // g = Wᵀ v, y = W g at σ² = 1.5, v ~ N(0, 1): Ż^g = 0 (no earlier W), so E[(Z^g)²] = σ² and
    // Var Ẑ^y = σ² E[(Z^g)²] = σ⁴ = 2.25; Ż^y = σ² Z^v (∂Z^g/∂Ẑ^g = 1), so Z^y = Ẑ^y + σ² Z^v with
    // Ẑ^y independent of Z^v: E[(Z^y)²] = 2σ⁴ and ZDot's share is σ⁴ = 2.25
    Program p = TpParser.parse("input v : G(n) ~ N(0, 1)\ninput W : A(n, n) ~ N(0, 1.5/n)\n"
        + "g := W^T v\ny := W g\n");
    CoordinateStatistics s = exact(p);
    ZMatMul y = ZMatMul.of(p, matMul(p, "y"));
    assertEquals(1.5, y.sigma2());
    assertEquals(List.of(), y.others(), "the only MatMul by W");
    near(2.25, y.hatVariance(s), "Var Ẑ^y");
    near(2.25, y.zDotShare(s), "E[(Z^y)²] − Var Ẑ^y");
    ZMatMul g = ZMatMul.of(p, matMul(p, "g"));
    near(1.5, g.hatVariance(s), "Var Ẑ^g = σ² E[(Z^v)²]");
    near(0, g.zDotShare(s), "no ZDot for g");
  }

  @Test
  void aFamilyOfTwoMatMulsHasTheCovarianceOfItsArguments() {
    // h1 = W x, h2 = W relu(x), σ² = 2, x ~ N(0, 1): Cov(Ẑ^h1, Ẑ^h2) = σ² E[x relu(x)] = 2 · 1/2
    // = 1; Var Ẑ^h2 = σ² E[relu(x)²] = 1; Var Ẑ^h1 = σ² E[x²] = 2
    Program p = TpParser.parse("input x : G(n) ~ N(0, 1)\ninput W : A(n, n) ~ N(0, 2/n)\n"
        + "h1 := W x\nz := relu(x)\nh2 := W z\n");
    CoordinateStatistics s = exact(p);
    ZMatMul h1 = ZMatMul.of(p, matMul(p, "h1"));
    assertEquals(List.of(matMul(p, "h2")), h1.others());
    near(1, h1.hatCovariance(matMul(p, "h2"), s), "Cov(Ẑ^h1, Ẑ^h2)");
    near(2, h1.hatCovariance(matMul(p, "h1"), s), "Cov(Ẑ^h1, Ẑ^h1) = Var Ẑ^h1");
    near(2, h1.hatVariance(s), "Var Ẑ^h1");
    near(1, ZMatMul.of(p, matMul(p, "h2")).hatVariance(s), "Var Ẑ^h2");
  }

  @Test
  void aMatMulOfAnotherMatrixHasNoCovarianceWithIt() {
    Program p = TpParser.parse("input x : G(n) ~ N(0, 1)\ninput W : A(n, n) ~ N(0, 2/n)\n"
        + "input U : A(n, n) ~ N(0, 1/n)\nh := W x\nk := U x\n");
    ZMatMul h = ZMatMul.of(p, matMul(p, "h"));
    assertThrows(IllegalArgumentException.class, () -> h.hatCovariance(matMul(p, "k"),
        exact(p)), "Ẑ^h and Ẑ^k are independent families: not a ZHat covariance");
  }

  @Test
  void withoutTheSecondMomentItIsReadFromVarianceAndMean() {
    // a table without E[Z^x Z^x]: E[(Z^x)²] = Var + mean² = 3 + 2² = 7, its error δVar + 2|m|δm
    VectorStatistics x = new VectorStatistics("x", VarKind.X, new Estimate(2, 0.01),
        new Estimate(3, 0.02), null);
    CoordinateStatistics s = new CoordinateStatistics("by hand", List.of(), Map.of("x", x),
        Map.of(), Map.of());
    Estimate xx = s.meanSquare("x");
    assertEquals(7, xx.value(), 1e-15);
    assertEquals(0.02 + 2 * 2 * 0.01, xx.error(), 1e-15);
    assertNull(s.meanSquare("nowhere"));
    assertNull(s.cross("x", "nowhere"));
  }

  @Test
  void estimatesScaleAndSubtractWithTheirErrors() {
    Estimate a = new Estimate(3, 0.1);
    assertEquals(new Estimate(-6, 0.2), a.scaled(-2));
    assertEquals(new Estimate(1, 0.4), a.minus(new Estimate(2, 0.3)));
    assertTrue(Double.isNaN(a.minus(new Estimate(1, Double.NaN)).error()), "unknown stays unknown");
  }

  @Test
  void secondMomentsTableIsUsedWhenPresent() {
    Program p = TpParser.parse("input x : G(n) ~ N(0, 1)\ninput W : A(n, n) ~ N(0, 2/n)\n"
        + "h := W x\n");
    CoordinateStatistics s = exact(p);
    SecondMoments t = s.secondMomentTable();
    assertEquals(t.get("x", "x"), s.meanSquare("x"));
  }
}
