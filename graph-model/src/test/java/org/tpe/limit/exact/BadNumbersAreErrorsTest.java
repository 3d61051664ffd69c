package org.tpe.limit.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.LimitException;
import org.tpe.limit.Limits;
import org.tpe.model.Program;

/**
 * Issue 14's numeric defects on the exact engine: overflow is an error naming the variable,
 * never a result; huge but representable numbers are computed exactly; odd moments at a large
 * variance are 0, not "does not converge".
 */
class BadNumbersAreErrorsTest {
  static CoordinateStatistics limits(String text) {
    return Limits.compute(TpParser.parse(text));
  }

  @Test
  void variance1e200GivesExactMomentsOrAnOverflowErrorNeverZero() {
    // E[u²] = 1e200 and E relu(u)² = 5e199 are representable: computed exactly by closed forms
    CoordinateStatistics s = limits("input u : G(n) ~ N(0, 1e200)\ny := relu(u)\n");
    assertEquals(1e200, s.secondMoment("u", "u").value(), 1e186);
    assertEquals(5e199, s.secondMoment("y", "y").value(), 1e186);
    assertEquals(0, s.secondMoment("y", "y").error());
    // E[(u²)²] = 3e400 is not: an error naming x at its line
    LimitException e = assertThrows(LimitException.class,
        () -> limits("input u : G(n) ~ N(0, 1e200)\nx := u*u\ny := relu(u)\n"));
    assertEquals("x", e.problems().get(0).subject());
    assertEquals(2, e.problems().get(0).pos().line());
    assertTrue(e.getMessage().contains("overflow"), e.getMessage());
  }

  @Test
  void sigmaSquared1e308OverflowsTheZHatVarianceAsAnErrorNamingIt() {
    LimitException e = assertThrows(LimitException.class, () -> limits(
        "input u : G(n)\ninput W : A(n, n) ~ N(0, 1e308/n)\nx := relu(u)\ny := W x\n"
            + "z := W y\n"));
    assertEquals("z", e.problems().get(0).subject());
    assertTrue(e.getMessage().contains("overflows"), e.getMessage());
  }

  @Test
  void thirdMomentAtVariance1e8IsExactlyZeroNotDoesNotConverge() {
    CoordinateStatistics s = limits("input u : G(n) ~ N(0, 1e8)\nx := u*u\n");
    assertEquals(0, s.secondMoment("u", "x").value());
    assertEquals(3e16, s.secondMoment("x", "x").value(), 1e2);
  }

  @Test
  void aChainOfFortyTanhNonlinsIsComputedWithoutBlowingUp() {
    StringBuilder b = new StringBuilder("input u : G(n)\n");
    String prev = "u";
    for (int i = 0; i < 40; i++) {
      b.append("x").append(i).append(" := tanh(").append(prev).append(") * ").append(prev)
          .append(" + ").append(prev).append("\n");
      prev = "x" + i;
    }
    // a DAG whose expression tree doubles at every step: kept by name, evaluated per point
    Program p = TpParser.parse(b.toString());
    CoordinateStatistics s = Limits.compute(p, org.tpe.limit.LimitRequest.pairs(java.util.List
        .of(new org.tpe.limit.LimitRequest.Pair("x39", "u"))), org.tpe.limit.LimitOptions
        .defaults(), org.tpe.limit.ProgressListener.NONE, org.tpe.limit.CancellationToken.NONE);
    assertEquals("exact", s.method());
    // the value must be finite, with a small stated error
    var e = s.secondMoment("x39", "u");
    assertTrue(Double.isFinite(e.value()) && e.error() <= 1e-6 * Math.abs(e.value()),
        e.toString());
    assertEquals(java.util.List.of("u", "x39"), java.util.List.copyOf(s.vectors().keySet()));
  }
}
