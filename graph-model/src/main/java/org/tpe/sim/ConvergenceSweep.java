package org.tpe.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.Estimate;
import org.tpe.limit.ProgressListener;
import org.tpe.limit.VectorStatistics;
import org.tpe.model.Program;

/**
 * The Master Theorem checked numerically (DESIGN §7): runs {@link FiniteWidthSimulator} at
 * several widths (and seeds) and measures, for every quantity the limit reports — each vector's
 * mean and variance, every second moment E[Z^a Z^b] (a before or equal to b), every scalar — the
 * distance |simulated − limit|, averaged over the seeds. Finite-width fluctuations are O(n^{-1/2}),
 * so on a log-log plot the distances fall on lines of slope ≈ −1/2; the sweep fits that slope per
 * quantity and pooled over all quantities (one common slope, an intercept per quantity), each with
 * its OLS standard error.
 *
 * <p>The limit is an input, from whatever engine computed it, so the sweep is independent of the
 * engines. A limit known only to a Monte Carlo error ε makes distances below ≈ ε meaningless: the
 * fit then flattens at large widths, which the notes point out. Quantities that the simulation
 * gets exactly at every width (an initial scalar, a function of initial scalars) are not fitted.
 *
 * <p>Cost: the sum of the simulations' costs, dominated by the largest width (8n² bytes per stored
 * matrix and n² Gaussian draws per matrix); the default widths 256 … 8192 take a few seconds per
 * matrix on two cores.
 */
public final class ConvergenceSweep {
  /** 256, 512, …, 8192. */
  public static final List<Integer> DEFAULT_WIDTHS = List.of(256, 512, 1024, 2048, 4096, 8192);

  private ConvergenceSweep() {}

  /** {@link #run(Program, CoordinateStatistics, List, List, int, ProgressListener,
   * CancellationToken)} on all cores, without progress or cancellation. */
  public static ConvergenceResult run(Program program, CoordinateStatistics limit,
      List<Integer> widths, List<Long> seeds) {
    return run(program, limit, widths, seeds, Runtime.getRuntime().availableProcessors(),
        ProgressListener.NONE, CancellationToken.NONE);
  }

