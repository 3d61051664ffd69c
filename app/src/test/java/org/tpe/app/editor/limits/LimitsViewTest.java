package org.tpe.app.editor.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.Limits;
import org.tpe.model.Program;
import org.tpe.session.Part;
import org.tpe.session.Snapshot;
import org.tpe.sim.ConvergenceResult;
import org.tpe.sim.ConvergenceSweep;

/** What the limits panel shows for a snapshot, decided without JavaFX. */
class LimitsViewTest {
  /** μ = avg(h) → 0 and ν = avg(h²) → σ² E relu(u)² = 1 in the limit (TP IIb §4). */
  private static final Program P = TpParser.parse("""
      input u : G(n) ~ N(0, 1)
      input W : A(n, n) ~ N(0, 2/n)
      x := relu(u)
      h := W x
      μ := avg(h)
      ν := avg(h * h)
      output h
      """);
  private static final CoordinateStatistics STATS = Limits.compute(P);
  private static final CoordinateStatistics DENSITY = Limits.compute(P, LimitOptions.defaults()
      .withEngine(LimitOptions.Engine.PARTICLE).withSamples(1024).withThreads(1));
  private static final CoordinateStatistics FINITE = org.tpe.sim.FiniteWidthSimulator.simulate(P,
      org.tpe.sim.SimulationOptions.of(64, 1L).withThreads(1));
  private static final ConvergenceResult SWEEP = ConvergenceSweep.run(P, STATS, List.of(32, 64),
      List.of(1L), 1, (f, m) -> { }, org.tpe.limit.CancellationToken.NONE);

  private static Snapshot snapshot(Part<CoordinateStatistics> limits,
      Part<CoordinateStatistics> density, Part<ConvergenceResult> sweep) {
    return new Snapshot(3, P, Part.pending(), Part.pending(), limits, density, 64,
        Part.pending(), sweep, 0.5);
  }

  private static Snapshot finished() {
    return new Snapshot(3, P, Part.done(org.tpe.validate.Validator.validate(P)), Part.skipped(
        "not needed here"), Part.done(STATS), Part.done(DENSITY), 64, Part.done(FINITE),
        Part.done(SWEEP), 1);
  }

  /**
   * While every pair's limits compute, the first limits (the output h and the scalars) are shown,
   * unless the selected vector is not among them: then no number of another vector stands in.
   */
  @Test
  void theFirstLimitsAreShownWhileEveryPairsComputeButNotForAnotherSelectedVector() {
    CoordinateStatistics first = Limits.compute(P, org.tpe.limit.LimitRequest.among(
        List.of("h")), LimitOptions.defaults(), org.tpe.limit.ProgressListener.NONE,
        org.tpe.limit.CancellationToken.NONE);
    Snapshot s = new Snapshot(3, P, Part.pending(), Part.pending(), Part.pending(),
        Part.pending(), 64, Part.pending(), Part.pending(), 0.1, Part.done(first));
    LimitsView v = LimitsView.of(s, P, null, 1024);
    assertEquals("numbers shown up to date; computing the limits of every vector…", v.state());
    assertTrue(v.running());
    assertEquals("Z^h (G-var)", v.heading());
    // Z^h ~ N(0, 2 E relu(u)²) = N(0, 1), exactly (closed forms)
    assertEquals("mean " + LimitsView.fmt(0) + "    variance " + LimitsView.fmt(1), v.numbers());
    assertTrue(v.scalars().contains("ν̊ = " + LimitsView.fmt(1)), v.scalars());
    assertEquals("density of Z^h (computing…)", v.densityTitle());
    assertEquals(List.of("h"), v.heatNames());
    assertEquals("Z^h (G-var)", LimitsView.of(s, P, "W", 1024).heading(), "a matrix: the output");
    assertTrue(LimitsView.of(s, P, "μ", 1024).numbers().startsWith("μ̊ = "));
    LimitsView x = LimitsView.of(s, P, "x", 1024);
    assertEquals("computing the limits…", x.state());
    assertEquals("", x.numbers());
    assertEquals("", x.heading());
    assertTrue(x.heatNames().isEmpty());
    // once every pair's are done they are shown, the selected x included
    Snapshot done = new Snapshot(3, P, Part.pending(), Part.pending(), Part.done(STATS),
        Part.pending(), 64, Part.pending(), Part.pending(), 0.3, Part.done(first));
    assertEquals("Z^x (X-var)", LimitsView.of(done, P, "x", 1024).heading());
  }

