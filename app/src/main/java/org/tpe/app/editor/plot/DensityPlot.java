package org.tpe.app.editor.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tpe.limit.Histogram;
import org.tpe.render.style.Rgba;

/**
 * The law of Z^x: the limit's density as a curve over the finite-width histogram's bars, each
 * point mass as a stem with a dot at its mass (read on the right-hand "mass" axis, 0 to 1) and
 * its mass written beside it, the x-range the support the draws cover ({@link
 * Histogram.Binning}), a y-axis of density with ticks, and a legend.
 */
public final class DensityPlot {
  private DensityPlot() {}

  /**
   * The figure.
   *
   * @param subject the vector (x-axis: "value of Z^subject")
   * @param limit the limit's histogram, or null
   * @param finite the finite-width histogram, or null
   * @param limitLabel the legend of the curve ("limit, 4096 particles")
   * @param finiteLabel the legend of the bars ("width n = 1024")
   */
  public static Figure figure(PlotTheme t, double w, double h, String title, String subject,
      Histogram limit, Histogram finite, String limitLabel, String finiteLabel) {
    Figure.Builder b = new Figure.Builder(w, h, t.background());
    Frame.title(b, t, title);
    if (limit == null && finite == null) {
      return b.build();
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    double top = 0;
    boolean atoms = false;
    for (Histogram x : new Histogram[] {limit, finite}) {
      if (x == null) {
        continue;
      }
      double[] e = x.edges();
      lo = Math.min(lo, e[0]);
      hi = Math.max(hi, e[e.length - 1]);
      for (double d : x.density()) {
        top = Math.max(top, d);
      }
      for (Histogram.Atom a : x.atoms()) {
        lo = Math.min(lo, a.value());
        hi = Math.max(hi, a.value());
        atoms = true;
      }
    }
    if (!(hi > lo)) {
      lo -= 1;
      hi += 1;
    }
    double pad = (hi - lo) * 0.02;
    Frame.Scale xs = new Frame.Scale(lo - pad, hi + pad, false);
    double yTop = top > 0 ? top * 1.08 : 1;
    List<Ticks.Tick> yt = top > 0 ? Ticks.linear(0, yTop, 4) : List.of();
    Frame.Scale ys = new Frame.Scale(0, yTop, false);
    double massAxis = atoms ? Figure.textWidth("0.5", Frame.TICK) + Frame.LABEL + 16 : 10;
    Frame f = Frame.of(w, h, xs, ys, yt, top > 0, massAxis, Frame.LABEL + 4);
    legend(b, t, f, limit != null ? limitLabel : null, finite != null ? finiteLabel : null,
        atoms);
    if (finite != null) {
      double[] e = finite.edges();
      double[] d = finite.density();
      for (int i = 0; i < d.length; i++) {
        if (d[i] > 0) {
          double x0 = f.px(e[i]);
          double x1 = f.px(e[i + 1]);
          b.add(new Mark.Box(x0, f.py(d[i]), Math.max(1, x1 - x0 - 0.5), f.bottom - f.py(d[i]),
              t.finite(), null));
        }
      }
    }
    if (limit != null && top > 0) {
      double[] e = limit.edges();
      double[] d = limit.density();
      double[] xs2 = new double[d.length];
      double[] ys2 = new double[d.length];
      for (int i = 0; i < d.length; i++) {
        xs2[i] = f.px((e[i] + e[i + 1]) / 2);
        ys2[i] = f.py(d[i]);
      }
      b.add(new Mark.Path(xs2, ys2, t.limit(), 2, null));
    }
    f.axes(b, t, Ticks.linear(xs.lo(), xs.hi(), Math.max(3, (int) ((f.right - f.left) / 70))),
        yt, "value of Z^" + subject, top > 0 ? "density" : "");
    if (atoms) {
      atoms(b, t, f, limit, finite);
    }
    return b.build();
  }

  /** The right-hand mass axis and every atom's stem, dot and mass. */
  private static void atoms(Figure.Builder b, PlotTheme t, Frame f, Histogram limit,
      Histogram finite) {
    Rgba ink = t.ink();
    double mh = f.bottom - f.top;
    b.line(f.right, f.top, f.right, f.bottom, ink, 1);
    for (double m : new double[] {0, 0.5, 1}) {
      double y = f.bottom - m * mh;
      b.line(f.right, y, f.right + 4, y, ink, 1);
      b.text(f.right + 6, y, Ticks.format(m, 0.5), ink, Frame.TICK, Mark.Align.LEFT);
    }
    b.add(new Mark.Text(b.width() - Frame.LABEL / 2 - 3, (f.top + f.bottom) / 2, "mass", ink,
        Frame.LABEL, Mark.Align.CENTER, true));
    List<Double> values = new ArrayList<>();
    if (limit != null) {
      limit.atoms().forEach(a -> values.add(a.value()));
    }
    if (finite != null) {
      finite.atoms().stream().map(Histogram.Atom::value).filter(v -> !values.contains(v))
          .forEach(values::add);
    }
    for (double v : values) {
      Double ml = mass(limit, v);
      Double mf = mass(finite, v);
      double x = f.px(v);
      double m = ml != null ? ml : mf;
      double y = f.bottom - m * mh;
      b.line(x, f.bottom, x, y, ml != null ? t.limit() : t.finite(), 2.5);
      if (ml != null) {
        b.add(new Mark.Dot(x, y, 4.5, t.limit(), null));
      }
      if (mf != null) {
        b.add(new Mark.Dot(x, f.bottom - mf * mh, 4.5, null, PlotTheme.alpha(t.finite(), 1)));
      }
      String label = "P(Z = " + Ticks.compact(v) + ") = "
          + (ml != null ? String.format(Locale.ROOT, "%.3f", ml) : "–")
          + (mf != null ? String.format(Locale.ROOT, " (n: %.3f)", mf) : "");
      label = Figure.fit(label, Frame.TICK, b.width() - 4);
      double lw = Figure.textWidth(label, Frame.TICK);
      double ly = Math.max(f.top + 6, y - 8);
      if (x + 8 + lw <= f.right - 2) {
        b.text(x + 8, ly, label, ink, Frame.TICK, Mark.Align.LEFT);
      } else if (x - 8 - lw >= 2) {
        b.text(x - 8, ly, label, ink, Frame.TICK, Mark.Align.RIGHT);
      } else {
        b.text(Math.max(2, b.width() - 2 - lw), ly, label, ink, Frame.TICK, Mark.Align.LEFT);
      }
    }
  }

  private static Double mass(Histogram h, double v) {
    if (h == null) {
      return null;
    }
    for (Histogram.Atom a : h.atoms()) {
      if (a.value() == v) {
        return a.mass();
      }
    }
    return null;
  }

  /** The legend row under the title: a line for the limit, a box for the bars, a dot for atoms. */
  private static void legend(Figure.Builder b, PlotTheme t, Frame f, String limitLabel,
      String finiteLabel, boolean atoms) {
    double y = Frame.TITLE + 12;
    double x = f.left;
    double max = b.width() - 6;
    if (limitLabel != null) {
      b.line(x, y, x + 16, y, t.limit(), 2);
      x += 20;
      String s = Figure.fit(limitLabel, Frame.TICK, max - x);
      b.text(x, y, s, t.ink(), Frame.TICK, Mark.Align.LEFT);
      x += Figure.textWidth(s, Frame.TICK) + 14;
    }
    if (finiteLabel != null && x + 40 < max) {
      b.add(new Mark.Box(x, y - 5, 12, 10, t.finite(), null));
      x += 16;
      String s = Figure.fit(finiteLabel, Frame.TICK, max - x);
      b.text(x, y, s, t.ink(), Frame.TICK, Mark.Align.LEFT);
      x += Figure.textWidth(s, Frame.TICK) + 14;
    }
    if (atoms && x + 60 < max) {
      b.add(new Mark.Dot(x + 5, y, 4, t.limit(), null));
      x += 14;
      b.text(x, y, Figure.fit("point mass", Frame.TICK, max - x), t.ink(), Frame.TICK,
          Mark.Align.LEFT);
    }
  }

  /**
   * The numbers behind the plot, one row per bin or atom: {@code source} (limit, finite),
   * {@code kind} (bin, atom), the bin's edges (an atom's value twice) and its density (an atom's
   * mass).
   */
  public static String csv(Histogram limit, Histogram finite) {
    StringBuilder sb = new StringBuilder("source,kind,lo,hi,value\n");
    rows(sb, "limit", limit);
    rows(sb, "finite", finite);
    return sb.toString();
  }

  private static void rows(StringBuilder sb, String source, Histogram h) {
    if (h == null) {
      return;
    }
    double[] e = h.edges();
    double[] d = h.density();
    for (int i = 0; i < d.length; i++) {
      sb.append(source).append(",bin,").append(Csv.num(e[i])).append(',')
          .append(Csv.num(e[i + 1])).append(',').append(Csv.num(d[i])).append('\n');
    }
    for (Histogram.Atom a : h.atoms()) {
      sb.append(source).append(",atom,").append(Csv.num(a.value())).append(',')
          .append(Csv.num(a.value())).append(',').append(Csv.num(a.mass())).append('\n');
    }
  }
}
