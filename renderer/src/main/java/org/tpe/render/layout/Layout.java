package org.tpe.render.layout;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Positions of a {@link DiagramGraph} in model coordinates (x to the right, y down; one unit is
 * one pixel at scale 1): node boxes, edge routes, label boxes and matrix tiles. Immutable.
 *
 * @param nodes node boxes by node id
 * @param routes edge polylines by edge id, from the source's boundary to the target's (an edge
 *     ending at a circle ends on the circle's box; the scene trims it to the circle)
 * @param labels label boxes by edge id (MatMul matrices, LinComb coefficients) and by gate node id
 *     (φ above the gate)
 * @param fixed node ids placed at their {@code @at} position away from the automatic one
 * @param tiles by matrix name, a free box beside one of the matrix's MatMul edges, where an editor
 *     can show the matrix as something to drop vectors on (the notation itself has no node for a
 *     matrix: it labels the MatMul edges); a tile overlaps no node, label, edge or other tile
 */
public record Layout(Map<String, Box> nodes, Map<String, List<Pt>> routes, Map<String, Box> labels,
    Set<String> fixed, Map<String, Box> tiles) {

  /** A point. */
  public record Pt(double x, double y) {}

  /** An axis-aligned box: top-left corner, width and height. */
  public record Box(double x, double y, double w, double h) {
    public double cx() {
      return x + w / 2;
    }

    public double cy() {
      return y + h / 2;
    }

    public boolean intersects(Box o, double pad) {
      return x < o.x + o.w + pad && o.x < x + w + pad && y < o.y + o.h + pad && o.y < y + h + pad;
    }

    public Box union(Box o) {
      double x0 = Math.min(x, o.x);
      double y0 = Math.min(y, o.y);
      return new Box(x0, y0, Math.max(x + w, o.x + o.w) - x0, Math.max(y + h, o.y + o.h) - y0);
    }

    /** This box moved by (dx, dy). */
    public Box shift(double dx, double dy) {
      return new Box(x + dx, y + dy, w, h);
    }

    /** This box grown by {@code m} on every side. */
    public Box grow(double m) {
      return new Box(x - m, y - m, w + 2 * m, h + 2 * m);
    }
  }

  public Layout {
    nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
    Map<String, List<Pt>> r = new LinkedHashMap<>();
    routes.forEach((k, v) -> r.put(k, List.copyOf(v)));
    routes = Collections.unmodifiableMap(r);
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    fixed = Set.copyOf(fixed);
    tiles = Collections.unmodifiableMap(new LinkedHashMap<>(tiles));
  }

  /** A layout without matrix tiles. */
  public Layout(Map<String, Box> nodes, Map<String, List<Pt>> routes, Map<String, Box> labels,
      Set<String> fixed) {
    this(nodes, routes, labels, fixed, Map.of());
  }

  /** The box of node {@code id}; throws with a clear message if the layout does not cover it. */
  public Box node(String id) {
    Box b = nodes.get(id);
    if (b == null) {
      throw new IllegalArgumentException("the layout has no position for " + id
          + ": lay the program out again after editing it");
    }
    return b;
  }
}
