package org.tpe.app.editor.canvas;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tpe.model.Instruction;
import org.tpe.model.MatMul;
import org.tpe.model.Point;
import org.tpe.model.Program;
import org.tpe.render.layout.DiagramGraph;
import org.tpe.render.layout.Layout;
import org.tpe.render.layout.Layout.Box;

/**
 * Where the editor draws a tile for each matrix. The notation has no node for a matrix (TP IIb §4:
 * it labels its MatMul arrows), but the editor needs something to drop a vector on: where its
 * {@code @at} puts it, else the renderer's tile ({@link Layout#tiles()}: a free spot beside one of
 * the matrix's MatMul edges), else (a matrix no MatMul uses) a tile in a row {@link #LIFT} above
 * the diagram. Tiles at the same spot are set side by side. Cost O(program).
 */
public final class MatrixTiles {
  /** Size of a tile, in model units. */
  public static final double WIDTH = 30;
  public static final double HEIGHT = 24;
  /** How far above the topmost variable the row of tiles sits. */
  public static final double LIFT = 42;
  /** Distance between tiles that would sit at the same spot. */
  public static final double SPREAD = 36;

  private MatrixTiles() {}

  /** A tile box for every matrix of {@code p}, given the layout of its variables. */
  public static Map<String, Box> place(Program p, Layout layout) {
    double top = Double.POSITIVE_INFINITY;
    double left = Double.POSITIVE_INFINITY;
    for (Box b : layout.nodes().values()) {
      top = Math.min(top, b.y());
      left = Math.min(left, b.x());
    }
    if (top == Double.POSITIVE_INFINITY) {
      top = 100;
      left = 40;
    }
    Map<String, Box> out = new LinkedHashMap<>();
    Map<String, Integer> perSpot = new HashMap<>();
    for (String m : p.matrices()) {
      Point at = p.layout().get(m);
      Box beside = layout.tiles().get(m);
      if (at == null && beside != null) {
        out.put(m, beside); // the renderer's free spot beside one of the matrix's MatMul edges
        continue;
      }
      if (at == null) {
        double x = left + WIDTH / 2;
        for (Instruction ins : p.instructions()) {
          if (ins instanceof MatMul mm && mm.matrix().equals(m)) {
            Box a = layout.nodes().get(DiagramGraph.varId(mm.argument()));
            Box b = layout.nodes().get(DiagramGraph.varId(mm.target()));
            if (a != null && b != null) {
              x = (a.cx() + b.cx()) / 2;
              break;
            }
          }
        }
        String spot = Long.toString(Math.round(x));
        int k = perSpot.merge(spot, 1, Integer::sum) - 1;
        at = new Point(x + SPREAD * k, top - LIFT + HEIGHT / 2);
      }
      out.put(m, new Box(at.x() - WIDTH / 2, at.y() - HEIGHT / 2, WIDTH, HEIGHT));
    }
    return out;
  }
}
