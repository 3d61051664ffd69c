package org.tpe.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.tpe.expr.Linearity;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.Estimate;
import org.tpe.limit.LimitException;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.LimitRequest;
import org.tpe.limit.Limits;
import org.tpe.limit.ProgressListener;
import org.tpe.limit.VectorStatistics;
import org.tpe.model.Instruction;
import org.tpe.model.Nonlin;
import org.tpe.model.Program;
import org.tpe.model.VarKind;
import org.tpe.ntk.Kernel;

/**
 * One SGD run read off the statistics of its unrolled program ({@link UnrolledSgd}): in the limit
 * (from a limit engine) or at one width and seed (from the simulator). For every step t = 0 … T:
 * f_t on every input, the training loss, the feature kernel E[Z^{x_t(ξ)} Z^{x_t(ξ̄)}] of the
 * readout's vector x and its movement from step 0, and the coordinate statistics (mean, variance,
 * density) of every forward vector on every input. Every number carries the error of its source:
 * the engine's error estimate in the limit; at finite width the standard error s/√K over the K
 * seeds of a {@linkplain FiniteWidthTraining#replicated mean over seeds}, unknown (NaN) for one
 * run — one run cannot estimate its own seed-to-seed fluctuation, and the within-draw √(Var/n)
 * would understate it, since every coordinate shares the same matrices. Immutable.
 */
public final class TrainingTrajectory {
  private final String method;
  private final List<String> notes;
  private final int width;
  private final long seed;
  private final int replicates;
  private final List<String> inputs;
  private final List<Integer> examples;
  private final String readout;
  private final List<String> forward;
  private final Estimate[][] outputs;
  private final Estimate[] losses;
  private final Kernel[] features;
  private final Kernel[] movements;
  private final Map<String, VectorStatistics[][]> vectors;
  private final Map<String, Estimate[][]> squares;

  private TrainingTrajectory(UnrolledSgd.Result r, CoordinateStatistics st,
      CoordinateStatistics kernels, int width, long seed, int replicates) {
    this.method = kernels == null || kernels.method().equals(st.method()) ? st.method()
        : st.method() + "; feature kernel after step 0: " + kernels.method();
    List<String> ns = new ArrayList<>(st.notes());
    if (kernels != null && !kernels.method().equals(st.method())) {
      ns.add("the feature kernel between different inputs after step 0 by the "
          + kernels.method() + " engine:");
      kernels.notes().forEach(n -> ns.add("  " + n));
    }
    this.notes = List.copyOf(ns);
    this.width = width;
    this.seed = seed;
    this.replicates = replicates;
    this.inputs = r.inputs();
    this.examples = r.examples();
    this.readout = r.readout();
    this.forward = r.forward();
    int steps = r.steps();
    int k = inputs.size();
    outputs = new Estimate[steps + 1][k];
    losses = new Estimate[steps + 1];
    features = new Kernel[steps + 1];
    movements = new Kernel[steps + 1];
    Map<String, VectorStatistics[][]> vs = new LinkedHashMap<>();
    Map<String, Estimate[][]> sq = new LinkedHashMap<>();
    for (String x : forward) {
      vs.put(x, new VectorStatistics[steps + 1][k]);
      sq.put(x, new Estimate[steps + 1][k]);
    }
    for (int t = 0; t <= steps; t++) {
      losses[t] = scalar(st, r.loss(t));
      double[][] kv = new double[k][k];
      double[][] ke = new double[k][k];
      for (int b = 0; b < k; b++) {
        outputs[t][b] = scalar(st, r.output(t, b));
        for (String x : forward) {
          String name = r.vector(x, t, b);
          vs.get(x)[t][b] = st.vectors().get(name);
          sq.get(x)[t][b] = st.secondMoment(name, name);
        }
        for (int c = 0; c < k; c++) {
          CoordinateStatistics from = kernels != null && t > 0 && b != c ? kernels : st;
          Estimate e = from.secondMoment(r.vector(readout, t, b), r.vector(readout, t, c));
          if (e == null) {
            throw new IllegalStateException("no E[" + r.vector(readout, t, b) + " "
                + r.vector(readout, t, c) + "] in " + from.method());
          }
          kv[b][c] = e.value();
          ke[b][c] = e.error();
        }
      }
      features[t] = new Kernel(kv, ke);
      double[][] mv = new double[k][k];
      double[][] me = new double[k][k];
      for (int b = 0; b < k; b++) {
        for (int c = 0; c < k; c++) {
          String m = r.movement(t, b, c);
          if (m != null) {
            Estimate e = scalar(st, m);
            mv[b][c] = e.value();
            me[b][c] = e.error();
          } else if (t > 0 && !r.vector(readout, t, b).equals(r.vector(readout, 0, b))) {
            // the limit: K_t − K_0 with both errors (a bound when they are bounds)
            mv[b][c] = kv[b][c] - features[0].value(b, c);
            me[b][c] = ke[b][c] + features[0].error(b, c);
          }
        }
      }
      movements[t] = new Kernel(mv, me);
    }
    this.vectors = Collections.unmodifiableMap(vs);
    this.squares = Collections.unmodifiableMap(sq);
  }

