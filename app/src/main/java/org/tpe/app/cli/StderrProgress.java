package org.tpe.app.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.tpe.limit.ProgressListener;

/**
 * The progress of a long analysis, on stderr: nothing for the first {@link #QUIET_NANOS} (a quick
 * command stays quiet), then a line such as {@code tpe simulate: 40% (width 4096: h3)} at most
 * every {@link #EVERY_NANOS}. Lines, not carriage returns, so that a log or a CI console keeps
 * them. Thread safe: engines report from worker threads.
 */
final class StderrProgress implements ProgressListener {
  /** Silence at the start. */
  static final long QUIET_NANOS = 2_000_000_000L;
  /** Least time between two lines. */
  static final long EVERY_NANOS = 2_000_000_000L;

  private final PrintWriter err;
  private final String command;
  private final LongSupplier clock;
  private final long start;
  private long last = Long.MIN_VALUE;

  /** Reports for {@code tpe command} on {@code err}. */
  StderrProgress(PrintWriter err, String command) {
    this(err, command, System::nanoTime);
  }

  /** With a clock in nanoseconds (tests give their own). */
  StderrProgress(PrintWriter err, String command, LongSupplier clock) {
    this.err = err;
    this.command = command;
    this.clock = clock;
    this.start = clock.getAsLong();
  }

  @Override
  public synchronized void progress(double fraction, String message) {
    long now = clock.getAsLong();
    if (now - start < QUIET_NANOS || last != Long.MIN_VALUE && now - last < EVERY_NANOS) {
      return;
    }
    last = now;
    double pct = Math.max(0, Math.min(100, 100 * fraction));
    err.println(String.format(Locale.ROOT, "tpe %s: %.0f%%%s", command, pct,
        message == null || message.isEmpty() ? "" : " (" + message + ")"));
    err.flush();
  }
}
