package org.tpe.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.tpe.expr.VectorKernel;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.Estimate;
import org.tpe.limit.Histogram;
import org.tpe.limit.Limits;
import org.tpe.limit.calculus.CoordinateInterpreter;
import org.tpe.limit.calculus.ProgramCalculus;
import org.tpe.limit.ProgressListener;
import org.tpe.limit.VectorStatistics;
import org.tpe.limit.WorkerFailure;
import org.tpe.model.Input;
import org.tpe.model.Instruction;
import org.tpe.model.LinComb;
import org.tpe.model.MatMul;
import org.tpe.model.MatrixInput;
import org.tpe.model.Moment;
import org.tpe.model.Nonlin;
import org.tpe.model.Problem;
import org.tpe.model.Program;
import org.tpe.model.ScalarInput;
import org.tpe.model.VectorInput;
import org.tpe.validate.ValidationReport;
import org.tpe.validate.Validator;

/**
 * Runs a Tensor Program at finite width n (DESIGN §7, "Finite-width simulation"; TP IIb §2): every
 * matrix W gets iid N(0, σ_W²/n) entries, the initial vectors get iid coordinate tuples ~ N(μ_in,
 * Σ_in), initial scalars take their given values, and every instruction is executed — MatMul (by W
 * or by Wᵀ, the latter without forming the transpose), LinComb, Nonlin and Nonlin+ (through {@link
 * VectorKernel}), Moment (the coordinate average (1/n) Σ_α φ(…)_α) and scalar ops. The result has
 * the shape of the limit's ({@link CoordinateStatistics}): per vector the coordinate mean,
 * variance and histogram, (1/n) Σ_α x_α y_α for every pair of vectors, and every scalar's value,
 * so that by the Master Theorem each number tends to its limit, with fluctuations O(n^{-1/2}).
 *
 * <p><b>Errors.</b> The n coordinates of one run are not independent: they share the same
 * random matrices, so the seed-to-seed fluctuation of a coordinate average (1/n) Σ_α x_α y_α is
 * much larger than the within-draw figure √(Var/n) (e.g. E[(h⁶)²] of a 6-block ResNet at n =
 * 1024 spreads with sd ≈ 2.6 over seeds while √(Var/n) ≈ 0.5). The honest error therefore comes
 * from R independent replicates ({@link #replicated}): the value is the mean of the R runs' values
 * and the error its standard error s/√R (s the sample standard deviation over replicates, R − 1
 * in the denominator) — an estimate of the standard deviation of the reported value over seeds.
 * It does not include the O(1/n) finite-width bias E[value] − limit. With R = 1 the error is
 * unknown (NaN), except for initial scalars (exact, 0). A single run ({@link #simulate}) reports
 * the within-draw coordinate standard error √(Var/n) (delta method for scalar ops, 0 for initial
 * scalars), which assumes independent coordinates and understates the seed-to-seed fluctuation;
 * its notes say so. Callers that average over seeds themselves (convergence sweeps) use single
 * runs and read values only.
 *
 * <p><b>Reproducibility.</b> Row i of matrix W is drawn from its own xoroshiro128++ stream seeded
 * by SplitMix64 from (seed, W's index, i), and initial vectors from streams per block of
 * coordinates; every sum is taken in a fixed order over fixed blocks. So the same seed gives the
 * same numbers, bit for bit, whatever the number of threads.
 *
 * <p><b>Cost.</b> Drawing the matrices dominates: one Gaussian (Ziggurat, a few ns) per entry,
 * n² per matrix, spread over the threads; each MatMul is one pass over the rows (2n² flops),
 * consecutive MatMuls by the same matrix share that pass, and a matrix used by one such group only
 * is drawn row by row and never stored. Elementwise instructions cost O(n) each, the second moments
 * O(V² n) for V vectors. Memory: 8n² bytes per matrix that must be kept for a later MatMul (512 MiB
 * at n = 8192), plus 8n bytes per vector; a width whose matrices would not fit in the free heap is
 * refused with a {@link SimulationException} before anything is drawn.
 */
