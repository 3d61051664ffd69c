package org.tpe.render.layout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tpe.model.Point;
import org.tpe.model.Program;
import org.tpe.render.layout.DiagramGraph.EdgeKind;
import org.tpe.render.layout.Layout.Box;
import org.tpe.render.layout.Layout.Pt;

/**
 * The automatic layout adapted to the positions a program gives ({@code @at}, the centre of a
 * variable's node):
 *
 * <ol>
 *   <li>a variable with a position keeps it exactly, its gate rigidly beside it ({@link Unit}) —
 *       unless its unit would overlap one placed before it: then it goes to the nearest free
 *       spot. Variables still at their automatic place are placed first, then the moved ones in
 *       program order: a node dragged onto another gives way, and of two nodes dropped on the
 *       same spot (a second MatMul by the same matrix) the later one does;
 *   <li>a variable without a position (new, or typed without {@code @at}) takes its automatic
 *       place moved as its nearest positioned neighbour was moved, then the nearest free spot;
 *   <li>an edge whose two ends moved alike keeps its automatic route, moved with them, if that
 *       still clears every node; any other edge is routed again by {@link OrthogonalRouter}, and
 *       its label is left for {@link LabelPlacer}.
 * </ol>
 *
 * If every position equals the automatic one (within {@link AutoLayout#SAME}) the automatic
 * layout is returned as it is. Cost: O(U²) for U units in the worst case of the free-spot search,
 * plus the router per rerouted edge.
 */
final class PinnedLayout {
  /** Grid step of the free-spot search. */
  static final double STEP = 10;
  /** Gap kept between units (and their gate labels) found a free spot. */
  static final double ROOM = 12;
  /** Rings of the free-spot search before giving up (then the wanted spot is used). */
  static final int RINGS = 80;

  private PinnedLayout() {}

