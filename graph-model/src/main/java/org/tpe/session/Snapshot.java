package org.tpe.session;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.model.Program;
import org.tpe.sim.ConvergenceResult;
import org.tpe.validate.ValidationReport;

/**
 * What an {@link AnalysisSession} knows about one program: its validation, the paths ending at its
 * outputs, its limits (the Master Theorem, TP IIb Thm. B.4), the particle run that draws the
 * densities, a finite-width run and a convergence sweep (|simulated − limit| against n), each a
 * {@link Part} that is pending, done, failed, skipped or cancelled. Immutable: the session
 * publishes a new snapshot as each part finishes, so a reader holding one sees a consistent state
 * of one program, never a mix of two.
 *
 * <p>The limits come in two parts: {@link #firstLimits} are those of the outputs and of the
 * vectors the session was asked to show first ({@link AnalysisSession#focus}), every pair among
 * them and every scalar, which cost a fraction of {@link #limits}, every pair of every vector
 * (TP IIb Thm. B.4 for each): a view shows the first as soon as they are done, while the rest is
 * computed.
 *
 * @param revision increases with every analysis the session starts
 * @param program the program analysed, without its layout (positions change nothing here)
 * @param limits E[Z^a Z^b] for every pair of vectors, and the scalars' limits
 * @param width the width of the finite-width run
 * @param firstLimits the limits of the outputs and the focused vectors, done before {@code
 *     limits} (and the same numbers, from the same engine, when both are done)
 */
public record Snapshot(long revision, Program program, Part<ValidationReport> validation,
    Part<PathReport> paths, Part<CoordinateStatistics> limits, Part<CoordinateStatistics> density,
    int width, Part<CoordinateStatistics> finite, Part<ConvergenceResult> sweep,
    double progress, Part<CoordinateStatistics> firstLimits) {
  public Snapshot {
    Objects.requireNonNull(firstLimits, "firstLimits");
    Objects.requireNonNull(program, "program");
    Objects.requireNonNull(validation, "validation");
    Objects.requireNonNull(paths, "paths");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(density, "density");
    Objects.requireNonNull(finite, "finite");
    Objects.requireNonNull(sweep, "sweep");
  }

  /** A snapshot whose first limits are its {@code limits} (a view of either shows the same). */
  public Snapshot(long revision, Program program, Part<ValidationReport> validation,
      Part<PathReport> paths, Part<CoordinateStatistics> limits, Part<CoordinateStatistics> density,
      int width, Part<CoordinateStatistics> finite, Part<ConvergenceResult> sweep,
      double progress) {
    this(revision, program, validation, paths, limits, density, width, finite, sweep, progress,
        limits);
  }

  /**
   * The limits a view can show now: every pair's when they are done, else the first limits when
   * those are done (the outputs and the focused vectors), else null.
   */
  public CoordinateStatistics shownLimits() {
    return limits.isDone() ? limits.value() : firstLimits.isDone() ? firstLimits.value() : null;
  }

  /** Everything pending for {@code program} (its layout dropped). */
  static Snapshot start(long revision, Program program, int width) {
    return new Snapshot(revision, program.withLayout(Map.of()), Part.pending(), Part.pending(),
        Part.pending(), Part.pending(), width, Part.pending(), Part.pending(), 0, Part.pending());
  }

  /** Whether this is about {@code p}, whatever its layout. */
  public boolean isFor(Program p) {
    return program.equals(p.withLayout(Map.of()));
  }

  /**
   * Whether {@code o} says nothing this one does not, apart from how far the running parts are
   * (its {@link #progress}): the same revision, program and width, and every part the same. A
   * view that shows this one need only move its progress bar for {@code o}.
   */
  public boolean differsOnlyInProgress(Snapshot o) {
    return o != null && revision == o.revision && width == o.width
        && (program == o.program || program.equals(o.program)) && parts().equals(o.parts());
  }

  /** Whether no part is pending any more. */
  public boolean finished() {
    for (Part<?> part : parts()) {
      if (part.isPending()) {
        return false;
      }
    }
    return true;
  }

  /** Whether some part was cancelled. */
  public boolean cancelled() {
    return parts().stream().anyMatch(p -> p.state() == Part.State.CANCELLED);
  }

  List<Part<?>> parts() {
    return List.of(validation, paths, firstLimits, limits, density, finite, sweep);
  }

  Snapshot withValidation(Part<ValidationReport> v) {
    return new Snapshot(revision, program, v, paths, limits, density, width, finite, sweep,
        progress, firstLimits);
  }

  Snapshot withPaths(Part<PathReport> v) {
    return new Snapshot(revision, program, validation, v, limits, density, width, finite, sweep,
        progress, firstLimits);
  }

  Snapshot withLimits(Part<CoordinateStatistics> v) {
    return new Snapshot(revision, program, validation, paths, v, density, width, finite, sweep,
        progress, firstLimits);
  }

  Snapshot withDensity(Part<CoordinateStatistics> v) {
    return new Snapshot(revision, program, validation, paths, limits, v, width, finite, sweep,
        progress, firstLimits);
  }

  Snapshot withFinite(Part<CoordinateStatistics> v) {
    return new Snapshot(revision, program, validation, paths, limits, density, width, v, sweep,
        progress, firstLimits);
  }

  Snapshot withSweep(Part<ConvergenceResult> v) {
    return new Snapshot(revision, program, validation, paths, limits, density, width, finite, v,
        progress, firstLimits);
  }

  Snapshot withProgress(double f) {
    return new Snapshot(revision, program, validation, paths, limits, density, width, finite,
        sweep, f, firstLimits);
  }

  Snapshot withFirstLimits(Part<CoordinateStatistics> v) {
    return new Snapshot(revision, program, validation, paths, limits, density, width, finite,
        sweep, progress, v);
  }

  /**
   * Every pending part of the limits thread cancelled (validation and paths are quick and not
   * cancellable: they finish).
   */
  Snapshot cancelPending() {
    UnaryOperator<Part<CoordinateStatistics>> c = Part::cancelIfPending;
    return new Snapshot(revision, program, validation, paths, c.apply(limits), c.apply(density),
        width, c.apply(finite), sweep.cancelIfPending(), progress, c.apply(firstLimits));
  }

  /** The cancelled parts pending again. */
  Snapshot resumeCancelled() {
    UnaryOperator<Part<CoordinateStatistics>> c = p -> p.state() == Part.State.CANCELLED
        ? Part.pending() : p;
    return new Snapshot(revision, program, validation, paths, c.apply(limits), c.apply(density),
        width, c.apply(finite), sweep.state() == Part.State.CANCELLED ? Part.pending() : sweep, 0,
        c.apply(firstLimits));
  }
}