public final class FiniteWidthSimulator {
  /** Fixed number of row blocks of a MatMul (independent of threads, for reproducibility). */
  private static final int ROW_BLOCKS = 32;
  /** Coordinates per random stream of the initial vectors. */
  private static final int INIT_BLOCK = 1024;
  /** Heap kept free for the JVM and everything else besides matrices and vectors. */
  private static final long HEAP_MARGIN = 64L << 20;
  /**
   * Largest number of multiply-adds a run may take (n² per MatMul plus n·V²/2 for the second
   * moments): about 2·10¹¹, a few minutes on one core; wider runs are refused at once.
   */
  public static final double MAX_WORK = 2e11;

  private final Program program;
  private final SimulationOptions options;
  private final int n;
  private final ProgressListener progress;
  private final CancellationToken cancel;
  private final CoordinateInterpreter interp;
  private final ProgramCalculus calculus;
  private final Map<String, MatrixInput> matrixInputs = new HashMap<>();
  private final Map<String, Integer> matrixIndex = new HashMap<>();
  private final Map<String, double[]> stored = new HashMap<>();
  private final List<List<Instruction>> steps;

  private FiniteWidthSimulator(Program program, ProgramCalculus calculus,
      SimulationOptions options, ProgressListener progress, CancellationToken cancel) {
    this.program = program;
    this.calculus = calculus;
    this.interp = new CoordinateInterpreter(program, options.width(), (m, state) -> {
      throw new IllegalStateException("MatMuls are run in groups by the simulator");
    }, "at width " + options.width());
    this.options = options;
    this.n = options.width();
    this.progress = progress;
    this.cancel = cancel;
    List<String> ms = program.matrices();
    for (int i = 0; i < ms.size(); i++) {
      matrixIndex.put(ms.get(i), i);
    }
    for (Input in : program.inputs()) {
      if (in instanceof MatrixInput m) {
        matrixInputs.putIfAbsent(m.name(), m);
      }
    }
    this.steps = steps(program);
  }

  /** {@link #simulate(Program, SimulationOptions, ProgressListener, CancellationToken)} without
   * progress or cancellation. */
  public static CoordinateStatistics simulate(Program program, SimulationOptions options) {
    return simulate(program, options, ProgressListener.NONE, CancellationToken.NONE);
  }

  /**
   * Runs {@code program} at width {@code options.width()}.
   *
   * @return statistics with method {@code "simulation n=N seed=S"}
   * @throws SimulationException if the program is ill formed, its numbers are bad (naming the
   *     variable), or its matrices would not fit in the heap
   * @throws CancellationException if {@code cancel} was cancelled
   */
  public static CoordinateStatistics simulate(Program program, SimulationOptions options,
      ProgressListener progress, CancellationToken cancel) {
    ValidationReport report = Validator.validate(program);
    if (report.hasErrors()) {
      throw new SimulationException(report.errors());
    }
    int nv = program.vectors().size();
    if (nv > Limits.MAX_VECTORS) {
      throw new SimulationException(List.of(Problem.error("the program has " + nv + " vectors;"
          + " a simulation reports E[x y] for every pair, which is too much above "
          + Limits.MAX_VECTORS + " vectors", null, null)));
    }
    checkWork(program, options.width(), 1);
    try {
      return new FiniteWidthSimulator(program, report.calculus(), options, progress, cancel)
          .run();
    } catch (CoordinateInterpreter.Failure f) {
      throw new SimulationException(List.of(Problem.error(f.getMessage(),
          Limits.position(program, f.variable()), f.variable())));
    }
  }

  /**
   * Refuses a run whose {@code replicates} repetitions at width {@code width} would take more
   * than {@link #MAX_WORK} multiply-adds in all.
   */
  private static void checkWork(Program program, int width, int replicates) {
    int nv = program.vectors().size();
    long matMuls = program.instructions().stream().filter(i -> i instanceof MatMul).count();
    double work = replicates * ((double) width * width * Math.max(1, matMuls)
        + (double) width * nv * nv / 2);
    if (work > MAX_WORK) {
      throw new SimulationException(List.of(Problem.error(String.format("width %d needs about"
          + " %.1e multiply-adds (%s%d MatMuls of n² each, and the second moments of %d vectors),"
          + " more than the %.0e a run may take (minutes): choose a smaller width%s",
          width, work, replicates > 1 ? replicates + " replicates of " : "", matMuls, nv,
          MAX_WORK, replicates > 1 ? " or fewer replicates" : ""), null, null)));
    }
  }

