package org.tpe.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;

class ExprTest {
  @Test
  void everyFunctionIsFoundByItsSymbolAndNothingElseIs() {
    for (Fn f : Fn.values()) {
      assertEquals(f, Fn.bySymbol(f.symbol()));
    }
    assertEquals(null, Fn.bySymbol("x"));
    assertEquals(null, Fn.bySymbol(null));
    assertEquals(null, Fn.bySymbol("RELU"));
  }


  @Test
  void erfMatchesCommonsMathToRounding() {
    // the series branch (|x| < 0.5) must agree with the continued fraction it replaces
    for (double x = -7; x <= 7; x += 0.01) {
      assertEquals(Erf.erf(x), Fn.erf(x), 2e-16 + 1e-15 * Math.abs(Erf.erf(x)), "x=" + x);
    }
  }

  @Test
  void derivativeOfEveryDifferentiableBuiltInMatchesCentralDifferences() {
    // central difference error ≈ h² f'''/6 + ε f / h: with h = 1e-5 about 1e-9 relative
    double h = 1e-5;
    for (Fn fn : Fn.values()) {
      if (fn.arity() != 1) {
        continue;
      }
      Expr e = new Expr.Call(fn, List.of(new Expr.Ref("x")));
      Expr d = Derivative.of(e, "x");
      for (double x : new double[] {-1.7, -0.3, 0.4, 1.1, 2.5}) {
        if ((fn == Fn.LOG || fn == Fn.SQRT) && x <= 0) {
          continue;
        }
        double fd = (fn.apply(x + h) - fn.apply(x - h)) / (2 * h);
        double exact = d.evaluate(Map.of("x", x));
        assertEquals(fd, exact, 1e-7 * (1 + Math.abs(fd)), fn + " at " + x);
      }
    }
  }

  @Test
  void derivativeOfCompositesAndTwoArgumentFunctions() {
    Expr e = TpParser.parseExpression("tanh(a*b) / (1 + a^2) + max(a, b) * pow(b, a)");
    double h = 1e-6;
    Random rnd = new Random(3);
    for (int i = 0; i < 20; i++) {
      double a = rnd.nextDouble() + 0.2;
      double b = rnd.nextDouble() + 0.3;
      for (String v : new String[] {"a", "b"}) {
        Map<String, Double> lo = new HashMap<>(Map.of("a", a, "b", b));
        Map<String, Double> hi = new HashMap<>(lo);
        lo.merge(v, -h, Double::sum);
        hi.merge(v, h, Double::sum);
        double fd = (e.evaluate(hi) - e.evaluate(lo)) / (2 * h);
        double exact = Derivative.of(e, v).evaluate(Map.of("a", a, "b", b));
        if (Math.abs(a - b) > 1e-3) { // max has a kink at a = b
          assertEquals(fd, exact, 1e-6 * (1 + Math.abs(fd)), v + " at " + a + "," + b);
        }
      }
    }
  }

  @Test
  void reluDerivativeIsStepAndStepDerivativeIsZero() {
    assertEquals("step(x)", Derivative.of(TpParser.parseExpression("relu(x)"), "x").toText());
    assertEquals("0", Derivative.of(TpParser.parseExpression("step(x)"), "x").toText());
  }

  @Test
  void vectorKernelIsBitForBitThePointwiseEvaluation() {
    Expr e = TpParser.parseExpression(
        "relu(x) * tanh(y - s) + erf(x/2) - gelu(y)^2 + min(x, s) / (1 + exp(-abs(y)))");
    int n = 1500; // several blocks and a ragged tail
    Random rnd = new Random(11);
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = rnd.nextGaussian();
      y[i] = rnd.nextGaussian();
    }
    VectorKernel k = VectorKernel.compile(e, List.of("x", "y"), List.of("s"));
    double[] out = new double[n];
    k.evaluate(new double[][] {x, y}, new double[] {0.3}, out);
    for (int i = 0; i < n; i++) {
      double want = e.evaluate(Map.of("x", x[i], "y", y[i], "s", 0.3));
      assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(out[i]), "i=" + i);
    }
  }

  @Test
  void kernelRefusesUnknownNames() {
    assertThrows(IllegalArgumentException.class,
        () -> VectorKernel.compile(TpParser.parseExpression("x + q"), List.of("x"), List.of()));
  }

  @Test
  void printerUsesFewestParenthesesThatKeepTheTree() {
    for (String s : new String[] {"a - (b - c)", "a/(b*c)", "-x^2", "(-x)^2", "a^b^c",
        "(a^b)^c", "a*-b", "(a + b)*c", "relu(a + b, )".replace(", )", ")"), "2*-3",
        "a - -2", "(-2)^x", "pi*x"}) {
      assertEquals(s, TpParser.parseExpression(s).toText());
    }
  }
}