  static Layout apply(Program p, DiagramGraph g, Map<String, Unit> units, Layout auto) {
    Map<String, Box> autoAt = new LinkedHashMap<>();
    for (Unit u : units.values()) {
      Box local = u.var() != null ? u.varBox() : u.gateBox();
      Box placed = auto.node(u.var() != null ? u.var() : u.gate());
      autoAt.put(u.id(), new Box(placed.x() - local.x(), placed.y() - local.y(), u.w(), u.h()));
    }
    Map<String, Box> wanted = new LinkedHashMap<>();
    Map<String, Box> unmoved = new LinkedHashMap<>();
    boolean moved = false;
    for (Unit u : units.values()) {
      if (u.var() == null) {
        continue;
      }
      Point q = p.layout().get(g.nodes().get(u.var()).name());
      if (q != null) {
        Box a = autoAt.get(u.id());
        double cx = a.x() + u.varBox().cx();
        double cy = a.y() + u.varBox().cy();
        boolean same = Math.hypot(q.x() - cx, q.y() - cy) <= AutoLayout.SAME;
        (same ? unmoved : wanted).put(u.id(), same ? a : a.shift(q.x() - cx, q.y() - cy));
        moved |= !same;
      }
    }
    // units still at their automatic place go first: a node dropped on one of them gives way
    Map<String, Box> moves = wanted;
    wanted = new LinkedHashMap<>(unmoved);
    wanted.putAll(moves);
    if (!moved) {
      return auto;
    }
    Map<String, Box> footprint = new LinkedHashMap<>();
    for (Unit u : units.values()) {
      Box f = new Box(0, 0, u.w(), u.h());
      Box lb = u.gate() == null ? null : auto.labels().get(u.gate());
      if (lb != null) {
        Box a = autoAt.get(u.id());
        f = f.union(lb.shift(-a.x(), -a.y()));
      }
      footprint.put(u.id(), f);
    }
    Map<String, Box> at = new LinkedHashMap<>();
    List<Box> taken = new ArrayList<>();
    List<Box> takenUnits = new ArrayList<>();
    // 1. the positions the program gives, the unmoved first, then in program order; a unit
    // dropped on one placed before it moves to the nearest free spot
    for (Map.Entry<String, Box> w : wanted.entrySet()) {
      Box b = w.getValue();
      if (!fits(b, takenUnits, 1)) {
        b = free(b, footprint.get(w.getKey()), taken);
      }
      at.put(w.getKey(), b);
      taken.add(area(b, footprint.get(w.getKey())));
      takenUnits.add(b);
    }
    // 2. the others follow their nearest placed neighbour to a free spot
    for (Unit u : units.values()) {
      if (at.containsKey(u.id())) {
        continue;
      }
      Box a = autoAt.get(u.id());
      Pt d = neighbourShift(g, units, u.id(), autoAt, at);
      Box b = free(a.shift(d.x(), d.y()), footprint.get(u.id()), taken);
      at.put(u.id(), b);
      taken.add(area(b, footprint.get(u.id())));
    }
    // 3. routes: moved along with both ends, or routed again
    Layout placed = ElkLayout.place(g, units, at, Map.of(), Map.of());
    Map<String, List<Pt>> routes = new LinkedHashMap<>();
    Map<String, Box> labels = new LinkedHashMap<>();
    for (Unit u : units.values()) {
      Box lb = u.gate() == null ? null : auto.labels().get(u.gate());
      if (lb != null) {
        Pt d = delta(autoAt, at, u.id());
        labels.put(u.gate(), lb.shift(d.x(), d.y()));
      }
    }
    // edges go around nodes and the gates' labels (which ride with their gates, moved off any
    // node they would now cover)
    labels = new LinkedHashMap<>(LabelPlacer.settleGateLabels(g, placed, labels));
    List<Box> obstacles = new ArrayList<>(placed.nodes().values());
    obstacles.addAll(labels.values());
    OrthogonalRouter router = new OrthogonalRouter(obstacles);
    for (DiagramGraph.Edge e : g.edges()) {
      String su = Unit.unitOf(units, g, e.source());
      String tu = Unit.unitOf(units, g, e.target());
      if (e.kind() == EdgeKind.RESULT && su.equals(tu)) {
        continue; // inside its unit: placed with it
      }
      Pt ds = delta(autoAt, at, su);
      Pt dt = delta(autoAt, at, tu);
      List<Pt> old = auto.routes().get(e.id());
      List<Pt> r = null;
      if (old != null && Math.abs(ds.x() - dt.x()) < 1e-6 && Math.abs(ds.y() - dt.y()) < 1e-6) {
        List<Pt> shifted = new ArrayList<>();
        for (Pt q : old) {
          shifted.add(new Pt(q.x() + ds.x(), q.y() + ds.y()));
        }
        if (clear(shifted, placed, e) && labels.values().stream()
            .noneMatch(lb -> Geometry.crosses(shifted, lb, 0.5))) {
          r = shifted;
          Box lb = auto.labels().get(e.id());
          if (lb != null) {
            labels.put(e.id(), lb.shift(ds.x(), ds.y()));
          }
        }
      }
      if (r == null) {
        Box sb = at.get(su);
        Box tb = at.get(tu);
        Unit s = units.get(su);
        Unit t = units.get(tu);
        Pt from = new Pt(sb.x() + s.out().x(), sb.y() + s.out().y());
        Pt port = e.kind() == EdgeKind.ARGUMENT ? t.arg(e.id()) : t.in();
        Pt to = new Pt(tb.x() + port.x(), tb.y() + port.y());
        r = router.route(from, to);
      }
      routes.put(e.id(), r);
    }
    Layout routed = ElkLayout.place(g, units, at, routes, labels);
    Set<String> fixed = new HashSet<>();
    for (Map.Entry<String, Box> w : wanted.entrySet()) {
      Pt d = delta(autoAt, at, w.getKey());
      if (Math.hypot(d.x(), d.y()) > AutoLayout.SAME) {
        fixed.add(units.get(w.getKey()).var());
      }
    }
    return new Layout(routed.nodes(), routed.routes(), routed.labels(), fixed);
  }

