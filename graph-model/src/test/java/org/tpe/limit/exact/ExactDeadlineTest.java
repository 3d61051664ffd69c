package org.tpe.limit.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.LimitException;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.LimitRequest;
import org.tpe.limit.Limits;
import org.tpe.limit.ProgressListener;
import org.tpe.model.Program;

/**
 * The exact engine's wall-clock deadline ({@link LimitOptions#exactDeadlineSeconds()}): a run
 * past it stops with an engine limit, which an automatic run hands to the particle engine and a
 * run that asked for the exact engine reports as an error saying so. The program is the chain of
 * 40 Nonlins sin(x)·x of {@link BudgetsNotHangsTest}: each second moment a costly quadrature,
 * seconds of work in all, so a deadline of a millisecond passes long before the engine is done —
 * and long before its pace or budget would stop it (those count operations: 2·10⁷ before the
 * pace is judged), so the deadline is what stops it here.
 */
class ExactDeadlineTest {
  private static final Program CHAIN = TpParser.parse(BudgetsNotHangsTest.chain(40, "sin(P)*P"));

  private static LimitOptions options(LimitOptions.Engine engine, double deadline) {
    return LimitOptions.defaults().withEngine(engine).withSamples(2048).withThreads(1)
        .withHistogramBins(0).withExactDeadline(deadline);
  }

  @Test
  void anExactRunPastItsDeadlineIsAnErrorThatSaysSoAndHowToProceed() {
    LimitException e = assertThrows(LimitException.class, () -> Limits.compute(CHAIN,
        LimitRequest.all(), options(LimitOptions.Engine.EXACT, 0.001), ProgressListener.NONE,
        CancellationToken.NONE));
    assertEquals(1, e.problems().size());
    String m = e.problems().get(0).message();
    assertTrue(m.contains("stopped at its deadline of 0.001 s of wall time"), m);
    assertTrue(m.contains("use the particle engine"), m);
    assertTrue(m.contains("--tolerance"), m);
  }

  @Test
  void anAutomaticRunPastTheDeadlineIsAnsweredByTheParticleEngineSayingWhy() {
    CoordinateStatistics s = Limits.compute(CHAIN, LimitRequest.all(),
        options(LimitOptions.Engine.AUTO, 0.001), ProgressListener.NONE, CancellationToken.NONE);
    assertEquals("particle", s.method());
    assertTrue(s.notes().stream().anyMatch(n -> n.startsWith("particle engine chosen")
        && n.contains("deadline of 0.001 s")), String.join("\n", s.notes()));
  }

  @Test
  void theCallersCancellationStaysACancellation() {
    CancellationToken cancelled = new CancellationToken();
    cancelled.cancel();
    CancellationException e = assertThrows(CancellationException.class, () -> Limits.compute(
        CHAIN, LimitRequest.all(), options(LimitOptions.Engine.EXACT, 30), ProgressListener.NONE,
        cancelled));
    assertFalse(e instanceof CancellationToken.DeadlineExceeded);
  }

  @Test
  void theCallersOwnDeadlineIsNotTurnedIntoAnEngineLimit() {
    CancellationToken callers = CancellationToken.NONE.withDeadline(1_000_000);
    assertThrows(CancellationToken.DeadlineExceeded.class, () -> Limits.compute(CHAIN,
        LimitRequest.all(), options(LimitOptions.Engine.EXACT, 30), ProgressListener.NONE,
        callers));
  }

  @Test
  void aQuickRunFinishesInsideTheDefaultDeadlineAndWithoutAny() {
    Program p = TpParser.parse("input u : G(n)\nx := relu(u)\ny := tanh(x)\noutput y\n");
    for (LimitOptions o : new LimitOptions[] {LimitOptions.defaults(),
        LimitOptions.defaults().withExactDeadline(0)}) {
      CoordinateStatistics s = Limits.compute(p, LimitRequest.all(),
          o.withEngine(LimitOptions.Engine.EXACT), ProgressListener.NONE, CancellationToken.NONE);
      assertEquals("exact", s.method());
      // E[relu(u)²] = 1/2 for u ~ N(0, 1)
      assertEquals(0.5, s.secondMoment("x", "x").value(), 1e-12);
    }
  }
}
