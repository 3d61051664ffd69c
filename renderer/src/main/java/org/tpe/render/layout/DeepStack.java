package org.tpe.render.layout;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs a computation whose recursion depth grows with the size of the graph on a thread of its
 * own with a large stack. ELK's layered algorithm walks connected components recursively ({@code
 * NetworkSimplexLayerer.connectedComponentsDFS}): a 5 000-layer MLP (15 000 nodes in one chain)
 * overflows the default 512 KiB–1 MiB stack, which the command line would report as "nested too
 * deeply" although nothing in the program is nested. The stack is reserved, not committed: it
 * costs address space, and memory only as deep as the recursion goes.
 */
final class DeepStack {
  /** 1 GiB: about ten million frames of ELK's DFS (≈ 100 bytes each). */
  static final long STACK_BYTES = 1L << 30;

  private DeepStack() {}

  /**
   * {@code work.get()} on a thread with a {@value #STACK_BYTES}-byte stack; the caller waits.
   * An exception or error of the work is rethrown here; an interrupt of the caller is passed on.
   */
  static <T> T call(String name, Supplier<T> work) {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t = new Thread(null, () -> {
      try {
        result.set(work.get());
      } catch (Throwable e) {
        failure.set(e);
      }
    }, name, STACK_BYTES);
    t.setDaemon(true);
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      t.interrupt();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + name, e);
    }
    Throwable e = failure.get();
    if (e instanceof RuntimeException r) {
      throw r;
    }
    if (e instanceof Error err) {
      throw err;
    }
    if (e != null) {
      throw new IllegalStateException(e);
    }
    return result.get();
  }
}
