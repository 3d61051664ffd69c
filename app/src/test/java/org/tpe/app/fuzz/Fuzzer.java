package org.tpe.app.fuzz;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tpe.app.cli.TpeCommand;
import org.tpe.format.TpDocument;
import org.tpe.format.TpParser;
import org.tpe.format.TpPrinter;
import org.tpe.format.TpSyntaxException;
import org.tpe.model.Problem;
import org.tpe.model.Program;
import org.tpe.paths.PathAnalysis;
import org.tpe.paths.PathLimitException;
import org.tpe.paths.PathSet;
import org.tpe.validate.ReductionException;
import org.tpe.validate.ValidationReport;
import org.tpe.validate.Validator;

/**
 * Feeds {@link Inputs} to the parser, printer, validator, reducer and path analysis, and to the
 * command line now and then, and checks what must hold for every input:
 *
 * <ul>
 *   <li>parsing either gives a program or throws {@link TpSyntaxException}, every problem of
 *       which has a line:column inside the text; nothing else is ever thrown;
 *   <li>the parser's shortcuts (cov, input and assignment lines read without tokens) and its
 *       general path ({@link TpParser#parseThroughTokens}) read every input of up to {@link
 *       #REFERENCE_MAX_BYTES} bytes to the same program and positions, or to the same problems;
 *   <li>print∘parse is the identity: the printed program parses (from its UTF-8 bytes) to an equal
 *       program, whose printout is the same text;
 *   <li>validation never throws, and every position it reports is inside the text;
 *   <li>reduction and path counting of a valid program throw nothing but their documented
 *       refusals;
 *   <li>the editor's {@link TpDocument} of the same bytes keeps the text, agrees with the parser
 *       and validates (see {@link #checkDocument});
 *   <li>{@code tpe validate}, {@code print} and {@code paths} exit 0 or 1 with no stack trace
 *       and no "internal error".
 * </ul>
 *
 * Not thread safe; one fuzzer per thread.
 */
final class Fuzzer {
  /** Something that should not have happened, with the input that made it happen. */
  record Finding(long index, String kind, String what, byte[] input) {}

  /**
   * One input's CPU time on the fuzzing thread (all its checks together): of one run, or the
   * median of {@code runs} runs (see {@link Fuzzer#check}).
   */
  record Slowest(long index, String kind, long nanos, int bytes, int runs) {}

  /** How many of the slowest inputs are kept for the summary. */
  static final int SLOWEST_KEPT = 10;

  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private final Inputs inputs = new Inputs();
  private final SplittableRandom random;
  private final int stressScale;
  private final int cliEvery;
  private final Path scratch;
  private final List<Finding> findings = new ArrayList<>();
  private long count;
  private long parsed;
  private long valid;
  private long cliRuns;
  private long roundTripMismatches;
  private long shortcutMismatches;

  /**
   * Inputs up to this size are parsed through the tokens too (the shortcuts' reference, a few
   * times slower on the long stress inputs, which TpParserTest covers line by line).
   */
  static final int REFERENCE_MAX_BYTES = 1 << 16;
  /** The {@value #SLOWEST_KEPT} slowest inputs so far, fastest first. */
  private final java.util.PriorityQueue<Slowest> slowest = new java.util.PriorityQueue<>(
      java.util.Comparator.comparingLong(Slowest::nanos));
  private final long limitNanos;
  private long overLimit;
  /** How many inputs were over the limit at their first run, and so timed by a median. */
  private long rerun;
  /** Per kind of input: count, total and largest nanoseconds. */
  private final java.util.Map<String, long[]> byKind = new java.util.TreeMap<>();

  /** What is being checked right now, for a watchdog on another thread. */
  volatile long currentIndex = -1;
  volatile long currentStart;
  /** CPU time of the fuzzing thread when the current input started. */
  volatile long currentCpuStart;
  volatile String currentKind = "";

  /**
   * @param seed seed of the input stream (the run is reproducible from it)
   * @param stressScale size of the stress inputs (see {@link Inputs#stress(int, int)})
   * @param cliEvery run the command line on every {@code cliEvery}-th input (0: never)
   * @param scratch a directory for the command line's input files
   * @param limitNanos CPU time an input may take (all its checks together) before it counts as
   *     over the limit (see {@link #overLimit()})
   */
  Fuzzer(long seed, int stressScale, int cliEvery, Path scratch, long limitNanos) {
    this.limitNanos = limitNanos;
    this.random = new SplittableRandom(seed);
    this.stressScale = stressScale;
    this.cliEvery = cliEvery;
    this.scratch = scratch;
  }

