package org.tpe.app.editor.plot;

import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.tpe.render.fx.CanvasBackend;
import org.tpe.render.style.Rgba;

/** Draws a {@link Figure} on a JavaFX canvas (the figure's pixels are the canvas's). */
public final class FxFigure {
  private FxFigure() {}

  public static void draw(Canvas c, Figure f) {
    GraphicsContext g = c.getGraphicsContext2D();
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.clearRect(0, 0, c.getWidth(), c.getHeight());
    g.setFill(fx(f.background()));
    g.fillRect(0, 0, f.width(), f.height());
    g.setTextBaseline(VPos.CENTER);
    String family = CanvasBackend.family();
    for (Mark m : f.marks()) {
      if (m instanceof Mark.Line l) {
        g.setStroke(fx(l.ink()));
        g.setLineWidth(l.width());
        g.setLineDashes(l.dashed() ? new double[] {4, 3} : null);
        g.strokeLine(l.x1(), l.y1(), l.x2(), l.y2());
        g.setLineDashes((double[]) null);
      } else if (m instanceof Mark.Path p) {
        double[] xs = p.xs();
        double[] ys = p.ys();
        if (p.fill() != null) {
          g.setFill(fx(p.fill()));
          g.fillPolygon(xs, ys, xs.length);
        }
        if (p.ink() != null && p.width() > 0) {
          g.setStroke(fx(p.ink()));
          g.setLineWidth(p.width());
          g.strokePolyline(xs, ys, xs.length);
        }
      } else if (m instanceof Mark.Box b) {
        if (b.fill() != null) {
          g.setFill(fx(b.fill()));
          g.fillRect(b.x(), b.y(), b.w(), b.h());
        }
        if (b.ink() != null) {
          g.setStroke(fx(b.ink()));
          g.setLineWidth(1);
          g.strokeRect(b.x(), b.y(), b.w(), b.h());
        }
      } else if (m instanceof Mark.Dot d) {
        if (d.fill() != null) {
          g.setFill(fx(d.fill()));
          g.fillOval(d.cx() - d.r(), d.cy() - d.r(), 2 * d.r(), 2 * d.r());
        }
        if (d.ink() != null) {
          g.setStroke(fx(d.ink()));
          g.setLineWidth(1.5);
          g.strokeOval(d.cx() - d.r(), d.cy() - d.r(), 2 * d.r(), 2 * d.r());
        }
      } else if (m instanceof Mark.Text t) {
        g.setFont(Font.font(family, t.size()));
        g.setFill(fx(t.ink()));
        g.setTextAlign(switch (t.align()) {
          case LEFT -> TextAlignment.LEFT;
          case CENTER -> TextAlignment.CENTER;
          case RIGHT -> TextAlignment.RIGHT;
        });
        if (t.vertical()) {
          g.save();
          g.translate(t.x(), t.y());
          g.rotate(-90);
          g.fillText(t.text(), 0, 0);
          g.restore();
        } else {
          g.fillText(t.text(), t.x(), t.y());
        }
      }
    }
  }

  static Color fx(Rgba c) {
    return Color.rgb(c.r(), c.g(), c.b(), c.a());
  }
}
