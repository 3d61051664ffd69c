package org.tpe.bench;

import java.util.Arrays;

/** Wall-clock timing with warm-up, reporting the median and the spread of repetitions. */
public final class Timing {
  private Timing() {}

  /** Result of {@link #measure}: times in milliseconds. */
  public record Result(double medianMs, double minMs, double maxMs, int repetitions) {
    @Override
    public String toString() {
      return String.format("median %.2f ms (min %.2f, max %.2f, %d runs)", medianMs, minMs, maxMs,
          repetitions);
    }
  }

  /** Runs {@code task} {@code warmups} times untimed, then {@code reps} times timed. */
  public static Result measure(Runnable task, int warmups, int reps) {
    for (int i = 0; i < warmups; i++) {
      task.run();
    }
    double[] t = new double[reps];
    for (int i = 0; i < reps; i++) {
      long s = System.nanoTime();
      task.run();
      t[i] = (System.nanoTime() - s) / 1e6;
    }
    Arrays.sort(t);
    return new Result(t[reps / 2], t[0], t[reps - 1], reps);
  }
}
