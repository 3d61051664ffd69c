package org.tpe.render.layout;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Positions of a {@link DiagramGraph} in model coordinates (x to the right, y down; one unit is
 * one pixel at scale 1): node boxes, edge routes and label boxes. Immutable.
 *
 * @param nodes node boxes by node id
 * @param routes edge polylines by edge id, from the source's boundary to the target's (an edge
 *     ending at a circle ends on the circle's box; the scene trims it to the circle)
 * @param labels label boxes by edge id (MatMul matrices, LinComb coefficients) and by gate node id
 *     (φ above the gate)
 * @param fixed node ids whose position came from the program's {@code @at} annotations
 */
public record Layout(Map<String, Box> nodes, Map<String, List<Pt>> routes, Map<String, Box> labels,
    java.util.Set<String> fixed) {

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
  }

  public Layout {
    nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
    Map<String, List<Pt>> r = new LinkedHashMap<>();
    routes.forEach((k, v) -> r.put(k, List.copyOf(v)));
    routes = Collections.unmodifiableMap(r);
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    fixed = java.util.Set.copyOf(fixed);
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
