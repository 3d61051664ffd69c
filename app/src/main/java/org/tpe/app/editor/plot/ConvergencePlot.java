package org.tpe.app.editor.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tpe.render.style.Rgba;
import org.tpe.sim.ConvergenceResult;
import org.tpe.sim.LogLogFit;

/**
 * The convergence of a finite-width run to its limit (TP IIb Thm. B.4 with the n^{−1/2} rate of
 * its fluctuations): the mean over seeds of |simulated − limit| against the width n on log-log
 * axes, one series per quantity with its fitted line and its {@value ConvergenceResult#BAND_LEVEL}
 * confidence band ({@link ConvergenceResult#band}), a dashed reference line of slope −1/2, and a
 * legend that gives each series' fitted slope with its standard error.
 */
public final class ConvergencePlot {
  private ConvergencePlot() {}

  /** The figure of {@code series} (quantities of {@code c}); empty axes when nothing is known. */
  public static Figure figure(PlotTheme t, double w, double h, String title, ConvergenceResult c,
      List<ConvergenceResult.Quantity> series) {
    Figure.Builder b = new Figure.Builder(w, h, t.background());
    Frame.title(b, t, title);
    if (c == null || c.widths().size() < 2 || series.isEmpty()) {
      return b.build();
    }
    int[] ns = c.widths().stream().mapToInt(Integer::intValue).toArray();
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (ConvergenceResult.Quantity q : series) {
      for (int i = 0; i < ns.length; i++) {
        double e = q.errors().get(i);
        if (e > 0 && Double.isFinite(e)) {
          lo = Math.min(lo, e);
          hi = Math.max(hi, e);
        }
        double[] band = c.band(q, ns[i]);
        if (band != null && band[0] > 0) {
          lo = Math.min(lo, band[0]);
          hi = Math.max(hi, band[1]);
        }
      }
    }
    if (!(hi > 0)) {
      b.text(6, h / 2, "every error is zero: nothing to fit", t.ink(), Frame.LABEL,
          Mark.Align.LEFT);
      return b.build();
    }
    if (!(hi > lo)) {
      lo /= 2;
      hi *= 2;
    }
    lo /= 1.3;
    hi *= 1.3;
    double nLo = ns[0] / 1.15;
    double nHi = ns[ns.length - 1] * 1.15;
    Frame.Scale xs = new Frame.Scale(nLo, nHi, true);
    Frame.Scale ys = new Frame.Scale(lo, hi, true);
    List<Ticks.Tick> yt = Ticks.log(lo, hi);
    List<String> legend = new ArrayList<>();
    double legendWidth = 0;
    for (ConvergenceResult.Quantity q : series) {
      String s = q.label() + slope(q.fit());
      legend.add(s);
      legendWidth = Math.max(legendWidth, Figure.textWidth(s, Frame.TICK) + 22);
    }
    String ref = "slope −1/2";
    legendWidth = Math.max(legendWidth, Figure.textWidth(ref, Frame.TICK) + 22);
    double right = Math.min(legendWidth + 8, w * 0.45);
    Frame f = Frame.of(w, h, xs, ys, yt, true, right);
    // bands first, under everything
    for (int s = 0; s < series.size(); s++) {
      ConvergenceResult.Quantity q = series.get(s);
      if (q.fit() == null) {
        continue;
      }
      int k = 24;
      double[] px = new double[2 * k];
      double[] py = new double[2 * k];
      boolean ok = true;
      for (int i = 0; i < k; i++) {
        double n = Math.exp(Math.log(ns[0]) + (Math.log(ns[ns.length - 1]) - Math.log(ns[0]))
            * i / (k - 1));
        double[] band = c.band(q, n);
        if (band == null) {
          ok = false;
          break;
        }
        px[i] = f.px(n);
        py[i] = f.py(clamp(band[1], lo, hi));
        px[2 * k - 1 - i] = f.px(n);
        py[2 * k - 1 - i] = f.py(clamp(band[0], lo, hi));
      }
      if (ok) {
        b.add(new Mark.Path(px, py, null, 0, PlotTheme.alpha(t.seriesColour(s), 0.16)));
      }
    }
    // reference slope −1/2 through the first series' first point
    double anchor = firstPositive(series.get(0), ns);
    if (anchor > 0) {
      double y0 = anchor;
      double y1 = anchor * Math.pow((double) ns[ns.length - 1] / ns[0], -0.5);
      b.dashed(f.px(ns[0]), f.py(clamp(y0, lo, hi)), f.px(ns[ns.length - 1]),
          f.py(clamp(y1, lo, hi)), t.ink(), 1);
    }
    for (int s = 0; s < series.size(); s++) {
      ConvergenceResult.Quantity q = series.get(s);
      Rgba col = t.seriesColour(s);
      if (q.fit() != null) {
        b.line(f.px(ns[0]), f.py(clamp(c.fitted(q, ns[0]), lo, hi)), f.px(ns[ns.length - 1]),
            f.py(clamp(c.fitted(q, ns[ns.length - 1]), lo, hi)), col, 1.5);
      }
      for (int i = 0; i < ns.length; i++) {
        double e = q.errors().get(i);
        if (e > 0 && Double.isFinite(e)) {
          b.add(new Mark.Dot(f.px(ns[i]), f.py(e), 3, col, null));
        }
      }
    }
    f.axes(b, t, Ticks.at(ns), yt, "width n", "|simulated − limit|");
    double lx = f.right + 8;
    double ly = f.top + 4;
    for (int s = 0; s < series.size(); s++) {
      b.line(lx, ly, lx + 14, ly, t.seriesColour(s), 2);
      b.fitted(lx + 18, ly, legend.get(s), t.ink(), Frame.TICK, Mark.Align.LEFT,
          w - lx - 20);
      ly += Frame.TICK + 6;
    }
    b.dashed(lx, ly, lx + 14, ly, t.ink(), 1);
    b.fitted(lx + 18, ly, ref, t.ink(), Frame.TICK, Mark.Align.LEFT, w - lx - 20);
    ly += Frame.TICK + 6;
    if (c.band(series.get(0), ns[0]) != null) {
      b.add(new Mark.Box(lx, ly - 5, 14, 10, PlotTheme.alpha(t.seriesColour(0), 0.16), null));
      b.fitted(lx + 18, ly, Math.round(ConvergenceResult.BAND_LEVEL * 100) + "% band",
          t.ink(), Frame.TICK, Mark.Align.LEFT, w - lx - 20);
    }
    return b.build();
  }

