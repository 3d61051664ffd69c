package org.tpe.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tpe.expr.Expr;
import org.tpe.format.TpParser;
import org.tpe.model.MatMul;
import org.tpe.model.Program;

/** The chain rule's local factors, one instruction at a time (TP II; TP IIb App. D.1). */
class LocalDerivativeTest {
  static final Program P = TpParser.parse("""
      input W : A(n, n) ~ N(0, 1/n)
      input u : G(n) ~ N(0, 1)
      input e : G(n) ~ N(0, 1)
      input t : R = 0.5
      h := W u
      k := W^T u
      g := 2*u - e + 0*h
      x := relu(h)
      s := step(h) + u*t
      m := avg(x)
      """);

  static LocalDerivative of(String target) {
    return LocalDerivative.of(P.definition(target) instanceof org.tpe.model.Instruction in ? in
        : null, P::kindOf);
  }

  @Test
  void aMatMulsFactorIsItsMatrixAndItsTransposeGoesBack() {
    LocalDerivative.ByMatrix w = assertInstanceOf(LocalDerivative.ByMatrix.class,
        of("h").factorOf("u"));
    assertEquals(new MatMul("dh", "W", false, "du"), w.tangent("dh", "du"));
    assertEquals(new MatMul("du", "W", true, "dh"), w.cotangent("du", "dh"), "dx += Wᵀ dh");
    LocalDerivative.ByMatrix wt = (LocalDerivative.ByMatrix) of("k").factorOf("u");
    assertEquals(new MatMul("du", "W", false, "dk"), wt.cotangent("du", "dk"),
        "h := Wᵀ x sends dx += W dh");
  }

  @Test
  void aLinCombsFactorsAreItsCoefficientsAndAZeroCoefficientHasNone() {
    LocalDerivative d = of("g");
    assertEquals(List.of("u", "e"), d.arguments());
    assertEquals(List.of("h"), d.zeroFactors());
    assertEquals(new Expr.Bin('*', new Expr.Num(2), new Expr.Ref("dg")),
        ((LocalDerivative.Diagonal) d.factorOf("u")).times("dg"));
    assertEquals(new Expr.Bin('*', new Expr.Num(-1), new Expr.Ref("dg")),
        ((LocalDerivative.Diagonal) d.factorOf("e")).times("dg"));
  }

  @Test
  void aNonlinsFactorIsTheAlmostEverywhereDerivativeAndScalarsAreHeldFixed() {
    LocalDerivative.Diagonal relu = (LocalDerivative.Diagonal) of("x").factorOf("h");
    assertEquals("dx*step(h)", org.tpe.expr.ExprPrinter.print(relu.times("dx")).replace(" ", ""),
        "dh = dx ⊙ relu′(h), relu′ = step");
    LocalDerivative s = of("s");
    assertEquals(List.of("u"), s.arguments(), "t is a scalar: no factor");
    assertEquals(List.of("h"), s.zeroFactors(), "step′ = 0 wherever it exists");
    assertEquals(new Expr.Ref("t"), ((LocalDerivative.Diagonal) s.factorOf("u")).factor());
  }

  @Test
  void aMomentHasNoVectorDerivative() {
    assertTrue(of("m").factors().isEmpty());
    assertTrue(of("m").zeroFactors().isEmpty());
  }
}
