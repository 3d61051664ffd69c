package org.tpe.render.fx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.text.Font;
import javafx.scene.text.FontPosture;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import javafx.scene.transform.Affine;
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
 * Draws a {@link Scene} on a JavaFX {@link GraphicsContext} (the editor's canvas) through a
 * model-to-screen transform, so zooming and panning only change the transform. Draws exactly the
 * scene's primitives; the only JavaFX-dependent class of the renderer. Call on the FX thread.
 */
public final class CanvasBackend {
  private static volatile String family;

  private CanvasBackend() {}

  /** Loads the bundled DejaVu Serif into JavaFX once and returns its family name. */
  static String family() {
    String f = family;
    if (f == null) {
      Font regular = load(false);
      load(true);
      f = regular == null ? "Serif" : regular.getFamily();
      family = f;
    }
    return f;
  }

  private static Font load(boolean italic) {
    try (InputStream in = TextMetrics.fontStream(italic)) {
      return Font.loadFont(in, 12);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The transform showing the whole scene centred in a {@code width} × {@code height} canvas,
   * at most at scale {@code maxScale}.
   */
  public static Affine fit(Scene scene, double width, double height, double maxScale) {
    Box b = scene.bounds();
    double s = scene.fitScale(width, height, maxScale);
    double tx = (width - b.w() * s) / 2 - b.x() * s;
    double ty = (height - b.h() * s) / 2 - b.y() * s;
    return new Affine(s, 0, tx, 0, s, ty);
  }

  /**
   * Clears the canvas to the style's background and draws {@code scene} with {@code
   * modelToScreen} (model coordinates to canvas pixels).
   */
  public static void draw(GraphicsContext gc, Scene scene, Affine modelToScreen) {
    String fam = family();
    gc.save();
    try {
      gc.setTransform(new Affine());
      gc.setFill(color(scene.style().background()));
      gc.fillRect(0, 0, gc.getCanvas().getWidth(), gc.getCanvas().getHeight());
      gc.setTransform(modelToScreen);
      gc.setLineCap(StrokeLineCap.BUTT);
      gc.setLineJoin(StrokeLineJoin.ROUND);
      gc.setTextBaseline(VPos.BASELINE);
      gc.setTextAlign(TextAlignment.LEFT);
      for (Element e : scene.elements()) {
        for (Prim p : e.prims()) {
          draw(gc, p, fam);
        }
      }
    } finally {
      gc.restore();
    }
  }

  static Color color(Rgba c) {
    return Color.rgb(c.r(), c.g(), c.b(), c.a());
  }

  private static void draw(GraphicsContext gc, Prim p, String fam) {
    if (p instanceof Prim.Circle c) {
      if (c.fill() != null) {
        gc.setFill(color(c.fill()));
        gc.fillOval(c.cx() - c.r(), c.cy() - c.r(), 2 * c.r(), 2 * c.r());
      }
      if (pen(gc, c.pen())) {
        gc.strokeOval(c.cx() - c.r(), c.cy() - c.r(), 2 * c.r(), 2 * c.r());
      }
    } else if (p instanceof Prim.Rect r) {
      if (r.fill() != null) {
        gc.setFill(color(r.fill()));
        gc.fillRect(r.x(), r.y(), r.w(), r.h());
      }
      if (pen(gc, r.pen())) {
        gc.strokeRect(r.x(), r.y(), r.w(), r.h());
      }
    } else if (p instanceof Prim.PathPrim pp) {
      gc.beginPath();
      for (Seg s : pp.segs()) {
        if (s instanceof Seg.MoveTo m) {
          gc.moveTo(m.x(), m.y());
        } else if (s instanceof Seg.LineTo l) {
          gc.lineTo(l.x(), l.y());
        } else if (s instanceof Seg.CubicTo c) {
          gc.bezierCurveTo(c.x1(), c.y1(), c.x2(), c.y2(), c.x(), c.y());
        } else {
          gc.closePath();
        }
      }
      if (pp.fill() != null) {
        gc.setFill(color(pp.fill()));
        gc.fill();
      }
      if (pen(gc, pp.pen())) {
        gc.stroke();
      }
    } else if (p instanceof Prim.Text t) {
      gc.setFill(color(t.fill()));
      for (Run r : t.runs()) {
        gc.setFont(Font.font(fam, FontWeight.NORMAL,
            r.italic() ? FontPosture.ITALIC : FontPosture.REGULAR, r.size()));
        gc.fillText(r.text(), r.x(), r.y());
      }
    }
  }

  private static boolean pen(GraphicsContext gc, Pen pen) {
    if (pen == null) {
      return false;
    }
    gc.setStroke(color(pen.color()));
    gc.setLineWidth(pen.width());
    if (pen.dashed()) {
      double[] d = new double[pen.dash().size()];
      for (int i = 0; i < d.length; i++) {
        d[i] = pen.dash().get(i);
      }
      gc.setLineDashes(d);
    } else {
      gc.setLineDashes((double[]) null);
    }
    return true;
  }
}
