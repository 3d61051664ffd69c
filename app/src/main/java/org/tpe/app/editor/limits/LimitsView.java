package org.tpe.app.editor.limits;

import java.util.ArrayList;
import java.util.List;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.Estimate;
import org.tpe.limit.Histogram;
import org.tpe.limit.VectorStatistics;
import org.tpe.model.Program;
import org.tpe.model.VarKind;
import org.tpe.session.Part;
import org.tpe.session.Snapshot;
import org.tpe.sim.ConvergenceResult;

/**
 * What the limits panel shows, decided without JavaFX from one {@link Snapshot} of the {@code
 * AnalysisSession}: for the selected vector (or the first output) the density of Z^x over the
 * finite-width histogram, its mean and variance with their errors and the method; for a selected
 * scalar its limit θ̊; the scalar limits; a heat map of E[Z^x Z^y]; the convergence of the
 * finite-width run to the limit against n. Every number comes from a snapshot of the program on
 * screen: for any other program (the previous one, while the new one computes) the view says
 * "computing…" and shows no number.
 *
 * @param state the state line ("computing the limits…", "up to date", "cancelled …")
 * @param running whether something is still computing (Cancel applies)
 * @param resumable whether something was cancelled (Compute applies)
 * @param progress fraction done, 0 to 1
 * @param method the engine and its first note, or why there are no limits
 * @param heading what the numbers are of: "Z^x (G-var)", "θ (scalar)"
 * @param numbers mean and variance (or a scalar's limit), and at the finite width
 * @param scalars every scalar limit
 * @param densityTitle the density plot's title ("" when nothing is plotted, e.g. for a scalar)
 * @param limitDensity the limit's histogram, or null
 * @param finiteDensity the finite-width histogram, or null
 * @param heatTitle the heat map's title
 * @param heatNames its rows and columns
 * @param heat its values, NaN where unknown
 * @param convergenceTitle the convergence plot's title
 * @param widths the widths of the sweep (empty: nothing plotted)
 * @param convergenceLabels one label per plotted quantity
 * @param convergence |simulated − limit| per quantity and width
 * @param slope the fitted slope, or why there is none
 * @param subject the vector or scalar the numbers are of, or null
 * @param heatErrors the heat map's errors (its shape), 0 where exact
 * @param sweep the convergence sweep, or null
 * @param series the quantities of {@code sweep} plotted (one per label)
 * @param finiteWidth the width of the finite-width run (0: none)
 */
