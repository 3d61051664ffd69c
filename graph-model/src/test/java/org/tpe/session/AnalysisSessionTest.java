package org.tpe.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.model.Point;
import org.tpe.model.Program;

/**
 * The analysis session on small programs whose limits are known in closed form. Waits are on the
 * published snapshots, with a generous guard against a hang (a minute), never on speed.
 */
class AnalysisSessionTest {
  /** x = relu(u), h = W x with σ² = 2, y = relu(h), g = W y: E[(Z^h)²] = 2 E[relu(Z^u)²] = 1. */
  private static final String MLP = """
      input u : G(n) ~ N(0, 1)
      input W : A(n, n) ~ N(0, 2/n)
      x := relu(u)
      h := W x
      y := relu(h)
      g := W y
      output g
      """;

  private final List<Snapshot> seen = new ArrayList<>();
  private final AnalysisSession session = new AnalysisSession(
      AnalysisSession.Settings.defaults().withWidth(256), this::seen);

  private synchronized void seen(Snapshot s) {
    seen.add(s);
    notifyAll();
  }

  private synchronized Snapshot await(Predicate<Snapshot> p) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (true) {
      Snapshot s = session.current();
      if (s != null && p.test(s)) {
        return s;
      }
      long left = end - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no such snapshot within a minute; last: " + s);
      }
      wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
    }
  }

  @AfterEach
  void close() {
    session.close();
  }

  /** A 2·depth-vector ReLU MLP: slow enough (sweep of hundreds of vectors) to be cancelled. */
  static Program deep(int depth) {
    StringBuilder sb = new StringBuilder("input u : G(n)\ninput W : A(n, n) ~ N(0, 2/n)\n"
        + "x0 := relu(u)\n");
    for (int l = 1; l <= depth; l++) {
      sb.append("h").append(l).append(" := W x").append(l - 1).append('\n');
      sb.append("x").append(l).append(" := relu(h").append(l).append(")\n");
    }
    return TpParser.parse(sb.append("output x").append(depth).append('\n').toString());
  }

  @Test
  void everyPartOfAProgramIsComputedAndAgreesWithTheClosedForm() throws Exception {
    Program p = TpParser.parse(MLP);
    assertTrue(session.submit(p));
    Snapshot s = await(Snapshot::finished);
    assertTrue(s.isFor(p));
    assertFalse(s.validation().value().hasErrors());
    // paths ending at g: (y, g) with word W and (x, h, y, g) with word W W (TP IIb §5.1)
    PathReport paths = s.paths().value();
    assertEquals(BigInteger.TWO, paths.count());
    assertEquals(List.of(List.of("W"), List.of("W", "W")), paths.classes().stream()
        .map(PathReport.PathClass::word).sorted((a, b) -> a.size() - b.size()).toList());
    // deterministic engine, closed forms: error far below 1e-9
    assertEquals(1.0, s.limits().value().secondMoment("h", "h").value(), 1e-9);
    assertNotNull(s.density().value().vectors().get("y").histogram());
    // at width n, (1/n)|h|² = A·B with A = 2|x|²/n (mean 1, variance 4 Var(relu(Z)²)/n = 5/n)
    // and B = χ²_n/n (mean 1, variance 2/n), so its standard deviation is about √(7/n): 4 of
    // them at n = 256 (a false failure of chance below 1e-4, and the seed is fixed)
    assertEquals(1.0, s.finite().value().secondMoment("h", "h").value(), 4 * Math.sqrt(7.0 / 256));
    assertEquals(4, s.sweep().value().widths().size());
    assertEquals(1.0, s.progress());
  }

  /**
   * On deep(30) the outputs' and the focused vector's limits are published while every pair's
   * are still pending, with the numbers every pair's then give (the same exact engine), and both
   * agree with the closed form: each h_l ~ N(0, 1) (σ² = 2 and E relu(Z)² = 1/2 for Z ~ N(0, 1)),
   * so x_l = relu(h_l) has mean 1/√(2π) and variance 1/2 − 1/(2π).
   */
  @Test
  void theOutputsAndTheFocusedVectorsComeFirstWithTheNumbersOfEveryPair() throws Exception {
    Program p = deep(30);
    session.focus(List.of("x5", "W", "nowhere")); // a matrix and an unknown name are left out
    session.submit(p);
    Snapshot s = await(Snapshot::finished);
    List<Snapshot> early;
    synchronized (this) {
      early = seen.stream().filter(x -> x.isFor(p) && x.firstLimits().isDone()
          && x.limits().isPending()).toList();
    }
    assertFalse(early.isEmpty(), "no snapshot had the first limits before every pair's");
    org.tpe.limit.CoordinateStatistics first = s.firstLimits().value();
    org.tpe.limit.CoordinateStatistics all = s.limits().value();
    assertEquals(List.of("x5", "x30"), List.copyOf(first.vectors().keySet()));
    assertEquals(62, all.vectors().size());
    assertSame(first, early.get(0).firstLimits().value());
    assertSame(first, early.get(0).shownLimits());
    assertSame(all, s.shownLimits());
    double mean = 1 / Math.sqrt(2 * Math.PI);
    for (String v : List.of("x5", "x30")) {
      assertEquals(mean, first.vectors().get(v).mean().value(), 1e-9);
      assertEquals(0.5 - mean * mean, first.vectors().get(v).variance().value(), 1e-9);
      assertEquals(all.vectors().get(v).mean().value(), first.vectors().get(v).mean().value());
      assertEquals(all.vectors().get(v).variance().value(),
          first.vectors().get(v).variance().value());
    }
    assertEquals(all.secondMoment("x5", "x30").value(),
        first.secondMoment("x5", "x30").value());
    // E[Z^x5 Z^x30] lies between E[Z^x5]E[Z^x30] = 1/(2π) and E[(Z^x5)²] = 1/2
    double cross = first.secondMoment("x5", "x30").value();
    assertTrue(cross > mean * mean && cross < 0.5, "E[x5 x30] = " + cross);
  }

  @Test
  void withoutOutputsOrFocusTheFirstLimitsAreSkippedAndEveryPairIsStillComputed()
      throws Exception {
    Program p = TpParser.parse(MLP.replace("output g\n", ""));
    session.submit(p);
    Snapshot s = await(Snapshot::finished);
    assertEquals(Part.State.SKIPPED, s.firstLimits().state());
    assertEquals(1.0, s.limits().value().secondMoment("h", "h").value(), 1e-9);
    assertSame(s.limits().value(), s.shownLimits());
  }

  @Test
  void movingANodeStartsNoAnalysis() throws Exception {
    Program p = TpParser.parse(MLP);
    session.submit(p);
    Snapshot s = await(Snapshot::finished);
    long before = session.analysesStarted();
    assertFalse(session.submit(p.withPosition("u", new Point(10, 20))));
    assertFalse(session.submit(p.withPosition("h", new Point(-3, 4))));
    assertEquals(before, session.analysesStarted());
    assertSame(s, session.current());
  }

  @Test
  void statementsOnOtherLinesAreRevalidatedAndKeepTheirLimits() throws Exception {
    session.submit(TpParser.parse(MLP + "z := relu(nowhere)\n"));
    Snapshot s = await(Snapshot::finished);
    assertEquals(8, s.validation().value().errors().get(0).pos().line());
    session.submit(TpParser.parse("# a comment line\n" + MLP + "z := relu(nowhere)\n"));
    Snapshot t = await(x -> x.revision() > s.revision() && x.finished());
    assertEquals(9, t.validation().value().errors().get(0).pos().line());
    assertSame(s.limits(), t.limits());
    assertSame(s.paths(), t.paths());
  }

  @Test
  void aNewProgramSupersedesTheRunningOneAndNoOlderSnapshotFollowsIt() throws Exception {
    Program slow = deep(60);
    Program p = TpParser.parse(MLP);
    session.submit(slow);
    session.submit(p);
    Snapshot s = await(Snapshot::finished);
    assertTrue(s.isFor(p));
    synchronized (this) {
      long last = 0;
      boolean sawP = false;
      for (Snapshot x : seen) {
        assertTrue(x.revision() >= last, "revision " + x.revision() + " after " + last);
        last = x.revision();
        sawP |= x.isFor(p);
        assertFalse(sawP && x.isFor(slow), "a snapshot of the old program after the new one");
      }
    }
  }

  @Test
  void cancelMarksTheUnfinishedPartsCancelledAtOnceAndResumeFinishesThem() throws Exception {
    Program slow = deep(60);
    session.submit(slow);
    session.cancel();
    Snapshot c = session.current();
    assertTrue(c.cancelled());
    for (Part<?> part : List.of(c.limits(), c.density(), c.finite(), c.sweep())) {
      assertFalse(part.isPending(), part.toString());
    }
    Snapshot done = await(Snapshot::finished);
    assertEquals(Part.State.CANCELLED, done.sweep().state());
    session.resume();
    Snapshot resumed = await(x -> x.revision() > done.revision() && x.finished());
    assertTrue(resumed.sweep().isDone());
    assertTrue(resumed.isFor(slow));
  }

  @Test
  void limitsThatCannotBeComputedSayWhyAndTheRestIsSkipped() throws Exception {
    session.submit(TpParser.parse("input u : G(n)\nx := relu(nowhere)\n"));
    Snapshot s = await(Snapshot::finished);
    assertEquals(Part.State.FAILED, s.limits().state());
    assertEquals(s.validation().value().errors().get(0).message(), s.limits().message());
    assertEquals(Part.State.SKIPPED, s.density().state());
    assertEquals(Part.State.SKIPPED, s.sweep().state());
    session.submit(Program.builder().build());
    Snapshot e = await(x -> x.revision() > s.revision() && x.finished());
    assertEquals(Part.State.SKIPPED, e.limits().state());
    assertEquals("the program is empty", e.limits().message());
  }

  @Test
  void aNewWidthRerunsOnlyTheSimulations() throws Exception {
    session.submit(TpParser.parse(MLP));
    Snapshot s = await(Snapshot::finished);
    session.setWidth(512);
    Snapshot t = await(x -> x.revision() > s.revision() && x.finished());
    assertSame(s.limits(), t.limits());
    assertSame(s.density(), t.density());
    assertEquals(512, t.width());
    assertTrue(t.finite().value().method().contains("512"), t.finite().value().method());
  }

  @Test
  void pathsOfASelectedVariableAndTheirMembersComeFromThePathsThread() throws Exception {
    session.submit(TpParser.parse(MLP));
    Snapshot s = await(Snapshot::finished);
    PathReport h = session.paths("h").get(1, TimeUnit.MINUTES);
    assertEquals(BigInteger.ONE, h.count());
    assertEquals(List.of("W"), h.classes().get(0).word());
    assertEquals(List.of(List.of("x", "h")), session.classPaths(s.revision(), "h", 0, 10)
        .get(1, TimeUnit.MINUTES));
    PathReport x = session.paths("x").get(1, TimeUnit.MINUTES);
    assertTrue(x.error().contains("X-var"), x.error());
    assertEquals(List.of(), session.classPaths(s.revision() - 1, "h", 0, 10)
        .get(1, TimeUnit.MINUTES));
  }

  @Test
  void aProgressReportDiffersOnlyInProgressAndAFinishedPartDoesNot() throws Exception {
    Program p = TpParser.parse(MLP);
    session.submit(p);
    Snapshot done = await(Snapshot::finished);
    List<Snapshot> all;
    synchronized (this) {
      all = List.copyOf(seen);
    }
    int progressOnly = 0;
    for (int i = 1; i < all.size(); i++) {
      Snapshot a = all.get(i - 1);
      Snapshot b = all.get(i);
      boolean sameParts = a.revision() == b.revision() && a.validation() == b.validation()
          && a.paths() == b.paths() && a.limits() == b.limits() && a.density() == b.density()
          && a.finite() == b.finite() && a.sweep() == b.sweep()
          && a.firstLimits() == b.firstLimits();
      assertEquals(sameParts, a.differsOnlyInProgress(b), i + ": " + a + " → " + b);
      progressOnly += sameParts ? 1 : 0;
    }
    assertTrue(progressOnly > 0, "the run reports its progress between parts");
    assertTrue(done.differsOnlyInProgress(done.withProgress(0.5)));
    assertFalse(done.differsOnlyInProgress(done.withLimits(Part.pending())));
    assertFalse(done.differsOnlyInProgress(done.withFirstLimits(Part.pending())));
    assertFalse(done.differsOnlyInProgress(null));
    Snapshot other = Snapshot.start(done.revision(), TpParser.parse(MLP.replace("2/n", "1/n")),
        done.width());
    assertFalse(Snapshot.start(done.revision(), p, done.width()).differsOnlyInProgress(other),
        "another program");
  }
}