  /** Replicates of {@code tpe simulate} and of the editor's finite-width column by default. */
  public static final int DEFAULT_REPLICATES = 4;

  /**
   * The seed of replicate {@code r} of a run with seed {@code seed}: {@code seed} itself for r = 0
   * (so one replicate is exactly {@link #simulate}), otherwise SplitMix64's finaliser of seed + r·γ
   * (γ the golden-ratio increment), whose streams are independent of every other replicate's.
   */
  public static long replicateSeed(long seed, int r) {
    return r == 0 ? seed : mix(seed + 0x9E3779B97F4A7C15L * r);
  }

  /**
   * Runs {@code program} {@code replicates} times at width {@code options.width()}, with the
   * independent seeds {@link #replicateSeed}(seed, r), r = 0 … R − 1, one after the other (so the
   * peak memory is one run's and the numbers do not depend on the threads). Every number of the
   * result is the mean of the R runs' values, with error s/√R, s the sample standard deviation
   * over the replicates (R − 1 in the denominator): the standard error of the reported value over
   * seeds, including the fluctuation of the shared matrices that √(Var/n) misses, but not the
   * O(1/n) finite-width bias. For R = 1 the errors are NaN (unknown), except initial scalars (0).
   * Histograms are those of replicate 0. Cost: R runs.
   *
   * @param replicates R ≥ 1
   * @return statistics with method {@code "simulation n=N seed=S replicates=R"}
   * @throws IllegalArgumentException if {@code replicates < 1}
   * @throws SimulationException as {@link #simulate}, and if R runs would exceed {@link #MAX_WORK}
   * @throws CancellationException if {@code cancel} was cancelled
   */
  public static CoordinateStatistics replicated(Program program, SimulationOptions options,
      int replicates, ProgressListener progress, CancellationToken cancel) {
    if (replicates < 1) {
      throw new IllegalArgumentException("replicates must be at least 1: " + replicates);
    }
    ValidationReport report = Validator.validate(program);
    if (report.hasErrors()) {
      throw new SimulationException(report.errors());
    }
    checkWork(program, options.width(), replicates);
    List<CoordinateStatistics> runs = new ArrayList<>();
    for (int r = 0; r < replicates; r++) {
      final double base = (double) r / replicates;
      final int rep = r;
      SimulationOptions o = r == 0 ? options : new SimulationOptions(options.width(),
          replicateSeed(options.seed(), r), options.threads(), 0);
      runs.add(simulate(program, o, (f, m) -> progress.progress(base + f / replicates,
          replicates > 1 ? "replicate " + (rep + 1) + "/" + replicates + ", " + m : m), cancel));
    }
    String seeds = replicates == 1 ? "seed " + options.seed() : replicates + " independent"
        + " replicates (seeds derived from seed " + options.seed() + " by SplitMix64)";
    return combine(program, options.width(), options.seed(), seeds, runs);
  }

  /**
   * Mean and standard error over runs of one program at one width with independent seeds, as
   * {@link #replicated} combines its replicates: every value the mean over the runs, ± s/√R over
   * them (unknown, NaN, for one run — a single run's within-draw √(Var/n) would understate the
   * seed-to-seed fluctuation), initial scalars exact; histograms of the first run. For callers
   * that keep every run (training: the coordinate check and distances per seed).
   *
   * @param seeds the runs' seeds, in the order of {@code runs}
   * @param runs statistics of {@link #simulate} runs of {@code program} at width {@code width}
   * @throws IllegalArgumentException if the lists are empty or of different sizes
   */
  public static CoordinateStatistics overSeeds(Program program, int width, List<Long> seeds,
      List<CoordinateStatistics> runs) {
    if (runs.isEmpty() || runs.size() != seeds.size()) {
      throw new IllegalArgumentException("one seed per run: " + seeds + ", " + runs.size()
          + " runs");
    }
    String text = seeds.size() == 1 ? "seed " + seeds.get(0) : seeds.size() + " independent"
        + " runs (seeds " + seeds.stream().map(String::valueOf).collect(
            java.util.stream.Collectors.joining(", ")) + ")";
    return combine(program, width, seeds.get(0), text, runs);
  }