  @Test
  void aSnapshotOfAnotherProgramShowsNoneOfItsNumbers() {
    Program edited = TpParser.parse("input u : G(n) ~ N(0, 4)\ninput W : A(n, n) ~ N(0, 2/n)\n"
        + "x := relu(u)\nh := W x\nμ := avg(h)\nν := avg(h * h)\noutput h\n");
    LimitsView v = LimitsView.of(finished(), edited, "h", 1024);
    assertEquals("computing…", v.state());
    assertEquals("", v.method());
    assertEquals("", v.numbers());
    assertEquals("", v.scalars());
    assertEquals("", v.densityTitle());
    assertTrue(v.heatNames().isEmpty());
    assertEquals(0, v.widths().length);
    assertEquals("", v.slope());
    assertTrue(v.running());
    assertEquals("computing…", LimitsView.of(null, P, null, 1024).state());
  }

  @Test
  void theSnapshotOfTheProgramOnScreenShowsItsNumbers() {
    LimitsView v = LimitsView.of(finished(), P.withPosition("h", new org.tpe.model.Point(1, 2)),
        null, 1024);
    assertEquals("up to date", v.state());
    assertEquals("Z^h (G-var)", v.heading());
    // h = W relu(u), σ² = 2: Z^h ~ N(0, 2 E relu(u)²) = N(0, 1) (deterministic: closed forms)
    assertEquals("mean " + LimitsView.fmt(0) + "    variance " + LimitsView.fmt(1),
        v.numbers().lines().findFirst().orElseThrow());
    assertTrue(v.numbers().contains("at n = 64: mean "), v.numbers());
    // the finite-width numbers carry their standard errors: n = 64 coordinates of one run,
    // Var Z^h = 1, so the mean's s.e. is about 64^(-1/2) = 0.125 (within a factor 2 of it)
    String finiteLine = v.numbers().lines().skip(1).findFirst().orElseThrow();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("mean \\S+ ± (\\S+)")
        .matcher(finiteLine);
    assertTrue(m.find(), finiteLine);
    double se = Double.parseDouble(m.group(1));
    assertTrue(se > 0.125 / 2 && se < 0.125 * 2, finiteLine);
    assertEquals("density of Z^h (limit, 1024 particles); bars: width n = 64", v.densityTitle());
    assertNotNull(v.limitDensity());
    assertTrue(v.convergenceLabels().stream().allMatch(l -> l.contains("h")),
        v.convergenceLabels().toString());
    assertEquals(2, v.widths().length);
    assertFalse(v.running());
  }

  @Test
  void aSelectedScalarShowsItsLimitAndNoVectorsDensity() {
    LimitsView v = LimitsView.of(finished(), P, "ν", 1024);
    assertEquals("ν (scalar)", v.heading());
    assertEquals("ν̊ = " + LimitsView.fmt(1), v.numbers().lines().findFirst().orElseThrow());
    assertEquals("", v.densityTitle());
    assertEquals(null, v.limitDensity());
    assertTrue(v.convergenceLabels().stream().noneMatch(l -> l.contains("(h)")),
        v.convergenceLabels().toString());
  }

  @Test
  void afterCancelTheDensitySaysCancelledAndComputeIsOffered() {
    Snapshot s = new Snapshot(3, P, Part.skipped("-"), Part.skipped("-"), Part.done(STATS),
        Part.cancelled(), 64, Part.cancelled(), Part.cancelled(), 0.3);
    LimitsView v = LimitsView.of(s, P, "h", 1024);
    assertEquals("density of Z^h (cancelled)", v.densityTitle());
    assertEquals("(cancelled)", v.convergenceTitle());
    assertTrue(v.state().startsWith("cancelled"), v.state());
    assertTrue(v.resumable());
    assertFalse(v.running());
  }

  @Test
  void whileTheDensityComputesItSaysSoAndTheNumbersAreThere() {
    LimitsView v = LimitsView.of(snapshot(Part.done(STATS), Part.pending(), Part.pending()), P,
        "h", 1024);
    assertEquals("density of Z^h (computing…)", v.densityTitle());
    assertEquals("numbers up to date; computing the density…", v.state());
    assertTrue(v.numbers().startsWith("mean "));
    assertEquals("(running…)", v.convergenceTitle());
  }

  @Test
  void limitsThatCouldNotBeComputedSayWhyAndShowNothingElse() {
    LimitsView v = LimitsView.of(new Snapshot(3, P, Part.skipped("-"), Part.skipped("-"),
        Part.failed("x: undefined"), Part.skipped("no limits"), 64, Part.skipped("no limits"),
        Part.skipped("no limits"), 1), P, "h", 1024);
    assertEquals("No limits: x: undefined", v.method());
    assertEquals("not computed", v.state());
    assertEquals("", v.numbers());
    assertEquals("", v.slope());
    assertEquals(0, v.widths().length);
    LimitsView pending = LimitsView.of(snapshot(Part.pending(), Part.pending(), Part.pending()),
        P, "h", 1024);
    assertEquals("computing the limits…", pending.state());
    assertEquals("", pending.numbers());
  }
}
