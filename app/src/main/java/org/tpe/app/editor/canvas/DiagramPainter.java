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
 * Draws a program in the papers' notation (TP IIb §4, App. C; DESIGN §5) on a JavaFX canvas, in
 * model coordinates under the graphics context's current transform: vectors are circles (G-vars
 * and X-vars told apart by fill, initial and output vectors empty), a MatMul is a dashed arrow
 * labelled with its matrix, a Nonlin is a gate with solid edges in and out, a Moment a bar-gate
 * into a square scalar. Matrices are drawn as small grey tiles so they can be dragged onto vectors.
 * Only what intersects the visible rectangle is drawn, so the cost is linear in the visible part.
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

  /**
   * Paints {@code p} with node positions {@code at}; {@code visible} is the model rectangle on
   * screen (x0, y0, x1, y1), used to skip what cannot be seen.
   */
  public static void paint(GraphicsContext g, Program p, Map<String, Point> at, Decorations d,
      double[] visible) {
    g.setLineCap(StrokeLineCap.ROUND);
    g.setTextBaseline(VPos.CENTER);
    g.setTextAlign(TextAlignment.CENTER);
    for (Instruction ins : p.instructions()) {
      Point r = at.get(ins.target());
      if (r == null) {
        continue;
      }
      drawInstruction(g, p, ins, r, at, d, visible);
    }
    for (Statement s : p.statements()) {
      Point q = at.get(s.target());
      if (q == null || p.definition(s.target()) != s || !inside(q, visible, 60)) {
        continue;
      }
      drawNode(g, p, s.target(), q, d);
    }
  }

  private static boolean inside(Point q, double[] v, double margin) {
    return q.x() >= v[0] - margin && q.x() <= v[2] + margin && q.y() >= v[1] - margin
        && q.y() <= v[3] + margin;
  }

  private static void drawInstruction(GraphicsContext g, Program p, Instruction ins, Point r,
      Map<String, Point> at, Decorations d, double[] visible) {
    String t = ins.target();
    if (ins instanceof MatMul m) {
      Point a = at.get(m.argument());
      if (a == null || (!inside(a, visible, 0) && !inside(r, visible, 0) && !crosses(a, r, visible))) {
        return;
      }
      boolean lit = d.highlight().hasEdge(m.argument(), t);
      g.setStroke(lit ? LIT : INK);
      g.setLineWidth(lit ? 3 : 1.4);
      g.setLineDashes(7, 5);
      arrow(g, a, r, R, R);
      g.setLineDashes((double[]) null);
      double mx = (a.x() + r.x()) / 2;
      double my = (a.y() + r.y()) / 2;
      g.setFill(lit ? LIT : INK);
      g.setFont(LABEL);
      g.fillText(m.matrix() + (m.transposed() ? "\u22a4" : ""), mx, my - 10);
      return;
    }
    Point gate = new Point(r.x() - GATE, r.y());
    if (!inside(gate, visible, 200) && !inside(r, visible, 200)) {
      return;
    }
    for (String a : ins.arguments()) {
      Point q = at.get(a);
      if (q == null || p.kindOf(a) == VarKind.A) {
        continue;
      }
      boolean lit = d.highlight().hasEdge(a, t);
      g.setStroke(lit ? LIT : INK);
      g.setLineWidth(lit ? 3 : 1.2);
      line(g, q, gate, R, 9);
    }
    boolean litOut = d.highlight().vertices().contains(t)
        && ins.arguments().stream().anyMatch(a -> d.highlight().hasEdge(a, t));
    g.setStroke(litOut ? LIT : INK);
    g.setLineWidth(litOut ? 3 : 1.2);
    arrow(g, gate, r, 9, ins instanceof Moment || ins instanceof ScalarOp ? R * 0.85 : R);
    // the gate: a rounded "D" (TP IIb App. C), with a bar for a Moment
    g.setFill(Color.WHITE);
    g.setStroke(INK);
    g.setLineWidth(1.3);
    g.fillRoundRect(gate.x() - 9, gate.y() - 9, 18, 18, 12, 12);
    g.strokeRoundRect(gate.x() - 9, gate.y() - 9, 18, 18, 12, 12);
    if (ins instanceof Moment) {
      g.setLineWidth(2.5);
      g.strokeLine(gate.x() - 12, gate.y() - 13, gate.x() + 12, gate.y() - 13);
    }
    g.setFill(INK);
    g.setFont(SMALL);
    g.fillText(gateLabel(ins), gate.x(), gate.y() + 22);
  }

  private static boolean crosses(Point a, Point b, double[] v) {
    double x0 = Math.min(a.x(), b.x());
    double x1 = Math.max(a.x(), b.x());
    double y0 = Math.min(a.y(), b.y());
    double y1 = Math.max(a.y(), b.y());
    return x1 >= v[0] && x0 <= v[2] && y1 >= v[1] && y0 <= v[3];
  }

  /** The label of a gate: φ's function when it is a single call, else the expression, shortened. */
  static String gateLabel(Instruction ins) {
    String s;
    if (ins instanceof Nonlin n) {
      s = n.phi() instanceof org.tpe.expr.Expr.Call c ? c.fn().symbol() : ExprPrinter.print(n.phi());
    } else if (ins instanceof Moment m) {
      s = "avg";
    } else if (ins instanceof LinComb) {
      s = "+";
    } else {
      s = ExprPrinter.print(((ScalarOp) ins).f());
    }
    return s.length() > 14 ? s.substring(0, 13) + "…" : s;
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

  private static void line(GraphicsContext g, Point a, Point b, double cutA, double cutB) {
    double dx = b.x() - a.x();
    double dy = b.y() - a.y();
    double len = Math.hypot(dx, dy);
    if (len < cutA + cutB + 1) {
      return;
    }
    double ux = dx / len;
    double uy = dy / len;
    g.strokeLine(a.x() + ux * cutA, a.y() + uy * cutA, b.x() - ux * cutB, b.y() - uy * cutB);
  }

  /** A line from a to b, shortened by the node radii, with an arrow head at b. */
  static void arrow(GraphicsContext g, Point a, Point b, double cutA, double cutB) {
    double dx = b.x() - a.x();
    double dy = b.y() - a.y();
    double len = Math.hypot(dx, dy);
    if (len < cutA + cutB + 1) {
      return;
    }
    double ux = dx / len;
    double uy = dy / len;
    double ex = b.x() - ux * cutB;
    double ey = b.y() - uy * cutB;
    g.strokeLine(a.x() + ux * cutA, a.y() + uy * cutA, ex, ey);
    double[] dashes = g.getLineDashes() == null ? null : g.getLineDashes().clone();
    g.setLineDashes((double[]) null);
    g.setFill(g.getStroke());
    g.fillPolygon(new double[] {ex, ex - ux * 9 - uy * 4.5, ex - ux * 9 + uy * 4.5},
        new double[] {ey, ey - uy * 9 + ux * 4.5, ey - uy * 9 - ux * 4.5}, 3);
    if (dashes != null && dashes.length > 0) {
      g.setLineDashes(dashes);
    }
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
