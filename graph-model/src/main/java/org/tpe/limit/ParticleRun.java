package org.tpe.limit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.tpe.model.Instruction;
import org.tpe.model.MatMul;
import org.tpe.model.MatrixInput;
import org.tpe.model.Moment;
import org.tpe.model.Nonlin;
import org.tpe.model.Program;
import org.tpe.model.ScalarInput;
import org.tpe.model.ScalarOp;
import org.tpe.limit.calculus.CoordinateInterpreter;
import org.tpe.limit.calculus.InitialGaussian;
import org.tpe.limit.calculus.ProgramCalculus;
import org.tpe.limit.calculus.ZDotTerm;
import org.tpe.limit.integrate.QuasiNormals;

/**
 * The particle (Monte Carlo) limit engine for general Netsor⊤+ programs (DESIGN §7): each Z^x is
 * represented by N samples, each scalar θ̊ by its estimate, and the Z-rules are applied to the
 * samples.
 *
 * <ul>
 *   <li>ZInit: samples of N(μ_in, Σ_in) from a factor of Σ_in.
 *   <li>ZHat: for each matrix family (W and W^⊤ separately) the arguments x₁, x₂, … are
 *       orthonormalised in sample space (Gram–Schmidt twice, for stability): x_k = Σ_m a_km q_m;
 *       each new direction q_m gets a fresh standard normal vector ξ_m, and Ẑ^{Wx_k} = σ_W Σ_m
 *       a_km ξ_m. So each sample of the family is exactly jointly Gaussian, with covariance σ_W²
 *       times the empirical E[Z^x Z^y], independent of every other family and of ZInit.
 *   <li>ZDot, Stein form: Ż^{Wx} = σ_W² Σ_i Z^{y_i} (C⁺b)_i over the earlier W^⊤y_i that Z^x
 *       depends on (structurally, through vectors), with C_ij = σ_W² E[Z^{y_i} Z^{y_j}] and b_j =
 *       E[Ẑ^{W^⊤y_j} Z^x] estimated from the samples; symmetrically for W^⊤x.
 *   <li>Nonlin(+) and Moment evaluate the expression on the samples (vectorised), ScalarOp on the
 *       estimates.
 * </ul>
 *
 * <p>Errors: the N particles are split into B independent batches (each a complete run from its
 * own seed); every reported number is the mean of the B batch estimates and its standard error
 * is their standard deviation / √B. This includes every source of Monte Carlo error (estimated
 * Moments feeding later instructions, estimated Gram matrices and Stein coefficients), not only
 * the iid sampling error. The bias is O(1/(N/B)), below the standard error for N/B ≥ 10³.
 *
 * <p>Quasi-random particles ({@link LimitOptions.Engine#QUASI}): every fresh standard normal
 * vector (the factors of ZInit, each new direction ξ_m of a family) is instead the next column of
 * one randomization of the scrambled Sobol points ({@link QuasiNormals}), a batch's own: the
 * whole run is then a randomized quasi-Monte Carlo integration over the base Gaussians (their
 * number is at most the rank of ZInit plus one per MatMul; beyond {@link
 * QuasiNormals#MAX_DIMENSION} they are pseudo-random), unbiased coordinate by coordinate,
 * whose error for the smooth functions of the Z-calculus falls much faster than 1/√N. The batches
 * are independent randomizations, so the error is their spread, as above.
 *
 * <p>Reproducibility: batch b draws from a generator seeded by (seed, b) only, and batches are
 * combined in order, so results are identical bit for bit whatever the number of threads. Cost:
 * O(N·(instructions·family size + V²)) for V vectors; memory N/B·V doubles per running batch.
 */
final class ParticleRun {
  private final Program program;
  private final LimitOptions options;
  private final CancellationToken cancel;
  private final ProgressListener progress;
  private final int perBatch;
  private final List<String> vectors;
  private final List<String> scalarNames;
  private final ProgramCalculus calculus;

  private final boolean quasi;

  ParticleRun(Program program, ProgramCalculus calculus, List<String> vectors,
      LimitOptions options, CancellationToken cancel, ProgressListener progress) {
    this.quasi = options.engine() == LimitOptions.Engine.QUASI;
    this.program = program;
    this.calculus = calculus;
    this.options = options;
    this.cancel = cancel;
    this.progress = progress;
    this.perBatch = options.samples() / options.batches();
    this.vectors = vectors;
    this.scalarNames = program.scalars();
    this.tQuantile = new org.apache.commons.math3.distribution.TDistribution(null,
        options.batches() - 1).inverseCumulativeProbability(0.8413447460685429);
  }

