package org.tpe.limit;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What a worker throws reaches the caller unchanged (errors too); a checked cause is wrapped. */
class WorkerFailureTest {
  private static Throwable thrownThrough(java.util.concurrent.Callable<Void> task) {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Void> f = pool.submit(task);
      try {
        f.get();
        throw new AssertionError("the task did not fail");
      } catch (ExecutionException e) {
        try {
          throw WorkerFailure.cause(e);
        } catch (RuntimeException | Error t) {
          return t;
        }
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aRuntimeExceptionIsTheSameObject() {
    LimitException le = new LimitException(java.util.List.of());
    assertSame(le, thrownThrough(() -> {
      throw le;
    }));
  }

  @Test
  void anErrorIsRethrownAsItself() {
    StackOverflowError so = new StackOverflowError("deep");
    assertSame(so, thrownThrough(() -> {
      throw so;
    }));
  }

  @Test
  void aCheckedCauseIsWrapped() {
    IOException io = new IOException("disk");
    Throwable t = thrownThrough(() -> {
      throw io;
    });
    assertSame(IllegalStateException.class, t.getClass());
    assertSame(io, t.getCause());
    assertThrows(IllegalStateException.class, () -> {
      throw WorkerFailure.cause(new ExecutionException(io));
    });
  }
}