  /**
   * The labelled layout with every edge that crosses a label other than its own routed again
   * around nodes, labels and tiles (a label that found no free spot near nodes dragged close
   * together); call {@link LabelPlacer#place} again after it, for the labels of moved edges.
   */
  static Layout repair(DiagramGraph g, Map<String, Unit> units, Layout l) {
    Map<String, List<Pt>> routes = new LinkedHashMap<>(l.routes());
    boolean changed = false;
    for (DiagramGraph.Edge e : g.edges()) {
      List<Pt> r = l.routes().get(e.id());
      String su = Unit.unitOf(units, g, e.source());
      String tu = Unit.unitOf(units, g, e.target());
      if (r == null || e.kind() == EdgeKind.RESULT && su.equals(tu)) {
        continue;
      }
      List<Box> foreign = new ArrayList<>();
      l.labels().forEach((id, b) -> {
        if (!id.equals(e.id())) {
          foreign.add(b);
        }
      });
      if (foreign.stream().noneMatch(b -> Geometry.crosses(r, b, 0.5))) {
        continue;
      }
      List<Box> obstacles = new ArrayList<>(l.nodes().values());
      obstacles.addAll(foreign);
      obstacles.addAll(l.tiles().values());
      List<Pt> again = new OrthogonalRouter(obstacles).route(r.get(0), r.get(r.size() - 1));
      if (clear(again, l, e) && foreign.stream().noneMatch(b -> Geometry.crosses(again, b, 0.5))) {
        routes.put(e.id(), again);
        changed = true;
      }
    }
    return changed ? new Layout(l.nodes(), routes, l.labels(), l.fixed(), l.tiles()) : l;
  }

  private static Box area(Box unitAt, Box footprint) {
    return footprint.shift(unitAt.x(), unitAt.y());
  }

  private static Pt delta(Map<String, Box> autoAt, Map<String, Box> at, String unit) {
    Box a = autoAt.get(unit);
    Box b = at.get(unit);
    return new Pt(b.x() - a.x(), b.y() - a.y());
  }

  /** Whether a route misses every node but the edge's own two ends. */
  private static boolean clear(List<Pt> route, Layout l, DiagramGraph.Edge e) {
    for (Map.Entry<String, Box> n : l.nodes().entrySet()) {
      if (n.getKey().equals(e.source()) || n.getKey().equals(e.target())) {
        continue;
      }
      if (Geometry.crosses(route, n.getValue(), 1.0)) {
        return false;
      }
    }
    return true;
  }

  /** How the nearest already placed unit connected to {@code unit} was moved from its place. */
  private static Pt neighbourShift(DiagramGraph g, Map<String, Unit> units, String unit,
      Map<String, Box> autoAt, Map<String, Box> at) {
    String best = null;
    double bestD = Double.POSITIVE_INFINITY;
    Box me = autoAt.get(unit);
    for (DiagramGraph.Edge e : g.edges()) {
      String su = Unit.unitOf(units, g, e.source());
      String tu = Unit.unitOf(units, g, e.target());
      String other = su.equals(unit) ? tu : tu.equals(unit) ? su : null;
      if (other == null || other.equals(unit) || !at.containsKey(other)) {
        continue;
      }
      Box o = autoAt.get(other);
      double d = Math.hypot(o.cx() - me.cx(), o.cy() - me.cy()) + (tu.equals(unit) ? 0 : 1e-3);
      if (d < bestD) {
        bestD = d;
        best = other;
      }
    }
    return best == null ? new Pt(0, 0) : delta(autoAt, at, best);
  }

  /**
   * {@code want} if the unit's footprint there keeps {@link #ROOM} from everything taken, else
   * the nearest such spot on a grid of {@link #STEP} around it (right and below first on ties).
   */
  static Box free(Box want, Box footprint, List<Box> taken) {
    if (fits(area(want, footprint), taken, ROOM)) {
      return want;
    }
    for (int k = 1; k <= RINGS; k++) {
      List<int[]> ring = new ArrayList<>();
      for (int i = -k; i <= k; i++) {
        for (int j = -k; j <= k; j++) {
          if (Math.max(Math.abs(i), Math.abs(j)) == k) {
            ring.add(new int[] {i, j});
          }
        }
      }
      ring.sort((a, b) -> {
        int c = Integer.compare(a[0] * a[0] + a[1] * a[1], b[0] * b[0] + b[1] * b[1]);
        if (c != 0) {
          return c;
        }
        c = Integer.compare(b[1], a[1]); // below first
        return c != 0 ? c : Integer.compare(b[0], a[0]); // then right
      });
      for (int[] o : ring) {
        Box c = want.shift(o[0] * STEP, o[1] * STEP);
        if (fits(area(c, footprint), taken, ROOM)) {
          return c;
        }
      }
    }
    return want;
  }

  private static boolean fits(Box b, List<Box> taken, double room) {
    for (Box t : taken) {
      if (b.intersects(t, room)) {
        return false;
      }
    }
    return true;
  }
}
