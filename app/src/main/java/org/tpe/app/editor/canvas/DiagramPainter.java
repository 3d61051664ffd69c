package org.tpe.app.editor.canvas;

import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.tpe.expr.ExprPrinter;
import org.tpe.model.Input;
import org.tpe.model.Instruction;
import org.tpe.model.LinComb;
import org.tpe.model.MatMul;
import org.tpe.model.Moment;
import org.tpe.model.Nonlin;
import org.tpe.model.Point;
import org.tpe.model.Program;
import org.tpe.model.ScalarOp;
import org.tpe.model.Statement;
import org.tpe.model.VarKind;

/**
 * The editor's layer over the renderer's scene (which draws the program in the papers' notation):
 * matrix tiles, selection and problem rings, drag ghosts; and hit-testing of nodes by their
 * centres. Model coordinates under the graphics context's current transform; only what is near
 * the visible rectangle is drawn.
 */
public final class DiagramPainter {
  /** Radius of a vector's circle, in model units; also the hit radius. */
  public static final double R = 17;
  /** How far left of its result a gate is drawn. */
  public static final double GATE = 48;

  static final Color G_FILL = Color.web("#cfe3fb");
  static final Color X_FILL = Color.web("#fde2c4");
  static final Color SCALAR_FILL = Color.web("#e3f3d8");
  static final Color MATRIX_FILL = Color.web("#e6e6e6");
  static final Color INK = Color.web("#222222");
  static final Color LIT = Color.web("#d62828");
  static final Color SELECT = Color.web("#1f6feb");
  private static final Font LABEL = Font.font("SansSerif", 13);
  private static final Font SMALL = Font.font("SansSerif", 11);

  private DiagramPainter() {}

  /** What to draw besides the program. */
  public record Decorations(Set<String> selection, Highlight highlight, Set<String> problems) {}

  private static boolean inside(Point q, double[] v, double margin) {
    return q.x() >= v[0] - margin && q.x() <= v[2] + margin && q.y() >= v[1] - margin
        && q.y() <= v[3] + margin;
  }

  private static void drawNode(GraphicsContext g, Program p, String name, Point q, Decorations d) {
    VarKind k = p.kindOf(name);
    boolean selected = d.selection().contains(name);
    boolean lit = d.highlight().vertices().contains(name);
    boolean bad = d.problems().contains(name);
    Statement def = p.definition(name);
    g.setLineWidth(selected ? 3 : lit ? 3 : 1.5);
    g.setStroke(selected ? SELECT : lit ? LIT : bad ? Color.web("#b00020") : INK);
    g.setFont(LABEL);
    if (k == VarKind.A) {
      g.setFill(MATRIX_FILL);
      g.fillRoundRect(q.x() - 15, q.y() - 12, 30, 24, 6, 6);
      g.strokeRoundRect(q.x() - 15, q.y() - 12, 30, 24, 6, 6);
      g.setFill(INK);
      g.fillText(name, q.x(), q.y());
      return;
    }
    if (k == VarKind.SCALAR) {
      double s = R * 0.85;
      g.setFill(def instanceof Input ? Color.WHITE : SCALAR_FILL);
      g.fillRect(q.x() - s, q.y() - s, 2 * s, 2 * s);
      g.strokeRect(q.x() - s, q.y() - s, 2 * s, 2 * s);
      g.setFill(INK);
      g.fillText(name, q.x(), q.y());
      return;
    }
    boolean empty = def instanceof Input || p.outputs().contains(name);
    g.setFill(empty ? Color.WHITE : k == VarKind.G ? G_FILL : X_FILL);
    g.fillOval(q.x() - R, q.y() - R, 2 * R, 2 * R);
    g.strokeOval(q.x() - R, q.y() - R, 2 * R, 2 * R);
    if (p.outputs().contains(name)) {
      g.setLineWidth(1);
      g.strokeOval(q.x() - R + 3, q.y() - R + 3, 2 * R - 6, 2 * R - 6);
    }
    g.setFill(INK);
    g.fillText(name, q.x(), q.y());
    if (empty) {
      // the fill no longer tells G from X: a small letter under the circle does
      g.setFont(SMALL);
      g.setFill(Color.GRAY);
      g.fillText(k.label(), q.x(), q.y() + R + 9);
    }
  }

  /**
   * What the editor draws over the renderer's scene: matrix tiles (the notation has no node for a
   * matrix, but the editor needs something to drop a vector on), rings around selected nodes and
   * nodes named by errors, and dashed ghosts of nodes being dragged ({@code ghosts}: their
   * positions under the mouse; the scene moves them on release).
   */
  public static void paintOverlay(GraphicsContext g, Program p, Map<String, Point> at,
      Map<String, Point> ghosts, Decorations d, double[] visible) {
    g.setTextBaseline(VPos.CENTER);
    g.setTextAlign(TextAlignment.CENTER);
    for (String m : p.matrices()) {
      Point q = at.get(m);
      if (q != null && inside(q, visible, 40)) {
        drawNode(g, p, m, q, d);
      }
    }
    for (Map.Entry<String, Point> e : at.entrySet()) {
      String n = e.getKey();
      boolean sel = d.selection().contains(n);
      boolean bad = d.problems().contains(n);
      if ((!sel && !bad) || p.kindOf(n) == VarKind.A || p.kindOf(n) == null) {
        continue;
      }
      Point q = e.getValue();
      g.setStroke(sel ? SELECT : Color.web("#b00020"));
      g.setLineWidth(sel ? 3 : 2);
      g.setLineDashes(sel ? null : new double[] {3, 3});
      g.strokeOval(q.x() - R - 5, q.y() - R - 5, 2 * R + 10, 2 * R + 10);
      g.setLineDashes((double[]) null);
    }
    g.setStroke(SELECT);
    g.setLineWidth(1.5);
    g.setLineDashes(4, 3);
    for (Point q : ghosts.values()) {
      g.strokeOval(q.x() - R, q.y() - R, 2 * R, 2 * R);
    }
    g.setLineDashes((double[]) null);
  }

  /** The variable whose node contains model point (x, y), or null; later nodes win. */
  public static String hit(Program p, Map<String, Point> at, double x, double y) {
    String found = null;
    for (Statement s : p.statements()) {
      Point q = at.get(s.target());
      if (q == null) {
        continue;
      }
      boolean in = p.kindOf(s.target()) == VarKind.A
          ? Math.abs(x - q.x()) <= 16 && Math.abs(y - q.y()) <= 13
          : Math.hypot(x - q.x(), y - q.y()) <= R + 1;
      if (in) {
        found = s.target();
      }
    }
    return found;
  }

  /** Nodes whose centre lies in the model rectangle spanned by two corners. */
  public static List<String> within(Program p, Map<String, Point> at, double x0, double y0,
      double x1, double y1) {
    double ax = Math.min(x0, x1);
    double bx = Math.max(x0, x1);
    double ay = Math.min(y0, y1);
    double by = Math.max(y0, y1);
    return at.entrySet().stream().filter(e -> p.isDefined(e.getKey()))
        .filter(e -> e.getValue().x() >= ax && e.getValue().x() <= bx && e.getValue().y() >= ay
            && e.getValue().y() <= by)
        .map(Map.Entry::getKey).toList();
  }
}
