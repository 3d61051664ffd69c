package org.tpe.app.editor.limits;

import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.tpe.limit.Histogram;

/**
 * Small plots drawn on a canvas for the limits panel: a density (the limit's histogram as a curve,
 * the finite-width histogram as bars), a heat map of a symmetric matrix, and a log-log error plot.
 * Presentation only: every number drawn comes from the analyses.
 */
public final class Plots {
  static final Color CURVE = Color.web("#1f6feb");
  static final Color BARS = Color.web("#f4a261", 0.55);
  private static final Font SMALL = Font.font("SansSerif", 10);

  private Plots() {}

  /** Density of Z^x ({@code limit}, a curve) over the finite-width histogram ({@code finite}). */
  public static void density(Canvas c, Histogram limit, Histogram finite, String title) {
    GraphicsContext g = clear(c, title);
    double w = c.getWidth();
    double h = c.getHeight();
    if (limit == null && finite == null) {
      return;
    }
    double lo = Double.MAX_VALUE;
    double hi = -Double.MAX_VALUE;
    double top = 0;
    for (Histogram x : new Histogram[] {limit, finite}) {
      if (x == null) {
        continue;
      }
      lo = Math.min(lo, x.edges()[0]);
      hi = Math.max(hi, x.edges()[x.edges().length - 1]);
      for (double d : x.density()) {
        top = Math.max(top, d);
      }
    }
    if (!(hi > lo) || !(top > 0)) {
      return;
    }
    double x0 = 30;
    double x1 = w - 8;
    double y0 = h - 18;
    double y1 = 20;
    double sx = (x1 - x0) / (hi - lo);
    double sy = (y0 - y1) / (top * 1.05);
    if (finite != null) {
      g.setFill(BARS);
      double[] e = finite.edges();
      double[] d = finite.density();
      for (int i = 0; i < d.length; i++) {
        g.fillRect(x0 + (e[i] - lo) * sx, y0 - d[i] * sy, Math.max(1, (e[i + 1] - e[i]) * sx - 1),
            d[i] * sy);
      }
    }
    if (limit != null) {
      g.setStroke(CURVE);
      g.setLineWidth(2);
      double[] e = limit.edges();
      double[] d = limit.density();
      g.beginPath();
      for (int i = 0; i < d.length; i++) {
        double x = x0 + ((e[i] + e[i + 1]) / 2 - lo) * sx;
        double y = y0 - d[i] * sy;
        if (i == 0) {
          g.moveTo(x, y);
        } else {
          g.lineTo(x, y);
        }
      }
      g.stroke();
    }
    axes(g, x0, x1, y0, y1);
    g.setFill(Color.BLACK);
    g.setTextAlign(TextAlignment.LEFT);
    g.fillText(fmt(lo), x0, y0 + 10);
    g.setTextAlign(TextAlignment.RIGHT);
    g.fillText(fmt(hi), x1, y0 + 10);
  }

