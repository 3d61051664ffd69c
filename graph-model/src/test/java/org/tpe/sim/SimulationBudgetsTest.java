package org.tpe.sim;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.ProgressListener;
import org.tpe.model.Program;

/**
 * Budgets, not hangs, for {@code simulate}: a width whose work is beyond {@link
 * FiniteWidthSimulator#MAX_WORK} is refused before anything is drawn, saying what is too large;
 * a long run within the budget (width 100 000 on three MatMuls: 3·10¹⁰ multiply-adds, minutes)
 * reports progress from its start and stops promptly when cancelled (polled every 64 rows).
 */
class SimulationBudgetsTest {
  private static final Program THREE_MATMULS = TpParser.parse("""
      input W1 : A(n, n)
      input W2 : A(n, n)
      input W3 : A(n, n)
      input u : G(n)
      x := W1 u
      r := relu(x)
      y := W2 r
      t := tanh(y)
      z := W3 t
      """);

  @Test
  void widthThreeHundredThousandOnThreeMatMulsIsRefusedNamingTheWork() {
    // 3 · (3·10⁵)² = 2.7·10¹¹ multiply-adds > 2·10¹¹
    SimulationException e = assertThrows(SimulationException.class,
        () -> FiniteWidthSimulator.simulate(THREE_MATMULS, SimulationOptions.of(300_000, 1)));
    assertTrue(e.getMessage().contains("multiply-adds") && e.getMessage().contains("3 MatMuls")
        && e.getMessage().contains("choose a smaller width"), e.getMessage());
  }

  @Test
  void widthOneHundredThousandRunsWithProgressAndStopsWhenCancelled() {
    CancellationToken cancel = new CancellationToken();
    List<String> reports = new ArrayList<>();
    ProgressListener progress = (fraction, what) -> {
      reports.add(what);
      cancel.cancel(); // the user presses ^C at the first report
    };
    assertThrows(CancellationException.class, () -> FiniteWidthSimulator.simulate(THREE_MATMULS,
        SimulationOptions.of(100_000, 1), progress, cancel));
    assertTrue(!reports.isEmpty() && reports.get(0).startsWith("width 100000"),
        reports.toString());
  }
}
