package org.tpe.render.scene;

import java.util.List;
import org.tpe.render.layout.Layout.Box;
import org.tpe.render.layout.Layout.Pt;

/**
 * One thing in the diagram (a variable node, a gate, an edge with its arrowhead and label, the
 * title) and the primitives that draw it, in drawing order.
 *
 * @param role what the element is in the notation, e.g. "vector", "scalar", "gate", "bar-gate",
 *     "sum-gate", "matmul", "argument", "result"
 * @param bounds the box the element occupies
 * @param route for edges, the polyline the edge follows (hit-testing); empty otherwise
 * @param highlighted whether the element belongs to the highlight set
 */
public record Element(ElementId id, String role, Box bounds, List<Prim> prims, List<Pt> route,
    boolean circle, boolean highlighted) {
  public Element {
    prims = List.copyOf(prims);
    route = List.copyOf(route);
  }
}
