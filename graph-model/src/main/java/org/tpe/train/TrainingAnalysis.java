package org.tpe.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.tpe.derive.DerivationException;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.Estimate;
import org.tpe.limit.LimitException;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.Limits;
import org.tpe.limit.ProgressListener;
import org.tpe.model.Problem;
import org.tpe.model.Program;
import org.tpe.ntk.Kernel;
import org.tpe.ntk.NtkException;
import org.tpe.ntk.NtkLimit;
import org.tpe.ntk.NtkResult;
import org.tpe.sim.ConvergenceSweep;
import org.tpe.sim.LogLogFit;

/**
 * The training of a network in the infinite-width limit and at finite widths (TP IIb §5 and App.
 * D; TP IV §3): the limit of the unrolled program ({@link UnrolledSgd#limit}) by {@link Limits},
 * where the regime has one; in the kernel regime also the NTK ({@link NtkLimit}) and kernel
 * gradient descent ({@link KernelGradientDescent}), which the limit must match (TP IIb Thm. 5.3);
 * the runs at every width and seed ({@link FiniteWidthTraining}); each run's distance to its
 * reference — the limit for feature learning, kernel gradient descent from the run's own f_0 in
 * the kernel regime (f_0 is a Gaussian-process sample there, not a limit) — and the log-log
 * slope of that distance against the width; and the {@link CoordinateCheck}.
 *
 * <p>Cost: one limit computation (two in the kernel regime: the training program and the NTK's)
 * plus the finite-width runs, dominated by the largest width.
 */
public final class TrainingAnalysis {
  private TrainingAnalysis() {}

  /**
   * What to compute.
   *
   * @param limit whether to compute the limit (when the regime has one)
   * @param widths the widths of the finite-width runs (may be empty)
   * @param seeds the seeds run at every width (at least one when widths are given)
   * @param limitOptions the limit engine's options (histogram bins included)
   * @param threads worker threads of the simulator
   * @param bins histogram bins of the finite-width runs (0: none)
   */
  public record Options(boolean limit, List<Integer> widths, List<Long> seeds,
      LimitOptions limitOptions, int threads, int bins) {
    public Options {
      widths = widths.stream().distinct().sorted().toList();
      seeds = List.copyOf(seeds);
      if (!widths.isEmpty() && (seeds.isEmpty() || widths.get(0) < 2)) {
        throw new IllegalArgumentException("finite-width runs need widths of at least 2 and a"
            + " seed: " + widths + ", " + seeds);
      }
    }

    /** The limit only, with the default engine and no histograms. */
    public static Options limitOnly() {
      return new Options(true, List.of(), List.of(), LimitOptions.defaults()
          .withHistogramBins(0), Runtime.getRuntime().availableProcessors(), 0);
    }
  }

