package org.tpe.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/**
 * A token's wall-clock deadline ({@link CancellationToken#withDeadline}): past it {@code check()}
 * throws {@link CancellationToken.DeadlineExceeded}; the token it was derived from still cancels
 * it, and is told apart from the deadline.
 */
class CancellationTokenDeadlineTest {
  @Test
  void aPassedDeadlineThrowsDeadlineExceededNamingItsSeconds() throws InterruptedException {
    CancellationToken t = CancellationToken.NONE.withDeadline(1_000_000); // 1 ms
    Thread.sleep(5);
    assertTrue(t.isExpired());
    assertFalse(t.isCancelled());
    CancellationToken.DeadlineExceeded d =
        assertThrows(CancellationToken.DeadlineExceeded.class, t::check);
    assertEquals(1_000_000, d.limitNanos());
    assertTrue(d.getMessage().contains("deadline of 0.001 s"), d.getMessage());
  }

  @Test
  void beforeItsDeadlineATokenPasses() {
    CancellationToken t = new CancellationToken().withDeadline(3_600_000_000_000L); // an hour
    t.check();
    assertFalse(t.isExpired());
  }

  @Test
  void noDeadlineIsTheParentAlone() throws InterruptedException {
    CancellationToken parent = new CancellationToken();
    CancellationToken t = parent.withDeadline(0);
    Thread.sleep(2);
    t.check();
    assertFalse(t.isExpired());
    parent.cancel();
    assertTrue(t.isCancelled());
    CancellationException e = assertThrows(CancellationException.class, t::check);
    assertFalse(e instanceof CancellationToken.DeadlineExceeded);
  }

  @Test
  void cancellingTheParentCancelsTheDerivedTokenAndIsToldFirst() throws InterruptedException {
    CancellationToken parent = new CancellationToken();
    CancellationToken t = parent.withDeadline(1_000_000);
    Thread.sleep(5);
    parent.cancel();
    CancellationException e = assertThrows(CancellationException.class, t::check);
    assertFalse(e instanceof CancellationToken.DeadlineExceeded, e.getMessage());
    assertEquals("limit computation cancelled", e.getMessage());
  }

  @Test
  void theParentsDeadlineBindsTheDerivedToken() throws InterruptedException {
    CancellationToken parent = CancellationToken.NONE.withDeadline(1_000_000);
    CancellationToken t = parent.withDeadline(3_600_000_000_000L);
    Thread.sleep(5);
    assertTrue(t.isExpired());
    CancellationException e = assertThrows(CancellationException.class, t::check);
    assertEquals(1_000_000, assertInstanceOf(CancellationToken.DeadlineExceeded.class, e)
        .limitNanos());
  }

  @Test
  void noneIsNeverCancelledNorExpired() {
    CancellationToken.NONE.cancel();
    assertFalse(CancellationToken.NONE.isCancelled());
    assertFalse(CancellationToken.NONE.isExpired());
    CancellationToken.NONE.check();
  }

  @Test
  void secondsAreWrittenToTheMillisecond() {
    assertEquals("30", CancellationToken.DeadlineExceeded.seconds(30_000_000_000L));
    assertEquals("1.5", CancellationToken.DeadlineExceeded.seconds(1_500_000_000L));
    assertEquals("0.001", CancellationToken.DeadlineExceeded.seconds(1_000_000L));
  }

  @Test
  void limitOptionsCarryTheExactDeadline() {
    assertEquals(LimitOptions.DEFAULT_EXACT_DEADLINE_SECONDS,
        LimitOptions.defaults().exactDeadlineSeconds());
    assertEquals(30_000_000_000L, LimitOptions.defaults().exactDeadlineNanos());
    assertEquals(0, LimitOptions.defaults().withExactDeadline(0).exactDeadlineNanos());
    assertEquals(250_000_000L, LimitOptions.defaults().withExactDeadline(0.25)
        .exactDeadlineNanos());
    // the other withers keep it
    assertEquals(0.25, LimitOptions.defaults().withExactDeadline(0.25).withSamples(64)
        .withEngine(LimitOptions.Engine.EXACT).withTolerance(1e-3).withSeed(3).withThreads(1)
        .withHistogramBins(0).exactDeadlineSeconds());
    for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY, 1e12}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> LimitOptions.defaults().withExactDeadline(bad));
      assertTrue(e.getMessage().contains("exactDeadlineSeconds"), e.getMessage());
    }
  }
}
