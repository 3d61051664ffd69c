package org.tpe.app.editor.canvas;

import java.util.Map;
import java.util.Set;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.tpe.render.layout.Layout.Box;

/**
 * The editor's layer over the renderer's scene (which draws the program in the papers'
 * notation): matrix tiles, selection and problem rings (a dragged node is drawn by the scene
 * itself, where it is: {@link DiagramGeometry#moved}). Every shape takes its size from the {@link DiagramGeometry}, the same boxes hit-testing uses.
 * Model coordinates under the graphics context's current transform.
 */
public final class DiagramPainter {
  static final Color MATRIX_FILL = Color.web("#e6e6e6");
  static final Color INK = Color.web("#222222");
  static final Color SELECT = Color.web("#1f6feb");
  static final Color PROBLEM = Color.web("#b00020");
  private static final Font LABEL = Font.font("SansSerif", 13);
  /** Gap between a node's outline and its selection or problem ring. */
  static final double RING = 5;

  private DiagramPainter() {}

  /** What to draw besides the program. */
  public record Decorations(Set<String> selection, Set<String> problems) {}

  /** Matrix tiles (to drop vectors on), rings around selected nodes and nodes named by errors. */
  public static void paintOverlay(GraphicsContext g, DiagramGeometry geo, Decorations d) {
    g.setTextBaseline(VPos.CENTER);
    g.setTextAlign(TextAlignment.CENTER);
    g.setFont(LABEL);
    for (Map.Entry<String, Box> e : geo.tiles().entrySet()) {
      Box b = e.getValue();
      boolean sel = d.selection().contains(e.getKey());
      boolean bad = d.problems().contains(e.getKey());
      g.setFill(MATRIX_FILL);
      g.fillRoundRect(b.x(), b.y(), b.w(), b.h(), 6, 6);
      g.setLineWidth(sel ? 3 : 1.5);
      g.setStroke(sel ? SELECT : bad ? PROBLEM : INK);
      g.strokeRoundRect(b.x(), b.y(), b.w(), b.h(), 6, 6);
      g.setFill(INK);
      g.fillText(e.getKey(), b.cx(), b.cy());
    }
    for (String n : geo.centres().keySet()) {
      boolean sel = d.selection().contains(n);
      boolean bad = d.problems().contains(n);
      if ((!sel && !bad) || geo.tiles().containsKey(n)) {
        continue;
      }
      g.setStroke(sel ? SELECT : PROBLEM);
      g.setLineWidth(sel ? 3 : 2);
      g.setLineDashes(sel ? null : new double[] {3, 3});
      outline(g, geo, n, geo.box(n), RING);
      g.setLineDashes((double[]) null);
    }
  }

  /** Strokes {@code b} grown by {@code pad}, round for a vector, square otherwise. */
  private static void outline(GraphicsContext g, DiagramGeometry geo, String name, Box b,
      double pad) {
    if (geo.isCircle(name)) {
      g.strokeOval(b.x() - pad, b.y() - pad, b.w() + 2 * pad, b.h() + 2 * pad);
    } else {
      g.strokeRect(b.x() - pad, b.y() - pad, b.w() + 2 * pad, b.h() + 2 * pad);
    }
  }
}