  /**
   * Analyses the training of {@code network} (its declared setup, overrides already applied).
   *
   * @throws TrainingException if the network is ill formed, nothing can be computed (no limit
   *     and no widths), or a computation fails
   * @throws CancellationException if cancelled
   */
  public static TrainingReport run(Program network, Options o, ProgressListener progress,
      CancellationToken cancel) {
    UnrolledSgd.Result schedule = null;
    Regime regime;
    String noLimit = null;
    List<String> notes = new ArrayList<>();
    try {
      UnrolledSgd.Result finite = UnrolledSgd.atWidth(network, 2);
      regime = finite.regime();
      if (!o.limit() || regime.kind() == Regime.Kind.NO_LIMIT) {
        if (o.widths().isEmpty()) {
          List<Problem> why = o.limit() ? refusal(network)
              : List.of(Problem.error("nothing to compute: ask for the limit or"
                  + " for widths", null, null));
          throw new TrainingException(why);
        }
        schedule = finite;
        noLimit = o.limit() ? regime.reason() : "not asked for";
      } else {
        schedule = UnrolledSgd.limit(network);
      }
    } catch (DerivationException e) {
      throw new TrainingException(e.problems());
    }
    boolean kernel = regime.kind() == Regime.Kind.KERNEL;
    double limitShare = noLimit == null ? (kernel ? 0.4 : 0.3) : 0;
    TrainingTrajectory limit = null;
    Kernel theta = null;
    Estimate[][] gd = null;
    TrainingReport.Agreement agreement = null;
    if (noLimit == null) {
      limit = TrainingTrajectory.limit(schedule, o.limitOptions(), (f, m) -> progress.progress(f * limitShare
          * (kernel ? 0.75 : 1), m), cancel);
      notes.addAll(schedule.notes());
    }
    if (kernel) {
      theta = ntk(network, schedule, o, progress, limitShare, cancel);
      if (limit != null) {
        double[] f0 = new double[schedule.inputs().size()];
        for (int b = 0; b < f0.length; b++) {
          f0[b] = limit.output(0, b).value();
        }
        gd = KernelGradientDescent.predict(schedule, theta, f0);
        agreement = agreement(limit, gd);
        notes.add("TP IIb Thm. 5.3: the limit against kernel gradient descent with the NTK:"
            + " largest distance " + String.format("%.2g", agreement.distance()) + ", allowed "
            + String.format("%.2g", agreement.allowance()) + ": " + agreement.verdict());
      }
    }
    List<TrainingTrajectory> runs = new ArrayList<>();
    List<TrainingTrajectory> means = new ArrayList<>();
    List<Estimate[][]> refs = new ArrayList<>();
    double total = 0;
    for (int w : o.widths()) {
      total += (double) w * w;
    }
    double done = 0;
    for (int w : o.widths()) {
      cancel.check();
      double base = limitShare + (1 - limitShare) * done / total;
      double part = (1 - limitShare) * w * (double) w / total;
      FiniteWidthTraining.Replicates rep = FiniteWidthTraining.replicated(network, w, o.seeds(),
          o.threads(), o.bins(), (f, m) -> progress.progress(base + f * part, "width " + w + ": "
          + m), cancel);
      for (TrainingTrajectory t : rep.runs()) {
        runs.add(t);
        refs.add(reference(t, limit, theta, schedule, regime));
      }
      means.add(rep.mean());
      done += (double) w * w;
    }
    TrainingReport.Convergence conv = convergence(runs, refs, o.widths(), kernel);
    CoordinateCheck check = runs.isEmpty() ? null : CoordinateCheck.of(runs);
    if (noLimit != null && regime.kind() == Regime.Kind.NO_LIMIT) {
      notes.add(0, regime.kind().label() + ": " + noLimit);
    } else if (limit == null) {
      notes.add(0, regime.kind().label() + ": " + regime.reason());
    }
    progress.progress(1, "done");
    return new TrainingReport(regime, schedule, limit, noLimit, theta, gd, agreement, runs, means,
        refs, conv, check, notes);
  }

  /** Why the limit is refused, with its place, and what to do instead. */
  private static List<Problem> refusal(Program network) {
    try {
      UnrolledSgd.limit(network);
    } catch (DerivationException e) {
      List<Problem> out = new ArrayList<>();
      for (Problem p : e.problems()) {
        out.add(Problem.error(p.message() + "; run finite widths instead (e.g."
            + " --widths 256,512,1024)", p.pos(), p.subject()));
      }
      return out;
    }
    throw new IllegalStateException("a regime without a limit had a limit program");
  }

  /** Θ over the schedule's inputs, in their order. */
  private static Kernel ntk(Program network, UnrolledSgd.Result schedule, Options o,
      ProgressListener progress, double share, CancellationToken cancel) {
    NtkResult r;
    try {
      r = NtkLimit.compute(network, o.limitOptions().withHistogramBins(0), false,
          (f, m) -> progress.progress(share * (0.75 + 0.25 * f), "NTK: " + m), cancel);
    } catch (NtkException e) {
      throw new TrainingException(e.problems());
    }
    int k = schedule.inputs().size();
    double[][] v = new double[k][k];
    double[][] e = new double[k][k];
    for (int a = 0; a < k; a++) {
      int i = r.inputs().indexOf(schedule.inputs().get(a));
      for (int b = 0; b < k; b++) {
        int j = r.inputs().indexOf(schedule.inputs().get(b));
        v[a][b] = r.ntk().value(i, j);
        e[a][b] = r.ntk().error(i, j);
      }
    }
    return new Kernel(v, e);
  }

