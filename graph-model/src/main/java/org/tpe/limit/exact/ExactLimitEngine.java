package org.tpe.limit.exact;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.Estimate;
import org.tpe.limit.Histogram;
import org.tpe.limit.LimitEngine;
import org.tpe.limit.LimitException;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.LimitRequest;
import org.tpe.limit.Limits;
import org.tpe.limit.ProgressListener;
import org.tpe.limit.SecondMoments;
import org.tpe.limit.VectorStatistics;
import org.tpe.limit.calculus.ProgramCalculus;
import org.tpe.limit.gauss.GaussianIntegrals;
import org.tpe.model.Problem;
import org.tpe.model.Program;

/**
 * The exact engine behind {@link LimitEngine}: {@link ExactEngine} builds the symbolic Z, then
 * the requested second moments, means, variances and histograms are computed from it. G-vars that
 * are linear in the base Gaussians are exactly Gaussian: their histogram is the Gaussian density
 * on mean ± 4.5 sd; any other vector's is made of {@value #HISTOGRAM_SAMPLES} exact draws of the
 * base Gaussians it reads (fixed seed: a bin of mass p has relative standard error √((1−p)/(Np))).
 */
public final class ExactLimitEngine implements LimitEngine {
  /** Exact draws behind each non-Gaussian vector's histogram. */
  public static final int HISTOGRAM_SAMPLES = 1 << 15;

  @Override
  public String name() {
    return "exact";
  }

  @Override
  public Acceptance accepts(Program program, ProgramCalculus calculus) {
    return new Acceptance(true, calculus.zDot().gaussian()
        ? "every G-var is Gaussian: closed forms and quadrature over the Gaussians each"
            + " expectation reads"
        : "ZDot is written out symbolically (Stein form C⁺b) and every expectation is an"
            + " integral over the base Gaussians it reads");
  }

  /** The symbolic Z of a well-formed program (for {@code --explain} and the NTK work). */
  public static SymbolicZ symbolic(Program program, ProgramCalculus calculus) {
    try {
      return new ExactEngine(program, calculus, CancellationToken.NONE, ProgressListener.NONE)
          .run();
    } catch (ExactFailure f) {
      throw failure(program, f);
    }
  }

  private static RuntimeException failure(Program program, ExactFailure f) {
    if (f.engineLimit()) {
      return new EngineLimitException(f.variable(), f.getMessage());
    }
    return new LimitException(List.of(Problem.error(f.getMessage(),
        Limits.position(program, f.variable()), f.variable())));
  }

  @Override
  public CoordinateStatistics run(Program program, ProgramCalculus calculus,
      LimitRequest request, LimitOptions options, List<String> notes, ProgressListener progress,
      CancellationToken cancel) {
    try {
      return compute(program, calculus, request, options, notes, progress, cancel);
    } catch (ExactFailure f) {
      throw failure(program, f);
    }
  }

