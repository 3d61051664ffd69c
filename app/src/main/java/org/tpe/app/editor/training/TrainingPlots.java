package org.tpe.app.editor.training;

import java.util.List;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import org.tpe.app.editor.limits.Plots;

/**
 * Line plots for the Training tab: curves against the step (solid lines, dashed lines, or points
 * with error bars) and sizes against the width on log-log axes. Presentation only: every number
 * drawn comes from {@link TrainingController}.
 */
final class TrainingPlots {
  static final Color[] PALETTE = {Color.web("#1f6feb"), Color.web("#d62828"),
      Color.web("#2a9d8f"), Color.web("#9a6700"), Color.web("#6f42c1"), Color.web("#e76f51")};

  private TrainingPlots() {}

  /** How a line is drawn. */
  enum Style { SOLID, DASHED, POINTS }

  /** One line: y[i] at x[i] with error bars e[i] (points only), in a colour, with a label. */
  record Line(String label, Color colour, double[] y, double[] e, Style style, double offset) {}

  /**
   * Draws {@code lines} against {@code x} (log axes when asked; non-positive values are skipped
   * on a log axis); the legend lists the labels of lines that have one.
   */
  static void plot(Canvas c, String title, double[] x, List<Line> lines, boolean log,
      String xLabel) {
    GraphicsContext g = Plots.clear(c, title);
    if (x.length == 0 || lines.isEmpty()) {
      return;
    }
    double lo = Double.MAX_VALUE;
    double hi = -Double.MAX_VALUE;
    for (Line l : lines) {
      for (int i = 0; i < l.y().length; i++) {
        double e = l.style() == Style.POINTS && l.e() != null ? l.e()[i] : 0;
        for (double v : new double[] {l.y()[i] - e, l.y()[i] + e}) {
          if (Double.isFinite(v) && (!log || v > 0)) {
            double t = log ? Math.log10(v) : v;
            lo = Math.min(lo, t);
            hi = Math.max(hi, t);
          }
        }
      }
    }
    if (lo > hi) {
      return;
    }
    if (hi - lo < 1e-12) {
      hi += log ? 0.5 : Math.max(1e-3, Math.abs(hi) * 0.1);
      lo -= log ? 0.5 : Math.max(1e-3, Math.abs(lo) * 0.1);
    }
    double pad = 0.06 * (hi - lo);
    lo -= pad;
    hi += pad;
    double xl = log ? Math.log10(x[0]) : x[0];
    double xh = log ? Math.log10(x[x.length - 1]) : x[x.length - 1];
    if (xh <= xl) {
      xh = xl + 1;
    }
    double x0 = 46;
    double x1 = c.getWidth() - 96;
    double y0 = c.getHeight() - 20;
    double y1 = 22;
    double sx = (x1 - x0) / (xh - xl);
    double sy = (y0 - y1) / (hi - lo);
    double yl = lo;
    double xlo = xl;
    java.util.function.DoubleUnaryOperator px = v -> x0 + ((log ? Math.log10(v) : v) - xlo) * sx;
    java.util.function.DoubleUnaryOperator py = v -> y0 - ((log ? Math.log10(v) : v) - yl) * sy;
    int legend = 0;
    for (Line l : lines) {
      g.setStroke(l.colour());
      g.setFill(l.colour());
      g.setLineWidth(l.style() == Style.POINTS ? 1 : 1.6);
      g.setLineDashes(l.style() == Style.DASHED ? new double[] {5, 4} : null);
      double prevX = Double.NaN;
      double prevY = Double.NaN;
      for (int i = 0; i < x.length && i < l.y().length; i++) {
        double v = l.y()[i];
        if (!Double.isFinite(v) || (log && v <= 0)) {
          prevX = Double.NaN;
          continue;
        }
        double cx = px.applyAsDouble(x[i]) + l.offset();
        double cy = py.applyAsDouble(v);
        if (l.style() == Style.POINTS) {
          g.fillOval(cx - 2.5, cy - 2.5, 5, 5);
          double e = l.e() == null ? 0 : l.e()[i];
          if (e > 0 && !log) {
            g.strokeLine(cx, py.applyAsDouble(v - e), cx, py.applyAsDouble(v + e));
          }
        } else if (!Double.isNaN(prevX)) {
          g.strokeLine(prevX, prevY, cx, cy);
        }
        prevX = cx;
        prevY = cy;
      }
      g.setLineDashes((double[]) null);
      if (l.label() != null) {
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(l.label(), x1 + 6, 28 + 12 * legend++);
      }
    }
    g.setStroke(Color.GRAY);
    g.setLineWidth(1);
    g.strokeLine(x0, y0, x1, y0);
    g.strokeLine(x0, y0, x0, y1);
    g.setFill(Color.BLACK);
    g.setTextAlign(TextAlignment.RIGHT);
    g.fillText(Plots.fmt(log ? Math.pow(10, hi) : hi), x0 - 3, y1);
    g.fillText(Plots.fmt(log ? Math.pow(10, lo) : lo), x0 - 3, y0);
    g.setTextAlign(TextAlignment.LEFT);
    g.fillText(xLabel + " " + Plots.fmt(x[0]), x0, y0 + 11);
    g.setTextAlign(TextAlignment.RIGHT);
    g.fillText(Plots.fmt(x[x.length - 1]), x1, y0 + 11);
  }
}
