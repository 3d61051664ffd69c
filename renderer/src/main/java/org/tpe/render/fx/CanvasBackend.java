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
  public static String family() {
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
   * modelToScreen} (model coordinates to canvas pixels). Primitives wholly outside the canvas
   * (their extent with pen and a pixel of anti-aliasing) are skipped, so a zoomed-in redraw costs
   * what is in view.
   */
  public static void draw(GraphicsContext gc, Scene scene, Affine modelToScreen) {
    drawCounting(gc, scene, modelToScreen);
  }

  /** {@link #draw}, returning how many primitives were drawn. */
  static int drawCounting(GraphicsContext gc, Scene scene, Affine modelToScreen) {
    String fam = family();
    double[] view = visible(modelToScreen, gc.getCanvas().getWidth(),
        gc.getCanvas().getHeight());
    int drawn = 0;
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
          if (view == null || overlaps(extent(p), view)) {
            draw(gc, p, fam);
            drawn++;
          }
        }
      }
    } finally {
      gc.restore();
    }
    return drawn;
  }

  /**
   * The model-space box {x0, y0, x1, y1} that {@code modelToScreen} shows in a {@code w} × {@code
   * h} canvas, widened by two pixels; null (draw everything) if the transform is not invertible.
   */
  private static double[] visible(Affine modelToScreen, double w, double h) {
    javafx.scene.transform.Transform inv;
    try {
      inv = modelToScreen.createInverse();
    } catch (javafx.scene.transform.NonInvertibleTransformException e) {
      return null;
    }
    double[] box = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (double[] c : new double[][] {{-2, -2}, {w + 2, -2}, {-2, h + 2}, {w + 2, h + 2}}) {
      javafx.geometry.Point2D m = inv.transform(c[0], c[1]);
      box[0] = Math.min(box[0], m.getX());
      box[1] = Math.min(box[1], m.getY());
      box[2] = Math.max(box[2], m.getX());
      box[3] = Math.max(box[3], m.getY());
    }
    return Double.isFinite(box[0] + box[1] + box[2] + box[3]) ? box : null;
  }

  private static boolean overlaps(double[] a, double[] b) {
    return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
  }

  /**
   * Where {@code p} can leave ink, {x0, y0, x1, y1} in model units: its geometry (a cubic lies in
   * the hull of its control points) widened by its pen, and text by a quarter of its size for
   * italic overhang and accents.
   */
  private static double[] extent(Prim p) {
    double[] b = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    double pad;
    if (p instanceof Prim.Circle c) {
      add(b, c.cx() - c.r(), c.cy() - c.r());
      add(b, c.cx() + c.r(), c.cy() + c.r());
      pad = penWidth(c.pen());
    } else if (p instanceof Prim.Rect r) {
      add(b, r.x(), r.y());
      add(b, r.x() + r.w(), r.y() + r.h());
      pad = penWidth(r.pen());
    } else if (p instanceof Prim.PathPrim pp) {
      for (Seg s : pp.segs()) {
        if (s instanceof Seg.MoveTo m) {
          add(b, m.x(), m.y());
        } else if (s instanceof Seg.LineTo l) {
          add(b, l.x(), l.y());
        } else if (s instanceof Seg.CubicTo c) {
          add(b, c.x1(), c.y1());
          add(b, c.x2(), c.y2());
          add(b, c.x(), c.y());
        }
      }
      pad = penWidth(pp.pen());
    } else if (p instanceof Prim.Text t) {
      double size = 0;
      for (Run r : t.runs()) {
        size = Math.max(size, r.size());
        add(b, r.x(), r.y() - r.size());
        add(b, r.x() + r.width(), r.y() + r.size() / 2); // measured when the scene was built
      }
      add(b, t.x(), t.top());
      add(b, t.x() + t.width(), t.bottom());
      pad = size / 4;
    } else {
      return new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY,
          Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY}; // unknown: always drawn
    }
    return new double[] {b[0] - pad, b[1] - pad, b[2] + pad, b[3] + pad};
  }

  private static void add(double[] b, double x, double y) {
    b[0] = Math.min(b[0], x);
    b[1] = Math.min(b[1], y);
    b[2] = Math.max(b[2], x);
    b[3] = Math.max(b[3], y);
  }

  private static double penWidth(Pen pen) {
    return pen == null ? 0 : pen.width();
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
        gc.setFont(font(fam, r.italic(), r.size()));
        gc.fillText(r.text(), r.x(), r.y());
      }
    }
  }

  /** JavaFX fonts by style and size: a redraw looks up each one once, not once per label. */
  private static final java.util.Map<String, Font> FONTS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static Font font(String fam, boolean italic, double size) {
    return FONTS.computeIfAbsent(fam + (italic ? "/i/" : "/r/") + size, k -> Font.font(fam,
        FontWeight.NORMAL, italic ? FontPosture.ITALIC : FontPosture.REGULAR, size));
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
