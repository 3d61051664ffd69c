package org.tpe.limit;

import java.util.Locale;
import java.util.concurrent.CancellationException;

/**
 * Lets another thread stop a long analysis: {@link #cancel()} from, say, the UI thread; the
 * analysis calls {@link #check()} between steps and stops with a {@link CancellationException}.
 * A token may also carry a wall-clock deadline ({@link #withDeadline}): past it, {@link #check()}
 * throws {@link DeadlineExceeded}, so an analysis that polls its token for cancellation stops at
 * the deadline too, by the same path. Thread safe.
 */
public final class CancellationToken {
  /** A token that is never cancelled. */
  public static final CancellationToken NONE = new CancellationToken();

  private volatile boolean cancelled;
  /** The token this one was derived from by {@link #withDeadline} (its cancellation is ours). */
  private final CancellationToken parent;
  /** {@link System#nanoTime()} at the deadline; meaningful when {@code limitNanos > 0}. */
  private final long deadline;
  /** How long the deadline was set to; 0: no deadline of its own. */
  private final long limitNanos;

  /** A token that is cancelled only by {@link #cancel()}. */
  public CancellationToken() {
    this(null, 0);
  }

  private CancellationToken(CancellationToken parent, long limitNanos) {
    this.parent = parent;
    this.limitNanos = limitNanos;
    this.deadline = System.nanoTime() + limitNanos;
  }

  /**
   * A token cancelled when this one is and, besides, once {@code nanos} nanoseconds of wall time
   * have passed from now (its {@link #check()} then throws {@link DeadlineExceeded}). {@code
   * nanos ≤ 0} sets no deadline: the token is then cancelled exactly when this one is.
   */
  public CancellationToken withDeadline(long nanos) {
    return new CancellationToken(this, Math.max(0, nanos));
  }

  /** Asks the analysis to stop (no effect on {@link #NONE}). */
  public void cancel() {
    if (this != NONE) {
      cancelled = true;
    }
  }

  /** Whether {@link #cancel()} was called on this token or the one it was derived from. */
  public boolean isCancelled() {
    return cancelled || parent != null && parent.isCancelled();
  }

  /** Whether this token's deadline (or its parent's) has passed. */
  public boolean isExpired() {
    return limitNanos > 0 && System.nanoTime() - deadline >= 0
        || parent != null && parent.isExpired();
  }

  /**
   * Throws {@link CancellationException} once cancelled, and {@link DeadlineExceeded} once a
   * deadline has passed (cancellation is told first).
   */
  public void check() {
    if (cancelled) {
      throw new CancellationException("limit computation cancelled");
    }
    if (parent != null) {
      parent.check();
    }
    if (limitNanos > 0 && System.nanoTime() - deadline >= 0) {
      throw new DeadlineExceeded(limitNanos);
    }
  }

  /** A token's wall-clock deadline has passed. */
  public static final class DeadlineExceeded extends CancellationException {
    private final long limitNanos;

    DeadlineExceeded(long limitNanos) {
      super(String.format(Locale.ROOT, "stopped at its deadline of %s s of wall time",
          seconds(limitNanos)));
      this.limitNanos = limitNanos;
    }

    /** The time the deadline allowed, in nanoseconds. */
    public long limitNanos() {
      return limitNanos;
    }

    /** {@code limitNanos} in seconds, as short as it is exact to the millisecond ("1.5", "60"). */
    public static String seconds(long nanos) {
      return java.math.BigDecimal.valueOf(Math.round(nanos / 1e6)).movePointLeft(3)
          .stripTrailingZeros().toPlainString();
    }
  }
}
