package org.tpe.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.tpe.limit.calculus.BpLikeVerdict;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.model.Problem;
import org.tpe.model.Severity;

class ValidatorTest {
  private static ValidationReport check(String text) {
    return Validator.validate(TpParser.parse(text));
  }

  private static Problem firstError(String text) {
    return check(text).errors().get(0);
  }

  @Test
  void cycleIsNamedWithItsVariables() {
    Problem p = firstError("input W : A(n,n)\na := W c\nb := relu(a)\nc := relu(b)\n");
    assertTrue(p.message().startsWith("cycle: a → b → c → a"), p.message());
    assertEquals(2, p.pos().line());
  }

  @Test
  void undefinedNameSuggestsTheClosestDefinedOne() {
    Problem p = firstError("input hidden : G(n)\nx := relu(hiden)\n");
    assertTrue(p.message().contains("did you mean 'hidden'"), p.message());
    assertEquals(11, p.pos().column());
    assertEquals("x", p.subject());
  }

  @Test
  void redefinitionPointsAtTheSecondDefinitionAndNamesTheFirst() {
    Problem p = firstError("input u : G(n)\nx := relu(u)\nx := tanh(u)\n");
    assertEquals(3, p.pos().line());
    assertTrue(p.message().contains("first at line 2"), p.message());
  }

  @Test
  void nonPsdCovarianceOfThreeVectorsIsFoundEvenWhenEveryPairIsFine() {
    // each |ρ| ≤ 1, but ρ12 = ρ13 = 0.9, ρ23 = -0.9 is not a correlation matrix (det < 0)
    ValidationReport r = check("input a : G(n)\ninput b : G(n)\ninput c : G(n)\n"
        + "cov(a, b) = 0.9\ncov(a, c) = 0.9\ncov(b, c) = -0.9\nx := relu(a)\n");
    assertTrue(r.hasErrors());
    assertTrue(r.errors().get(0).message().contains("not positive semidefinite"));
  }

  @Test
  void languageLevelIsTheSmallestThatHolds() {
    assertEquals(LanguageLevel.NETSOR,
        check("input W : A(n,n)\ninput u : G(n)\nx := relu(u)\nh := W x\n").level());
    assertEquals(LanguageLevel.NETSOR_T,
        check("input W : A(n,n)\ninput u : G(n)\nx := relu(u)\nh := W^T x\n").level());
    assertEquals(LanguageLevel.NETSOR_T_PLUS,
        check("input u : G(n)\nm := avg(u*u)\n").level());
  }

  @Test
  void reducedMeansOnlyGVarsFeedNonlinsAndOnlyXVarsFeedMatMuls() {
    assertTrue(check("input W : A(n,n)\ninput u : G(n)\nx := relu(u)\nh := W x\n").reduced());
    assertFalse(check("input W : A(n,n)\ninput u : G(n)\nh := W u\n").reduced());
    assertFalse(check("input u : G(n)\nx := relu(u)\ny := tanh(x)\n").reduced());
  }

  @Test
  void backwardPassWithIndependentReadoutIsBpLike() {
    ValidationReport r = check("input u : G(n)\ninput W : A(n,n)\ninput v : G(n)\n"
        + "x := relu(u)\nh := W x\ndh := v * step(h)\ndx := W^T dh\noutput dx\n");
    assertTrue(r.bpLike().bpLike(), r.bpLike().reason());
    assertEquals(List.of("v"), r.bpLike().readouts());
  }

  @Test
  void readoutWithNonzeroMeanIsNotBpLike() {
    ValidationReport r = check("input u : G(n)\ninput W : A(n,n)\ninput v : G(n) ~ N(1, 1)\n"
        + "x := relu(u)\nh := W x\ndh := v * step(h)\ndx := W^T dh\n");
    assertFalse(r.bpLike().bpLike());
    assertTrue(r.bpLike().reason().contains("mean"), r.bpLike().reason());
  }

  @Test
  void backwardSignalThatIsNotLinearInTheReadoutIsNotBpLike() {
    ValidationReport r = check("input u : G(n)\ninput W : A(n,n)\ninput v : G(n)\n"
        + "x := relu(u)\nh := W x\ndh := v * v * step(h)\ndx := W^T dh\n");
    assertFalse(r.bpLike().bpLike());
    assertEquals(BpLikeVerdict.Condition.BACKWARD_ODD_IN_READOUTS, r.bpLike().failed(),
        r.bpLike().reason());
    assertEquals("dh", r.bpLike().statement(), r.bpLike().reason());
  }

  @Test
  void exponentialNonlinearityIsWarnedAbout() {
    ValidationReport r = check("input u : G(n)\nx := exp(u)\n");
    assertFalse(r.hasErrors());
    assertTrue(r.ofSeverity(Severity.WARNING).get(0).message().contains("not polynomially"));
  }

  @Test
  void stepWithTransposesWarnsThatOnlyTheSteinFormHolds() {
    ValidationReport r = check("input W : A(n,n)\ninput v : G(n)\ng := W^T v\nx := step(g)\n"
        + "y := W x\n");
    assertTrue(r.warnings().stream().anyMatch(w -> w.message().contains("Stein form")));
  }

  @Test
  void stepWithoutTransposesNeedsNoSteinWarningEvenWithScalars() {
    ValidationReport r = check("input u : G(n)\nm := avg(u*u)\nx := step(u) * m\n");
    assertEquals(LanguageLevel.NETSOR_T_PLUS, r.level());
    assertTrue(r.warnings().isEmpty(), () -> r.warnings().toString());
  }
}
