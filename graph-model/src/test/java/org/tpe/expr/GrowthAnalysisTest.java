package org.tpe.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tpe.expr.Growth.Grade;
import org.tpe.format.TpParser;
import org.tpe.model.Nonlin;

/** The growth class of nonlinearities, decided from the expression tree (issue 15's table). */
class GrowthAnalysisTest {
  static Growth growth(String phi) {
    var p = TpParser.parse("input x : G(n)\ninput θ : R = 2\ny := " + phi + "\n");
    return GrowthAnalysis.of(((Nonlin) p.instructions().get(0)).phi(), Set.of("θ"));
  }

  @ParameterizedTest(name = "{0}: {1}, bounded {2}")
  @CsvSource(delimiter = ';', value = {
      "exp(-x^2); SMOOTH; true",
      "exp(x); NOT_POLYNOMIALLY_BOUNDED; false",
      "exp(-relu(x)); PSEUDO_LIPSCHITZ; true",
      "x * exp(-x^2); SMOOTH; false",
      "exp(sin(x)); SMOOTH; true",
      "1 / (1 + x^2); SMOOTH; true",
      "log(1 + x^2); SMOOTH; false",
      "step(x); POLYNOMIALLY_BOUNDED; true",
      "sign(x); POLYNOMIALLY_BOUNDED; true",
      "abs(x); PSEUDO_LIPSCHITZ; false",
      "relu(x)^3; PSEUDO_LIPSCHITZ; false",
      "exp(-abs(x)); PSEUDO_LIPSCHITZ; true",
      "θ * tanh(x); SMOOTH; true",
      "exp(θ - x*x); SMOOTH; true",
      "1 / x; NOT_POLYNOMIALLY_BOUNDED; false",
      "log(x); NOT_POLYNOMIALLY_BOUNDED; false",
      "sqrt(x^2 + 1); SMOOTH; false",
      "exp(log(1 + x^2)); SMOOTH; false",
      "1.1283791670955126 * exp(-(x + 1)^2) * x; SMOOTH; false",
      "x / sqrt((x - 1)^2 / 3 + 0.00001); SMOOTH; false"})
  void growthClassOfTheExpression(String phi, Grade grade, boolean bounded) {
    Growth g = growth(phi);
    assertEquals(grade, g.grade(), phi + ": " + g.reason());
    if (bounded) {
      assertTrue(g.bounded(), phi + " is bounded");
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "exp(x); grows faster than any polynomial",
      "1 / x; pole",
      "step(x); jumps",
      "relu(x)^3; kink"})
  void theReasonSaysWhy(String phi, String words) {
    String r = growth(phi).reason();
    assertTrue(r.contains(words), phi + ": " + r);
  }
}