  private static Estimate scalar(CoordinateStatistics st, String name) {
    Estimate e = st.scalars().get(name);
    if (e == null) {
      throw new IllegalStateException("no value for " + name);
    }
    return e;
  }

  /** The trajectory of {@code r}'s program whose statistics are {@code st}. */
  public static TrainingTrajectory of(UnrolledSgd.Result r, CoordinateStatistics st) {
    return new TrainingTrajectory(r, st, null, r.width(), 0, 0);
  }

  /**
   * The limit trajectory of {@code r}'s program from two computations: {@code st} with every
   * scalar, every forward vector's second moment and the feature kernel at step 0, and {@code
   * kernels} with the feature kernel between different inputs after step 0.
   */
  public static TrainingTrajectory of(UnrolledSgd.Result r, CoordinateStatistics st,
      CoordinateStatistics kernels) {
    return new TrainingTrajectory(r, st, kernels, r.width(), 0, 0);
  }

  /**
   * The trajectory of finite-width runs of {@code r}'s program: {@code st} combined over {@code
   * replicates} seeds, the first {@code seed} ({@link
   * org.tpe.sim.FiniteWidthSimulator#overSeeds}).
   */
  public static TrainingTrajectory of(UnrolledSgd.Result r, CoordinateStatistics st,
      long seed, int replicates) {
    if (replicates < 1) {
      throw new IllegalArgumentException("a finite-width trajectory has at least one run");
    }
    return new TrainingTrajectory(r, st, null, r.width(), seed, replicates);
  }

  /**
   * The limit trajectory. Where the exact engine can do it, in two parts so that it does what it
   * can: every scalar (f_t, χ_t, the loss), every forward vector's second moment at every step and
   * the feature kernel at step 0 first (the automatic engine: exact where every expectation is an
   * integral of at most three dimensions, else particles); then, in the feature-learning regime,
   * the feature kernel between different inputs after step 0 — entries like E[Z^{x̄_1(ξ)}
   * Z^{x̄_1(ξ̄)}] read two inputs' Ẑ's besides the readout weights and a gradient, which is beyond
   * the exact engine — by quasi-random particles ({@link LimitOptions.Engine#QUASI}) unless the
   * first part also needed particles.
   *
   * <p>Chosen automatically, a nonlinear network trained for two or more steps with feature
   * learning goes to quasi-random particles for everything at once ({@link #quasiRandom}): after
   * the first step W meets Wᵀ, every later pass reads the Ẑ of each earlier backward pass, and the
   * expectations of step 2 already read 4 and 5 base Gaussians (measured: the exact engine
   * spends its 10⁹ operations before E[x_2 x_2] of the seeds/004 MLP). With a {@code tolerance}
   * the particles are then multiplied until every f_t and loss has a stated error within
   * tolerance·max(1, |value|), up to {@value #MAX_QUASI_SAMPLES} (the error reached is stated
   * either way). An engine named in {@code options} is used for both parts, as asked.
   *
   * @throws TrainingException if a limit cannot be computed
   * @throws CancellationException if cancelled
   */
  public static TrainingTrajectory limit(UnrolledSgd.Result r, LimitOptions options,
      ProgressListener progress, CancellationToken cancel) {
    Set<LimitRequest.Pair> first = new LinkedHashSet<>();
    Set<LimitRequest.Pair> later = new LinkedHashSet<>();
    int k = r.inputs().size();
    for (int t = 0; t <= r.steps(); t++) {
      for (int b = 0; b < k; b++) {
        for (String x : r.forward()) {
          first.add(new LimitRequest.Pair(r.vector(x, t, b), r.vector(x, t, b)));
        }
        for (int c = b + 1; c < k; c++) {
          LimitRequest.Pair q = new LimitRequest.Pair(r.vector(r.readout(), t, b),
              r.vector(r.readout(), t, c));
          (t == 0 || first.contains(q) ? first : later).add(q);
        }
      }
    }
    later.removeAll(first);
    try {
      if (options.engine() == LimitOptions.Engine.AUTO && quasiRandom(r)) {
        first.addAll(later);
        return quasiLimit(r, LimitRequest.pairs(first).withHistograms(
            options.histogramBins() > 0), options, progress, cancel);
      }
      LimitRequest req = LimitRequest.pairs(first).withHistograms(options.histogramBins() > 0);
      CoordinateStatistics st = Limits.compute(r.program(), req, options, (f, m) ->
          progress.progress(later.isEmpty() ? f : 0.8 * f, m), cancel);
      CoordinateStatistics kernels = null;
      if (!later.isEmpty()) {
        // an engine asked for by name is used for both parts (and fails where it cannot)
        LimitOptions.Engine e = options.engine() == LimitOptions.Engine.AUTO
            ? LimitOptions.Engine.QUASI : options.engine();
        kernels = Limits.compute(r.program(), LimitRequest.pairs(later), options.withEngine(e)
            .withHistogramBins(0), (f, m) -> progress.progress(0.8 + 0.2 * f, m), cancel);
      }
      return of(r, st, kernels);
    } catch (LimitException e) {
      throw new TrainingException(e.problems());
    }
  }

