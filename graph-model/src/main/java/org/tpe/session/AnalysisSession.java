package org.tpe.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.LimitException;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.LimitRequest;
import org.tpe.limit.Limits;
import org.tpe.limit.ProgressListener;
import org.tpe.model.Problem;
import org.tpe.model.Program;
import org.tpe.model.SourceMap;
import org.tpe.model.SourcePos;
import org.tpe.paths.IsomorphismClass;
import org.tpe.paths.PathAnalysis;
import org.tpe.paths.PathSet;
import org.tpe.sim.ConvergenceResult;
import org.tpe.sim.ConvergenceSweep;
import org.tpe.sim.FiniteWidthSimulator;
import org.tpe.sim.SimulationException;
import org.tpe.sim.SimulationOptions;
import org.tpe.validate.ValidationReport;
import org.tpe.validate.Validator;

/**
 * Analyses the program being edited, off the caller's thread, one edit at a time: validation and
 * the paths to the outputs (TP IIb §5.1) on one thread; the limits (the Master Theorem, TP IIb
 * Thm. B.4), the particle run that draws the densities, a finite-width run and a convergence sweep
 * on another. Each finished part is published as a new immutable {@link Snapshot}.
 *
 * <p><b>What is shown first comes first.</b> Before the limits of every pair of vectors, the
 * limits thread computes those of the outputs and of the vectors in {@link #focus} (the selected
 * one), every pair among them and every scalar: on a deep program these cost a small fraction of
 * the whole table (the exact engine computes only the ZHat covariances the asked pairs need), so
 * a view shows the numbers on screen while the rest is computed ({@link Snapshot#firstLimits}).
 *
 * <p><b>Keyed on the program without its layout.</b> {@link #submit} of a program that differs
 * from the last one only in node positions starts nothing (dragging a node recomputes nothing);
 * one whose statements stand on other lines (text added above them) is validated again, for the
 * line:column of its messages, and keeps every other result. Any other program cancels the
 * running analysis ({@link CancellationToken}) and starts a new one at once.
 *
 * <p><b>Never stale.</b> A snapshot is about one program; the session publishes only snapshots of
 * the latest revision, and a part once finished is never replaced, so a reader that checks
 * {@link Snapshot#isFor} shows either that program's results or that they are pending.
 *
 * <p>Thread safe. The listener is called on the session's threads (and on the caller's, by
 * {@link #submit}, {@link #cancel} and {@link #setWidth}), one call at a time, in order of
 * revision, never while the session's state is locked (so it may call {@link #current}); it must be
 * quick and must not wait for a thread that is calling the session: post to the UI thread. Path
 * queries ({@link #paths}, {@link #classPaths}) run on the paths thread, since a {@link
 * PathAnalysis} answers one thread at a time. Costs are those of the analyses (see {@link Limits},
 * {@link PathAnalysis}, {@link FiniteWidthSimulator}, {@link ConvergenceSweep}).
 */
public final class AnalysisSession implements AutoCloseable {
  /**
   * Isomorphism classes listed per path set, the shortest words first (a residual network has
   * 2^L − 1 of them); every listed class has its exact count.
   */
  static final int LISTED_CLASSES = 1000;

