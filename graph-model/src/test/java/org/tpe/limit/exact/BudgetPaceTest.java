package org.tpe.limit.exact;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.Limits;

/**
 * The exact engine, chosen automatically, stops as soon as the pace of its first quantities says
 * the budget cannot finish them all ({@link BudgetPace}), so the particle engine answers after a
 * small part of the budget instead of all of it.
 */
class BudgetPaceTest {
  /** The rule in numbers: projected = spent before + cost · quantities / done, against the total. */
  @Test
  void theProjectionIsTheCostSoFarScaledToEveryQuantityPlusWhatWasSpentBefore() {
    Quadrature.Budget b = new Quadrature.Budget(1000);
    b.spend(500, 1); // building the symbolic Z: sunk
    BudgetPace pace = new BudgetPace(b, 100);
    b.spend(19, 1); // below the floor of 1000/50 = 20: not judged, whatever the pace
    assertDoesNotThrow(() -> pace.check(1, "x"));
    b.spend(6, 1); // 25 for 5 of 100 quantities: 500 + 25 · 100/5 = 1000, not beyond
    assertDoesNotThrow(() -> pace.check(5, "x"));
    b.spend(1, 1); // 26: 500 + 26 · 20 = 1020 > 1000
    ExactFailure f = assertThrows(ExactFailure.class, () -> pace.check(5, "x7"));
    assertTrue(f.engineLimit());
    assertEquals("x7", f.variable());
    assertTrue(f.getMessage().contains("first 5 of 100 quantities"), f.getMessage());
    // the same cost over more quantities done is a slower pace: 500 + 26 · 100/6 ≈ 933
    assertDoesNotThrow(() -> pace.check(6, "x"));
    // nothing done yet: no pace to judge
    assertDoesNotThrow(() -> pace.check(0, "x"));
  }

  /**
   * 40 nested sin(x)·x: every one of the 987 quantities is a 1-D quadrature of up to thousands of
   * operations per evaluation, which used the whole budget (10⁹ operations, ≈ 8 s) before the
   * fallback. Now the exact engine stops within a tenth of its budget and the note says why.
   */
  @Test
  void fortyNestedSinTimesXGoToTheParticlesAfterATenthOfTheBudget() {
    CoordinateStatistics s = Limits.compute(TpParser.parse(BudgetsNotHangsTest.chain(40,
        "sin(P)*P")), LimitOptions.defaults().withSamples(1 << 12).withHistogramBins(0));
    assertEquals("particle", s.method());
    String note = s.notes().stream().filter(n -> n.contains("stops early")).findFirst()
        .orElseThrow(() -> new AssertionError(s.notes().toString()));
    assertTrue(note.startsWith("particle engine chosen: the exact engine cannot do it"), note);
    Matcher m = Pattern.compile("first (\\d+) of (\\d+) quantities \\(([0-9.e+]+) operations\\)")
        .matcher(note);
    assertTrue(m.find(), note);
    // 42 vectors: 2 · 42 means and squares, 42 · 43 / 2 pairs
    assertEquals(2 * 42 + 42 * 43 / 2, Integer.parseInt(m.group(2)));
    double spent = Double.parseDouble(m.group(3));
    assertTrue(spent >= BudgetPace.FLOOR_FRACTION * Quadrature.Budget.DEFAULT_OPERATIONS
        && spent < 0.1 * Quadrature.Budget.DEFAULT_OPERATIONS, note);
  }
}
