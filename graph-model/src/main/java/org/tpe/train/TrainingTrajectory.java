package org.tpe.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.Estimate;
import org.tpe.limit.LimitException;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.LimitRequest;
import org.tpe.limit.Limits;
import org.tpe.limit.ProgressListener;
import org.tpe.limit.VectorStatistics;
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
    List<String> ns = new java.util.ArrayList<>(st.notes());
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
   * The limit trajectory, computed in two parts so that the exact engine does what it can: every
   * scalar (f_t, χ_t, the loss), every forward vector's second moment at every step and the
   * feature kernel at step 0 first (the automatic engine: exact where every expectation is an
   * integral of at most three dimensions, else particles); then, in the feature-learning regime,
   * the feature kernel between different inputs after step 0 — entries like E[Z^{x̄_1(ξ)}
   * Z^{x̄_1(ξ̄)}] read two inputs' Ẑ's besides the readout weights and a gradient, which is beyond
   * the exact engine — by particles unless the first part also needed them (an engine named in
   * {@code options} is used for both parts).
   *
   * @throws TrainingException if a limit cannot be computed
   * @throws java.util.concurrent.CancellationException if cancelled
   */
  public static TrainingTrajectory limit(UnrolledSgd.Result r, LimitOptions options,
      ProgressListener progress, CancellationToken cancel) {
    java.util.Set<LimitRequest.Pair> first = new java.util.LinkedHashSet<>();
    java.util.Set<LimitRequest.Pair> later = new java.util.LinkedHashSet<>();
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
    LimitRequest req = LimitRequest.pairs(first).withHistograms(options.histogramBins() > 0);
    CoordinateStatistics st;
    CoordinateStatistics kernels = null;
    try {
      st = Limits.compute(r.program(), req, options, (f, m) -> progress.progress(
          later.isEmpty() ? f : 0.8 * f, m), cancel);
      if (!later.isEmpty()) {
        // an engine asked for by name is used for both parts (and fails where it cannot)
        LimitOptions.Engine e = options.engine() == LimitOptions.Engine.AUTO
            ? LimitOptions.Engine.PARTICLE : options.engine();
        kernels = Limits.compute(r.program(), LimitRequest.pairs(later), options.withEngine(e)
            .withHistogramBins(0), (f, m) -> progress.progress(0.8 + 0.2 * f, m), cancel);
      }
    } catch (LimitException e) {
      throw new TrainingException(e.problems());
    }
    return of(r, st, kernels);
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
