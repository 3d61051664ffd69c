package org.tpe.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.model.Problem;
import org.tpe.model.Program;

/** Which instructions J = ∂B/∂A consists of, and the inputs that define no useful Jacobian. */
class JacobianTest {
  @Test
  void mlpJacobianIsTheChainOfMatricesAndDerivativeDiagonals() {
    Jacobian j = Jacobian.of(Networks.mlp(3, "relu", 2, 1), null, null);
    assertEquals("x", j.from(), "default start: the first G-var");
    assertEquals("h3", j.to(), "default end: the last G-var");
    assertTrue(j.isChain());
    assertEquals("W3 · diag(relu′(h2)) · W2 · diag(relu′(h1)) · W1", j.formula());
    assertEquals(List.of("W1", "W2", "W3"), j.matrices());
    assertEquals("step(h1)", j.steps().get(1).partials().get("h1").toText(), "relu′ = step");
  }

  @Test
  void forwardProgramKeepsOnlyWhatTheDerivativesRead() {
    Jacobian j = Jacobian.of(Networks.mlp(3, "relu", 2, 1), null, null);
    // D1 and D2 read h1 and h2; the last MatMul h3 = W3 x2 is not needed, W3 is (a step)
    Program f = j.forwardProgram();
    assertEquals(List.of("h1", "x1", "h2"), f.instructions().stream().map(i -> i.target())
        .toList());
    assertTrue(f.isDefined("W3"));
    assertTrue(f.outputs().isEmpty());
  }

  @Test
  void residualBlockIsNotASingleChain() {
    Jacobian j = Jacobian.of(Networks.residual(), "h1", "h2");
    assertFalse(j.isChain());
    assertEquals(3, j.steps().size(), "x1, g2 and h2 lie on a path from h1 to h2");
  }

  static Problem rejected(Program p, String from, String to) {
    SpectrumException e = assertThrows(SpectrumException.class, () -> Jacobian.of(p, from, to));
    return e.problems().get(0);
  }

  @Test
  void anEndThatDoesNotDependOnTheStartIsRejectedWithItsLine() {
    Program p = TpParser.parse("input W : A(n, n) ~ N(0, 1/n)\ninput x : G(n) ~ N(0, 1)\n"
        + "input y : G(n) ~ N(0, 1)\nh := W x\ng := W y\noutput h, g\n");
    Problem pr = rejected(p, "x", "g");
    assertTrue(pr.message().contains("g does not depend on x"), pr.message());
    assertNotNull(pr.pos());
    assertEquals(5, pr.pos().line());
  }

  @Test
  void endsThatAreNotVectorsAreRejected() {
    Program p = Networks.wishart(1);
    assertTrue(rejected(p, "W", "h").message().contains("W is a matrix"));
    assertTrue(rejected(p, "x", "nope").message().contains("not a variable of the program"));
    assertTrue(rejected(p, "h", "h").message().contains("identity"));
  }

  @Test
  void aStepActivationMakesJZeroAlmostSurely() {
    Program p = TpParser.parse("input W : A(n, n) ~ N(0, 1/n)\ninput V : A(n, n) ~ N(0, 1/n)\n"
        + "input x : G(n) ~ N(0, 1)\nh := W x\ns := step(h)\ng := V s\noutput g\n");
    Problem pr = rejected(p, null, null);
    assertTrue(pr.message().contains("0 almost surely") && pr.message().contains("s := step(h)"),
        pr.message());
    assertEquals(5, pr.pos().line());
  }

  @Test
  void aCoordinatewiseRouteWithoutMatMulIsRejected() {
    Program p = TpParser.parse("input W : A(n, n) ~ N(0, 1/n)\ninput x : G(n) ~ N(0, 1)\n"
        + "h := W x\ny := tanh(h)\ng := 2*h\noutput y, g\n");
    Problem pr = rejected(p, "h", "g");
    assertTrue(pr.message().contains("no MatMul"), pr.message());
  }

  @Test
  void anInvalidProgramIsRejectedWithTheValidatorsErrors() {
    Program p = TpParser.parse("input x : G(n) ~ N(0, 1)\nh := W x\n");
    SpectrumException e = assertThrows(SpectrumException.class, () -> Jacobian.of(p, null, null));
    assertTrue(e.problems().get(0).message().contains("W"), e.getMessage());
  }

  @Test
  void scalarsMadeByMomentAreHeldFixed() {
    // layer norm–like: x = h / sqrt(ν), ν = avg(h²); J flows through h only
    Program p = TpParser.parse("input W : A(n, n) ~ N(0, 1/n)\ninput V : A(n, n) ~ N(0, 1/n)\n"
        + "input x : G(n) ~ N(0, 1)\nh := W x\nν := avg(h*h)\ny := h/sqrt(ν)\ng := V y\n"
        + "output g\n");
    Jacobian j = Jacobian.of(p, null, null);
    assertTrue(j.isChain());
    assertEquals("1/sqrt(ν)", j.steps().get(1).partials().get("h").toText());
  }
}
