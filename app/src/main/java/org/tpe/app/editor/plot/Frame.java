package org.tpe.app.editor.plot;

import java.util.List;
import org.tpe.render.style.Rgba;

/**
 * The plotting area of a figure and its two axes: data coordinates to pixels (linear or
 * logarithmic), the axis lines with ticks and tick labels, and the axis titles with their units.
 * Margins are made from the text they must hold, so no label leaves the figure.
 */
final class Frame {
  static final double TICK = 10;
  static final double LABEL = 11;
  static final double TITLE = 11.5;

  /** One axis's range and kind. */
  record Scale(double lo, double hi, boolean log) {
    double t(double v) {
      return log ? (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo))
          : (v - lo) / (hi - lo);
    }
  }

  final double left;
  final double top;
  final double right;
  final double bottom;
  final Scale x;
  final Scale y;

  private Frame(double left, double top, double right, double bottom, Scale x, Scale y) {
    this.left = left;
    this.top = top;
    this.right = right;
    this.bottom = bottom;
    this.x = x;
    this.y = y;
  }

  /**
   * The frame of a {@code w} × {@code h} figure with a title line, y tick labels {@code yTicks}
   * and a y title on the left, x tick labels and an x title below, and {@code rightMargin}
   * pixels kept free on the right (for a second axis or a legend).
   */
  static Frame of(double w, double h, Scale x, Scale y, List<Ticks.Tick> yTicks,
      boolean yTitle, double rightMargin) {
    return of(w, h, x, y, yTicks, yTitle, rightMargin, 0);
  }

  /** As {@link #of(double, double, Scale, Scale, List, boolean, double)}, {@code extraTop}
   * pixels lower (a legend row under the title). */
  static Frame of(double w, double h, Scale x, Scale y, List<Ticks.Tick> yTicks,
      boolean yTitle, double rightMargin, double extraTop) {
    double widest = 0;
    for (Ticks.Tick t : yTicks) {
      widest = Math.max(widest, Figure.textWidth(t.label(), TICK));
    }
    double left = 4 + (yTitle ? LABEL + 6 : 0) + widest + 6;
    double top = TITLE + 12 + extraTop;
    double bottom = h - (TICK + 6 + LABEL + 8);
    double right = w - Math.max(10, rightMargin);
    return new Frame(left, top, Math.max(left + 10, right), Math.max(top + 10, bottom), x, y);
  }

  double px(double v) {
    return left + x.t(v) * (right - left);
  }

  double py(double v) {
    return bottom - y.t(v) * (bottom - top);
  }

  /** Whether a data x is inside the frame's range. */
  boolean inX(double v) {
    double t = x.t(v);
    return t >= -1e-9 && t <= 1 + 1e-9;
  }

  /** The title, at most as wide as the figure. */
  static void title(Figure.Builder b, PlotTheme t, String title) {
    b.fitted(6, TITLE / 2 + 4, title, t.ink(), TITLE, Mark.Align.LEFT, b.width() - 12);
  }

  /**
   * Axis lines, ticks, tick labels (an x label is dropped where it would overlap its left
   * neighbour or leave the figure) and axis titles.
   */
  void axes(Figure.Builder b, PlotTheme t, List<Ticks.Tick> xt, List<Ticks.Tick> yt,
      String xTitle, String yTitle) {
    Rgba ink = t.ink();
    for (Ticks.Tick k : yt) {
      double py = py(k.value());
      b.line(left, py, right, py, t.grid(), 0.5);
      b.line(left - 4, py, left, py, ink, 1);
      b.text(left - 6, py, k.label(), ink, TICK, Mark.Align.RIGHT);
    }
    double lastRight = Double.NEGATIVE_INFINITY;
    for (Ticks.Tick k : xt) {
      if (!inX(k.value())) {
        continue;
      }
      double px = px(k.value());
      b.line(px, bottom, px, bottom + 4, ink, 1);
      double half = Figure.textWidth(k.label(), TICK) / 2;
      double lo = Math.max(0, px - half);
      double hi = Math.min(b.width(), px + half);
      if (lo < lastRight + 4 || hi - lo < 2 * half - 0.5) {
        continue;
      }
      b.text(px, bottom + 6 + TICK / 2, k.label(), ink, TICK, Mark.Align.CENTER);
      lastRight = hi;
    }
    b.line(left, bottom, right, bottom, ink, 1);
    b.line(left, top, left, bottom, ink, 1);
    if (!xTitle.isEmpty()) {
      b.fitted((left + right) / 2, b.height() - LABEL / 2 - 3, xTitle, ink, LABEL,
          Mark.Align.CENTER, right - left);
    }
    if (!yTitle.isEmpty()) {
      b.add(new Mark.Text(4 + LABEL / 2, (top + bottom) / 2, Figure.fit(yTitle, LABEL,
          bottom - top), ink, LABEL, Mark.Align.CENTER, true));
    }
  }
}
