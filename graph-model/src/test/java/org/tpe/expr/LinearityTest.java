package org.tpe.expr;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;

/** Affine and nonlinear φ, decided by hand: x, y vectors, a, b scalars. */
class LinearityTest {
  private static final Predicate<String> VECTORS = Set.of("x", "y")::contains;

  private static boolean affine(String phi) {
    return Linearity.isAffine(TpParser.parseExpression(phi), VECTORS);
  }

  @Test
  void sumsScalarMultiplesAndQuotientsByScalarsAreAffine() {
    for (String phi : new String[] {"x", "x + y", "2*x - a*y", "-(x + b)", "x/a", "a*b*x + 3",
        "id(x) + y", "relu(a)*x", "a^2*x", "(a + b)*(x - y)"}) {
      assertTrue(affine(phi), phi);
    }
  }

  @Test
  void productsOfVectorsFunctionsPowersAndQuotientsByVectorsAreNot() {
    for (String phi : new String[] {"x*y", "relu(x)", "x^2", "a/x", "2^x", "x + tanh(y)",
        "a*(x*y)", "-(relu(x))", "id(x*y)"}) {
      assertFalse(affine(phi), phi);
    }
  }
}