  private static TrainingReport.Agreement agreement(TrainingTrajectory limit, Estimate[][] gd) {
    Estimate[][] f = new Estimate[limit.steps() + 1][limit.inputs().size()];
    for (int t = 0; t <= limit.steps(); t++) {
      for (int b = 0; b < limit.inputs().size(); b++) {
        f[t][b] = limit.output(t, b);
      }
    }
    return agreement(f, gd);
  }

  /** The check of the limit's f[t][b] against kernel gradient descent's gd[t][b]. */
  static TrainingReport.Agreement agreement(Estimate[][] f, Estimate[][] gd) {
    double worst = 0;
    double allowance = 0;
    boolean holds = true;
    int unbounded = 0;
    for (int t = 0; t < f.length; t++) {
      for (int b = 0; b < f[t].length; b++) {
        double d = Math.abs(f[t][b].value() - gd[t][b].value());
        double allow = 4 * (f[t][b].error() + gd[t][b].error()) + 1e-9;
        holds &= d <= allow;
        unbounded += Double.isFinite(allow) ? 0 : 1;
        if (d > worst) {
          worst = d;
          allowance = allow;
        }
      }
    }
    return new TrainingReport.Agreement(worst, allowance, holds, unbounded);
  }

  /** What run {@code t} should approach: the limit, or kernel GD from its own f_0. */
  private static Estimate[][] reference(TrainingTrajectory t, TrainingTrajectory limit,
      Kernel theta, UnrolledSgd.Result schedule, Regime regime) {
    if (regime.kind() == Regime.Kind.KERNEL) {
      double[] f0 = new double[t.inputs().size()];
      for (int b = 0; b < f0.length; b++) {
        f0[b] = t.output(0, b).value();
      }
      return KernelGradientDescent.predict(schedule, theta, f0);
    }
    if (limit == null) {
      return null;
    }
    Estimate[][] ref = new Estimate[limit.steps() + 1][limit.inputs().size()];
    for (int s = 0; s <= limit.steps(); s++) {
      for (int b = 0; b < ref[s].length; b++) {
        ref[s][b] = limit.output(s, b);
      }
    }
    return ref;
  }

  private static TrainingReport.Convergence convergence(List<TrainingTrajectory> runs,
      List<Estimate[][]> refs, List<Integer> widths, boolean kernel) {
    if (widths.size() < 2 || refs.isEmpty() || refs.get(0) == null) {
      return null;
    }
    TrainingTrajectory first = runs.get(0);
    int steps = first.steps();
    int k = first.inputs().size();
    double[][][] sum = new double[steps + 1][k][widths.size()];
    int[] count = new int[widths.size()];
    for (int i = 0; i < runs.size(); i++) {
      int wi = widths.indexOf(runs.get(i).width());
      count[wi]++;
      for (int t = 0; t <= steps; t++) {
        for (int b = 0; b < k; b++) {
          sum[t][b][wi] += Math.abs(runs.get(i).output(t, b).value() - refs.get(i)[t][b].value());
        }
      }
    }
    double[] x = widths.stream().mapToDouble(Math::log).toArray();
    List<TrainingReport.Entry> entries = new ArrayList<>();
    List<double[]> ys = new ArrayList<>();
    // in the kernel regime f_0 is the run's own: its distance is 0 by construction
    for (int t = kernel ? 1 : 0; t <= steps; t++) {
      for (int b = 0; b < k; b++) {
        List<Double> ds = new ArrayList<>();
        double[] y = new double[widths.size()];
        boolean positive = true;
        for (int wi = 0; wi < widths.size(); wi++) {
          double d = sum[t][b][wi] / count[wi];
          ds.add(d);
          positive &= d > 0;
          y[wi] = Math.log(d);
        }
        LogLogFit fit = positive ? ConvergenceSweep.fit(x, y) : null;
        if (positive) {
          ys.add(y);
        }
        entries.add(new TrainingReport.Entry(t, first.inputs().get(b), ds, fit));
      }
    }
    return new TrainingReport.Convergence(widths, entries, ys.isEmpty() ? null
        : ConvergenceSweep.pooled(x, ys), kernel ? "kernel gradient descent from the run's f_0"
        : "the limit");
  }
}
