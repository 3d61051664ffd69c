package org.tpe.limit;

import java.util.concurrent.CancellationException;

/**
 * Lets another thread stop a long analysis: {@link #cancel()} from, say, the UI thread; the
 * analysis calls {@link #check()} between steps and stops with a {@link CancellationException}.
 * Thread safe.
 */
public final class CancellationToken {
  /** A token that is never cancelled. */
  public static final CancellationToken NONE = new CancellationToken();

  private volatile boolean cancelled;

  /** Asks the analysis to stop (no effect on {@link #NONE}). */
  public void cancel() {
    if (this != NONE) {
      cancelled = true;
    }
  }

  public boolean isCancelled() {
    return cancelled;
  }

  /** Throws {@link CancellationException} once cancelled. */
  public void check() {
    if (cancelled) {
      throw new CancellationException("limit computation cancelled");
    }
  }
}
