package org.tpe.app.editor.plot;

import java.util.ArrayList;
import java.util.List;
import org.tpe.render.style.Rgba;

/**
 * Curves against one shared x (the step of a training run, the width of a coordinate check): each
 * series a solid line, a dashed line, or points with ± error bars, on linear or logarithmic axes,
 * with ticks, axis titles and a legend on the right. A value that is not finite (or not positive
 * on a logarithmic axis) is left out and breaks its line. Presentation only: every number drawn
 * is the caller's.
 */
public final class LinePlot {
  /** Radius of a point. */
  static final double POINT = 2.5;
  /** Half the width of an error bar's cap. */
  static final double CAP = 3;

  private LinePlot() {}

  /** How a series is drawn. */
  public enum Style { SOLID, DASHED, POINTS }

  /**
   * One series.
   *
   * @param label its name (the CSV's {@code series} column, and the legend's when {@code legend})
   * @param legend whether the legend lists it
   * @param colour index into the theme's series colours ({@link PlotTheme#seriesColour})
   * @param y one value per x (a shorter array leaves the last x without a value)
   * @param errors the ± half-width of each point's error bar (POINTS only; null for none)
   * @param style line, dashed line or points
   * @param offset pixels every point is shifted right by (points of several series at the same x
   *     drawn side by side)
   */
  public record Series(String label, boolean legend, int colour, double[] y, double[] errors,
      Style style, double offset) {
    public Series {
      java.util.Objects.requireNonNull(label, "label");
      java.util.Objects.requireNonNull(style, "style");
      y = y.clone();
      errors = errors == null ? null : errors.clone();
      if (errors != null && errors.length < y.length) {
        throw new IllegalArgumentException("an error for every value");
      }
    }

    @Override
    public double[] y() {
      return y.clone();
    }

    @Override
    public double[] errors() {
      return errors == null ? null : errors.clone();
    }

    double error(int i) {
      return style == Style.POINTS && errors != null && errors[i] > 0 ? errors[i] : 0;
    }
  }

  /** The axes: logarithmic or not, and their titles. */
  public record Axes(String xTitle, boolean logX, String yTitle, boolean logY) {
    public Axes {
      java.util.Objects.requireNonNull(xTitle, "xTitle");
      java.util.Objects.requireNonNull(yTitle, "yTitle");
    }
  }

  /** The figure of {@code series} against {@code x} (increasing); a title only without data. */
  public static Figure figure(PlotTheme t, double w, double h, String title, double[] x,
      List<Series> series, Axes axes) {
    Figure.Builder b = new Figure.Builder(w, h, t.background());
    Frame.title(b, t, title);
    double[] yr = yRange(x, series, axes.logY());
    double[] xr = xRange(x, axes.logX());
    if (yr == null || xr == null) {
      return b.build();
    }
    Frame.Scale xs = new Frame.Scale(xr[0], xr[1], axes.logX());
    Frame.Scale ys = new Frame.Scale(yr[0], yr[1], axes.logY());
    List<Ticks.Tick> yt = axes.logY() ? Ticks.log(yr[0], yr[1]) : Ticks.linear(yr[0], yr[1], 4);
    List<String> legend = new ArrayList<>();
    double legendWidth = 0;
    for (Series s : series) {
      if (s.legend()) {
        legend.add(s.label());
        legendWidth = Math.max(legendWidth, Figure.textWidth(s.label(), Frame.TICK) + 22);
      }
    }
    double right = legend.isEmpty() ? 10 : Math.min(legendWidth + 8, w * 0.4);
    Frame f = Frame.of(w, h, xs, ys, yt, !axes.yTitle().isEmpty(), right);
    f.axes(b, t, xTicks(x, xr, axes.logX(), f), yt, axes.xTitle(), axes.yTitle());
    for (Series s : series) {
      draw(b, t, f, x, s);
    }
    legend(b, t, f, series);
    return b.build();
  }

  private static void draw(Figure.Builder b, PlotTheme t, Frame f, double[] x, Series s) {
    Rgba col = t.seriesColour(s.colour());
    double[] y = s.y;
    List<double[]> run = new ArrayList<>();
    for (int i = 0; i <= Math.min(x.length, y.length); i++) {
      boolean shown = i < Math.min(x.length, y.length) && visible(y[i], f.y.log())
          && visible(x[i], f.x.log());
      if (shown && s.style() == Style.POINTS) {
        double cx = f.px(x[i]) + s.offset();
        double e = s.error(i);
        if (e > 0) {
          double top = f.py(Math.min(y[i] + e, f.y.hi()));
          double low = y[i] - e;
          double bottom = f.y.log() && low <= 0 ? f.bottom : f.py(Math.max(low, f.y.lo()));
          b.line(cx, top, cx, bottom, col, 1);
          b.line(cx - CAP, top, cx + CAP, top, col, 1);
          b.line(cx - CAP, bottom, cx + CAP, bottom, col, 1);
        }
        b.add(new Mark.Dot(cx, f.py(y[i]), POINT, col, null));
      } else if (shown) {
        run.add(new double[] {f.px(x[i]) + s.offset(), f.py(y[i])});
      } else if (!run.isEmpty()) {
        segment(b, run, col, s.style());
        run.clear();
      }
    }
  }

