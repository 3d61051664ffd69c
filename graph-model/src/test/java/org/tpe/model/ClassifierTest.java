package org.tpe.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tpe.expr.Fn;
import org.tpe.format.TpParser;

/**
 * What an assignment of G-vars is (TP IIb §2: a LinComb is Σ aᵢ gᵢ with constant aᵢ): a
 * function of constants is a constant coefficient, a function of anything that reads a variable
 * makes the assignment a Nonlin, however the variable is reached.
 */
class ClassifierTest {
  private static final Map<String, VarKind> KINDS = Map.of("u", VarKind.G, "v", VarKind.G);

  private static Instruction classify(String expr) {
    return Classifier.classify("x", TpParser.parseExpression(expr), KINDS::get);
  }

  private static Map<String, Double> terms(Instruction ins) {
    LinComb l = assertInstanceOf(LinComb.class, ins);
    java.util.LinkedHashMap<String, Double> m = new java.util.LinkedHashMap<>();
    for (LinComb.Term t : l.terms()) {
      m.put(t.variable(), t.coefficient());
    }
    return m;
  }

  @Test
  void functionsOfConstantsAreCoefficients() {
    assertEquals(Map.of("u", 6.0, "v", 1.0), terms(classify("2 * relu(3) * u + v")));
    assertEquals(Map.of("u", Fn.ERF.apply(0.5)), terms(classify("erf(0.5) * u")));
    assertEquals(Map.of("u", Math.exp(2.0)), terms(classify("exp(2 + relu(-1)) * u")));
    assertEquals(List.of("u", "v"), List.copyOf(terms(classify("u - 3 * v")).keySet()));
  }

  @Test
  void functionsOfVariablesAreNonlins() {
    for (String e : List.of("erf(u + v)", "relu(u)", "relu(u - u)", "tanh(2 * (u + 1))",
        "exp(relu(-u)) * v", "u + relu(3 + v)")) {
      assertInstanceOf(Nonlin.class, classify(e), e);
    }
  }
}
