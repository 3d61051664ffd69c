package org.tpe.render.layout;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tpe.render.layout.DiagramGraph.Node;
import org.tpe.render.layout.Layout.Box;
import org.tpe.render.layout.Layout.Pt;

/**
 * A layout with a few variables moved at once, for an editor to draw a dragged node under the
 * pointer within a frame while the real layout ({@link AutoLayout#withFixed}: free spots, routed
 * edges, settled labels) is computed elsewhere. Each moved variable takes its gate with it (the
 * gate sits rigidly before its result, as in {@link AutoLayout}'s units) and the gate's label; an
 * edge whose two ends moved alike moves with them, route and label; an edge with one end moved is
 * drawn straight from the boundary of one node's box to the other's, its label at the middle.
 * Nothing else changes, so this is a preview, not a layout: nodes may overlap and straight edges
 * may cross nodes until the real layout replaces it. Cost O(nodes + edges) to scan the graph, plus
 * the copy of the layout's maps; no search, no routing.
 */
public final class DragLayout {
  private DragLayout() {}

  /**
   * The moved layout and what it changed.
   *
   * @param layout {@code layout} with the moved nodes, their gates, labels and edges changed
   * @param nodes ids of the nodes whose box moved (variables and their gates)
   * @param edges ids of the edges whose route or label changed
   */
  public record Moved(Layout layout, Set<String> nodes, Set<String> edges) {
    public Moved {
      nodes = Set.copyOf(nodes);
      edges = Set.copyOf(edges);
    }
  }

  /**
   * {@code layout} (of {@code graph}) with each variable of {@code centres} (by name) centred at
   * its point. Variables the graph does not draw are ignored.
   */
  public static Moved moved(DiagramGraph graph, Layout layout, Map<String, Pt> centres) {
    Map<String, Pt> shiftOfNode = new LinkedHashMap<>();
    for (Map.Entry<String, Pt> c : centres.entrySet()) {
      String v = DiagramGraph.varId(c.getKey());
      Box b = layout.nodes().get(v);
      if (!graph.nodes().containsKey(v) || b == null) {
        continue;
      }
      Pt d = new Pt(c.getValue().x() - b.cx(), c.getValue().y() - b.cy());
      shiftOfNode.put(v, d);
      String g = DiagramGraph.gateId(c.getKey());
      Node gate = graph.nodes().get(g);
      if (gate != null && gate.kind().isGate() && layout.nodes().containsKey(g)) {
        shiftOfNode.put(g, d);
      }
    }
    if (shiftOfNode.isEmpty()) {
      return new Moved(layout, Set.of(), Set.of());
    }
    Map<String, Box> nodes = new LinkedHashMap<>(layout.nodes());
    Map<String, Box> labels = new LinkedHashMap<>(layout.labels());
    Map<String, List<Pt>> routes = new LinkedHashMap<>(layout.routes());
    shiftOfNode.forEach((id, d) -> {
      nodes.put(id, nodes.get(id).shift(d.x(), d.y()));
      Box lb = labels.get(id); // a gate's φ
      if (lb != null) {
        labels.put(id, lb.shift(d.x(), d.y()));
      }
    });
    Set<String> edges = new LinkedHashSet<>();
    for (DiagramGraph.Edge e : graph.edges()) {
      Pt ds = shiftOfNode.get(e.source());
      Pt dt = shiftOfNode.get(e.target());
      if (ds == null && dt == null) {
        continue;
      }
      edges.add(e.id());
      Box lb = labels.get(e.id());
      List<Pt> route = routes.get(e.id());
      if (ds != null && ds.equals(dt) && route != null && route.size() >= 2) {
        routes.put(e.id(), route.stream().map(q -> new Pt(q.x() + ds.x(), q.y() + ds.y()))
            .toList());
        if (lb != null) {
          labels.put(e.id(), lb.shift(ds.x(), ds.y()));
        }
        continue;
      }
      Box a = nodes.get(e.source());
      Box b = nodes.get(e.target());
      if (a == null || b == null) {
        continue;
      }
      Pt from = boundary(a, b.cx(), b.cy());
      Pt to = boundary(b, a.cx(), a.cy());
      routes.put(e.id(), List.of(from, to));
      if (lb != null) {
        double mx = (from.x() + to.x()) / 2;
        double my = (from.y() + to.y()) / 2;
        labels.put(e.id(), new Box(mx - lb.w() / 2, my - lb.h() - 2, lb.w(), lb.h()));
      }
    }
    return new Moved(new Layout(nodes, routes, labels, layout.fixed(), layout.tiles()),
        shiftOfNode.keySet(), edges);
  }

  /**
   * Where the segment from {@code b}'s centre towards ({@code x}, {@code y}) leaves the box (the
   * centre itself when the point is inside the box).
   */
  static Pt boundary(Box b, double x, double y) {
    double dx = x - b.cx();
    double dy = y - b.cy();
    double t = Math.min(dx == 0 ? Double.POSITIVE_INFINITY : b.w() / 2 / Math.abs(dx),
        dy == 0 ? Double.POSITIVE_INFINITY : b.h() / 2 / Math.abs(dy));
    if (!(t < 1)) {
      return new Pt(b.cx(), b.cy());
    }
    return new Pt(b.cx() + t * dx, b.cy() + t * dy);
  }
}
