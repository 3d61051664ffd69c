package org.tpe.app.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fuzzer in the normal build: 20 000 seeded inputs (mutated samples and malformed files,
 * generated programs, token soup, random bytes), then one of each stress input, every one checked
 * by {@link Fuzzer} — only located syntax errors, print∘parse the identity, validation and path
 * counting that never throw, a command line that never shows a stack trace. The watchdog's cap
 * per input (60 s of CPU time) only catches hangs; the slowest inputs are reported against 1 s
 * of CPU (an input over it at its first run is timed by the median of three runs) but, in the
 * normal suite, not asserted (speed targets are not unit tests). The root
 * pom's {@code fuzz} profile runs this test alone with 10⁶ inputs, the stress inputs at the sizes
 * of the issue's reproducers, and {@code tpe.fuzz.limit=1}: there an input over 1 s of CPU (all
 * its checks together) fails the run. It prints the rate, the findings and the slowest inputs.
 */
class FuzzTest {
  private static long property(String name, long otherwise) {
    String v = System.getProperty(name);
    return v == null || v.isBlank() || v.startsWith("${") ? otherwise : Long.parseLong(v.trim());
  }

  /** Seconds of CPU an input may take in the long profile ({@code tpe.fuzz.limit}; 0: none). */
  private static double limitSeconds() {
    String v = System.getProperty("tpe.fuzz.limit");
    return v == null || v.isBlank() || v.startsWith("${") ? 0 : Double.parseDouble(v.trim());
  }

  @Test
  void everyInputGivesOnlyLocatedSyntaxErrorsAndRoundTrips(@TempDir Path dir)
      throws IOException {
    long inputs = property("tpe.fuzz.inputs", 20_000);
    long seed = property("tpe.fuzz.seed", 20_261_201);
    int scale = (int) property("tpe.fuzz.scale", 1);
    boolean longRun = inputs > 100_000;
    double limit = limitSeconds();
    Fuzzer f = new Fuzzer(seed, scale, longRun ? 1000 : 250, dir,
        (long) ((limit > 0 ? limit : 1) * 1e9));
    String[] hang = new String[1];
    String summary = f.runAll(inputs, 60_000_000_000L, longRun ? 50_000 : 0, System.out, hang);
    System.out.println("FuzzTest, seed " + seed + ": " + summary);
    if (!f.findings().isEmpty()) {
      FuzzMain.writeFindings(f);
    }
    assertNull(hang[0], hang[0]);
    String found = f.findings().stream().limit(5)
        .map(x -> "#" + x.index() + " " + x.kind() + ": " + x.what() + "\n--- input ---\n"
            + new String(x.input(), 0, Math.min(x.input().length, 600), StandardCharsets.UTF_8))
        .collect(Collectors.joining("\n\n"));
    assertEquals(0, f.findings().size(), f.findings().size() + " findings (inputs in"
        + " app/target/fuzz-findings); first:\n" + found);
    assertEquals(0, f.roundTripMismatches());
    assertEquals(0, f.shortcutMismatches());
    if (limit > 0) {
      assertEquals(0, f.overLimit(), f.verdict() + ":\n" + f.slowest());
    }
    assertTrue(f.count() >= 20_000 || inputs < 20_000, "inputs: " + f.count());
    // the stream is not degenerate: many inputs parse, many of those are valid programs, and
    // the command line ran
    assertTrue(f.parsed() > inputs / 10, "parsed: " + f.parsed());
    assertTrue(f.valid() > inputs / 20, "valid: " + f.valid());
    assertTrue(f.cliRuns() >= 3 * (inputs / (longRun ? 1000 : 250)), "runs: " + f.cliRuns());
  }

  /**
   * The per-input record: with a limit below any time every input is over it, with none above
   * every time none is; the slowest are kept slowest first, at most ten, the first one the
   * maximum.
   */
  @Test
  void theHarnessSplitsLinesAsTheRegularExpressionDoes() {
    // its position check splits every text at \r\n, \r and \n: by hand, as split would
    java.util.SplittableRandom r = new java.util.SplittableRandom(7);
    String[] parts = {"a", "bc", "\n", "\r", "\r\n", "\n\r", "", " "};
    for (int k = 0; k < 20_000; k++) {
      StringBuilder sb = new StringBuilder();
      for (int j = r.nextInt(8); j > 0; j--) {
        sb.append(parts[r.nextInt(parts.length)]);
      }
      String t = sb.toString();
      org.junit.jupiter.api.Assertions.assertArrayEquals(t.split("\r\n|\r|\n", -1),
          Fuzzer.lines(t), t);
    }
  }

