package org.tpe.limit.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.ProgressListener;
import org.tpe.model.Program;
import org.tpe.validate.Validator;

/**
 * The exact engine's integrals share one budget of operations per run (an evaluation costs the
 * nodes of its compiled integrand), so an adversarial program ends in an engine limit — which
 * {@code Limits} turns into the particle fallback, saying why — instead of running for minutes.
 * The budgets here are 3 % of the default, so each case ends within about a second.
 */
class BudgetsNotHangsTest {
  private static final long SMALL_BUDGET = 30_000_000L;

  static ExactEngine engine(String text) {
    Program p = TpParser.parse(text);
    return new ExactEngine(p, Validator.validate(p).calculus(), CancellationToken.NONE,
        ProgressListener.NONE, SMALL_BUDGET);
  }

  static String chain(int depth, String step) {
    StringBuilder b = new StringBuilder("input u : G(n)\ninput v : G(n)\ncov(u, v) = 0.5\n");
    String prev = "u";
    for (int i = 0; i < depth; i++) {
      b.append("x").append(i).append(" := ").append(step.replace("P", prev)).append("\n");
      prev = "x" + i;
    }
    return b.toString();
  }

  @Test
  void fortyNestedSinTimesXNonlinsEndInAnEngineLimitNamingTheBudget() {
    ExactEngine e = engine(chain(40, "sin(P)*P"));
    e.run();
    ExactFailure f = assertThrows(ExactFailure.class, () -> {
      for (int i = 0; i < 40; i++) {
        for (int j = 0; j <= i; j++) {
          e.secondMoment("x" + i, "x" + j);
        }
      }
    });
    assertTrue(f.engineLimit(), f.getMessage());
    assertTrue(f.getMessage().contains("budget") || f.getMessage().contains("too costly"),
        f.getMessage());
  }

  @Test
  void aKinkedTwoInputChainEndsInAnEngineLimitNotAHang() {
    ExactEngine e = engine(chain(40, "sin(P)*P + relu(v - P)"));
    e.run();
    ExactFailure f = assertThrows(ExactFailure.class, () -> {
      for (int i = 0; i < 40; i++) {
        e.secondMoment("x" + i, "x" + i);
      }
    });
    assertTrue(f.engineLimit(), f.getMessage());
  }

  @Test
  void anExhaustedBudgetRefusesTheNextIntegralAtOnce() {
    // a 2-D integral needs at least 168² evaluations when kinked (the adaptive rule's first
    // partition), 30² when analytic (the Gauss–Hermite ladder's first two rungs): with less
    // left, it is not started
    for (String[] c : new String[][] {{"tanh(u) * tanh(v + sin(u))", "900"},
        {"relu(u) * tanh(v + sin(u))", "28224"}}) {
      Program p = TpParser.parse("input u : G(n)\ninput v : G(n)\ncov(u, v) = 0.5\n"
          + "x := " + c[0] + "\n");
      ExactEngine e = new ExactEngine(p, Validator.validate(p).calculus(),
          CancellationToken.NONE, ProgressListener.NONE, 1000);
      e.run();
      ExactFailure f = assertThrows(ExactFailure.class, () -> e.secondMoment("x", "x"));
      assertTrue(f.engineLimit());
      assertTrue(f.getMessage().contains("needs at least " + c[1] + " evaluations"),
          f.getMessage());
      assertEquals("x", f.variable());
    }
  }
}
