package org.tpe.app.editor.canvas;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tpe.model.Instruction;
import org.tpe.model.MatMul;
import org.tpe.model.Point;
import org.tpe.model.Program;
import org.tpe.model.Statement;
import org.tpe.model.VarKind;
import org.tpe.render.layout.AutoLayout;
import org.tpe.render.layout.Layout;

/**
 * Automatic layout for the editor: the renderer's ELK layered layout ({@link AutoLayout}) places
 * the variables; each matrix, which the notation draws only as a label, gets a tile in a row
 * above the diagram, over the middle of its first MatMul arrow, where the user can find it to
 * drag vectors onto. Cost: one ELK run (about
 * 100 ms for 500 variables).
 */
public final class EditorLayout {
  /** How far above the topmost variable the row of matrix tiles sits. */
  static final double MATRIX_LIFT = 42;

  private EditorLayout() {}

  /** Positions for every variable of {@code p}, ignoring its current layout. */
  public static Map<String, Point> layout(Program p) {
    Program bare = p.withLayout(Map.of());
    Map<String, Point> out = new LinkedHashMap<>();
    try {
      Layout l = AutoLayout.layout(bare);
      for (Statement s : p.statements()) {
        Layout.Box b = l.nodes().get(org.tpe.render.layout.DiagramGraph.varId(s.target()));
        if (b != null && p.kindOf(s.target()) != VarKind.A) {
          out.putIfAbsent(s.target(), new Point(b.cx(), b.cy()));
        }
      }
    } catch (RuntimeException e) {
      // an ill-formed program the renderer cannot lay out: the simple layered layout still can
      return LayeredLayout.layout(p);
    }
    double top = out.values().stream().mapToDouble(Point::y).min().orElse(0);
    Map<String, Point> fallback = null;
    Map<String, Integer> perSpot = new HashMap<>();
    for (Statement s : p.statements()) {
      String n = s.target();
      if (out.containsKey(n) || p.definition(n) != s) {
        continue;
      }
      Point q = null;
      if (p.kindOf(n) == VarKind.A) {
        for (Instruction ins : p.instructions()) {
          if (ins instanceof MatMul m && m.matrix().equals(n) && out.containsKey(m.argument())
              && out.containsKey(m.target())) {
            Point a = out.get(m.argument());
            Point b = out.get(m.target());
            q = new Point((a.x() + b.x()) / 2, top - MATRIX_LIFT);
            break;
          }
        }
      }
      if (q == null) {
        if (fallback == null) {
          fallback = LayeredLayout.layout(p);
        }
        q = fallback.get(n);
      }
      String spot = Math.round(q.x()) + "," + Math.round(q.y());
      int k = perSpot.merge(spot, 1, Integer::sum) - 1;
      out.put(n, new Point(q.x() + 36 * k, q.y()));
    }
    return out;
  }

  /** The program's own positions, completed by {@link #layout} for the nodes it does not place. */
  public static Map<String, Point> complete(Program p) {
    boolean all = p.statements().stream().allMatch(s -> p.layout().containsKey(s.target()));
    if (all) {
      return p.layout();
    }
    Map<String, Point> out = new LinkedHashMap<>(layout(p));
    out.putAll(p.layout());
    out.keySet().removeIf(n -> !p.isDefined(n));
    return out;
  }
}