  /** Mean and standard error over replicates of every number (see {@link #replicated}). */
  private static CoordinateStatistics combine(Program program, int width, long seed,
      String seeds, List<CoordinateStatistics> runs) {
    int r = runs.size();
    CoordinateStatistics first = runs.get(0);
    LinkedHashMap<String, VectorStatistics> vs = new LinkedHashMap<>();
    for (VectorStatistics v : first.vectors().values()) {
      vs.put(v.name(), new VectorStatistics(v.name(), v.kind(),
          over(runs, s -> s.vectors().get(v.name()).mean(), false),
          over(runs, s -> s.vectors().get(v.name()).variance(), false), v.histogram()));
    }
    java.util.Set<String> given = new java.util.HashSet<>();
    for (Input in : program.inputs()) {
      if (in instanceof ScalarInput si) {
        given.add(si.name());
      }
    }
    LinkedHashMap<String, Estimate> sc = new LinkedHashMap<>();
    for (String k : first.scalars().keySet()) {
      sc.put(k, over(runs, s -> s.scalars().get(k), given.contains(k)));
    }
    List<String> names = new ArrayList<>(first.secondMoments().keySet());
    LinkedHashMap<String, Map<String, Estimate>> sm = new LinkedHashMap<>();
    Map<String, Map<String, Estimate>> done = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      Map<String, Estimate> row = new LinkedHashMap<>();
      for (int j = 0; j < names.size(); j++) {
        String a = names.get(i);
        String b = names.get(j);
        Estimate e = j < i ? done.get(b).get(a) : over(runs, s -> s.secondMoment(a, b), false);
        row.put(b, e);
      }
      done.put(names.get(i), row);
      sm.put(names.get(i), row);
    }
    List<String> notes = List.of(
        "finite-width run at n = " + width + ", " + seeds + ": matrices with iid"
            + " N(0, σ²/n) entries, initial vectors with iid N(μ_in, Σ_in) coordinates, every"
            + " instruction executed",
        r == 1 ? "± is unknown (?): one run cannot estimate its seed-to-seed fluctuation (its"
            + " coordinates share the same matrices, so √(Var/n) would understate it); run"
            + " several replicates (--seeds R, R ≥ 2) for an error"
            : "each value is the mean over the " + r + " replicates and ± its standard error"
            + " s/√" + r + " (s: the sample standard deviation over replicates), the seed-to-seed"
            + " fluctuation of the reported value; the O(1/n) finite-width bias is not included",
        "histograms are of the first replicate's coordinates");
    return CoordinateStatistics.owning("simulation n=" + width + " seed=" + seed + " replicates="
        + r, notes, vs, sc, sm);
  }

  /** {@link ReplicateMean} of one number read from every replicate (0 error if {@code exact}). */
  private static Estimate over(List<CoordinateStatistics> runs,
      java.util.function.Function<CoordinateStatistics, Estimate> read, boolean exact) {
    double[] v = new double[runs.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = read.apply(runs.get(i)).value();
    }
    Estimate e = ReplicateMean.of(v);
    return exact ? new Estimate(e.value(), 0.0) : e;
  }

  /**
   * The random draws of a run, exactly as {@link #simulate} makes them for the same program and
   * seed: every initial vector's coordinates and every matrix's entries (row-major, n×n, already
   * scaled by √(σ²/n)). For checking a run against an independent implementation of the same
   * network; costs n² Gaussians and 8n² bytes per matrix.
   *
   * @param vectors initial vector → its n coordinates
   * @param matrices matrix → its n² entries, row i at offset i·n
   */
  public record Draws(Map<String, double[]> vectors, Map<String, double[]> matrices) {}

  /** The draws of {@link #simulate}{@code (program, options)}; the program must be valid. */
  public static Draws draws(Program program, SimulationOptions options) {
    ValidationReport report = Validator.validate(program);
    if (report.hasErrors()) {
      throw new SimulationException(report.errors());
    }
    FiniteWidthSimulator s = new FiniteWidthSimulator(program, report.calculus(), options,
        ProgressListener.NONE, CancellationToken.NONE);
    s.drawInitialVectors(s.initialFactor());
    Map<String, double[]> ms = new LinkedHashMap<>();
    int n = s.n;
    for (String w : program.matrices()) {
      double[] m = new double[n * n];
      double scale = Math.sqrt(s.matrixInputs.get(w).sigma2() / n);
      long family = 1L + s.matrixIndex.get(w);
      for (int i = 0; i < n; i++) {
        ZigguratSampler.NormalizedGaussian g = s.gaussian(family, i);
        for (int j = 0; j < n; j++) {
          m[i * n + j] = scale * g.sample();
        }
      }
      ms.put(w, m);
    }
    Map<String, double[]> vs = new LinkedHashMap<>();
    for (VectorInput v : program.vectorInputs()) {
      vs.putIfAbsent(v.name(), s.interp.vector(v.name()));
    }
    return new Draws(vs, ms);
  }

  /**
   * Bytes of heap a run at width {@code n} needs at its peak: the matrices that must be kept at
   * once (8n² bytes each) plus every vector and the MatMuls' partial sums.
   */
  public static long requiredBytes(Program program, int n) {
    return new FiniteWidthSimulator(program, null, SimulationOptions.of(Math.max(n, 2), 0), null,
        null)
        .peakMatrixBytes(null) + workingBytes(program, n);
  }

  private static long workingBytes(Program program, int n) {
    // every vector, one temporary per Moment, and the partial sums of a transposed MatMul group
    long vecs = program.vectors().size() + 2L + (long) ROW_BLOCKS * 2;
    return vecs * n * 8L;
  }

  // ---- planning ------------------------------------------------------------------------------

  /**
   * Splits the instructions into steps. A MatMul by W starts a step that also takes every later
   * MatMul by W whose argument is already defined before it (an input, or the result of an
   * earlier instruction): they are computed in the same pass over W, which is drawn or read once
   * for all of them — e.g. {@code h := W x} and {@code h' := W x'} of a network on two inputs,
   * however the text interleaves them. The program is straight-line and pure, so computing a
   * MatMul earlier than written changes nothing. Every other instruction is a step of its own.
   * Cost O(I + Σ_W u_W²) for u_W MatMuls by W.
   */
  private static List<List<Instruction>> steps(Program program) {
    List<Instruction> ins = program.instructions();
    Map<String, List<Integer>> pending = new HashMap<>();
    for (int i = 0; i < ins.size(); i++) {
      if (ins.get(i) instanceof MatMul mm) {
        pending.computeIfAbsent(mm.matrix(), k -> new ArrayList<>()).add(i);
      }
    }
    boolean[] taken = new boolean[ins.size()];
    List<List<Instruction>> out = new ArrayList<>();
    for (int i = 0; i < ins.size(); i++) {
      if (taken[i]) {
        continue;
      }
      List<Instruction> step = new ArrayList<>();
      step.add(ins.get(i));
      if (ins.get(i) instanceof MatMul mm) {
        List<Integer> later = pending.get(mm.matrix());
        for (int q = 0; q < later.size(); q++) {
          int j = later.get(q);
          if (j > i && program.instructionIndex(((MatMul) ins.get(j)).argument()) < i) {
            step.add(ins.get(j));
            taken[j] = true;
          }
        }
        final int at = i;
        later.removeIf(j -> j <= at || taken[j]);
      }
      out.add(step);
    }
    return out;
  }

  /** How many steps use each matrix (a matrix used by one step only is never stored). */
  private Map<String, Integer> stepsPerMatrix() {
    Map<String, Integer> c = new HashMap<>();
    for (List<Instruction> s : steps) {
      if (s.get(0) instanceof MatMul mm) {
        c.merge(mm.matrix(), 1, Integer::sum);
      }
    }
    return c;
  }

  private int lastStep(String matrix) {
    int last = -1;
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).get(0) instanceof MatMul mm && mm.matrix().equals(matrix)) {
        last = i;
      }
    }
    return last;
  }

  /** Peak bytes of matrices held at once; {@code who} (if not null) receives their names. */
  private long peakMatrixBytes(List<String> who) {
    Map<String, Integer> uses = stepsPerMatrix();
    long peak = 0;
    List<String> live = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).get(0) instanceof MatMul mm && uses.get(mm.matrix()) > 1
          && !live.contains(mm.matrix())) {
        live.add(mm.matrix());
      }
      long bytes = live.size() * (long) n * n * 8L;
      if (bytes > peak) {
        peak = bytes;
        if (who != null) {
          who.clear();
          who.addAll(live);
        }
      }
      final int step = i;
      live.removeIf(m -> lastStep(m) == step);
    }
    return peak;
  }

  private void checkMemory() {
    List<String> who = new ArrayList<>();
    long matrices = peakMatrixBytes(who);
    if (!who.isEmpty() && (long) n * n > Integer.MAX_VALUE - 8) {
      throw failure(who.get(0), "width " + n + " is too large to store matrix " + who.get(0)
          + " (" + mib((long) n * n * 8) + "), which is used again later; the largest width"
          + " whose matrices can be stored is 46340");
    }
    long working = workingBytes(program, n);
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory()) - HEAP_MARGIN;
    if (matrices + working > free) {
      String held = who.isEmpty() ? "" : " (matrices " + String.join(", ", who)
          + " held at once: " + mib(matrices) + ")";
      throw failure(who.isEmpty() ? null : who.get(0), "width " + n + " needs about "
          + mib(matrices + working) + " of memory" + held + " but only " + mib(Math.max(free, 0))
          + " of the Java heap is free; choose a smaller width or give Java more memory"
          + " (e.g. TPE_JAVA_OPTS=-Xmx" + Math.max(1, (matrices + working) / (1L << 30) + 2)
          + "g)");
    }
  }

  private static String mib(long bytes) {
    return bytes >= 10L << 30 ? String.format("%.1f GiB", bytes / (double) (1L << 30))
        : String.format("%d MiB", (bytes + (1 << 20) - 1) >> 20);
  }

  // ---- running -------------------------------------------------------------------------------

  private CoordinateStatistics run() {
    checkMemory();
    double[][] l = initialFactor();
    ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
      Thread t = new Thread(r, "tpe-simulator");
      t.setDaemon(true);
      return t;
    });
    try {
      for (Input in : program.inputs()) {
        if (in instanceof ScalarInput s) {
          interp.putScalar(s.name(), s.value());
        }
      }
      drawInitialVectors(l);
      double total = 0;
      double[] cost = new double[steps.size()];
      for (int i = 0; i < steps.size(); i++) {
        cost[i] = steps.get(i).get(0) instanceof MatMul ? (double) n * steps.get(i).size() + n
            : 1;
        total += cost[i];
      }
      double done = 0;
      for (int i = 0; i < steps.size(); i++) {
        cancel.check();
        List<Instruction> step = steps.get(i);
        Instruction first = step.get(0);
        progress.progress(done / total, "width " + n + ": " + first.target());
        if (first instanceof MatMul) {
          matMul(step, i, pool);
        } else {
          interp.execute(first);
        }
        done += cost[i];
      }
      progress.progress(1.0, "width " + n + ": statistics");
      return statistics(pool);
    } finally {
      pool.shutdownNow();
    }
  }

  /** L with L Lᵀ = Σ_in (for the initial vectors in program order), from the one ZInit. */
  private double[][] initialFactor() {
    return calculus.initial().factor();
  }

  private void drawInitialVectors(double[][] l) {
    List<VectorInput> vins = program.vectorInputs();
    int k = vins.size();
    int r = k == 0 ? 0 : l[0].length;
    double[][] x = new double[k][n];
    double[] z = new double[r];
    for (int b = 0; b * INIT_BLOCK < n; b++) {
      ZigguratSampler.NormalizedGaussian g = gaussian(0, b);
      int to = Math.min(n, (b + 1) * INIT_BLOCK);
      for (int a = b * INIT_BLOCK; a < to; a++) {
        for (int j = 0; j < r; j++) {
          z[j] = g.sample();
        }
        for (int i = 0; i < k; i++) {
          double v = vins.get(i).mean();
          for (int j = 0; j < r; j++) {
            v += l[i][j] * z[j];
          }
          x[i][a] = v;
        }
      }
    }
    for (int i = 0; i < k; i++) {
      interp.putVector(vins.get(i).name(), x[i]);
    }
  }

  /** Stream {@code block} of stream family {@code family} (0: initial vectors, 1 + m: matrix m). */
  private ZigguratSampler.NormalizedGaussian gaussian(long family, long block) {
    long s = options.seed();
    long a = mix(mix(s) ^ mix(0x9E3779B97F4A7C15L * (family + 1)) ^ mix(block * 0xD1B54A32D192ED03L
        + 0x632BE59BD9B4E019L));
    long b = mix(a + 0x9E3779B97F4A7C15L);
    if (a == 0 && b == 0) {
      b = 1; // xoroshiro's one forbidden state
    }
    return ZigguratSampler.NormalizedGaussian.of(RandomSource.XO_RO_SHI_RO_128_PP.create(
        new long[] {a, b}));
  }

  /** SplitMix64's finaliser: a bijection of longs that scrambles every bit. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /**
   * One pass over matrix W for a group of MatMuls by W (and/or Wᵀ). Rows are split into {@value
   * #ROW_BLOCKS} fixed blocks run in parallel. For W x, y_i = row_i · x (each block writes its own
   * y_i). For Wᵀ x, y = Σ_i x_i row_i: each block accumulates its own partial sum over its rows,
   * and the partial sums are added in block order, so the result does not depend on threads and
   * Wᵀ is never formed.
   */
  private void matMul(List<Instruction> step, int stepIndex, ExecutorService pool) {
    String w = ((MatMul) step.get(0)).matrix();
    int k = step.size();
    double[][] xs = new double[k][];
    double[][] ys = new double[k][];
    boolean[] transposed = new boolean[k];
    for (int t = 0; t < k; t++) {
      MatMul mm = (MatMul) step.get(t);
      xs[t] = interp.vector(mm.argument());
      ys[t] = new double[n];
      transposed[t] = mm.transposed();
    }
    double[] m = stored.get(w);
    boolean draw = m == null;
    if (draw && stepsPerMatrix().get(w) > 1) {
      m = new double[n * n];
      stored.put(w, m);
    }
    final double[] matrix = m;
    double scale = Math.sqrt(matrixInputs.get(w).sigma2() / n);
    long family = 1L + matrixIndex.get(w);
    int blocks = Math.min(ROW_BLOCKS, n);
    double[][][] partial = new double[blocks][][];
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int s = 0; s < blocks; s++) {
      final int block = s;
      tasks.add(() -> {
        int from = (int) ((long) n * block / blocks);
        int to = (int) ((long) n * (block + 1) / blocks);
        double[] buf = matrix == null ? new double[n] : null;
        double[][] acc = new double[k][];
        for (int t = 0; t < k; t++) {
          if (transposed[t]) {
            acc[t] = new double[n];
          }
        }
        for (int i = from; i < to; i++) {
          if ((i & 63) == 0) {
            cancel.check();
          }
          double[] row = matrix == null ? buf : matrix;
          int off = matrix == null ? 0 : i * n;
          if (draw) {
            ZigguratSampler.NormalizedGaussian g = gaussian(family, i);
            for (int j = 0; j < n; j++) {
              row[off + j] = scale * g.sample();
            }
          }
          for (int t = 0; t < k; t++) {
            if (transposed[t]) {
              axpy(xs[t][i], row, off, acc[t], n);
            } else {
              ys[t][i] = dot(row, off, xs[t], n);
            }
          }
        }
        partial[block] = acc;
        return null;
      });
    }
    runAll(pool, tasks);
    for (int t = 0; t < k; t++) {
      if (transposed[t]) {
        double[] y = ys[t];
        for (int s = 0; s < blocks; s++) {
          double[] p = partial[s][t];
          for (int j = 0; j < n; j++) {
            y[j] += p[j];
          }
        }
      }
      interp.checkFinite(step.get(t).target(), ys[t]);
      interp.putVector(step.get(t).target(), ys[t]);
    }
    if (lastStep(w) == stepIndex) {
      stored.remove(w); // free the matrix for the garbage collector
    }
  }

  private static void runAll(ExecutorService pool, List<Callable<Void>> tasks) {
    List<Future<Void>> fs;
    try {
      fs = pool.invokeAll(tasks);
      for (Future<Void> f : fs) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("simulation interrupted");
    } catch (ExecutionException e) {
      throw WorkerFailure.cause(e);
    }
  }

  /** Σ_j a[off + j] x[j] with four accumulators (a fixed order, so results are reproducible). */
  private static double dot(double[] a, int off, double[] x, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int j = 0;
    for (; j + 3 < n; j += 4) {
      s0 += a[off + j] * x[j];
      s1 += a[off + j + 1] * x[j + 1];
      s2 += a[off + j + 2] * x[j + 2];
      s3 += a[off + j + 3] * x[j + 3];
    }
    for (; j < n; j++) {
      s0 += a[off + j] * x[j];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** y += c · a[off … off + n). */
  private static void axpy(double c, double[] a, int off, double[] y, int n) {
    for (int j = 0; j < n; j++) {
      y[j] += c * a[off + j];
    }
  }

  private SimulationException failure(String variable, String message) {
    return new SimulationException(List.of(Problem.error(message,
        Limits.position(program, variable),
        variable)));
  }

  // ---- statistics ----------------------------------------------------------------------------

  private CoordinateStatistics statistics(ExecutorService pool) {
    List<String> names = program.vectors();
    Map<String, VectorStatistics> vs = new LinkedHashMap<>();
    for (String v : names) {
      double[] x = interp.vector(v);
      double mean = CoordinateInterpreter.average(x);
      double m2 = 0;
      double m4 = 0;
      for (double a : x) {
        double d = (a - mean) * (a - mean);
        m2 += d;
        m4 += d * d;
      }
      m2 /= n;
      m4 /= n;
      Histogram h = null;
      if (options.histogramBins() > 0) {
        h = Histogram.ofSample(x, options.histogramBins());
      }
      double seMean = Math.sqrt(m2 / n);
      double seVar = Math.sqrt(Math.max(0, m4 - m2 * m2) / n);
      if (!Double.isFinite(mean) || !Double.isFinite(m2) || !Double.isFinite(seMean)
          || !Double.isFinite(seVar)) {
        throw failure(v, "the statistics of " + v + " overflow in double precision at width "
            + n + " (mean " + mean + ", variance " + m2 + ", fourth moment " + m4 + "): the"
            + " numbers of the program are too large");
      }
      vs.put(v, new VectorStatistics(v, program.kindOf(v), new Estimate(mean, seMean),
          new Estimate(m2, seVar), h));
    }
    // E[x y] for every pair: row i (pairs i ≤ j) is one task, each pair summed by one thread in
    // a fixed order, so the numbers do not depend on the threads
    int vcount = names.size();
    double[][] cols = new double[vcount][];
    for (int i = 0; i < vcount; i++) {
      cols[i] = interp.vector(names.get(i));
    }
    Estimate[][] pairs = new Estimate[vcount][vcount];
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int i = 0; i < vcount; i++) {
      final int row = i;
      tasks.add(() -> {
        cancel.check();
        double[] x = cols[row];
        for (int j = row; j < vcount; j++) {
          double[] y = cols[j];
          double s = 0;
          double s2 = 0;
          for (int a = 0; a < n; a++) {
            double p = x[a] * y[a];
            s += p;
            s2 += p * p;
          }
          s /= n;
          s2 /= n;
          double se = Math.sqrt(Math.max(0, s2 - s * s) / n);
          if (!Double.isFinite(s) || !Double.isFinite(se)) {
            throw failure(names.get(Math.max(row, j)), "E[" + names.get(row) + " "
                + names.get(j) + "] overflows in double precision at width " + n);
          }
          Estimate e = new Estimate(s, se);
          pairs[row][j] = e;
          pairs[j][row] = e;
        }
        return null;
      });
    }
    runAll(pool, tasks);
    Map<String, Map<String, Estimate>> ordered = new LinkedHashMap<>();
    for (int i = 0; i < vcount; i++) {
      Map<String, Estimate> row = new LinkedHashMap<>();
      for (int j = 0; j < vcount; j++) {
        row.put(names.get(j), pairs[i][j]);
      }
      ordered.put(names.get(i), row);
    }
    Map<String, Estimate> sc = new LinkedHashMap<>();
    for (String s : program.scalars()) {
      sc.put(s, new Estimate(interp.scalar(s), interp.scalarError(s)));
    }
    List<String> notes = List.of(
        "finite-width run at n = " + n + " with seed " + options.seed() + ": matrices with iid"
            + " N(0, σ²/n) entries, initial vectors with iid N(μ_in, Σ_in) coordinates, every"
            + " instruction executed",
        "± is the within-draw coordinate standard error √(Var/n): it treats the coordinates as"
            + " independent, but they share the same matrices, so it understates the seed-to-seed"
            + " fluctuation; replicated runs give the honest error (finite-width bias not"
            + " included either way)");
    return new CoordinateStatistics("simulation n=" + n + " seed=" + options.seed(), notes, vs,
        sc, ordered);
  }
}