  /** " slope −0.49 ± 0.03", or "" without a fit. */
  static String slope(LogLogFit fit) {
    if (fit == null) {
      return "";
    }
    String s = String.format(Locale.ROOT, " slope %.2f", fit.slope()).replace('-', '−');
    return Double.isNaN(fit.slopeError()) ? s
        : s + String.format(Locale.ROOT, " ± %.2f", fit.slopeError());
  }

  private static double firstPositive(ConvergenceResult.Quantity q, int[] ns) {
    return q.errors().isEmpty() ? 0 : q.errors().get(0);
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  /**
   * The numbers behind the plot: one row per quantity and width with the error, the fitted value
   * and the band (empty cells where there is none).
   */
  public static String csv(ConvergenceResult c, List<ConvergenceResult.Quantity> series) {
    StringBuilder sb = new StringBuilder(
        "quantity,n,abs_error,fitted,band_lo,band_hi,slope,slope_error\n");
    if (c == null) {
      return sb.toString();
    }
    for (ConvergenceResult.Quantity q : series) {
      for (int i = 0; i < c.widths().size(); i++) {
        int n = c.widths().get(i);
        double[] band = c.band(q, n);
        sb.append(Csv.name(q.label())).append(',').append(n).append(',')
            .append(Csv.num(q.errors().get(i))).append(',').append(Csv.num(c.fitted(q, n)))
            .append(',').append(band == null ? "" : Csv.num(band[0])).append(',')
            .append(band == null ? "" : Csv.num(band[1])).append(',')
            .append(q.fit() == null ? "" : Csv.num(q.fit().slope())).append(',')
            .append(q.fit() == null ? "" : Csv.num(q.fit().slopeError())).append('\n');
      }
    }
    return sb.toString();
  }
}
