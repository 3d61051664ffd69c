package org.tpe.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;

/** Issue 14's simulator defects: overflow is an error naming the vector; no hang, no crash. */
class SimulatorBadNumbersTest {
  @Test
  void reluOfVariance1e308IsAnOverflowErrorNotANaNStandardError() {
    SimulationException e = assertThrows(SimulationException.class, () -> FiniteWidthSimulator
        .simulate(TpParser.parse("input u : G(n) ~ N(0, 1e308)\nx := relu(u)\n"),
            SimulationOptions.of(64, 1)));
    assertTrue(e.getMessage().contains("overflow"), e.getMessage());
    assertTrue(e.problems().get(0).subject() != null, e.getMessage());
  }

  @Test
  void aMeanOf1e19WithUnitSpreadHasNoHistogramButItsStatistics() {
    var s = FiniteWidthSimulator.simulate(TpParser.parse("input u : G(n) ~ N(1e19, 1)\n"),
        SimulationOptions.of(64, 1));
    assertNull(s.vectors().get("u").histogram());
    assertEquals(1e19, s.vectors().get("u").mean().value(), 1e4);
  }

  @Test
  void aWidthOfAHundredThousandIsRefusedAtOnceWithTheReason() {
    SimulationException e = assertThrows(SimulationException.class, () -> FiniteWidthSimulator
        .simulate(TpParser.parse("input u : G(n)\ninput W : A(n, n)\nx := relu(u)\n"
            + "h := W x\ny := relu(h)\nh2 := W y\nz := relu(h2)\nh3 := W z\n"),
            SimulationOptions.of(400_000, 1)));
    assertTrue(e.getMessage().contains("smaller width"), e.getMessage());
  }
}
