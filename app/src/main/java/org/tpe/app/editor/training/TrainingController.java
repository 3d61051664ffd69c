package org.tpe.app.editor.training;

import java.util.ArrayList;
import java.util.List;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.Estimate;
import org.tpe.limit.Histogram;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.ProgressListener;
import org.tpe.limit.VectorStatistics;
import org.tpe.model.Problem;
import org.tpe.model.Program;
import org.tpe.network.Parametrization;
import org.tpe.network.TrainingValidator;
import org.tpe.train.CoordinateCheck;
import org.tpe.train.TrainingAnalysis;
import org.tpe.train.TrainingException;
import org.tpe.train.TrainingOverrides;
import org.tpe.train.TrainingReport;
import org.tpe.train.TrainingTrajectory;

/**
 * What the Training tab shows, computed without JavaFX (TP IIb §5, TP IV): from the edited
 * network and the tab's settings (steps, learning rate, parametrization, widths, seeds), the limit
 * trajectory of f on every input and of the loss, kernel gradient descent in the kernel regime,
 * the finite-width runs as points (mean over seeds ± their standard error), the coordinate check,
 * and the density of every forward vector at every step; or why nothing can be computed. Every
 * method is a pure function of its arguments.
 */
public final class TrainingController {
  private TrainingController() {}

  /**
   * The tab's settings.
   *
   * @param steps T, or null for the file's
   * @param learningRate η, or null for the file's
   * @param parametrization ntk, sp or mup for the whole network, or null for the file's
   * @param widths the widths of the finite-width runs
   * @param seeds seeds per width (≥ 1)
   */
  public record Settings(Integer steps, Double learningRate, String parametrization,
      List<Integer> widths, int seeds) {
    /** Seeds per width by default: enough for a standard error over seeds. */
    public static final int DEFAULT_SEEDS = 4;

    public Settings {
      widths = List.copyOf(widths);
    }

    /** The file's setup, widths 256, 512, 1024, {@value #DEFAULT_SEEDS} seeds. */
    public static Settings defaults() {
      return new Settings(null, null, null, List.of(256, 512, 1024), DEFAULT_SEEDS);
    }
  }

  /** What a series is. */
  public enum Kind { LIMIT, KERNEL_GD, FINITE }

  /**
   * A curve against the step: f on one input, or the loss.
   *
   * @param label what it is ("ξ1", "loss")
   * @param kind the limit (a line), kernel gradient descent (dashed), a finite width (points)
   * @param width the width of a finite-width series, else 0
   * @param values one per step
   * @param errors one per step (the limit's error; for finite widths the standard error over the
   *     seeds, NaN — unknown — with one seed)
   */
  public record Series(String label, Kind kind, int width, double[] values, double[] errors) {
    public Series {
      values = values.clone();
      errors = errors.clone();
    }

    @Override
    public double[] values() {
      return values.clone();
    }

    @Override
    public double[] errors() {
      return errors.clone();
    }
  }

  /**
   * The tab's content.
   *
   * @param ok whether anything was computed
   * @param status one line: what was computed, or why not
   * @param inputs the inputs f is computed on
   * @param steps T
   * @param outputs f on every input: the limit, kernel GD and every width
   * @param losses the loss: the limit and every width
   * @param vectors the forward vectors whose densities can be shown
   * @param check the coordinate check, or null without finite widths
   * @param report everything computed, or null
   * @param details notes for the user
   */
  public record View(boolean ok, String status, List<String> inputs, int steps,
      List<Series> outputs, List<Series> losses, List<String> vectors, CoordinateCheck check,
      TrainingReport report, List<String> details) {
    public View {
      inputs = List.copyOf(inputs);
      outputs = List.copyOf(outputs);
      losses = List.copyOf(losses);
      vectors = List.copyOf(vectors);
      details = List.copyOf(details);
    }

    static View message(String status) {
      return new View(false, status, List.of(), 0, List.of(), List.of(), List.of(), null, null,
          List.of());
    }
  }

