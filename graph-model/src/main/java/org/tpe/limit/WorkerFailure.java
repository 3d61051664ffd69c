package org.tpe.limit;

import java.util.concurrent.ExecutionException;

/**
 * A worker thread's failure as the caller's: the engines and the simulator split their work over
 * a pool, and what a task throws must reach the caller as if it had run there — a {@link
 * RuntimeException} (a {@link LimitException}, a cancellation, a numerical failure naming its
 * variable) or an {@link Error} (a stack or memory exhausted) unchanged, never wrapped in a
 * message that hides it.
 */
public final class WorkerFailure {
  private WorkerFailure() {}

  /**
   * The exception to throw for {@code e}: its cause when that is a {@link RuntimeException}; an
   * {@link Error} cause is thrown from here; any other (checked) cause wrapped in an {@link
   * IllegalStateException}. Use as {@code throw WorkerFailure.cause(e);}.
   */
  public static RuntimeException cause(ExecutionException e) {
    Throwable c = e.getCause();
    if (c instanceof RuntimeException r) {
      return r;
    }
    if (c instanceof Error err) {
      throw err;
    }
    return new IllegalStateException(c);
  }
}