public record LimitsView(String state, boolean running, boolean resumable, double progress,
    String method, String heading, String numbers, String scalars, String densityTitle,
    Histogram limitDensity, Histogram finiteDensity, String heatTitle, List<String> heatNames,
    double[][] heat, String convergenceTitle, int[] widths, List<String> convergenceLabels,
    double[][] convergence, String slope, String subject, double[][] heatErrors,
    ConvergenceResult sweep, List<ConvergenceResult.Quantity> series, int finiteWidth) {

  /** Convergence series plotted when the subject has none of its own. */
  static final int FALLBACK_SERIES = 3;
  /** Largest heat map over all vectors (the outputs are used when there are two or more). */
  static final int HEAT_VECTORS = 12;

  /**
   * The view of {@code s} for {@code current} (the program on screen) with {@code selected} (a
   * variable, or null); {@code particles} is the size of the density run.
   */
  public static LimitsView of(Snapshot s, Program current, String selected, int particles) {
    if (s == null || !s.isFor(current)) {
      return computing("computing…", 0);
    }
    Part<CoordinateStatistics> limits = s.limits();
    // while every pair's limits compute, those of the outputs and the focused vectors are shown
    // (Snapshot#firstLimits), unless the selected vector is not among them
    boolean first = limits.isPending() && s.firstLimits().isDone()
        && covers(s.program(), s.firstLimits().value(), selected);
    String state = state(s, first);
    if (!limits.isDone() && !first) {
      String method = switch (limits.state()) {
        case PENDING -> "";
        case CANCELLED -> "No limits: cancelled";
        default -> "No limits: " + limits.message();
      };
      return new LimitsView(state, !s.finished(), s.cancelled(), s.progress(), method, "", "", "",
          "", null, null, "", List.of(), new double[0][0], "", new int[0], List.of(),
          new double[0][0], "", null, new double[0][0], null, List.of(), 0);
    }
    CoordinateStatistics stats = first ? s.firstLimits().value() : limits.value();
    Program p = s.program();
    String method = "Method: " + stats.method() + (stats.notes().isEmpty() ? ""
        : " — " + stats.notes().get(0));
    String subject = subject(p, stats, selected);
    String heading = "";
    String numbers = "";
    String densityTitle = "";
    Histogram limitH = null;
    Histogram finiteH = null;
    CoordinateStatistics finite = s.finite().value();
    if (subject != null && stats.vectors().containsKey(subject)) {
      VectorStatistics vs = stats.vectors().get(subject);
      heading = "Z^" + subject + " (" + vs.kind().label() + "-var)";
      VectorStatistics fv = finite == null ? null : finite.vectors().get(subject);
      numbers = "mean " + est(vs.mean()) + "    variance " + est(vs.variance())
          + (fv == null ? "" : "\nat n = " + s.width() + ": mean " + est(fv.mean())
          + "    variance " + est(fv.variance()) + " (± one standard error)");
      VectorStatistics dv = s.density().isDone() ? s.density().value().vectors().get(subject)
          : null;
      limitH = dv == null ? null : dv.histogram();
      finiteH = fv == null ? null : fv.histogram();
      densityTitle = "density of Z^" + subject + " " + switch (s.density().state()) {
        case DONE -> limitH == null ? "(not available)" : "(limit, " + particles + " particles)";
        case PENDING -> "(computing…)";
        case CANCELLED -> "(cancelled)";
        default -> "(not available: " + s.density().message() + ")";
      } + (finiteH == null ? "" : "; bars: width n = " + s.width());
    } else if (subject != null && stats.scalars().containsKey(subject)) {
      heading = subject + " (scalar)";
      Estimate fe = finite == null ? null : finite.scalars().get(subject);
      numbers = subject + "̊ = " + est(stats.scalars().get(subject))
          + (fe == null ? "" : "\nat n = " + s.width() + ": " + est(fe));
    } else {
      heading = "No vectors.";
    }
    StringBuilder sc = new StringBuilder();
    stats.scalars().forEach((k, e) -> sc.append(sc.length() == 0 ? "Scalar limits: " : ",  ")
        .append(k).append("̊ = ").append(est(e)));
    List<String> names = heatNames(p, stats);
    double[][] m = new double[names.size()][names.size()];
    double[][] me = new double[names.size()][names.size()];
    for (int i = 0; i < names.size(); i++) {
      for (int j = 0; j < names.size(); j++) {
        Estimate e = stats.secondMoment(names.get(i), names.get(j));
        m[i][j] = e == null ? Double.NaN : e.value();
        me[i][j] = e == null ? 0 : e.error();
      }
    }
    String heatTitle = names.isEmpty() ? "" : names.equals(p.outputs()) ? "over the outputs"
        : "over the vectors";
    return withConvergence(new LimitsView(state, !s.finished(), s.cancelled(), s.progress(),
        method, heading, numbers, sc.toString(), densityTitle, limitH, finiteH, heatTitle, names,
        m, "", new int[0], List.of(), new double[0][0], "", subject, me, null, List.of(),
        finite == null ? 0 : s.width()), s, subject);
  }

  private static LimitsView computing(String state, double progress) {
    return new LimitsView(state, true, false, progress, "", "", "", "", "", null, null, "",
        List.of(), new double[0][0], "", new int[0], List.of(), new double[0][0], "", null,
        new double[0][0], null, List.of(), 0);
  }

  private static String state(Snapshot s, boolean first) {
    if (first) {
      return "numbers shown up to date; computing the limits of every vector…";
    }
    if (s.limits().isPending()) {
      return "computing the limits…";
    }
    if (!s.finished()) {
      return s.density().isPending() ? "numbers up to date; computing the density…"
          : "numbers up to date; running the finite-width run and the convergence sweep…";
    }
    if (s.cancelled()) {
      return "cancelled: press Compute to finish";
    }
    return s.limits().isDone() ? "up to date" : "not computed";
  }

  /** Whether {@code s} has the limit of {@code selected} if it is a vector or a scalar. */
  static boolean covers(Program p, CoordinateStatistics s, String selected) {
    if (selected == null || !p.isDefined(selected)) {
      return true;
    }
    VarKind k = p.kindOf(selected);
    return !(k.isVector() || k == VarKind.SCALAR) || s.vectors().containsKey(selected)
        || s.scalars().containsKey(selected);
  }

  /** The selected vector or scalar if it has a limit, else the first output, else the first. */
  static String subject(Program p, CoordinateStatistics s, String selected) {
    if (selected != null && (s.vectors().containsKey(selected)
        || s.scalars().containsKey(selected))) {
      return selected;
    }
    for (String o : p.outputs()) {
      if (s.vectors().containsKey(o)) {
        return o;
      }
    }
    return s.vectors().keySet().stream().findFirst().orElse(null);
  }

  private static LimitsView withConvergence(LimitsView v, Snapshot s, String subject) {
    Part<ConvergenceResult> sweep = s.sweep();
    if (!sweep.isDone()) {
      String why = switch (sweep.state()) {
        case PENDING -> "(running…)";
        case CANCELLED -> "(cancelled)";
        default -> "(no sweep: " + sweep.message() + ")";
      };
      return v.withConvergence(why, new int[0], List.of(), new double[0][0], "", null,
          List.of());
    }
    ConvergenceResult c = sweep.value();
    List<ConvergenceResult.Quantity> qs = c.quantities().stream()
        .filter(q -> q.a().equals(subject) && q.b().isEmpty()).toList();
    if (qs.isEmpty()) {
      qs = c.quantities().stream().limit(FALLBACK_SERIES).toList();
    }
    int[] ns = c.widths().stream().mapToInt(Integer::intValue).toArray();
    double[][] err = new double[qs.size()][];
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < qs.size(); i++) {
      err[i] = qs.get(i).errors().stream().mapToDouble(Double::doubleValue).toArray();
      labels.add(qs.get(i).label());
    }
    String slope = c.pooled() == null ? "no fitted slope (errors are zero)"
        : String.format("pooled log-log slope %.2f ± %.2f (the Master Theorem's rate is −1/2)",
        c.pooled().slope(), c.pooled().slopeError());
    return v.withConvergence(c.seeds().size() + " seeds per width", ns, labels, err, slope, c, qs);
  }

  private LimitsView withConvergence(String title, int[] ns, List<String> labels, double[][] err,
      String slopeText, ConvergenceResult c, List<ConvergenceResult.Quantity> qs) {
    return new LimitsView(state, running, resumable, progress, method, heading, numbers, scalars,
        densityTitle, limitDensity, finiteDensity, heatTitle, heatNames, heat, title, ns, labels,
        err, slopeText, subject, heatErrors, c, qs, finiteWidth);
  }

  /** The outputs when there are at least two, else the vectors (at most {@value #HEAT_VECTORS}). */
  static List<String> heatNames(Program p, CoordinateStatistics s) {
    List<String> outs = p.outputs().stream().filter(s.vectors()::containsKey).toList();
    if (outs.size() >= 2) {
      return outs;
    }
    return p.vectors().stream().filter(s.vectors()::containsKey)
        .filter(x -> p.kindOf(x) != VarKind.SCALAR).limit(HEAT_VECTORS).toList();
  }

  static String est(Estimate e) {
    return e.error() == 0 ? fmt(e.value()) : fmt(e.value()) + " ± "
        + (e.errorUnknown() ? "?" : fmt(e.error()));
  }

  /** Three significant digits, or scientific notation for very large or small values. */
  static String fmt(double v) {
    return Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v != 0) ? String.format("%.2e", v)
        : String.format("%.3g", v);
  }
}