  /** Checks the next {@code n} inputs. */
  void run(long n) {
    for (long k = 0; k < n; k++) {
      check(inputs.next(random));
    }
  }

  /** Checks every stress input once (at this fuzzer's scale). */
  void runStress() {
    for (int kind = 0; kind < Inputs.STRESS_KINDS; kind++) {
      check(Inputs.stress(kind, stressScale));
    }
  }

  /**
   * Stack of the fuzzing thread: the JVM's default for a new thread on 64-bit Linux, which is
   * what the editor's background analyses get, not the 8 MiB {@code ./tpe} gives its main thread.
   */
  static final long STACK_BYTES = 1L << 20;

  /**
   * Runs {@code body} (which drives this fuzzer) on a daemon thread and watches it: returns a
   * description of the input that took longer than {@code capNanos} of the thread's CPU time (or
   * ten times that of wall time, for a thread that hangs without computing), or null when the
   * body finished with every input under the cap. CPU time, because on a shared machine a slow
   * input's wall time says more about the other processes than about the input. (A hung input
   * cannot be stopped, only reported; the daemon thread is abandoned.)
   */
  String runWatched(Runnable body, long capNanos) {
    Throwable[] failure = new Throwable[1];
    Thread worker = new Thread(null, () -> {
      try {
        body.run();
      } catch (Throwable t) {
        failure[0] = t;
      }
    }, "fuzzer", STACK_BYTES);
    worker.setDaemon(true);
    worker.start();
    try {
      while (worker.isAlive()) {
        worker.join(100);
        long i = currentIndex;
        long cpu = CPU.getThreadCpuTime(worker.getId()) - currentCpuStart;
        long wall = System.nanoTime() - currentStart;
        if (i >= 0 && (cpu > capNanos || wall > 10 * capNanos) && currentIndex == i) {
          return String.format(java.util.Locale.ROOT, cpu > capNanos
              ? "input %d (%s) took more than %s s of CPU time (%.1f s of wall time)"
              : "input %d (%s) took more than 10 × %s s of wall time (%.1f s of CPU time)",
              i, currentKind, capNanos / 1e9, (cpu > capNanos ? wall : cpu) / 1e9);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
    if (failure[0] != null) {
      throw new IllegalStateException("the fuzzer itself failed", failure[0]);
    }
    return null;
  }

  /** Where findings are told as they happen (long runs), or null. */
  private java.io.PrintStream live;

  private void found(Finding f) {
    findings.add(f);
    if (live != null) {
      String what = f.what();
      live.println("fuzz: finding #" + f.index() + " (" + f.kind() + "): "
          + what.substring(0, Math.min(what.length(), 300)).replace('\n', ' '));
    }
  }

  /**
   * How many times in all an input over the limit is checked: its time is then the median of
   * these runs (see {@link #check}).
   */
  static final int RUNS_OVER_LIMIT = 3;

  /**
   * Checks one input. Its time is the CPU time of this thread for all its checks; when that is
   * over the limit the checks run again, {@value #RUNS_OVER_LIMIT} runs in all, and the input's
   * time is their median: one run's time is a draw (it moves by up to 2× with the load of a
   * shared machine, the JIT and the garbage collector), the median of three a measurement. The
   * runs after the first only time: their findings and counts are dropped (the checks are
   * deterministic, the first run has them all).
   */
  void check(Inputs.Input in) {
    long index = count++;
    long nanos = timedCheck(index, in);
    int runCount = 1;
    if (nanos > limitNanos) {
      runCount = RUNS_OVER_LIMIT;
      int kept = findings.size();
      long[] counts = {parsed, valid, cliRuns, roundTripMismatches, shortcutMismatches};
      java.io.PrintStream wasLive = live;
      live = null;
      nanos = median(nanos, () -> timedCheck(index, in));
      live = wasLive;
      findings.subList(kept, findings.size()).clear();
      parsed = counts[0];
      valid = counts[1];
      cliRuns = counts[2];
      roundTripMismatches = counts[3];
      shortcutMismatches = counts[4];
      rerun++;
    }
    if (nanos > limitNanos) {
      overLimit++;
    }
    if (slowest.size() < SLOWEST_KEPT || nanos > slowest.peek().nanos()) {
      slowest.add(new Slowest(index, in.kind(), nanos, in.bytes().length, runCount));
      if (slowest.size() > SLOWEST_KEPT) {
        slowest.poll();
      }
    }
    long[] k = byKind.computeIfAbsent(in.kind(), x -> new long[3]);
    k[0]++;
    k[1] += nanos;
    k[2] = Math.max(k[2], nanos);
  }

  /**
   * The median of {@code first} and {@value #RUNS_OVER_LIMIT} − 1 more times from {@code again}
   * (each call runs the checks once more and returns their time).
   */
  static long median(long first, java.util.function.LongSupplier again) {
    long[] runs = new long[RUNS_OVER_LIMIT];
    runs[0] = first;
    for (int r = 1; r < runs.length; r++) {
      runs[r] = again.getAsLong();
    }
    java.util.Arrays.sort(runs);
    return runs[runs.length / 2];
  }

  /** Runs every check of one input and returns the CPU time they took on this thread. */
  private long timedCheck(long index, Inputs.Input in) {
    currentKind = in.kind();
    long cpuStart = CPU.getCurrentThreadCpuTime();
    currentCpuStart = cpuStart;
    currentStart = System.nanoTime();
    currentIndex = index;
    try {
      checkInput(index, in);
    } catch (Throwable t) { // StackOverflowError and OutOfMemoryError included: all are findings
      found(new Finding(index, in.kind(), "unexpected " + describe(t), in.bytes()));
    }
    // CPU time of this thread: on a shared machine the wall time says more about the others
    long nanos = CPU.getCurrentThreadCpuTime() - cpuStart;
    currentIndex = -1;
    return nanos;
  }

  private void checkInput(long index, Inputs.Input in) {
    byte[] bytes = in.bytes();
    Program p;
    try {
      p = TpParser.parse(bytes);
    } catch (TpSyntaxException e) {
      String[] text = lines(lenient(bytes));
      for (Problem pr : e.problems()) {
        if (pr.pos() == null || !inside(text, pr)) {
          found(new Finding(index, in.kind(), "syntax problem without a position in the"
              + " text: " + pr, bytes));
        }
      }
      if (e.problems().isEmpty()) {
        found(new Finding(index, in.kind(), "syntax exception with no problem", bytes));
      }
      checkShortcuts(index, in, null, e.problems());
      checkDocument(index, in, null);
      maybeCli(index, in);
      return;
    }
    parsed++;
    checkShortcuts(index, in, p, null);
    checkDocument(index, in, p);
    String printed = TpPrinter.print(p);
    Program back;
    try {
      back = TpParser.parse(printed.getBytes(StandardCharsets.UTF_8));
    } catch (TpSyntaxException e) {
      roundTripMismatches++;
      found(new Finding(index, in.kind(), "the printout does not parse: " + e.getMessage()
          + "\n--- printout ---\n" + printed, bytes));
      return;
    }
    if (!back.equals(p) || !TpPrinter.print(back).equals(printed)) {
      roundTripMismatches++;
      found(new Finding(index, in.kind(), "print∘parse is not the identity\n--- printout"
          + " ---\n" + printed + "--- printed again ---\n" + TpPrinter.print(back), bytes));
    }
    ValidationReport report = Validator.validate(p);
    String[] text = report.problems().stream().anyMatch(pr -> pr.pos() != null)
        ? lines(new String(bytes, StandardCharsets.UTF_8)) : null; // only to check positions
    for (Problem pr : report.problems()) {
      if (pr.pos() != null && !inside(text, pr)) {
        found(new Finding(index, in.kind(), "validation problem outside the text: " + pr,
            bytes));
      }
    }
    if (!report.hasErrors()) {
      valid++;
      pathChecks(p, report);
    }
    maybeCli(index, in);
  }

  /**
   * What the fuzzer asks of the paths of a valid program: their count, the first 20 and up to
   * 1000 classes; the documented refusals (with a message) are not findings.
   */
  static void pathChecks(Program p, ValidationReport report) {
    try {
      PathSet set = PathAnalysis.of(p, report).pathsToOutputs();
      set.count();
      set.paths().limit(20).forEach(x -> { });
      set.classes(1000);
    } catch (ReductionException | PathLimitException e) {
      // documented refusals, with a message
    }
  }

  /**
   * The editor's document of the same bytes: it throws only a located syntax error (bytes that
   * are not UTF-8), keeps the text exactly, gives the parser's program {@code parsed} when every
   * line parses (null: the parser threw), rewrites nothing when given back its own program, and
   * the program of the lines that do parse validates without throwing. (When every line parses,
   * that program equals the parser's, which {@link #checkInput} validates: it is not validated
   * twice.)
   */
  private void checkDocument(long index, Inputs.Input in, Program parsed) {
    TpDocument d;
    try {
      d = TpDocument.read(in.bytes());
    } catch (TpSyntaxException e) {
      return; // located like the parser's (checked there)
    }
    String text = new String(in.bytes(), StandardCharsets.UTF_8);
    if (!d.text().equals(text)) {
      found(new Finding(index, in.kind(), "the document does not keep the text", in.bytes()));
      return;
    }
    if (d.parses() != (parsed != null)) {
      found(new Finding(index, in.kind(), d.parses() ? "every line of the document parses but"
          + " the parser threw" : "the parser read the text but a line of the document does not"
          + " parse: " + d.syntaxErrors().get(0), in.bytes()));
    } else if (d.parses() && !d.program().equals(parsed)) {
      found(new Finding(index, in.kind(), "the document's program is not the parser's",
          in.bytes()));
    }
    if (!d.withProgram(d.program()).text().equals(text)) {
      found(new Finding(index, in.kind(), "giving the document its own program rewrote it",
          in.bytes()));
    }
    if (!d.parses()) {
      Validator.validate(d.program());
    }
  }

  private void maybeCli(long index, Inputs.Input in) {
    if (cliEvery <= 0 || index % cliEvery != 0) {
      return;
    }
    Path file = scratch.resolve("fuzz-" + (index % 16) + ".tp");
    try {
      Files.write(file, in.bytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String command : new String[] {"validate", "print", "paths"}) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = TpeCommand.run(new PrintWriter(out), new PrintWriter(err), command,
          file.toString());
      cliRuns++;
      String all = out + "\n" + err;
      if (code != 0 && code != 1 || all.contains("internal error") || all.contains("\tat ")
          || all.contains("Exception")) {
        found(new Finding(index, in.kind(), "tpe " + command + " exited " + code + ":\n"
            + err, in.bytes()));
      }
    }
  }

  /** Whether the problem's line:column is inside {@code text} (a column may be one past a line). */
  private static boolean inside(String[] lines, Problem p) {
    int line = p.pos().line();
    if (line > lines.length) {
      return false;
    }
    String l = lines[line - 1];
    return p.pos().column() <= l.codePointCount(0, l.length()) + 1;
  }

  /**
   * The parse with the shortcuts ({@code fast}, or null with its {@code problems}) against the
   * parse through the tokens of the same bytes: equal programs, printouts and source maps, or
   * equal problems. Inputs over {@link #REFERENCE_MAX_BYTES} are left out.
   */
  private void checkShortcuts(long index, Inputs.Input in, Program fast, List<Problem> problems) {
    byte[] bytes = in.bytes();
    if (bytes.length > REFERENCE_MAX_BYTES) {
      return;
    }
    Program ref;
    List<Problem> refProblems;
    try {
      ref = TpParser.parseThroughTokens(bytes);
      refProblems = null;
    } catch (TpSyntaxException e) {
      ref = null;
      refProblems = e.problems();
    }
    String differs = null;
    if (fast == null || ref == null) {
      if (fast != null || ref != null || !problems.equals(refProblems)) {
        differs = "with the shortcuts: " + (fast != null ? "a program" : problems)
            + "\nthrough the tokens: " + (ref != null ? "a program" : refProblems);
      }
    } else if (!fast.equals(ref) || !TpPrinter.print(fast).equals(TpPrinter.print(ref))) {
      differs = "another program\n--- with the shortcuts ---\n" + TpPrinter.print(fast)
          + "--- through the tokens ---\n" + TpPrinter.print(ref);
    } else if (!fast.sourceMap().equals(ref.sourceMap())) {
      differs = "the same program at other positions";
    }
    if (differs != null) {
      shortcutMismatches++;
      found(new Finding(index, in.kind(), "the parser's shortcuts and its tokens read the text"
          + " differently: " + differs, bytes));
    }
  }

  /** The lines of {@code text} as positions count them ({@link TpParser#lines}). */
  static String[] lines(String text) {
    return TpParser.lines(text).toArray(String[]::new);
  }

  private static String lenient(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static String describe(Throwable t) {
    StringWriter sw = new StringWriter();
    t.printStackTrace(new PrintWriter(sw));
    String s = sw.toString();
    return s.length() > 4000 ? s.substring(0, 4000) + "…" : s;
  }

  long count() {
    return count;
  }

  long parsed() {
    return parsed;
  }

  long valid() {
    return valid;
  }

  long cliRuns() {
    return cliRuns;
  }

  long roundTripMismatches() {
    return roundTripMismatches;
  }

  long shortcutMismatches() {
    return shortcutMismatches;
  }

  List<Finding> findings() {
    return findings;
  }

  /** The slowest inputs, slowest first (at most {@value #SLOWEST_KEPT}). */
  List<Slowest> slowest() {
    List<Slowest> out = new ArrayList<>(slowest);
    out.sort(java.util.Comparator.comparingLong(Slowest::nanos).reversed());
    return out;
  }

  /** The most CPU time one input took (0 before any input). */
  long maxNanos() {
    return slowest.isEmpty() ? 0 : slowest().get(0).nanos();
  }

  /**
   * How many inputs took more than the limit given to the constructor: the median of {@value
   * #RUNS_OVER_LIMIT} runs of those over it at the first.
   */
  long overLimit() {
    return overLimit;
  }

  /** How many inputs were over the limit at their first run (and so run {@value
   * #RUNS_OVER_LIMIT} times). */
  long rerun() {
    return rerun;
  }

  /**
   * Runs {@code n} inputs of the stream, then the stress inputs, on a watched thread (see {@link
   * #runWatched}), printing progress every {@code every} inputs to {@code log} (0: never).
   *
   * @return the summary, ending with the per-kind times; or null on a hang, after {@code
   *     hang[0]} is set
   */
  String runAll(long n, long capNanos, long every, java.io.PrintStream log, String[] hang) {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory
        .getThreadMXBean();
    long[] cpu = new long[1];
    long start = System.nanoTime();
    live = every > 0 ? log : null;
    hang[0] = runWatched(() -> {
      long t0 = mx.getCurrentThreadCpuTime();
      long step = every > 0 ? every : n;
      for (long done = 0; done < n; done += step) {
        run(Math.min(step, n - done));
        if (every > 0) {
          double s = (System.nanoTime() - start) / 1e9;
          log.printf(java.util.Locale.ROOT, "fuzz: %,d inputs, %.0f s, %.0f inputs/s, %d"
              + " findings%n", count, s, count / s, findings.size());
        }
      }
      // the stress inputs last, on a warm JIT: their time is then that of the algorithms
      runStress();
      cpu[0] = mx.getCurrentThreadCpuTime() - t0;
    }, capNanos);
    double wall = (System.nanoTime() - start) / 1e9;
    return String.format(java.util.Locale.ROOT, "%,d inputs (%,d parsed, %,d valid, %,d"
        + " command-line runs, stress scale %d) in %.1f s wall, %.1f s CPU of the fuzzing thread:"
        + " %.0f inputs/s wall, %.0f per CPU second%nunexpected findings: %d; round-trip"
        + " mismatches: %d; shortcut mismatches: %d%n%s%nslowest inputs (CPU time of all their"
        + " checks):%n%s%s", count, parsed, valid, cliRuns, stressScale, wall, cpu[0] / 1e9,
        count / wall, count / (cpu[0] / 1e9),
        findings.size() - roundTripMismatches - shortcutMismatches, roundTripMismatches,
        shortcutMismatches, verdict(), slowestLines(), timesByKind());
  }

  /**
   * "no input over 1 s (the slowest 0.412 s of CPU; …the median of 3 runs for inputs over the
   * limit at the first (2 inputs))", or how many were over: the per-input limit given to the
   * constructor, each input's time as {@link #check} measures it.
   */
  String verdict() {
    String limit = java.math.BigDecimal.valueOf(limitNanos).movePointLeft(9).stripTrailingZeros()
        .toPlainString() + " s";
    String max = String.format(java.util.Locale.ROOT, "%.3f s", maxNanos() / 1e9);
    String how = "; CPU time of all of an input's checks, the median of " + RUNS_OVER_LIMIT
        + " runs for inputs over the limit at the first (" + rerun + " input"
        + (rerun == 1 ? "" : "s") + ")";
    return (overLimit == 0 ? "no input over " + limit + " (the slowest " + max + " of CPU"
        : overLimit + " input" + (overLimit > 1 ? "s" : "") + " over " + limit + " of CPU (the"
            + " slowest " + max) + how + ")";
  }

  private String slowestLines() {
    StringBuilder sb = new StringBuilder();
    for (Slowest s : slowest()) {
      sb.append(String.format(java.util.Locale.ROOT, "  #%-9d %-28s %,10d bytes %8.3f s%s%n",
          s.index(), s.kind(), s.bytes(), s.nanos() / 1e9, s.runs() > 1 ? " (median of "
              + s.runs() + " runs)" : ""));
    }
    return sb.toString();
  }

  /** One line per kind of input: how many, mean and largest CPU time. */
  String timesByKind() {
    StringBuilder sb = new StringBuilder();
    byKind.forEach((kind, k) -> sb.append(String.format(java.util.Locale.ROOT,
        "  %-28s %,10d inputs, CPU mean %8.3f ms, max %8.3f ms%n", kind, k[0], k[1] / 1e6 / k[0],
        k[2] / 1e6)));
    return sb.toString();
  }
}