  /**
   * Runs the sweep.
   *
   * @param limit the limit of {@code program} to compare against
   * @param widths at least two distinct widths ≥ 2
   * @param seeds at least one seed; every width runs every seed
   * @throws IllegalArgumentException if the widths or seeds are not as above
   * @throws SimulationException if a simulation fails (e.g. a width does not fit in memory)
   * @throws CancellationException if cancelled
   */
  public static ConvergenceResult run(Program program, CoordinateStatistics limit,
      List<Integer> widths, List<Long> seeds, int threads, ProgressListener progress,
      CancellationToken cancel) {
    List<Integer> ws = widths.stream().distinct().sorted().toList();
    if (ws.size() < 2) {
      throw new IllegalArgumentException("a sweep needs at least two different widths: " + widths);
    }
    if (ws.get(0) < 2) {
      throw new IllegalArgumentException("widths must be at least 2: " + ws.get(0));
    }
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("a sweep needs at least one seed");
    }
    List<Quantity> qs = quantities(limit);
    double[][] sum = new double[qs.size()][ws.size()];
    double total = 0;
    for (int w : ws) {
      total += (double) w * w * seeds.size();
    }
    double done = 0;
    for (int wi = 0; wi < ws.size(); wi++) {
      int n = ws.get(wi);
      for (long seed : seeds) {
        cancel.check();
        double base = done;
        double share = (double) n * n / total;
        CoordinateStatistics sim = FiniteWidthSimulator.simulate(program,
            new SimulationOptions(n, seed, threads, 0),
            (f, m) -> progress.progress(base + share * f, m), cancel);
        for (int q = 0; q < qs.size(); q++) {
          sum[q][wi] += Math.abs(qs.get(q).read(sim) - qs.get(q).limit);
        }
        done += share;
      }
    }
    List<ConvergenceResult.Quantity> out = new ArrayList<>();
    List<double[]> fitted = new ArrayList<>();
    List<String> exact = new ArrayList<>();
    List<String> floored = new ArrayList<>();
    double[] x = new double[ws.size()];
    for (int wi = 0; wi < ws.size(); wi++) {
      x[wi] = Math.log(ws.get(wi));
    }
    for (int q = 0; q < qs.size(); q++) {
      Quantity qu = qs.get(q);
      List<Double> errs = new ArrayList<>();
      boolean anyExact = false;
      double[] y = new double[ws.size()];
      for (int wi = 0; wi < ws.size(); wi++) {
        double e = sum[q][wi] / seeds.size();
        errs.add(e);
        // at rounding level the distance is 0 for all purposes (log would be meaningless)
        if (!(e > 1e-12 * Math.max(1, Math.abs(qu.limit)))) {
          anyExact = true;
        }
        y[wi] = Math.log(e);
      }
      LogLogFit fit = null;
      if (anyExact) {
        exact.add(qu.label());
      } else {
        fit = fit(x, y);
        fitted.add(y);
        if (qu.limitError > errs.get(errs.size() - 1) / 3) {
          floored.add(qu.label());
        }
      }
      out.add(new ConvergenceResult.Quantity(qu.kind, qu.a, qu.b, qu.limit, qu.limitError, errs,
          fit));
    }
    List<String> notes = new ArrayList<>();
    notes.add("|simulated − limit| averaged over " + seeds.size() + " seed(s) " + seeds
        + " at each width; the Master Theorem's fluctuations predict a log-log slope of −1/2");
    if (!exact.isEmpty()) {
      notes.add("not fitted, exact at some width: " + String.join(", ", exact));
    }
    if (!floored.isEmpty()) {
      notes.add("the limit's own error is more than a third of the distance at the largest width"
          + " for " + String.join(", ", floored) + ": their slopes flatten; compute the limit"
          + " more precisely (more samples) or stop at smaller widths");
    }
    return new ConvergenceResult(limit.method(), ws, seeds, out,
        fitted.isEmpty() ? null : pooled(x, fitted), notes);
  }

  /** Ordinary least squares y = c + s x with the standard error of s. */
  public static LogLogFit fit(double[] x, double[] y) {
    int m = x.length;
    double mx = mean(x);
    double my = mean(y);
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < m; i++) {
      sxx += (x[i] - mx) * (x[i] - mx);
      sxy += (x[i] - mx) * (y[i] - my);
    }
    double slope = sxy / sxx;
    double rss = 0;
    for (int i = 0; i < m; i++) {
      double r = y[i] - my - slope * (x[i] - mx);
      rss += r * r;
    }
    double se = m > 2 ? Math.sqrt(rss / (m - 2) / sxx) : Double.NaN;
    return new LogLogFit(slope, se, m);
  }

  /**
   * One slope for all quantities, an intercept each (the "within" estimator): centre each
   * quantity's log-errors, then regress on the centred log-widths. Its standard error uses the
   * residual variance with Q + 1 parameters for Q quantities.
   */
  public static LogLogFit pooled(double[] x, List<double[]> ys) {
    double mx = mean(x);
    double sxx = 0;
    double sxy = 0;
    for (double[] y : ys) {
      double my = mean(y);
      for (int i = 0; i < x.length; i++) {
        sxx += (x[i] - mx) * (x[i] - mx);
        sxy += (x[i] - mx) * (y[i] - my);
      }
    }
    double slope = sxy / sxx;
    double rss = 0;
    for (double[] y : ys) {
      double my = mean(y);
      for (int i = 0; i < x.length; i++) {
        double r = y[i] - my - slope * (x[i] - mx);
        rss += r * r;
      }
    }
    int points = x.length * ys.size();
    int dof = points - ys.size() - 1;
    double se = dof > 0 ? Math.sqrt(rss / dof / sxx) : Double.NaN;
    return new LogLogFit(slope, se, points);
  }

  private static double mean(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s / a.length;
  }

  /** A quantity of the limit and how to read it from a simulation. */
  private record Quantity(String kind, String a, String b, double limit, double limitError) {
    double read(CoordinateStatistics s) {
      Estimate e = switch (kind) {
        case "mean" -> s.vectors().get(a).mean();
        case "variance" -> s.vectors().get(a).variance();
        case "second_moment" -> s.secondMoment(a, b);
        default -> s.scalars().get(a);
      };
      if (e == null) {
        throw new IllegalArgumentException("the simulation has no " + label()
            + ": is the limit of the same program?");
      }
      return e.value();
    }

    String label() {
      return new ConvergenceResult.Quantity(kind, a, b, limit, limitError, List.of(), null)
          .label();
    }
  }

  private static List<Quantity> quantities(CoordinateStatistics limit) {
    List<Quantity> qs = new ArrayList<>();
    for (VectorStatistics v : limit.vectors().values()) {
      add(qs, "mean", v.name(), "", v.mean());
      add(qs, "variance", v.name(), "", v.variance());
    }
    List<String> names = new ArrayList<>(limit.secondMoments().keySet());
    for (int i = 0; i < names.size(); i++) {
      Map<String, Estimate> row = limit.secondMoments().get(names.get(i));
      for (int j = i; j < names.size(); j++) {
        Estimate e = row.get(names.get(j));
        if (e != null) {
          add(qs, "second_moment", names.get(i), names.get(j), e);
        }
      }
    }
    limit.scalars().forEach((k, e) -> add(qs, "scalar", k, "", e));
    return qs;
  }

  private static void add(List<Quantity> qs, String kind, String a, String b, Estimate e) {
    if (Double.isFinite(e.value())) {
      qs.add(new Quantity(kind, a, b, e.value(), e.error()));
    }
  }
}
