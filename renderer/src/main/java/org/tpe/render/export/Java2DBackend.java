package org.tpe.render.export;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import org.tpe.render.layout.Layout.Box;
import org.tpe.render.scene.Element;
import org.tpe.render.scene.Pen;
import org.tpe.render.scene.Prim;
import org.tpe.render.scene.Scene;
import org.tpe.render.scene.Seg;
import org.tpe.render.style.Rgba;
import org.tpe.render.text.Run;
import org.tpe.render.text.TextMetrics;

/**
 * Draws a {@link Scene} on a Java2D {@link Graphics2D}: the common backend of PNG (a
 * BufferedImage) and PDF (PDFBox's Graphics2D, which turns every call into vector PDF operators).
 * Draws exactly the scene's primitives; text uses the bundled DejaVu Serif at the runs' sizes.
 */
public final class Java2DBackend {
  private Java2DBackend() {}

  /**
   * Draws {@code scene} with the scene's bounds mapped to (0, 0) at {@code scale} device units per
   * model unit, on the style's background.
   */
  public static void draw(Graphics2D g, Scene scene, double scale) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
        RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS,
        RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    Box b = scene.bounds();
    g.scale(scale, scale);
    g.translate(-b.x(), -b.y());
    g.setColor(color(scene.style().background()));
    g.fill(new Rectangle2D.Double(b.x(), b.y(), b.w(), b.h()));
    for (Element e : scene.elements()) {
      for (Prim p : e.prims()) {
        draw(g, p);
      }
    }
  }

  static Color color(Rgba c) {
    return new Color(c.r(), c.g(), c.b(), (int) Math.round(c.a() * 255));
  }

  private static void draw(Graphics2D g, Prim p) {
    if (p instanceof Prim.Circle c) {
      fillStroke(g, new Ellipse2D.Double(c.cx() - c.r(), c.cy() - c.r(), 2 * c.r(), 2 * c.r()),
          c.fill(), c.pen());
    } else if (p instanceof Prim.Rect r) {
      fillStroke(g, new Rectangle2D.Double(r.x(), r.y(), r.w(), r.h()), r.fill(), r.pen());
    } else if (p instanceof Prim.PathPrim pp) {
      fillStroke(g, path(pp), pp.fill(), pp.pen());
    } else if (p instanceof Prim.Text t) {
      g.setColor(color(t.fill()));
      for (Run r : t.runs()) {
        g.setFont(TextMetrics.awtFont(r.italic(), r.size()));
        g.drawString(r.text(), (float) r.x(), (float) r.y());
      }
    }
  }

  static Path2D.Double path(Prim.PathPrim pp) {
    Path2D.Double path = new Path2D.Double();
    for (Seg s : pp.segs()) {
      if (s instanceof Seg.MoveTo m) {
        path.moveTo(m.x(), m.y());
      } else if (s instanceof Seg.LineTo l) {
        path.lineTo(l.x(), l.y());
      } else if (s instanceof Seg.CubicTo c) {
        path.curveTo(c.x1(), c.y1(), c.x2(), c.y2(), c.x(), c.y());
      } else {
        path.closePath();
      }
    }
    return path;
  }

  private static void fillStroke(Graphics2D g, Shape s, Rgba fill, Pen pen) {
    if (fill != null) {
      g.setColor(color(fill));
      g.fill(s);
    }
    if (pen != null) {
      g.setColor(color(pen.color()));
      float[] dash = null;
      if (pen.dashed()) {
        dash = new float[pen.dash().size()];
        for (int i = 0; i < dash.length; i++) {
          dash[i] = pen.dash().get(i).floatValue();
        }
      }
      g.setStroke(new BasicStroke((float) pen.width(), BasicStroke.CAP_BUTT,
          BasicStroke.JOIN_ROUND, 10f, dash, 0f));
      g.draw(s);
    }
  }
}