  /** A heat map of {@code m} (rows and columns named by {@code names}), blue < 0 < red. */
  static void heatMap(Canvas c, List<String> names, double[][] m, String title) {
    GraphicsContext g = clear(c, title);
    int k = names.size();
    if (k == 0) {
      return;
    }
    double max = 0;
    for (double[] row : m) {
      for (double v : row) {
        if (Double.isFinite(v)) {
          max = Math.max(max, Math.abs(v));
        }
      }
    }
    double left = 40;
    double topY = 22;
    double cell = Math.min(56, Math.min((c.getWidth() - left - 6) / k,
        (c.getHeight() - topY - 18) / k));
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double v = m[i][j];
        double t = max == 0 || !Double.isFinite(v) ? 0 : v / max;
        g.setFill(t >= 0 ? Color.WHITE.interpolate(Color.web("#d62828"), t)
            : Color.WHITE.interpolate(Color.web("#1f6feb"), -t));
        g.fillRect(left + j * cell, topY + i * cell, cell, cell);
        if (cell > 30) {
          g.setFill(Color.BLACK);
          g.setTextAlign(TextAlignment.CENTER);
          g.fillText(Double.isFinite(v) ? fmt(v) : "?", left + (j + 0.5) * cell,
              topY + (i + 0.5) * cell);
        }
      }
      g.setFill(Color.BLACK);
      g.setTextAlign(TextAlignment.RIGHT);
      g.fillText(names.get(i), left - 3, topY + (i + 0.5) * cell);
      g.setTextAlign(TextAlignment.CENTER);
      g.fillText(names.get(i), left + (i + 0.5) * cell, topY + k * cell + 8);
    }
  }

  /**
   * Error against width on log-log axes: one polyline per series, {@code err[s][i]} at width
   * {@code n[i]} (non-positive errors are skipped), with a reference slope −1/2.
   */
  static void logLog(Canvas c, int[] n, List<String> labels, double[][] err, String title) {
    GraphicsContext g = clear(c, title);
    if (n.length < 2) {
      return;
    }
    double lx0 = Math.log10(n[0]);
    double lx1 = Math.log10(n[n.length - 1]);
    double ly0 = Double.MAX_VALUE;
    double ly1 = -Double.MAX_VALUE;
    for (double[] s : err) {
      for (double v : s) {
        if (v > 0 && Double.isFinite(v)) {
          ly0 = Math.min(ly0, Math.log10(v));
          ly1 = Math.max(ly1, Math.log10(v));
        }
      }
    }
    if (ly0 > ly1) {
      return;
    }
    ly0 -= 0.3;
    ly1 += 0.3;
    double x0 = 40;
    double x1 = c.getWidth() - 70;
    double y0 = c.getHeight() - 18;
    double y1 = 20;
    double sx = (x1 - x0) / Math.max(1e-9, lx1 - lx0);
    double sy = (y0 - y1) / (ly1 - ly0);
    Color[] palette = {CURVE, Color.web("#d62828"), Color.web("#2a9d8f"), Color.web("#9a6700"),
        Color.web("#6f42c1")};
    for (int s = 0; s < err.length; s++) {
      g.setStroke(palette[s % palette.length]);
      g.setFill(palette[s % palette.length]);
      g.setLineWidth(1.6);
      double px = Double.NaN;
      double py = Double.NaN;
      for (int i = 0; i < n.length; i++) {
        double v = err[s][i];
        if (!(v > 0)) {
          continue;
        }
        double x = x0 + (Math.log10(n[i]) - lx0) * sx;
        double y = y0 - (Math.log10(v) - ly0) * sy;
        g.fillOval(x - 2.5, y - 2.5, 5, 5);
        if (!Double.isNaN(px)) {
          g.strokeLine(px, py, x, y);
        }
        px = x;
        py = y;
      }
      g.setTextAlign(TextAlignment.LEFT);
      g.fillText(labels.get(s), x1 + 4, 30 + 12 * s);
    }
    // reference slope n^(-1/2), the Master Theorem's rate
    g.setStroke(Color.GRAY);
    g.setLineDashes(4, 4);
    double ya = y1 + 10;
    g.strokeLine(x0, ya, x1, ya + 0.5 * (lx1 - lx0) * sy);
    g.setLineDashes((double[]) null);
    axes(g, x0, x1, y0, y1);
    g.setFill(Color.BLACK);
    g.setTextAlign(TextAlignment.LEFT);
    g.fillText("n=" + n[0], x0, y0 + 10);
    g.setTextAlign(TextAlignment.RIGHT);
    g.fillText("n=" + n[n.length - 1], x1, y0 + 10);
  }

  /** Clears {@code c} to white and writes {@code title} at its top left, in the plots' font. */
  public static GraphicsContext clear(Canvas c, String title) {
    GraphicsContext g = c.getGraphicsContext2D();
    g.setFill(Color.WHITE);
    g.fillRect(0, 0, c.getWidth(), c.getHeight());
    g.setFont(SMALL);
    g.setTextBaseline(VPos.CENTER);
    g.setFill(Color.BLACK);
    g.setTextAlign(TextAlignment.LEFT);
    g.fillText(title, 6, 9);
    return g;
  }

  private static void axes(GraphicsContext g, double x0, double x1, double y0, double y1) {
    g.setStroke(Color.GRAY);
    g.setLineWidth(1);
    g.strokeLine(x0, y0, x1, y0);
    g.strokeLine(x0, y0, x0, y1);
  }

  /** A number for an axis or a cell: 3 significant digits, scientific when tiny or huge. */
  public static String fmt(double v) {
    return LimitsView.fmt(v);
  }
}
