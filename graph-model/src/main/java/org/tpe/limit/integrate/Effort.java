package org.tpe.limit.integrate;

import java.util.concurrent.atomic.AtomicLong;
import org.tpe.limit.CancellationToken;

/** Counts evaluations of one integration against its budget and polls the cancellation token. */
final class Effort {
  private final AtomicLong used = new AtomicLong();
  private final long budget;
  private final CancellationToken cancel;

  Effort(long budget, CancellationToken cancel) {
    this.budget = budget;
    this.cancel = cancel == null ? CancellationToken.NONE : cancel;
  }

  /**
   * Books {@code n} evaluations about to be made; throws, booking none, when they would exceed
   * the budget, and when the token is cancelled.
   */
  void charge(int n) {
    cancel.check();
    if (used.addAndGet(n) > budget) {
      used.addAndGet(-n);
      throw IntegrationFailure.budget(budget);
    }
  }

  long used() {
    return used.get();
  }

  long remaining() {
    return Math.max(0, budget - used.get());
  }
}
