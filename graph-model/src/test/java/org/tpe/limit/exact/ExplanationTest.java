package org.tpe.limit.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.Limits;
import org.tpe.model.Program;
import org.tpe.validate.Validator;

/**
 * The derivations a student reads (TP IIb App. B): the numbers in each step are checked against
 * closed forms derived here, and the terms name the variables a reader can follow.
 */
class ExplanationTest {
  private static Derivation explain(Program p, String v) {
    var calculus = Validator.validate(p).calculus();
    SymbolicZ z = ExactLimitEngine.symbolic(p, calculus);
    CoordinateStatistics s = Limits.compute(p, LimitOptions.defaults()
        .withEngine(LimitOptions.Engine.EXACT));
    return new Explanation(p, calculus, z, s).derive(v);
  }

  private static Derivation.Step step(Derivation d, String startsWith) {
    return d.steps().stream().filter(s -> s.text().startsWith(startsWith)).findFirst()
        .orElseThrow(() -> new AssertionError("no step " + startsWith + " in\n"
            + String.join("\n", d.lines())));
  }

  @Test
  void wwtTransposeVSplitsIntoTwoSigmaToTheFourth() {
    // y = W Wᵀ v, σ² = 2: Ẑ^y has variance σ² E[(Z^g)²] = σ²·σ² = 4; Ż^y = σ² E[∂Z^g/∂Ẑ^g] Z^v
    // = 2 Z^v, independent of Ẑ^y (family W against Z^v); so E[(Z^y)²] = 4 + 2²·1 = 8 = 2σ⁴
    Program p = TpParser.parse("input W : A(n, n) ~ N(0, 2/n)\ninput v : G(n) ~ N(0, 1)\n"
        + "g := W^T v\ny := W g\n");
    Derivation d = explain(p, "y");
    assertEquals("ZMatMul", d.steps().get(0).rule());
    assertEquals("ZHat: Var Ẑ^y = σ² E[Z^g Z^g] = 2 × 2 = 4", step(d, "ZHat").text());
    Derivation.Step dot = step(d, "ZDot");
    assertEquals("ZDot", dot.rule());
    assertTrue(dot.text().startsWith("ZDot: c(g) = σ² E[∂Z^g/∂Ẑ^g] = 2 × 1 = 2 on Z^v"),
        dot.text());
    assertEquals(List.of("g", "v"), dot.variables());
    assertEquals("= Var Ẑ^y + c(g)² E[Z^v Z^v] = 4 + 2² × 1 = 8 (Ẑ^y is independent of Z^v:"
        + " they read no Ẑ of the family W)", step(d, "= Var").text());
    assertEquals("E[(Z^y)²] = 8", step(d, "E[(").text());
    // a reader can follow every vector y's Z reads, and the matrix
    assertTrue(d.variables().containsAll(List.of("y", "W", "g", "v")), d.variables().toString());
    Derivation.Step z = step(d, "so ");
    assertEquals(Derivation.Kind.ZHAT, z.terms().stream().filter(t -> "y".equals(t.variable())
        && t.kind() != Derivation.Kind.Z).findFirst().orElseThrow().kind());
  }

  @Test
  void zDotCoefficientOfWReluWtIsHalfSigmaSquared() {
    // y = W relu(Wᵀ v): c = σ² E[relu'(Z^g)] = σ² P(Z^g > 0) = σ²/2 = 1 at σ² = 2
    Program p = TpParser.parse("input W : A(n, n) ~ N(0, 2/n)\ninput v : G(n) ~ N(0, 1)\n"
        + "g := W^T v\nx := relu(g)\ny := W x\n");
    SymbolicZ z = ExactLimitEngine.symbolic(p, Validator.validate(p).calculus());
    SymbolicZ.ZDotCoefficient c = z.zDot("y").get(0);
    assertEquals(1.0, c.value().value(), Math.max(1e-9, c.value().error()));
    Derivation d = explain(p, "y");
    assertTrue(step(d, "ZDot").text().startsWith("ZDot: c(g) = σ² E[∂Z^x/∂Ẑ^g] = 2 × "),
        step(d, "ZDot").text());
    // E[Z^y Z^v] = σ² E[φ'(Z)] = 1 (DESIGN §7 check): the ZDot term is what correlates y with v
    assertEquals(1.0, Limits.compute(p, LimitOptions.defaults()
        .withEngine(LimitOptions.Engine.EXACT)).secondMoment("y", "v").value(), 1e-6);
  }

  @Test
  void aMomentIsTheExpectationOfItsIntegrand() {
    // θ = avg(x·x), x = relu(u), u ~ N(0, 4): θ̊ = E[relu(Z)²] = 4/2 = 2
    Program p = TpParser.parse("input u : G(n) ~ N(0, 4)\nx := relu(u)\nθ := avg(x * x)\n"
        + "c := 2 * θ + 1\n");
    Derivation d = explain(p, "θ");
    assertEquals("ZMoment", d.steps().get(0).rule());
    assertEquals("θ := avg(x*x): θ̊ = E[Z^x*Z^x] (ZMoment)", d.steps().get(0).text());
    assertEquals(List.of("θ", "x"), d.steps().get(0).variables());
    assertTrue(d.steps().get(1).text().startsWith("θ̊ = 2"), d.steps().get(1).text());
    Derivation c = explain(p, "c");
    assertEquals("c := 2*θ + 1: c̊ = 2*θ̊ + 1 (the limits of scalars compose)",
        c.steps().get(0).text());
    assertTrue(c.steps().get(1).text().startsWith("c̊ = 5"), c.steps().get(1).text());
  }

  @Test
  void anInitialVectorShowsItsLawAndItsCovariances() {
    Program p = TpParser.parse("input u : G(n) ~ N(1, 2)\ninput u' : G(n) ~ N(0, 3)\n"
        + "cov(u, u') = 0.5\n");
    Derivation d = explain(p, "u");
    assertEquals("u is an initial vector: Z^u ~ N(1, 2) (ZInit)", d.lines().get(0));
    assertEquals("  Cov(Z^u, Z^u') = 0.5", d.lines().get(1));
    // E[(Z^u)²] = Var + mean² = 2 + 1
    assertEquals("  E[(Z^u)²] = 3", d.lines().get(2));
  }

  @Test
  void termsPrintAsTheOnePrinterWritesTheExpression() {
    Program p = TpParser.parse("input u : G(n) ~ N(0, 1)\nx := tanh(u) * u + 0.5\n");
    Derivation d = explain(p, "x");
    assertEquals("x := tanh(u)*u + 0.5: Z^x = tanh(Z^u)*Z^u + 0.5 (ZNonlin)",
        d.steps().get(0).text());
    assertEquals(List.of("x", "u"), d.steps().get(0).variables());
  }
}
