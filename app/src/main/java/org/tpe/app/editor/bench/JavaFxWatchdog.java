package org.tpe.app.editor.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/**
 * Posts a no-op to the JavaFX thread every 2 ms and records, for each, the CPU time the JavaFX
 * thread spent between posting and running it: the length of the work that held it up,
 * measured in thread CPU time so that other processes on a shared machine do not count (and the
 * wall-clock lateness beside it, which they do). While a ping waits behind more than a few
 * milliseconds of work, the JavaFX thread's stack is sampled every millisecond, and the samples of
 * the pings held up past 16 ms are reported as where those blocks were.
 */
final class JavaFxWatchdog {
  private static final java.lang.management.ThreadMXBean MX =
      java.lang.management.ManagementFactory.getThreadMXBean();
  /** A ping held up by more JavaFX-thread CPU than this has its stacks kept as the culprit. */
  private static final long LONG_NANOS = 16_000_000;
  /** Past this much CPU of the current ping the JavaFX thread's stack is sampled every 1 ms. */
  private static final long SAMPLE_AFTER_NANOS = 4_000_000;
  private final List<long[]> samples = new ArrayList<>();
  private final java.util.Map<String, Integer> culprits = new java.util.HashMap<>();
  private volatile boolean running;
  private Thread thread;

  void start() throws Exception {
    Thread fxThread = EditorBenchmark.fx(Thread::currentThread);
    long fxId = fxThread.getId();
    running = true;
    thread = new Thread(() -> {
      while (running) {
        long posted = System.nanoTime();
        long cpu0 = MX.getThreadCpuTime(fxId);
        long[] ran = new long[2];
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
          ran[0] = MX.getCurrentThreadCpuTime();
          ran[1] = System.nanoTime();
          done.countDown();
        });
        List<String> stacks = new ArrayList<>();
        try {
          long seen = cpu0;
          while (!done.await(1, TimeUnit.MILLISECONDS)) {
            long now = MX.getThreadCpuTime(fxId);
            if (now - cpu0 > SAMPLE_AFTER_NANOS && now - seen > 500_000) {
              stacks.add(signature(fxThread.getStackTrace())); // running, not waiting
            }
            seen = now;
          }
          synchronized (samples) {
            samples.add(new long[] {ran[0] - cpu0, ran[1] - posted});
            if (ran[0] - cpu0 > LONG_NANOS) {
              stacks.forEach(k -> culprits.merge(k, 1, Integer::sum));
            }
          }
          Thread.sleep(2);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "tpe-bench-watchdog");
    thread.setDaemon(true);
    thread.start();
  }

  /** The top frame and the first few of the editor's own frames below it. */
  private static String signature(StackTraceElement[] st) {
    StringBuilder sb = new StringBuilder();
    int own = 0;
    for (int i = 0; i < st.length && own < 4; i++) {
      String f = st[i].getClassName().replaceAll(".*\\.", "") + "." + st[i].getMethodName();
      if (i == 0 || st[i].getClassName().startsWith("org.tpe")) {
        sb.append(sb.length() == 0 ? "" : " < ").append(f);
        own += st[i].getClassName().startsWith("org.tpe") ? 1 : 0;
      }
    }
    return sb.toString();
  }

  void stop() throws InterruptedException {
    running = false;
    thread.join(10_000);
  }

  String report() {
    synchronized (samples) {
      long[] cpu = samples.stream().mapToLong(x -> x[0]).sorted().toArray();
      long[] wall = samples.stream().mapToLong(x -> x[1]).sorted().toArray();
      if (cpu.length == 0) {
        return "no samples";
      }
      long over = samples.stream().filter(x -> x[0] > LONG_NANOS).count();
      StringBuilder blame = new StringBuilder();
      culprits.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(4)
          .forEach(e -> blame.append("\n       ").append(e.getValue()).append(" × ")
              .append(e.getKey()));
      return String.format("%.1f ms of JavaFX-thread CPU at most (99th percentile %.1f ms); "
          + "wall-clock lateness %.1f ms at most (99th percentile %.1f ms) — %d pings every "
          + "2 ms, counting JavaFX's own CSS, layout and rendering pulses; %d over 16 ms%s",
          cpu[cpu.length - 1] / 1e6, cpu[(int) (cpu.length * 0.99)] / 1e6,
          wall[wall.length - 1] / 1e6, wall[(int) (wall.length * 0.99)] / 1e6, cpu.length,
          over, blame.length() == 0 ? "" : "; where those were (1 ms stack samples):" + blame);
    }
  }
}