  private CoordinateStatistics compute(Program program, ProgramCalculus calculus,
      LimitRequest request, LimitOptions options, List<String> prefix, ProgressListener progress,
      CancellationToken cancel) {
    ExactEngine e = new ExactEngine(program, calculus, cancel, progress,
        Quadrature.Budget.DEFAULT_OPERATIONS, options.tolerance());
    e.build();
    List<String> vectors = request.vectors(program);
    LinkedHashMap<String, VectorStatistics> vs = new LinkedHashMap<>(2 * vectors.size());
    SecondMoments.Builder table = new SecondMoments.Builder(vectors, request.pairs() == null);
    if (request.pairs() != null) {
      // the pairs asked for, and (with a vector set too) every pair among that set
      for (LimitRequest.Pair q : request.pairs()) {
        table.mark(table.indexOf(q.a()), table.indexOf(q.b()));
      }
      if (request.among() != null) {
        int[] idx = request.among().stream().mapToInt(table::indexOf).toArray();
        for (int i : idx) {
          for (int j : idx) {
            table.mark(i, j);
          }
        }
      }
    }
    int bins = request.histograms() ? options.histogramBins() : 0;
    // chosen automatically, the engine stops early when its pace says it cannot finish: the
    // particle engine then answers at once (asked for by name, it runs to its budget)
    BudgetPace pace = options.engine() == LimitOptions.Engine.AUTO
        ? new BudgetPace(e.budget(), 2L * vectors.size() + table.pairCount()) : null;
    // each vector's mean and E[(Z^a)²] first: the pairs' error propagation reads them, and the
    // parallel pair loop then only reads what is cached
    for (int i = 0; i < vectors.size(); i++) {
      cancel.check();
      String a = vectors.get(i);
      if (pace != null) {
        pace.check(2L * i, a);
      }
      if (bins > 0) {
        progress.progress(0.5 + 0.2 * i / vectors.size(), "histogram of " + a);
      }
      Estimate m = e.mean(a);
      Estimate s = e.secondMoment(a, a);
      double var = s.value() - m.value() * m.value();
      if (!Double.isFinite(var)) {
        throw new ExactFailure(a, "Var Z^" + a + " overflows", false);
      }
      Histogram hist = null;
      if (bins > 0 && var > 0) {
        double sd = Math.sqrt(var);
        hist = e.isLinear(a) ? gaussian(m.value(), sd, bins)
            : Histogram.ofSample(e.integrator.sample(e.exprOf(a), HISTOGRAM_SAMPLES,
                a.hashCode()), bins);
      }
      vs.put(a, new VectorStatistics(a, program.kindOf(a), m,
          // rounding can make a zero variance slightly negative
          new Estimate(var < 0 && var > -1e-12 * Math.max(1, s.value()) ? 0 : var,
              s.error() + 2 * Math.abs(m.value()) * m.error()), hist));
    }
    double base = bins > 0 ? 0.7 : 0.5;
    progress.progress(base, "second moments");
    new PairTable(e, table, cancel).fill(options.threads(), progress, base, 1 - base);
    LinkedHashMap<String, Estimate> sc = new LinkedHashMap<>();
    for (String s : program.scalars()) {
      sc.put(s, e.scalars.get(s));
    }
    List<String> notes = new ArrayList<>(prefix);
    long zdots = e.zDotCount();
    notes.add("exact: " + e.expectations.closedForms + " closed-form Gaussian integrals (exact to"
        + " rounding), " + e.integrator.quadratures + " by quadrature"
        + (e.integrator.rules.isEmpty() ? "" : " " + e.integrator.rules)
        + (zdots > 0 ? "; " + zdots + " ZDot coefficient" + (zdots > 1 ? "s" : "")
            + " by the Stein form C⁺b" : "")
        + (e.integrator.quadratures > 0 ? String.format("; largest quadrature error estimate"
            + " %.1g for %s", e.integrator.worstError, e.integrator.worst) : ""));
    String methods = e.log.summary();
    if (!methods.isEmpty()) {
      notes.add("methods: " + methods);
    }
    return CoordinateStatistics.owning("exact", notes, vs, sc, table.build());
  }

  private static Histogram gaussian(double m, double sd, int bins) {
    double[] edges = new double[bins + 1];
    double[] dens = new double[bins];
    for (int k = 0; k <= bins; k++) {
      edges[k] = m + sd * (-4.5 + 9.0 * k / bins);
      if (!Double.isFinite(edges[k]) || (k > 0 && !(edges[k] > edges[k - 1]))) {
        return null; // the bins would not be distinct doubles (a huge mean, a tiny sd)
      }
    }
    for (int k = 0; k < bins; k++) {
      dens[k] = (GaussianIntegrals.phiCdf((edges[k + 1] - m) / sd)
          - GaussianIntegrals.phiCdf((edges[k] - m) / sd)) / (edges[k + 1] - edges[k]);
    }
    return new Histogram(edges, dens);
  }
}