  /**
   * The randomizations of quasi-random particles (at most; fewer if asked): fewer, larger point
   * sets gain more than they lose in the spread's own accuracy, since scrambled Sobol points
   * gain faster than √n per point set (measured on three μP steps of the seeds/004 MLP at N =
   * 2¹⁹: largest standard error 1.3·10⁻⁴ with 16 sets of 2¹⁵ points, 3–5·10⁻⁵ with 8 of 2¹⁶).
   */
  public static final int QUASI_BATCHES = 8;

  /** The most particles {@link #limit} uses to reach a tolerance with quasi-random particles. */
  public static final int MAX_QUASI_SAMPLES = 1 << 21;

  /**
   * The rate assumed of the quasi-random particles' error, N^{−0.75}, when predicting the
   * particles a tolerance needs (measured on three μP steps of the seeds/004 MLP: N^{−0.82} from
   * 2¹⁶ to 2²⁰; a slower assumed rate asks for more particles, never fewer).
   */
  private static final double QUASI_RATE = 0.75;

  /**
   * Whether the automatic engine goes to quasi-random particles at once: feature learning, two
   * or more steps, and a nonlinearity in the network (a linear network's expectations are
   * Gaussian moments, closed forms at any step).
   */
  static boolean quasiRandom(UnrolledSgd.Result r) {
    if (r.regime().kind() != Regime.Kind.FEATURE_LEARNING || r.steps() < 2) {
      return false;
    }
    Program p = r.program();
    for (Instruction i : p.instructions()) {
      if (i instanceof Nonlin n
          && !Linearity.isAffine(n.phi(), v -> p.kindOf(v) != VarKind.SCALAR)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The limit by quasi-random particles, with more particles until the tolerance is met (see
   * {@link #limit}).
   */
  private static TrainingTrajectory quasiLimit(UnrolledSgd.Result r, LimitRequest req,
      LimitOptions options, ProgressListener progress, CancellationToken cancel) {
    LimitOptions o = options.withEngineChosen(LimitOptions.Engine.QUASI, r.steps() + " steps"
        + " with feature learning in a nonlinear network, whose expectations after step 1 read"
        + " four or more base Gaussians (W meets Wᵀ)");
    if (o.batches() > QUASI_BATCHES && o.samples() >= 2 * QUASI_BATCHES) {
      o = o.withBatches(QUASI_BATCHES);
    }
    double tol = options.tolerance();
    int n = o.samples();
    List<String> tried = new ArrayList<>();
    while (true) {
      int samples = n;
      CoordinateStatistics st = Limits.compute(r.program(), req, o.withSamples(samples),
          (f, m) -> progress.progress(f, m + " (N = " + samples + ")"), cancel);
      double worst = tol > 0 ? worstRelative(r, st) : 0;
      if (worst <= tol || samples >= MAX_QUASI_SAMPLES) {
        if (tried.isEmpty() && worst <= tol) {
          return of(r, st);
        }
        List<String> notes = new ArrayList<>(st.notes());
        notes.add("quasi-random particles: " + (tried.isEmpty() ? "" : "N = "
            + String.join(", ", tried) + " left f_t or the loss short of the tolerance " + tol)
            + (tried.isEmpty() || worst <= tol ? "" : "; ")
            + (worst > tol ? "the tolerance is not reached within N = " + samples
                + String.format(" (largest error %.2g of max(1, |value|))", worst) : ""));
        return of(r, CoordinateStatistics.owning(st.method(), notes,
            new LinkedHashMap<>(st.vectors()), new LinkedHashMap<>(st.scalars()),
            st.secondMomentTable()));
      }
      tried.add(Integer.toString(samples));
      double factor = Math.pow(worst / tol, 1 / QUASI_RATE);
      long next = Math.max(2L * samples, Long.highestOneBit((long) Math.ceil(samples * factor)
          - 1) << 1);
      n = (int) Math.min(MAX_QUASI_SAMPLES, next);
    }
  }

  /** The largest error of f_t and the loss, relative to max(1, |value|). */
  private static double worstRelative(UnrolledSgd.Result r, CoordinateStatistics st) {
    double worst = 0;
    for (int t = 0; t <= r.steps(); t++) {
      List<String> names = new ArrayList<>();
      for (int b = 0; b < r.inputs().size(); b++) {
        names.add(r.output(t, b));
      }
      names.add(r.loss(t));
      for (String s : names) {
        Estimate e = st.scalars().get(s);
        worst = Math.max(worst, e.error() / Math.max(1, Math.abs(e.value())));
      }
    }
    return worst;
  }

  /** How the numbers were computed ("exact", "particle", "simulation n=… seed=…"). */
  public String method() {
    return method;
  }

  /** The engine's or simulator's notes. */
  public List<String> notes() {
    return notes;
  }

  /** n of a finite-width run, 0 for the limit. */
  public int width() {
    return width;
  }

  /** The seed of a finite-width run (the first seed of a mean over seeds). */
  public long seed() {
    return seed;
  }

  /** The number of seeds a finite-width trajectory averages (1: one run), 0 for the limit. */
  public int replicates() {
    return replicates;
  }

  /** The inputs, training examples first. */
  public List<String> inputs() {
    return inputs;
  }

  /** Indices into {@link #inputs} of the training examples. */
  public List<Integer> examples() {
    return examples;
  }

  /** The readout's vector, whose kernel is the feature kernel. */
  public String readout() {
    return readout;
  }

  /** The network's forward vectors. */
  public List<String> forward() {
    return forward;
  }

  /** T. */
  public int steps() {
    return losses.length - 1;
  }

  /** f_t on input b. */
  public Estimate output(int t, int b) {
    return outputs[t][b];
  }

  /** The training loss at step t. */
  public Estimate loss(int t) {
    return losses[t];
  }

  /** The feature kernel at step t: E[Z^{x_t(ξ_a)} Z^{x_t(ξ_b)}] of the readout's vector. */
  public Kernel featureKernel(int t) {
    return features[t];
  }

  /**
   * K_t − K_0. At finite width one average of x_t x̄_t − x_0 x̄_0 per entry and seed, so its error
   * is the standard error over seeds of that difference (much smaller than the kernels' own when
   * the features barely move); in the limit the difference of the kernels, their errors added;
   * exactly 0 at step 0 and in the kernel regime's limit, where the features do not move.
   */
  public Kernel movement(int t) {
    return movements[t];
  }

  /** Mean, variance and (when computed) density of vector x at step t on input b. */
  public VectorStatistics vector(String x, int t, int b) {
    return vectors.get(x)[t][b];
  }

  /** E[(Z^x)²] of vector x at step t on input b (at finite width (1/n) Σ x_α²). */
  public Estimate square(String x, int t, int b) {
    return squares.get(x)[t][b];
  }

  /**
   * The root mean square of vector x's coordinates at step t on input b, √E[(Z^x)²] (at finite
   * width √((1/n) Σ x_α²)), with the first-order error e/(2√m) of the second moment m ± e.
   */
  public Estimate rms(String x, int t, int b) {
    Estimate m = squares.get(x)[t][b];
    double r = Math.sqrt(Math.max(0, m.value()));
    return new Estimate(r, r > 0 ? m.error() / (2 * r) : Math.sqrt(m.error()));
  }
}