  /** A stretch of a line: a polyline when solid, dashed segments when dashed. */
  private static void segment(Figure.Builder b, List<double[]> run, Rgba col, Style style) {
    if (run.size() == 1) {
      b.add(new Mark.Dot(run.get(0)[0], run.get(0)[1], 1.5, col, null));
    } else if (style == Style.DASHED) {
      for (int i = 1; i < run.size(); i++) {
        b.dashed(run.get(i - 1)[0], run.get(i - 1)[1], run.get(i)[0], run.get(i)[1], col, 1.6);
      }
    } else {
      double[] px = new double[run.size()];
      double[] py = new double[run.size()];
      for (int i = 0; i < px.length; i++) {
        px[i] = run.get(i)[0];
        py[i] = run.get(i)[1];
      }
      b.add(new Mark.Path(px, py, col, 1.6, null));
    }
  }

  /** One row per legend series, the last row "+ k more" when they do not all fit. */
  private static void legend(Figure.Builder b, PlotTheme t, Frame f, List<Series> series) {
    double lx = f.right + 8;
    double max = b.width() - lx - 20;
    double ly = f.top + 4;
    double row = Frame.TICK + 6;
    List<Series> listed = series.stream().filter(Series::legend).toList();
    int rows = Math.max(1, (int) Math.floor((f.bottom - ly) / row) + 1);
    int shown = listed.size() <= rows ? listed.size() : rows - 1;
    for (int i = 0; i < shown; i++) {
      Series s = listed.get(i);
      Rgba col = t.seriesColour(s.colour());
      switch (s.style()) {
        case SOLID -> b.line(lx, ly, lx + 14, ly, col, 2);
        case DASHED -> b.dashed(lx, ly, lx + 14, ly, col, 1.6);
        case POINTS -> b.add(new Mark.Dot(lx + 7, ly, POINT, col, null));
      }
      b.fitted(lx + 18, ly, s.label(), t.ink(), Frame.TICK, Mark.Align.LEFT, max);
      ly += row;
    }
    if (shown < listed.size()) {
      b.fitted(lx, ly, "+ " + (listed.size() - shown) + " more", t.ink(), Frame.TICK,
          Mark.Align.LEFT, b.width() - lx - 2);
    }
  }

  private static boolean visible(double v, boolean log) {
    return Double.isFinite(v) && (!log || v > 0);
  }

  /** [lo, hi] of every shown value and error bar, padded; null when nothing is shown. */
  static double[] yRange(double[] x, List<Series> series, boolean log) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (int i = 0; i < Math.min(x.length, s.y.length); i++) {
        double v = s.y[i];
        if (!visible(v, log)) {
          continue;
        }
        double e = s.error(i);
        for (double u : new double[] {v - e, v, v + e}) {
          if (visible(u, log)) {
            lo = Math.min(lo, u);
            hi = Math.max(hi, u);
          }
        }
      }
    }
    if (!(lo <= hi)) {
      return null;
    }
    if (log) {
      double a = Math.log(lo);
      double c = Math.log(hi);
      if (c - a < 1e-9) {
        a -= Math.log(2);
        c += Math.log(2);
      }
      double pad = 0.06 * (c - a);
      return new double[] {Math.exp(a - pad), Math.exp(c + pad)};
    }
    if (hi - lo < 1e-12 * Math.max(1, Math.abs(hi))) {
      double d = Math.max(1e-3, Math.abs(hi) * 0.1);
      lo -= d;
      hi += d;
    }
    double pad = 0.06 * (hi - lo);
    return new double[] {lo - pad, hi + pad};
  }

  /** The x-range: the data's, a little wider so edge points and their bars stay inside. */
  private static double[] xRange(double[] x, boolean log) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      if (visible(v, log)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (!(lo <= hi)) {
      return null;
    }
    if (log) {
      return hi > lo ? new double[] {lo / 1.15, hi * 1.15} : new double[] {lo / 2, hi * 2};
    }
    double pad = hi > lo ? 0.04 * (hi - lo) : 0.5;
    return new double[] {lo - pad, hi + pad};
  }

  /** Ticks at the data's x when they are whole numbers that fit, else nice values. */
  private static List<Ticks.Tick> xTicks(double[] x, double[] xr, boolean log, Frame f) {
    boolean whole = x.length > 0;
    for (double v : x) {
      whole &= v == Math.rint(v) && Math.abs(v) < Integer.MAX_VALUE;
    }
    int room = Math.max(2, (int) ((f.right - f.left) / 40));
    if (whole && x.length <= room) {
      int[] at = new int[x.length];
      for (int i = 0; i < x.length; i++) {
        at[i] = (int) x[i];
      }
      return Ticks.at(at);
    }
    if (log) {
      return Ticks.log(xr[0], xr[1]);
    }
    List<Ticks.Tick> nice = Ticks.linear(xr[0], xr[1], Math.max(2, room / 2));
    return whole ? nice.stream().filter(k -> k.value() == Math.rint(k.value())).toList() : nice;
  }

  /**
   * The numbers behind the plot, one row per series and x: the series' label, its style, x, the
   * value and its error (empty cells where there is none).
   */
  public static String csv(String xName, double[] x, List<Series> series) {
    StringBuilder sb = new StringBuilder("series,style,").append(Csv.name(xName))
        .append(",value,error\n");
    for (Series s : series) {
      for (int i = 0; i < Math.min(x.length, s.y.length); i++) {
        sb.append(Csv.name(s.label())).append(',')
            .append(s.style().name().toLowerCase(java.util.Locale.ROOT)).append(',')
            .append(Csv.num(x[i])).append(',').append(Csv.num(s.y[i])).append(',')
            .append(s.errors == null ? "" : Csv.num(s.errors[i])).append('\n');
      }
    }
    return sb.toString();
  }
}
