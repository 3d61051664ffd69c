package org.tpe.ntk;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.ProgressListener;
import org.tpe.model.Program;
import org.tpe.sim.ConvergenceSweep;
import org.tpe.sim.LogLogFit;

/**
 * The empirical NTK against its limit over widths (Jacot et al. 2018, Thm. 1; TP II): for every
 * entry Θ(ξ_a, ξ_b), a ≤ b, the distance |Θ_n − Θ| averaged over seeds at each width, and the
 * fitted log-log slope per entry and pooled ({@link ConvergenceSweep#fit}, {@link
 * ConvergenceSweep#pooled}); finite-width fluctuations are O(n^{-1/2}), so the slope should be
 * ≈ −1/2. A limit known only to a Monte Carlo error ε (particle engine) makes distances below ≈ ε
 * meaningless; the result's notes say so. Cost: one {@link EmpiricalNtk} run per width and seed.
 *
 * @param widths the widths, increasing
 * @param seeds the seeds run at every width
 * @param entries one row per kernel entry
 * @param pooled the pooled slope over all entries (null when fewer than two widths)
 * @param notes sentences for the user
 */
public record NtkConvergence(List<Integer> widths, List<Long> seeds, List<Entry> entries,
    LogLogFit pooled, List<String> notes) {

  /** Θ(ξ_a, ξ_b): its limit ± error, the mean distance at each width, the fitted slope. */
  public record Entry(String a, String b, double limit, double limitError, List<Double> distances,
      LogLogFit fit) {
    public Entry {
      distances = List.copyOf(distances);
    }
  }

  public NtkConvergence {
    widths = List.copyOf(widths);
    seeds = List.copyOf(seeds);
    entries = List.copyOf(entries);
    notes = List.copyOf(notes);
  }

  /**
   * Runs the sweep.
   *
   * @param limit the NTK limit of {@code network}
   * @throws IllegalArgumentException if fewer than two distinct widths ≥ 2 or no seed are given
   * @throws NtkException if a run fails
   * @throws CancellationException if cancelled
   */
  public static NtkConvergence run(Program network, NtkResult limit, List<Integer> widths,
      List<Long> seeds, int threads, ProgressListener progress, CancellationToken cancel) {
    List<Integer> ws = widths.stream().distinct().sorted().toList();
    if (ws.size() < 2 || ws.get(0) < 2) {
      throw new IllegalArgumentException("a sweep needs at least two different widths, each at"
          + " least 2: " + widths);
    }
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("a sweep needs at least one seed");
    }
    int k = limit.inputs().size();
    double[][][] sum = new double[k][k][ws.size()];
    double total = 0;
    for (int w : ws) {
      total += (double) w * w * seeds.size();
    }
    double done = 0;
    for (int wi = 0; wi < ws.size(); wi++) {
      int n = ws.get(wi);
      for (long seed : seeds) {
        cancel.check();
        final double base = done;
        final double part = (double) n * n / total;
        NtkResult r = EmpiricalNtk.compute(network, n, seed, threads,
            (f, what) -> progress.progress(base + f * part, what), cancel);
        for (int a = 0; a < k; a++) {
          for (int b = a; b < k; b++) {
            sum[a][b][wi] += Math.abs(r.ntk().value(a, b) - limit.ntk().value(a, b));
          }
        }
        done += part;
      }
    }
    double[] x = ws.stream().mapToDouble(Math::log).toArray();
    List<Entry> entries = new ArrayList<>();
    List<double[]> ys = new ArrayList<>();
    for (int a = 0; a < k; a++) {
      for (int b = a; b < k; b++) {
        List<Double> ds = new ArrayList<>();
        double[] y = new double[ws.size()];
        boolean positive = true;
        for (int wi = 0; wi < ws.size(); wi++) {
          double d = sum[a][b][wi] / seeds.size();
          ds.add(d);
          positive &= d > 0;
          y[wi] = Math.log(d);
        }
        LogLogFit fit = positive ? ConvergenceSweep.fit(x, y) : null;
        if (positive) {
          ys.add(y);
        }
        entries.add(new Entry(limit.inputs().get(a), limit.inputs().get(b),
            limit.ntk().value(a, b), limit.ntk().error(a, b), ds, fit));
      }
    }
    List<String> notes = new ArrayList<>();
    notes.add("|Θ_n − Θ| averaged over " + seeds.size() + " seed(s) per width; the Master"
        + " Theorem's fluctuations give a slope of about −1/2");
    double worst = 0;
    for (Entry e : entries) {
      worst = Math.max(worst, e.limitError());
    }
    if (worst > 0) {
      notes.add("the limit carries an error up to " + String.format("%.2g", worst) + ": distances"
          + " below it are not resolved, which flattens the slope at large widths");
    }
    return new NtkConvergence(ws, seeds, entries, ys.isEmpty() ? null
        : ConvergenceSweep.pooled(x, ys), notes);
  }
}
