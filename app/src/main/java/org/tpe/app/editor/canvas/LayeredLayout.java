package org.tpe.app.editor.canvas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tpe.model.Instruction;
import org.tpe.model.Input;
import org.tpe.model.MatMul;
import org.tpe.model.Point;
import org.tpe.model.Program;
import org.tpe.model.Statement;
import org.tpe.model.VarKind;

/**
 * A left-to-right layered layout (DESIGN §5: computation flows left to right): each vector or
 * scalar sits in the column of its longest chain of instructions from an input; matrices sit in a
 * row above the column before their first use (they are labels of MatMul arrows, drawn as small
 * nodes so they can be dragged onto vectors). Cost O(size of the program).
 */
public final class LayeredLayout {
  /** Horizontal distance between columns, in model units. */
  public static final double COLUMN = 150;
  /** Vertical distance between nodes of a column. */
  public static final double ROW = 90;

  private LayeredLayout() {}

  /** A position for every variable of {@code p}, ignoring its current layout. */
  public static Map<String, Point> layout(Program p) {
    Map<String, Integer> depth = new HashMap<>();
    for (Input in : p.inputs()) {
      depth.putIfAbsent(in.target(), 0);
    }
    Map<String, Integer> firstUse = new HashMap<>();
    for (Instruction ins : p.instructions()) {
      int d = 0;
      for (String a : ins.arguments()) {
        if (p.kindOf(a) == VarKind.A) {
          continue;
        }
        d = Math.max(d, depth.getOrDefault(a, 0));
      }
      depth.putIfAbsent(ins.target(), d + 1);
      if (ins instanceof MatMul m) {
        firstUse.putIfAbsent(m.matrix(), d);
      }
    }
    Map<Integer, Integer> rows = new HashMap<>();
    Map<String, Point> out = new LinkedHashMap<>();
    List<Statement> matrices = new ArrayList<>();
    for (Statement s : p.statements()) {
      if (out.containsKey(s.target())) {
        continue;
      }
      if (p.kindOf(s.target()) == VarKind.A) {
        matrices.add(s);
        continue;
      }
      int col = depth.get(s.target());
      int row = rows.merge(col, 1, Integer::sum) - 1;
      out.put(s.target(), new Point(80 + col * COLUMN, 130 + row * ROW));
    }
    Map<Integer, Integer> matrixRows = new HashMap<>();
    for (Statement s : matrices) {
      int col = firstUse.getOrDefault(s.target(), 0);
      int k = matrixRows.merge(col, 1, Integer::sum) - 1;
      out.put(s.target(), new Point(80 + col * COLUMN + COLUMN / 2 + k * 40, 70));
    }
    return out;
  }

  /**
   * The program's own positions, completed by {@link #layout} for nodes it does not place (new
   * programs, text typed without {@code @at}).
   */
  public static Map<String, Point> complete(Program p) {
    Map<String, Point> own = p.layout();
    boolean all = true;
    for (Statement s : p.statements()) {
      if (!own.containsKey(s.target())) {
        all = false;
        break;
      }
    }
    if (all) {
      return own;
    }
    Map<String, Point> auto = layout(p);
    Map<String, Point> out = new LinkedHashMap<>(auto);
    out.putAll(own);
    out.keySet().retainAll(auto.keySet());
    return out;
  }
}
