package org.tpe.app.editor.plot;

import org.tpe.limit.Histogram;

/**
 * A small density of Z^x for a hover card: the histogram's curve filled down to its baseline and
 * each point mass as a stem to its mass (the full height is mass 1), no axes. The x-range is the
 * support the draws cover, as in {@link DensityPlot}.
 */
public final class Sparkline {
  private Sparkline() {}

  public static Figure figure(PlotTheme t, double w, double h, Histogram hist) {
    Figure.Builder b = new Figure.Builder(w, h, t.background());
    if (hist == null) {
      return b.build();
    }
    double[] e = hist.edges();
    double[] d = hist.density();
    double lo = e[0];
    double hi = e[e.length - 1];
    for (Histogram.Atom a : hist.atoms()) {
      lo = Math.min(lo, a.value());
      hi = Math.max(hi, a.value());
    }
    if (!(hi > lo)) {
      lo -= 1;
      hi += 1;
    }
    double top = 0;
    for (double v : d) {
      top = Math.max(top, v);
    }
    double pad = 2;
    double base = h - pad;
    double span = hi - lo;
    if (top > 0) {
      double[] xs = new double[d.length + 2];
      double[] ys = new double[d.length + 2];
      for (int i = 0; i < d.length; i++) {
        xs[i + 1] = pad + ((e[i] + e[i + 1]) / 2 - lo) / span * (w - 2 * pad);
        ys[i + 1] = base - d[i] / top * (h - 2 * pad);
      }
      xs[0] = xs[1];
      ys[0] = base;
      xs[d.length + 1] = xs[d.length];
      ys[d.length + 1] = base;
      b.add(new Mark.Path(xs, ys, t.limit(), 1.2, PlotTheme.alpha(t.limit(), 0.2)));
    }
    for (Histogram.Atom a : hist.atoms()) {
      double x = pad + (a.value() - lo) / span * (w - 2 * pad);
      double y = base - a.mass() * (h - 2 * pad);
      b.line(x, base, x, y, t.limit(), 2);
      b.add(new Mark.Dot(x, y, 2.5, t.limit(), null));
    }
    b.line(pad, base, w - pad, base, t.grid(), 1);
    return b.build();
  }
}