  /**
   * What the session computes.
   *
   * @param threads threads of each limit engine and simulation
   * @param densitySamples particles of the run that draws the densities of Z^x
   * @param histogramBins bins of those densities
   * @param width width n of the finite-width column (run {@link
   *     FiniteWidthSimulator#DEFAULT_REPLICATES} times, so its ± is a standard error over seeds)
   * @param sweepWidths widths of the convergence sweep (at least two)
   * @param sweepSeeds seeds of the convergence sweep (at least one)
   * @param maxBytes a simulation needing more heap than this is skipped, with the reason
   */
  public record Settings(int threads, int densitySamples, int histogramBins, int width,
      List<Integer> sweepWidths, List<Long> sweepSeeds, long maxBytes) {
    public Settings {
      sweepWidths = List.copyOf(sweepWidths);
      sweepSeeds = List.copyOf(sweepSeeds);
      if (threads < 1 || densitySamples < 32 || width < 2) {
        throw new IllegalArgumentException("threads ≥ 1, densitySamples ≥ 32, width ≥ 2: "
            + threads + ", " + densitySamples + ", " + width);
      }
    }

    /**
     * Two threads at most, and one core left to the editor's interface (its JavaFX and render
     * threads: on two cores the analyses take one), 2^14 particles in 40 bins, n = 1024, a sweep
     * over n = 128…1024 with two seeds (small, so it follows edits in seconds), simulations up to
     * 512 MiB.
     */
    public static Settings defaults() {
      return new Settings(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors() - 1)),
          1 << 14, 40, 1024, List.of(128, 256, 512, 1024), List.of(1L, 2L), 512L << 20);
    }

    public Settings withWidth(int n) {
      return new Settings(threads, densitySamples, histogramBins, n, sweepWidths, sweepSeeds,
          maxBytes);
    }
  }

  private final Consumer<Snapshot> listener;
  /** Guards the state below; never held while the listener runs. */
  private final Object lock = new Object();
  /** Orders deliveries to the listener; taken before {@link #lock}, never after it. */
  private final Object delivery = new Object();
  private long published;
  private long delivered;
  private final ExecutorService limitsThread = worker("tpe-limits");
  private final ExecutorService pathsThread = worker("tpe-paths");
  private final AtomicLong started = new AtomicLong();
  private Settings settings;
  private Snapshot current;
  private List<SourcePos> positions = List.of();
  private CancellationToken token = new CancellationToken();
  private CompletableFuture<PathAnalysis> analysis = new CompletableFuture<>();
  /** Vectors whose limits are computed first, with the outputs (read when a run starts). */
  private volatile List<String> focus = List.of();
  private long revision;
  // owned by the paths thread
  private PathAnalysis cachedFor;
  private final Map<String, PathSet> pathSets = new HashMap<>();

  public AnalysisSession(Settings settings, Consumer<Snapshot> listener) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  private static ExecutorService worker(String name) {
    return Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  /** The latest snapshot, or null before the first {@link #submit}. */
  public Snapshot current() {
    synchronized (lock) {
      return current;
    }
  }

  /** How many analyses (or revalidations) were started: a drag must not start one. */
  public long analysesStarted() {
    return started.get();
  }

  public Settings settings() {
    synchronized (lock) {
      return settings;
    }
  }

  /**
   * The program being edited is now {@code p}. Returns whether anything was started (false when
   * only node positions changed).
   */
  public boolean submit(Program p) {
    Program bare = p.withLayout(Map.of());
    List<SourcePos> where = positions(p.sourceMap());
    synchronized (lock) {
      if (current != null && current.program().equals(bare)) {
        if (where.equals(positions)) {
          return false;
        }
        positions = where;
        // same program on other lines: only the messages' positions change
        start(bare, current.withValidation(Part.pending()), false);
      } else {
        positions = where;
        start(bare, Snapshot.start(revision + 1, bare, settings.width()), true);
      }
    }
    deliver();
    return true;
  }

  /**
   * The vectors whose limits the next analyses compute first, with the outputs (those a view
   * shows: the selected one). Starts nothing: a selection change must not cost an analysis.
   */
  public void focus(java.util.Collection<String> vectors) {
    focus = List.copyOf(vectors);
  }

  /** Runs the finite-width simulation and the sweep again at width {@code n}. */
  public void setWidth(int n) {
    synchronized (lock) {
      settings = settings.withWidth(n);
      if (current != null && current.width() != n) {
        Snapshot base = current;
        start(base.program(), new Snapshot(base.revision(), base.program(), base.validation(),
            base.paths(), base.limits(), base.density(), n, Part.pending(), Part.pending(), 0,
            base.firstLimits()), false);
      }
    }
    deliver();
  }

  /** Stops the running analysis; its unfinished parts are published as cancelled at once. */
  public void cancel() {
    synchronized (lock) {
      token.cancel();
      if (current != null && !current.finished()) {
        publish(current.cancelPending());
      }
    }
    deliver();
  }

  /** Computes again what was cancelled, for the same program. */
  public void resume() {
    synchronized (lock) {
      if (current != null && current.cancelled()) {
        start(current.program(), current.resumeCancelled(), false);
      }
    }
    deliver();
  }

  /**
   * The paths ending at the G-var {@code target} (null: at the outputs) of the current program,
   * computed on the paths thread once its analysis is built.
   */
  public CompletableFuture<PathReport> paths(String target) {
    long rev;
    CompletableFuture<PathAnalysis> a;
    synchronized (lock) {
      rev = revision;
      a = analysis;
    }
    return a.thenApplyAsync(x -> report(rev, x, target), pathsThread)
        .exceptionally(e -> PathReport.failed(rev, target, message(e)));
  }

  /**
   * The first {@code limit} paths (each its list of vectors p⁰, p¹, …) of class {@code index} of
   * {@link #paths}{@code (target)}, enumerated lazily on the paths thread; empty when {@code
   * revision} is no longer current.
   */
  public CompletableFuture<List<List<String>>> classPaths(long revision, String target, int index,
      int limit) {
    CompletableFuture<PathAnalysis> a;
    synchronized (lock) {
      if (revision != this.revision) {
        return CompletableFuture.completedFuture(List.of());
      }
      a = analysis;
    }
    return a.thenApplyAsync(x -> {
      List<IsomorphismClass> cs = pathSet(x, target).firstClasses(LISTED_CLASSES).classes();
      if (index < 0 || index >= cs.size()) {
        return List.<List<String>>of();
      }
      return cs.get(index).paths().limit(limit).map(org.tpe.paths.Path::vars).toList();
    }, pathsThread).exceptionally(e -> List.of());
  }

  @Override
  public void close() {
    synchronized (lock) {
      token.cancel();
    }
    limitsThread.shutdownNow();
    pathsThread.shutdownNow();
  }

  // ---- running ----------------------------------------------------------------------------

  /** Starts computing the pending parts of {@code base} as a new revision (holding the lock). */
  private void start(Program p, Snapshot base, boolean newProgram) {
    token.cancel();
    CancellationToken t = new CancellationToken();
    token = t;
    long rev = ++revision;
    started.incrementAndGet();
    Snapshot s = new Snapshot(rev, p, base.validation(), base.paths(), base.limits(),
        base.density(), base.width(), base.finite(), base.sweep(), 0, base.firstLimits());
    if (newProgram || s.paths().isPending()) {
      analysis = new CompletableFuture<>();
    }
    CompletableFuture<PathAnalysis> a = analysis;
    publish(s);
    if (s.validation().isPending() || s.paths().isPending()) {
      boolean paths = s.paths().isPending();
      pathsThread.submit(() -> validateAndFindPaths(rev, p, paths, a));
    }
    if (s.limits().isPending() || s.density().isPending() || s.finite().isPending()
        || s.sweep().isPending()) {
      limitsThread.submit(() -> limits(rev, p, t));
    }
  }

  private void validateAndFindPaths(long rev, Program p, boolean paths,
      CompletableFuture<PathAnalysis> a) {
    if (snapshot(rev) == null) {
      a.cancel(false); // superseded while queued
      return;
    }
    try {
      ValidationReport report = Validator.validate(p);
      update(rev, s -> s.withValidation(Part.done(report)));
      if (!paths) {
        return;
      }
      try {
        PathAnalysis pa = PathAnalysis.of(p, report);
        PathReport r = report(rev, pa, null);
        a.complete(pa);
        update(rev, s -> s.withPaths(Part.done(r)));
      } catch (RuntimeException e) {
        a.completeExceptionally(e);
        update(rev, s -> s.withPaths(Part.failed(message(e))));
      }
    } catch (RuntimeException | StackOverflowError e) {
      a.completeExceptionally(e);
      update(rev, s -> s.withValidation(Part.failed(message(e)))
          .withPaths(s.paths().isPending() ? Part.failed(message(e)) : s.paths()));
    }
  }

  private void limits(long rev, Program p, CancellationToken t) {
    Snapshot s0 = snapshot(rev);
    if (s0 == null) {
      return;
    }
    Settings cfg = settings();
    Progress progress = new Progress(rev);
    try {
      CoordinateStatistics stats = s0.limits().value();
      if (s0.limits().isPending()) {
        t.check();
        if (p.statements().isEmpty()) {
          skipRest(rev, "the program is empty");
          return;
        }
        if (s0.firstLimits().isPending()) {
          firstLimits(rev, p, cfg, t);
        }
        try {
          stats = Limits.compute(p, LimitOptions.defaults().withThreads(cfg.threads())
              .withHistogramBins(0), progress.range(0, 0.3), t);
          CoordinateStatistics done = stats;
          update(rev, s -> s.withLimits(Part.done(done)));
        } catch (LimitException e) {
          String why = e.problems().isEmpty() ? e.getMessage() : e.problems().get(0).message();
          update(rev, s -> s.withLimits(Part.failed(why)));
          skipRest(rev, "no limits: " + why);
          return;
        }
      }
      if (stats == null) {
        skipRest(rev, "no limits: " + s0.limits().message());
        return;
      }
      if (s0.density().isPending()) {
        t.check();
        try {
          CoordinateStatistics d = Limits.compute(p, LimitOptions.defaults()
              .withEngine(LimitOptions.Engine.PARTICLE).withSamples(cfg.densitySamples())
              .withThreads(cfg.threads()).withHistogramBins(cfg.histogramBins()),
              progress.range(0.3, 0.5), t);
          update(rev, s -> s.withDensity(Part.done(d)));
        } catch (LimitException e) {
          update(rev, s -> s.withDensity(Part.failed(e.getMessage())));
        }
      }
      simulations(rev, p, stats, cfg, progress, t);
      progress.report(1);
    } catch (CancellationException e) {
      update(rev, Snapshot::cancelPending);
    } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
      String why = message(e);
      update(rev, s -> failPending(s, why));
    }
  }

  /**
   * The limits of the outputs and the focused vectors (every pair among them, every scalar),
   * published before every pair's. A failure here is published as such and the full computation
   * still runs (it says why it fails, or succeeds where only these were refused).
   */
  private void firstLimits(long rev, Program p, Settings cfg, CancellationToken t) {
    java.util.Set<String> first = new java.util.LinkedHashSet<>();
    for (String v : p.outputs()) {
      if (p.kindOf(v).isVector()) {
        first.add(v);
      }
    }
    for (String v : focus) {
      if (p.isDefined(v) && p.kindOf(v).isVector()) {
        first.add(v);
      }
    }
    if (first.isEmpty()) {
      update(rev, s -> s.withFirstLimits(Part.skipped("no output and no vector in focus")));
      return;
    }
    try {
      CoordinateStatistics st = Limits.compute(p, LimitRequest.among(first),
          LimitOptions.defaults().withThreads(cfg.threads()).withHistogramBins(0),
          ProgressListener.NONE, t);
      update(rev, s -> s.withFirstLimits(Part.done(st)));
    } catch (LimitException e) {
      String why = e.problems().isEmpty() ? e.getMessage() : e.problems().get(0).message();
      update(rev, s -> s.withFirstLimits(Part.failed(why)));
    }
  }

  private void simulations(long rev, Program p, CoordinateStatistics stats, Settings cfg,
      Progress progress, CancellationToken t) {
    int largest = Math.max(cfg.width(), cfg.sweepWidths().stream().mapToInt(i -> i).max()
        .orElse(0));
    long bytes = FiniteWidthSimulator.requiredBytes(p, largest);
    if (bytes >= cfg.maxBytes()) {
      String why = "a run at n = " + largest + " needs " + (bytes >> 20) + " MiB, more than "
          + (cfg.maxBytes() >> 20) + " MiB";
      update(rev, s -> s.withFinite(Part.skipped(why)).withSweep(Part.skipped(why)));
      return;
    }
    t.check();
    try {
      CoordinateStatistics finite = FiniteWidthSimulator.replicated(p,
          SimulationOptions.of(cfg.width(), 1L).withThreads(cfg.threads()),
          FiniteWidthSimulator.DEFAULT_REPLICATES, progress.range(0.5, 0.6), t);
      update(rev, s -> s.withFinite(Part.done(finite)));
    } catch (SimulationException | IllegalArgumentException e) {
      String why = message(e);
      update(rev, s -> s.withFinite(Part.failed(why)).withSweep(Part.skipped(
          "the simulation failed: " + why)));
      return;
    }
    t.check();
    try {
      ConvergenceResult sweep = ConvergenceSweep.run(p, stats, cfg.sweepWidths(),
          cfg.sweepSeeds(), cfg.threads(), progress.range(0.6, 1), t);
      update(rev, s -> s.withSweep(Part.done(sweep)));
    } catch (SimulationException | IllegalArgumentException e) {
      String why = message(e);
      update(rev, s -> s.withSweep(Part.failed(why)));
    }
  }

  private void skipRest(long rev, String why) {
    update(rev, s -> new Snapshot(s.revision(), s.program(), s.validation(), s.paths(),
        s.limits().isPending() ? Part.skipped(why) : s.limits(), skipIfPending(s.density(), why),
        s.width(), skipIfPending(s.finite(), why), skipIfPending(s.sweep(), why), 1,
        skipIfPending(s.firstLimits(), why)));
  }

  private static <T> Part<T> skipIfPending(Part<T> p, String why) {
    return p.isPending() ? Part.skipped(why) : p;
  }

  private static Snapshot failPending(Snapshot s, String why) {
    return new Snapshot(s.revision(), s.program(), s.validation(), s.paths(),
        s.limits().isPending() ? Part.failed(why) : s.limits(),
        s.density().isPending() ? Part.failed(why) : s.density(), s.width(),
        s.finite().isPending() ? Part.failed(why) : s.finite(),
        s.sweep().isPending() ? Part.failed(why) : s.sweep(), s.progress(),
        s.firstLimits().isPending() ? Part.failed(why) : s.firstLimits());
  }

  private PathReport report(long rev, PathAnalysis a, String target) {
    try {
      PathSet set = pathSet(a, target);
      PathSet.ClassListing listing = set.firstClasses(LISTED_CLASSES);
      List<PathReport.PathClass> cs = new ArrayList<>();
      for (IsomorphismClass c : listing.classes()) {
        cs.add(new PathReport.PathClass(c.word(), c.count(), c.pathLength()));
      }
      List<String> notes = new ArrayList<>(set.notes());
      if (listing.workBound()) {
        notes.add("there are more isomorphism classes: the first " + listing.classes().size()
            + " by word length are listed, each with its exact count (longer words would take"
            + " too long to list)");
      } else if (!listing.complete()) {
        notes.add("there are more than " + LISTED_CLASSES + " isomorphism classes: the first "
            + LISTED_CLASSES + " by word length are listed, each with its exact count");
      }
      return new PathReport(rev, target, set.count(), cs, notes, a.wasReduced(), null);
    } catch (RuntimeException e) {
      return PathReport.failed(rev, target, message(e));
    }
  }

  /** The path set of {@code target} (null: the outputs), cached per analysis (paths thread). */
  private PathSet pathSet(PathAnalysis a, String target) {
    if (cachedFor != a) {
      cachedFor = a;
      pathSets.clear();
    }
    String key = target == null ? "" : "=" + target;
    PathSet s = pathSets.get(key);
    if (s == null) {
      s = target == null ? a.pathsToOutputs() : a.pathsTo(target);
      pathSets.put(key, s);
    }
    return s;
  }

  // ---- publishing ---------------------------------------------------------------------------

  private Snapshot snapshot(long rev) {
    synchronized (lock) {
      return current != null && current.revision() == rev ? current : null;
    }
  }

  /** Applies {@code f} to the current snapshot if it is still of revision {@code rev}. */
  private void update(long rev, UnaryOperator<Snapshot> f) {
    synchronized (lock) {
      if (current == null || current.revision() != rev) {
        return;
      }
      Snapshot next = keepFinished(current, f.apply(current));
      if (next.equals(current)) {
        return;
      }
      publish(next);
    }
    deliver();
  }

  /** A finished part is final: {@code next} may only fill in parts still pending in {@code was}. */
  private static Snapshot keepFinished(Snapshot was, Snapshot next) {
    return new Snapshot(was.revision(), was.program(), pick(was.validation(), next.validation()),
        pick(was.paths(), next.paths()), pick(was.limits(), next.limits()),
        pick(was.density(), next.density()), was.width(), pick(was.finite(), next.finite()),
        pick(was.sweep(), next.sweep()), next.progress(), pick(was.firstLimits(),
        next.firstLimits()));
  }

  private static <T> Part<T> pick(Part<T> was, Part<T> next) {
    return was.isPending() ? next : was;
  }

  /** Makes {@code s} current (holding the lock); {@link #deliver} then tells the listener. */
  private void publish(Snapshot s) {
    current = s;
    published++;
  }

  /**
   * Tells the listener the current snapshot unless a later one was told already: the listener
   * sees revisions in order and is never called holding {@link #lock}.
   */
  private void deliver() {
    synchronized (delivery) {
      Snapshot s;
      long q;
      synchronized (lock) {
        s = current;
        q = published;
      }
      if (q > delivered) {
        delivered = q;
        listener.accept(s);
      }
    }
  }

  /** Progress of one revision, published at most every 2 %. */
  private final class Progress {
    private final long rev;
    private double last = -1;

    Progress(long rev) {
      this.rev = rev;
    }

    ProgressListener range(double from, double to) {
      return (f, m) -> report(from + (to - from) * Math.max(0, Math.min(1, f)));
    }

    void report(double f) {
      if (f >= 1 || f - last >= 0.02) {
        last = f;
        update(rev, s -> s.withProgress(f));
      }
    }
  }

  /** Where each statement stands in the text: two programs equal apart from this differ in it. */
  private static List<SourcePos> positions(SourceMap m) {
    List<SourcePos> out = new ArrayList<>();
    out.add(m.title());
    for (int i = 0; m.input(i) != null; i++) {
      out.add(m.input(i));
    }
    for (int i = 0; m.covariance(i) != null; i++) {
      out.add(m.covariance(i));
    }
    for (int i = 0; m.instruction(i) != null; i++) {
      out.add(m.instruction(i));
    }
    for (int i = 0; m.output(i) != null; i++) {
      out.add(m.output(i));
    }
    return out;
  }

  private static String message(Throwable e) {
    Throwable c = e;
    while ((c instanceof java.util.concurrent.CompletionException
        || c instanceof java.util.concurrent.ExecutionException) && c.getCause() != null) {
      c = c.getCause();
    }
    if (c instanceof LimitException le && !le.problems().isEmpty()) {
      return le.problems().get(0).message();
    }
    if (c instanceof SimulationException se && !se.problems().isEmpty()) {
      Problem p = se.problems().get(0);
      return p.message();
    }
    return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
  }
}