  /**
   * A vector's density at one step: the limit's and the largest width's (either may be null).
   *
   * @param width the largest width (of {@code finite}), or 0 without finite-width runs
   */
  public record Density(String title, Histogram limit, Histogram finite, int width) {}

  /** The settings' overrides, or the reason they are not valid. */
  static TrainingOverrides overrides(Settings s) {
    if (s.steps() != null && TrainingValidator.stepsProblem(s.steps()) != null) {
      throw new IllegalArgumentException(TrainingValidator.stepsProblem(s.steps()));
    }
    if (s.learningRate() != null && TrainingValidator.learningRateProblem(s.learningRate())
        != null) {
      throw new IllegalArgumentException(TrainingValidator.learningRateProblem(
          s.learningRate()));
    }
    Parametrization p = s.parametrization() == null ? null
        : TrainingOverrides.parametrizationNamed(s.parametrization());
    if (s.parametrization() != null && p == null) {
      throw new IllegalArgumentException("the parametrization is "
          + TrainingOverrides.PARAMETRIZATION_NAMES + ", not " + s.parametrization());
    }
    return new TrainingOverrides(s.steps(), s.learningRate(), p);
  }

  /** The view of training {@code p} with {@code s}; the limit with few particles (interactive). */
  public static View compute(Program p, Settings s, ProgressListener progress,
      CancellationToken cancel) {
    if (p.network().isEmpty() || p.network().training() == null) {
      return View.message("This program declares no training setup. Declare the network (param,"
          + " embedding, readout, inputs, gram) and add 'train ξ1 : y1, …' in the Text tab"
          + " (optionally test, loss, lr, steps, batch).");
    }
    TrainingOverrides o;
    try {
      o = overrides(s);
    } catch (IllegalArgumentException e) {
      return View.message(e.getMessage());
    }
    List<Long> seeds = new ArrayList<>();
    for (int i = 1; i <= Math.max(1, s.seeds()); i++) {
      seeds.add((long) i);
    }
    TrainingReport r;
    try {
      r = TrainingAnalysis.run(o.applyTo(p), new TrainingAnalysis.Options(true, s.widths(),
          seeds, LimitOptions.defaults().withSamples(1 << 14).withHistogramBins(30)
          .withThreads(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()))),
          Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())), 30), progress,
          cancel);
    } catch (TrainingException e) {
      return View.message(describe(e.problems()));
    }
    return view(r);
  }

  /** The view of a computed report. */
  static View view(TrainingReport r) {
    var sched = r.schedule();
    int steps = sched.steps();
    List<String> inputs = sched.inputs();
    List<Series> outputs = new ArrayList<>();
    List<Series> losses = new ArrayList<>();
    if (r.limit() != null) {
      for (int b = 0; b < inputs.size(); b++) {
        int in = b;
        outputs.add(series(inputs.get(b), Kind.LIMIT, 0, steps, t -> r.limit().output(t, in)));
      }
      losses.add(series("loss", Kind.LIMIT, 0, steps, t -> r.limit().loss(t)));
    }
    if (r.kernelGd() != null) {
      Estimate[][] gd = r.kernelGd();
      for (int b = 0; b < inputs.size(); b++) {
        int in = b;
        outputs.add(series(inputs.get(b), Kind.KERNEL_GD, 0, steps, t -> gd[t][in]));
      }
    }
    for (TrainingTrajectory mean : r.means()) {
      for (int b = 0; b < inputs.size(); b++) {
        int in = b;
        outputs.add(series(inputs.get(b), Kind.FINITE, mean.width(), steps,
            t -> mean.output(t, in)));
      }
      losses.add(series("loss", Kind.FINITE, mean.width(), steps, mean::loss));
    }
    List<String> details = new ArrayList<>(r.notes());
    if (r.limit() != null) {
      details.add("limit: " + r.limit().method());
      details.addAll(r.limit().notes());
    }
    if (r.convergence() != null && r.convergence().pooled() != null) {
      details.add("distance of the runs' f to " + r.convergence().reference() + ": pooled"
          + " log-log slope " + r.convergence().pooled() + " (Master Theorem: −1/2)");
    }
    if (r.check() != null) {
      details.addAll(r.check().notes());
    }
    String status = r.regime().kind().label() + " — " + steps + " step" + (steps == 1 ? "" : "s")
        + (r.limit() == null ? "; no limit (" + shorten(r.noLimit()) + ")" : "; limit by "
        + r.limit().method()) + (r.runs().isEmpty() ? "" : "; " + r.runs().size() + " finite-width"
        + " run" + (r.runs().size() == 1 ? "" : "s"));
    return new View(true, status, inputs, steps, outputs, losses, sched.forward(), r.check(), r,
        details);
  }

  private interface At {
    Estimate at(int t);
  }

  private static Series series(String label, Kind kind, int width, int steps, At f) {
    double[] v = new double[steps + 1];
    double[] e = new double[steps + 1];
    for (int t = 0; t <= steps; t++) {
      v[t] = f.at(t).value();
      e[t] = f.at(t).error();
    }
    return new Series(label, kind, width, v, e);
  }

  /** The density of forward vector {@code x} at step t on the first training input. */
  public static Density density(View v, String x, int t) {
    if (!v.ok() || !v.vectors().contains(x) || t < 0 || t > v.steps()) {
      return new Density(x, null, null, 0);
    }
    TrainingReport r = v.report();
    int b = r.schedule().examples().get(0);
    Histogram lim = null;
    if (r.limit() != null) {
      VectorStatistics s = r.limit().vector(x, t, b);
      lim = s == null ? null : s.histogram();
    }
    Histogram fin = null;
    TrainingTrajectory widest = null;
    for (TrainingTrajectory run : r.runs()) {
      if (widest == null || run.width() > widest.width()) {
        widest = run;
      }
    }
    if (widest != null) {
      VectorStatistics s = widest.vector(x, t, b);
      fin = s == null ? null : s.histogram();
    }
    return new Density("Z^" + x + " at step " + t + " on " + v.inputs().get(b)
        + (lim != null ? " (limit: curve" : " (") + (widest != null ? (lim != null ? "; " : "")
        + "n = " + widest.width() + ": bars)" : ")"), lim, fin,
        widest == null ? 0 : widest.width());
  }

  /** The coordinate check at step t: one line per quantity, sizes against the widths. */
  public static double[][] coordinateSizes(View v, int t, List<String> labels) {
    labels.clear();
    if (v.check() == null) {
      return new double[0][];
    }
    List<double[]> rows = new ArrayList<>();
    for (CoordinateCheck.Row row : v.check().rows()) {
      if (row.step() == t) {
        labels.add((row.quantity().equals(CoordinateCheck.OUTPUT) ? "|f|" : row.quantity())
            + (row.fit() == null ? "" : String.format(" (%+.2f)", row.fit().slope())));
        rows.add(row.sizes().stream().mapToDouble(Double::doubleValue).toArray());
      }
    }
    return rows.toArray(new double[0][]);
  }

  /** Parses the widths field ("256, 512, 1024"); empty for none. */
  public static List<Integer> widths(String text) {
    List<Integer> out = new ArrayList<>();
    for (String part : text.split("[,\\s]+")) {
      if (part.isBlank()) {
        continue;
      }
      int w;
      try {
        w = Integer.parseInt(part.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("a width is a whole number, not '" + part + "'");
      }
      if (w < 2 || w > 1 << 14) {
        throw new IllegalArgumentException("a width is from 2 to 16384, not " + w);
      }
      out.add(w);
    }
    return out;
  }

  private static String shorten(String s) {
    int i = s.indexOf(':');
    return i > 0 && i < 120 ? s.substring(0, i) : s.length() > 120 ? s.substring(0, 120) + "…" : s;
  }

  private static String describe(List<Problem> problems) {
    if (problems.isEmpty()) {
      return "Training cannot be computed.";
    }
    Problem p = problems.get(0);
    return (p.pos() == null ? "" : "line " + p.pos() + ": ") + p.message()
        + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more: see Problems)" : "");
  }
}