  /** t_{B−1}(Φ(1)): the factor that makes ±error a 68.3% interval with B batches. */
  private final double tQuantile;

  /** What one batch measured. */
  private record BatchResult(double[] mean, double[] second, double[][] pairs, double[] scalars,
      long[][] counts, Histogram.Binning[] binnings) {}

  /** Runs the batches and returns the statistics, whose notes start with {@code notes}. */
  CoordinateStatistics run(List<String> notes) {
    int b = options.batches();
    BatchResult[] results = new BatchResult[b];
    results[0] = new Batch(0, null).run();
    // Batch 0 fixes the histogram bins and the atoms (Histogram.Binning) for all batches.
    Histogram.Binning[] edges = results[0].binnings;
    AtomicInteger done = new AtomicInteger(1);
    progress.progress(1.0 / b, "batch 1 of " + b);
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.threads(), b - 1),
        r -> {
          Thread t = new Thread(r, "tpe-particles");
          t.setDaemon(true);
          return t;
        });
    try {
      List<Future<BatchResult>> fs = new ArrayList<>();
      for (int i = 1; i < b; i++) {
        int bi = i;
        fs.add(pool.submit(() -> {
          BatchResult r = new Batch(bi, edges).run();
          int d = done.incrementAndGet();
          progress.progress((double) d / b, "batch " + d + " of " + b);
          return r;
        }));
      }
      for (int i = 1; i < b; i++) {
        results[i] = fs.get(i - 1).get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted");
    } catch (ExecutionException e) {
      throw WorkerFailure.cause(e);
    } finally {
      pool.shutdownNow();
    }
    return combine(results, edges, notes);
  }

  /** How batch 0's samples {@code arr} (one array per vector) are binned, for every batch. */
  private Histogram.Binning[] binnings(double[][] arr) {
    int bins = options.histogramBins();
    Histogram.Binning[] b = new Histogram.Binning[vectors.size()];
    if (bins == 0) {
      return b;
    }
    for (int v = 0; v < vectors.size(); v++) {
      b[v] = Histogram.Binning.of(arr[v], bins);
    }
    return b;
  }

  private CoordinateStatistics combine(BatchResult[] rs, Histogram.Binning[] edges,
      List<String> prefix) {
    int b = rs.length;
    int nv = vectors.size();
    LinkedHashMap<String, VectorStatistics> vs = new LinkedHashMap<>();
    LinkedHashMap<String, Map<String, Estimate>> sm = new LinkedHashMap<>();
    double[] x = new double[b];
    for (int v = 0; v < nv; v++) {
      for (int i = 0; i < b; i++) {
        x[i] = rs[i].mean[v];
      }
      String name = vectors.get(v);
      Estimate mean = estimate(x, name);
      for (int i = 0; i < b; i++) {
        x[i] = rs[i].second[v] - rs[i].mean[v] * rs[i].mean[v];
      }
      Estimate var = estimate(x, name);
      Histogram h = null;
      if (edges[v] != null) {
        long[] c = new long[rs[0].counts[v].length];
        long n = 0;
        for (BatchResult r : rs) {
          for (int k = 0; k < c.length; k++) {
            c[k] += r.counts[v][k];
          }
          n += perBatch;
        }
        h = edges[v].histogram(c, n);
      }
      vs.put(name, new VectorStatistics(name, program.kindOf(name), mean, var, h));
    }
    for (int v = 0; v < nv; v++) {
      Map<String, Estimate> row = new LinkedHashMap<>();
      for (int w = 0; w < nv; w++) {
        for (int i = 0; i < b; i++) {
          x[i] = rs[i].pairs[Math.min(v, w)][Math.max(v, w) - Math.min(v, w)];
        }
        row.put(vectors.get(w), estimate(x, vectors.get(Math.max(v, w))));
      }
      sm.put(vectors.get(v), row);
    }
    LinkedHashMap<String, Estimate> sc = new LinkedHashMap<>();
    for (int s = 0; s < scalarNames.size(); s++) {
      for (int i = 0; i < b; i++) {
        x[i] = rs[i].scalars[s];
      }
      sc.put(scalarNames.get(s), estimate(x, scalarNames.get(s)));
    }
    List<String> notes = new ArrayList<>(prefix);
    notes.add(String.format("particle: N = %d " + (quasi ? "quasi-random samples (scrambled"
        + " Sobol points mapped to normals)" : "samples") + " in %d independent batches of %d"
        + " (seed %d); ± is the standard error from the spread of the batches times the Student-t quantile"
        + " t_%d(0.841) = %.3f, a 68%% interval", (long) perBatch * b, b, perBatch,
        options.seed(), b - 1, tQuantile));
    return CoordinateStatistics.owning("particle", notes, vs, sc, sm);
  }

  /**
   * The mean of the batch estimates, and as its error the standard error s/√B times the Student-t
   * quantile t_{B−1}(Φ(1)): with B batches the spread s is itself uncertain, and this makes ±error
   * an interval of 68.3% coverage, as a standard error of a Gaussian estimate would be.
   */
  private Estimate estimate(double[] x, String what) {
    int b = x.length;
    if (java.util.Arrays.stream(x).allMatch(v -> v == x[0])) {
      return Estimate.exact(x[0]); // e.g. an initial scalar: no Monte Carlo error at all
    }
    double m = 0;
    for (double v : x) {
      m += v;
    }
    m /= b;
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    double se = tQuantile * Math.sqrt(s / (b - 1) / b);
    if (!Double.isFinite(m) || !Double.isFinite(se)) {
      throw new NumericalFailure(what, what + " overflows in double precision on the particles"
          + " (" + m + " ± " + se + "): the numbers of the program are too large", false);
    }
    return new Estimate(m, se);
  }

  /** One independent particle run of {@link #perBatch} samples. */
  private final class Batch {
    private final int index;
    private final Histogram.Binning[] edges;
    private final int n = perBatch;
    private final Map<String, double[]> zHat = new HashMap<>();
    private final Map<String, Double> sigma2 = new HashMap<>();
    private final CoordinateInterpreter z;
    private final Map<String, Family> families = new HashMap<>();
    private final ZigguratSampler.NormalizedGaussian gauss;

    Batch(int index, Histogram.Binning[] edges) {
      this.index = index;
      this.edges = edges;
      UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(
          new long[] {mix(options.seed()), mix(options.seed() * 31 + index + 1)});
      this.gauss = ZigguratSampler.NormalizedGaussian.of(rng);
      this.z = new CoordinateInterpreter(program, n, (m, st) -> matMul(m, sigma2.get(m.matrix())),
          "for some particles");
    }

    /** The batch's quasi-random columns (quasi-random particles only), made on first use. */
    private QuasiNormals columns;

    private double[] normals() {
      if (quasi) {
        if (columns == null) {
          int d = calculus.initial().rank();
          for (Instruction i : program.instructions()) {
            d += i instanceof MatMul ? 1 : 0; // each adds at most one direction to its family
          }
          columns = QuasiNormals.of(Math.max(1, Math.min(QuasiNormals.MAX_DIMENSION, d)), n,
              RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {mix(options.seed()),
                  mix(options.seed() * 31 + index + 1)}));
        }
        if (columns.hasNext()) {
          return columns.nextColumn();
        } // beyond the point set's columns: pseudo-random normals (still unbiased)
      }
      double[] a = new double[n];
      for (int i = 0; i < n; i++) {
        a[i] = gauss.sample();
      }
      return a;
    }

    BatchResult run() {
      for (var in : program.inputs()) {
        if (in instanceof MatrixInput m) {
          sigma2.putIfAbsent(m.name(), m.sigma2());
        } else if (in instanceof ScalarInput s) {
          z.putScalar(s.name(), s.value());
        }
      }
      InitialGaussian ic = calculus.initial();
      double[][] l = ic.factor();
      int r = ic.rank();
      double[][] base = new double[r][];
      for (int j = 0; j < r; j++) {
        base[j] = normals();
      }
      for (int i = 0; i < ic.names().size(); i++) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, ic.mean(i));
        for (int j = 0; j < r; j++) {
          double c = l[i][j];
          double[] bj = base[j];
          for (int s = 0; s < n; s++) {
            a[s] += c * bj[s];
          }
        }
        z.putVector(ic.names().get(i), a);
      }
      List<Instruction> ins = program.instructions();
      for (int k = 0; k < ins.size(); k++) {
        cancel.check();
        if (program.instructionIndex(ins.get(k).target()) == k) {
          z.execute(ins.get(k));
        }
      }
      return measure();
    }

    private double[] matMul(MatMul mm, double s2) {
      double[] x = z.vector(mm.argument());
      Family fam = families.computeIfAbsent(mm.matrixWord(), f -> new Family());
      double[] hat = fam.add(x, Math.sqrt(s2));
      zHat.put(mm.target(), hat);
      double[] out = hat.clone();
      // ZDot (Stein form) over the terms the ZDot structure says are present
      List<MatMul> rel = new ArrayList<>();
      for (ZDotTerm t : calculus.zDot().terms(mm.target())) {
        if (t.rule() == ZDotTerm.Rule.PRESENT) {
          rel.add(t.opposite());
        }
      }
      if (!rel.isEmpty()) {
        int m = rel.size();
        double[][] c = new double[m][m];
        double[] bvec = new double[m];
        for (int i = 0; i < m; i++) {
          double[] yi = z.vector(rel.get(i).argument());
          for (int j = 0; j <= i; j++) {
            c[i][j] = s2 * dot(yi, z.vector(rel.get(j).argument()));
            c[j][i] = c[i][j];
          }
          bvec[i] = dot(zHat.get(rel.get(i).target()), x);
        }
        RealMatrix pinv = new SingularValueDecomposition(new Array2DRowRealMatrix(c, false))
            .getSolver().getInverse(); // Moore–Penrose pseudo-inverse
        double[] d = pinv.operate(bvec);
        for (int i = 0; i < m; i++) {
          double coef = s2 * d[i];
          double[] yi = z.vector(rel.get(i).argument());
          for (int s = 0; s < n; s++) {
            out[s] += coef * yi[s];
          }
        }
      }
      return out;
    }

    private double dot(double[] a, double[] b) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += a[i] * b[i];
      }
      return s / n;
    }

    private double mean(double[] a) {
      double s = 0;
      for (double v : a) {
        s += v;
      }
      return s / n;
    }

    /** A matrix family: orthonormal directions q_m of its arguments and their fresh normals. */
    private final class Family {
      final List<double[]> q = new ArrayList<>();
      final List<double[]> xi = new ArrayList<>();

      /** Ẑ for a new argument x (Gram–Schmidt, twice, against the family's directions). */
      double[] add(double[] x, double sigma) {
        double norm2 = dot(x, x);
        double[] res = x.clone();
        double[] a = new double[q.size() + 1];
        for (int pass = 0; pass < 2; pass++) {
          for (int m = 0; m < q.size(); m++) {
            double c = dot(res, q.get(m));
            a[m] += c;
            double[] qm = q.get(m);
            for (int s = 0; s < n; s++) {
              res[s] -= c * qm[s];
            }
          }
        }
        double rn = Math.sqrt(dot(res, res));
        int dims = q.size();
        if (rn > 1e-10 * Math.sqrt(norm2)) {
          for (int s = 0; s < n; s++) {
            res[s] /= rn;
          }
          q.add(res);
          xi.add(normals());
          a[dims] = rn;
          dims++;
        }
        double[] hat = new double[n];
        for (int m = 0; m < dims; m++) {
          double c = sigma * a[m];
          double[] e = xi.get(m);
          for (int s = 0; s < n; s++) {
            hat[s] += c * e[s];
          }
        }
        return hat;
      }
    }

    private BatchResult measure() {
      int nv = vectors.size();
      double[][] arr = new double[nv][];
      for (int v = 0; v < nv; v++) {
        arr[v] = z.vector(vectors.get(v));
      }
      double[] mean = new double[nv];
      double[] second = new double[nv];
      double[][] pairs = new double[nv][];
      for (int v = 0; v < nv; v++) {
        cancel.check();
        mean[v] = mean(arr[v]);
        pairs[v] = new double[nv - v];
        for (int w = v; w < nv; w++) {
          pairs[v][w - v] = dot(arr[v], arr[w]);
        }
        second[v] = pairs[v][0];
      }
      double[] sc = new double[scalarNames.size()];
      for (int s = 0; s < sc.length; s++) {
        sc[s] = z.scalar(scalarNames.get(s));
      }
      Histogram.Binning[] e = edges != null ? edges : binnings(arr);
      long[][] counts = new long[nv][];
      for (int v = 0; v < nv; v++) {
        if (e[v] != null) {
          counts[v] = e[v].count(arr[v]);
        }
      }
      return new BatchResult(mean, second, pairs, sc, counts, e);
    }
  }

  /** SplitMix64 finaliser: decorrelates nearby seeds. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