  @Test
  void theHarnessCountsInputsOverItsLimitAndKeepsTheSlowest(@TempDir Path dir) {
    Fuzzer all = new Fuzzer(3, 1, 0, dir, -1);
    all.run(40);
    assertEquals(40, all.count());
    assertEquals(40, all.overLimit());
    assertTrue(all.verdict().startsWith("40 inputs over -0.000000001 s"), all.verdict());
    java.util.List<Fuzzer.Slowest> slow = all.slowest();
    assertEquals(Fuzzer.SLOWEST_KEPT, slow.size());
    for (int i = 1; i < slow.size(); i++) {
      assertTrue(slow.get(i - 1).nanos() >= slow.get(i).nanos(), slow.toString());
    }
    assertEquals(slow.get(0).nanos(), all.maxNanos());
    Fuzzer none = new Fuzzer(3, 1, 0, dir, Long.MAX_VALUE);
    none.run(5);
    assertEquals(0, none.overLimit());
    assertEquals(5, none.slowest().size());
    assertTrue(none.verdict().startsWith("no input over"), none.verdict());
  }

  /**
   * An input over the limit is timed by the median of three runs: one slow run among fast ones
   * is not over, two are; and the runs after the first leave the counts and findings as one
   * run does (every input is over a limit of −1 ns, none over Long.MAX_VALUE, same stream).
   */
  @Test
  void anInputOverTheLimitIsTimedByTheMedianOfThreeRunsThatCountOnce(@TempDir Path dir) {
    long[] fast = {5, 7};
    int[] next = {0};
    assertEquals(7, Fuzzer.median(2_000, () -> fast[next[0]++]));
    assertEquals(2, next[0], "two more runs");
    long[] oneFast = {1_500, 9};
    next[0] = 0;
    assertEquals(1_500, Fuzzer.median(2_000, () -> oneFast[next[0]++]));
    Fuzzer all = new Fuzzer(11, 1, 7, dir, -1);
    all.run(300);
    Fuzzer none = new Fuzzer(11, 1, 7, dir, Long.MAX_VALUE);
    none.run(300);
    assertEquals(300, all.rerun());
    assertEquals(0, none.rerun());
    assertEquals(none.parsed(), all.parsed());
    assertEquals(none.valid(), all.valid());
    assertEquals(none.cliRuns(), all.cliRuns());
    assertEquals(none.findings().size(), all.findings().size());
    assertEquals(none.roundTripMismatches(), all.roundTripMismatches());
    assertTrue(all.verdict().contains("the median of 3 runs for inputs over the limit at the"
        + " first (300 inputs)"), all.verdict());
    assertTrue(none.verdict().contains("(0 inputs)"), none.verdict());
  }

  /**
   * The watchdog: an input that keeps computing is reported once it has used the cap of CPU
   * time, one that blocks once ten times the cap of wall time has passed; each body is released
   * afterwards so that no thread is left behind.
   */
  @Test
  void theWatchdogReportsAnInputThatComputesOrBlocksPastItsCap(@TempDir Path dir)
      throws InterruptedException {
    java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory
        .getThreadMXBean();
    Fuzzer f = new Fuzzer(1, 1, 0, dir, 1_000_000_000L);
    AtomicBoolean stop = new AtomicBoolean();
    // the spinning body's last write (currentIndex) must land before the second body starts, or
    // it would hide the second body's input from the watchdog and the test would hang
    CountDownLatch spinEnded = new CountDownLatch(1);
    String spun = f.runWatched(() -> {
      f.currentCpuStart = cpu.getCurrentThreadCpuTime();
      f.currentStart = System.nanoTime();
      f.currentKind = "spin";
      f.currentIndex = 7;
      long x = 0;
      while (!stop.get()) {
        x++;
      }
      f.currentIndex = x < 0 ? -2 : -1;
      spinEnded.countDown();
    }, 200_000_000L);
    stop.set(true);
    spinEnded.await();
    assertTrue(spun != null && spun.startsWith("input 7 (spin) took more than 0.2 s of CPU"),
        spun);
    CountDownLatch release = new CountDownLatch(1);
    String blocked = f.runWatched(() -> {
      f.currentCpuStart = cpu.getCurrentThreadCpuTime();
      f.currentStart = System.nanoTime();
      f.currentKind = "wait";
      f.currentIndex = 8;
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      f.currentIndex = -1;
    }, 50_000_000L);
    release.countDown();
    assertTrue(blocked != null
        && blocked.startsWith("input 8 (wait) took more than 10 × 0.05 s of wall time"), blocked);
  }
}
