package org.tpe.render.layout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tpe.model.MatMul;
import org.tpe.model.Program;
import org.tpe.model.Statement;
import org.tpe.render.layout.DiagramGraph.EdgeKind;
import org.tpe.render.layout.DiagramGraph.Node;
import org.tpe.render.layout.Layout.Box;
import org.tpe.render.layout.Layout.Pt;
import org.tpe.render.text.Labels;
import org.tpe.render.text.TextMetrics;

/**
 * The last layout pass: every label on a free spot, and a tile for every matrix.
 *
 * <p>A spot is <em>free</em> when it overlaps no node, no label or tile already placed, no edge
 * (its own included: a label beside its edge, not on it), and keeps {@link
 * AutoLayout#RING_CLEARANCE} from every vector's outline, where the editor draws selection rings.
 * A label already on a free spot stays (ELK's are, in an automatic layout); any other is tried,
 * in order, beside its own edge — a coefficient on the last stretch before its ⊕, a matrix near
 * the middle — or above and below its gate, and goes to the first free candidate (or stays, if
 * none is free).
 *
 * <p>A matrix <em>tile</em> (a {@link #TILE_H}-high box with the matrix's name, what the editor
 * drags vectors onto; the notation itself only labels MatMul edges with their matrix) is put on
 * the first free spot next to the label of the matrix's first MatMul, or beside one of its
 * MatMul edges; where a dense drawing leaves no such room, the tile frames the matrix's own label
 * on its first MatMul edge (still on that edge, on nothing else).
 * Cost O(L · C · k) for L labels and tiles that need moving, C candidates each, and k the nodes,
 * rings, labels and edge segments near a candidate ({@link BoxGrid}; k is bounded by the
 * drawing's density, not its size).
 */
final class LabelPlacer {
  /** Height of a matrix tile. */
  static final double TILE_H = 24;
  /** Smallest width of a matrix tile. */
  static final double TILE_W = 30;
  /** Gap between a label and its edge. */
  static final double GAP = 2;
  /** Step of the candidate spots around a gate or beside an edge. */
  static final double STEP = 4;
  /** Most spots tried along one stretch of an edge (a long stretch is tried near its middle). */
  static final int ALONG = 40;
  /** Farthest an edge label may be from its edge and still count as beside it. */
  static final double NEAR = 8;
  /** How far from its gate or edge a label may move to find a free spot. */
  static final double REACH = 36;

  private final List<Box> nodes = new ArrayList<>();
  private final BoxGrid nodeGrid = new BoxGrid();
  private final List<double[]> rings = new ArrayList<>();
  private final BoxGrid ringGrid = new BoxGrid();
  private final List<Box> placed = new ArrayList<>();
  private final BoxGrid placedGrid = new BoxGrid();
  /** Every stretch of every route: its two ends and the index of its route. */
  private final List<Pt[]> segments = new ArrayList<>();
  private final List<Integer> segmentRoute = new ArrayList<>();
  private final BoxGrid segmentGrid = new BoxGrid();

  private LabelPlacer(DiagramGraph g, Layout l) {
    for (Box b : l.nodes().values()) {
      nodes.add(b);
      nodeGrid.add(b);
    }
    for (Node n : g.nodes().values()) {
      if (n.kind() == DiagramGraph.NodeKind.VECTOR) {
        Box b = l.node(n.id());
        double r = b.w() / 2 + AutoLayout.RING_CLEARANCE;
        rings.add(new double[] {b.cx(), b.cy(), r});
        ringGrid.add(new Box(b.cx() - r, b.cy() - r, 2 * r, 2 * r));
      }
    }
    int ri = 0;
    for (List<Pt> r : l.routes().values()) {
      for (int i = 0; i + 1 < r.size(); i++) {
        Pt a = r.get(i);
        Pt c = r.get(i + 1);
        segments.add(new Pt[] {a, c});
        segmentRoute.add(ri);
        segmentGrid.add(new Box(Math.min(a.x(), c.x()), Math.min(a.y(), c.y()),
            Math.abs(a.x() - c.x()), Math.abs(a.y() - c.y())));
      }
      ri++;
    }
  }

  /** Takes {@code b}: later labels keep off it. */
  private void take(Box b) {
    placed.add(b);
    placedGrid.add(b);
  }

  /**
   * Gate labels (by gate id) moved off nodes, rings and each other, before any edge is routed:
   * what {@link PinnedLayout} routes edges around.
   */
  static Map<String, Box> settleGateLabels(DiagramGraph g, Layout nodesOnly,
      Map<String, Box> gateLabels) {
    LabelPlacer lp = new LabelPlacer(g, nodesOnly);
    Map<String, Box> out = new LinkedHashMap<>();
    gateLabels.forEach((id, b) -> out.put(id, lp.settle(b, aroundGate(nodesOnly.node(id),
        b.w()))));
    return out;
  }

  static Layout place(Program p, DiagramGraph g, Layout l) {
    LabelPlacer lp = new LabelPlacer(g, l);
    Map<String, Box> labels = new LinkedHashMap<>();
    // gate labels first (they ride on their gates), then edge labels
    for (Node n : g.nodes().values()) {
      if (n.kind().isGate() && n.label() != null) {
        Box now = l.labels().get(n.id());
        double w = ElkLayout.labelWidth(n.label());
        labels.put(n.id(), lp.settle(now, aroundGate(l.node(n.id()), w)));
      }
    }
    for (DiagramGraph.Edge e : g.edges()) {
      if (e.label() != null && l.routes().containsKey(e.id())) {
        Box now = l.labels().get(e.id());
        if (now != null && beside(l.routes().get(e.id()), now) > NEAR) {
          now = null; // its edge was routed elsewhere: find a spot beside the new route
        }
        double w = ElkLayout.labelWidth(e.label());
        labels.put(e.id(), lp.settle(now, besideEdge(l.routes().get(e.id()), w,
            ElkLayout.labelHeight(), e.kind() == EdgeKind.ARGUMENT, REACH)));
      }
    }
    Map<String, Box> tiles = new LinkedHashMap<>();
    java.util.Set<String> edgeIds = new java.util.HashSet<>();
    g.edges().forEach(e -> edgeIds.add(e.id()));
    Map<String, List<String>> byMatrix = new HashMap<>();
    for (Statement s : p.instructions()) {
      if (s instanceof MatMul m) {
        byMatrix.computeIfAbsent(m.matrix(), k -> new ArrayList<>()).add(m.target());
      }
    }
    for (Statement s : p.instructions()) {
      if (!(s instanceof MatMul m) || tiles.containsKey(m.matrix())) {
        continue;
      }
      String eid = "m:" + m.target();
      List<Pt> r = l.routes().get(eid);
      if (r == null || !edgeIds.contains(eid)) {
        continue;
      }
      double w = Math.max(TILE_W, TextMetrics.width(Labels.matrix(m.matrix(), false),
          DiagramGraph.LABEL_SIZE) + 10);
      List<Box> cands = new ArrayList<>();
      Box lb = labels.get(eid);
      if (lb != null) {
        cands.add(new Box(lb.cx() - w / 2, lb.y() - GAP - TILE_H, w, TILE_H));
        cands.add(new Box(lb.x() + lb.w() + GAP, lb.y() + lb.h() - TILE_H, w, TILE_H));
        cands.add(new Box(lb.x() - GAP - w, lb.y() + lb.h() - TILE_H, w, TILE_H));
      }
      cands.addAll(besideEdge(r, w, TILE_H, false, 0));
      for (String other : byMatrix.get(m.matrix())) {
        List<Pt> ro = l.routes().get("m:" + other);
        if (ro != null && !other.equals(m.target())) {
          cands.addAll(besideEdge(ro, w, TILE_H, false, 0));
        }
      }
      Box t = null;
      for (Box c : cands) {
        if (lp.free(c, null)) {
          t = c;
          break;
        }
      }
      if (t == null && lb != null && lp.free(lb.grow(1), lb)) {
        t = lb.grow(1); // no room beside the edge: the tile frames the matrix's own label
      }
      if (t == null && !cands.isEmpty()) {
        t = cands.get(0);
      }
      if (t != null) {
        lp.take(t);
        tiles.put(m.matrix(), t);
      }
    }
    return new Layout(l.nodes(), l.routes(), labels, l.fixed(), tiles);
  }

  /** {@code now} if it is free, else the first free candidate; the result is taken. */
  private Box settle(Box now, List<Box> candidates) {
    Box chosen = null;
    if (now != null && free(now, null)) {
      chosen = now;
    } else {
      for (Box c : candidates) {
        if (free(c, null)) {
          chosen = c;
          break;
        }
      }
    }
    if (chosen == null) {
      // nowhere free (nodes dragged close together): the spot with the least in the way
      double least = now == null ? Double.POSITIVE_INFINITY : conflicts(now);
      chosen = now;
      for (Box c : candidates) {
        double k = conflicts(c);
        if (k < least) {
          least = k;
          chosen = c;
        }
      }
    }
    if (chosen != null) {
      take(chosen);
    }
    return chosen;
  }

  /** Distance from a box to a route (0 if they touch). */
  static double beside(List<Pt> r, Box b) {
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i + 1 < r.size(); i++) {
      Pt a = r.get(i);
      Pt c = r.get(i + 1);
      double dx = Math.max(0, Math.max(Math.min(a.x(), c.x()) - b.x() - b.w(),
          b.x() - Math.max(a.x(), c.x())));
      double dy = Math.max(0, Math.max(Math.min(a.y(), c.y()) - b.y() - b.h(),
          b.y() - Math.max(a.y(), c.y())));
      best = Math.min(best, Math.hypot(dx, dy));
    }
    return best;
  }

  /** How badly {@code b} is in the way: nodes worst, then rings, labels and edges. */
  private double conflicts(Box b) {
    double k = 0;
    for (int i : nodeGrid.near(b, 1)) {
      if (b.intersects(nodes.get(i), 1)) {
        k += 100;
      }
    }
    for (int i : ringGrid.near(b, 0)) {
      double[] r = rings.get(i);
      if (Geometry.distance(b, r[0], r[1]) < r[2]) {
        k += 30;
      }
    }
    for (int i : placedGrid.near(b, 1)) {
      if (b.intersects(placed.get(i), 1)) {
        k += 20;
      }
    }
    java.util.Set<Integer> crossed = new java.util.HashSet<>();
    for (int i : segmentGrid.near(b, 1)) {
      if (segmentCrosses(i, b)) {
        crossed.add(segmentRoute.get(i));
      }
    }
    return k + 5 * crossed.size();
  }

  /** Whether {@code b} is free; {@code mine} (a placed label, or null) does not count. */
  private boolean free(Box b, Box mine) {
    for (int i : nodeGrid.near(b, 1)) {
      if (b.intersects(nodes.get(i), 1)) {
        return false;
      }
    }
    for (int i : ringGrid.near(b, 0)) {
      double[] r = rings.get(i);
      if (Geometry.distance(b, r[0], r[1]) < r[2]) {
        return false;
      }
    }
    for (int i : placedGrid.near(b, 1)) {
      Box o = placed.get(i);
      if (o != mine && b.intersects(o, 1)) {
        return false;
      }
    }
    for (int i : segmentGrid.near(b, 1)) {
      if (segmentCrosses(i, b)) {
        return false;
      }
    }
    return true;
  }

  /** Whether stretch i enters {@code b} grown by 0.75 (as {@link Geometry#crosses} tests). */
  private boolean segmentCrosses(int i, Box b) {
    double inset = -0.75;
    double x0 = b.x() + inset;
    double y0 = b.y() + inset;
    double x1 = b.x() + b.w() - inset;
    double y1 = b.y() + b.h() - inset;
    Pt[] s = segments.get(i);
    return Geometry.segmentCrosses(s[0], s[1], x0, y0, x1, y1);
  }

  /**
   * Spots around a gate, nearest first: above it (left-aligned as ELK puts it, centred,
   * right-aligned), then below, then further out in steps of {@link #STEP} up to {@link #REACH}.
   */
  private static List<Box> aroundGate(Box gate, double w) {
    double h = ElkLayout.labelHeight();
    double above = gate.y() - AutoLayout.LABEL_NODE - h;
    double below = gate.y() + gate.h() + AutoLayout.LABEL_NODE;
    List<Box> out = new ArrayList<>();
    for (double d = 0; d <= REACH; d += STEP) {
      for (double dx = 0; dx <= d; dx += STEP) {
        for (double sx : dx == 0 ? new double[] {1} : new double[] {1, -1}) {
          double shift = sx * dx;
          double lift = d - dx;
          out.add(new Box(gate.x() + shift, above - lift, w, h));
          out.add(new Box(gate.cx() - w / 2 + shift, above - lift, w, h));
          out.add(new Box(gate.x() + gate.w() - w + shift, above - lift, w, h));
          out.add(new Box(gate.x() + shift, below + lift, w, h));
          out.add(new Box(gate.cx() - w / 2 + shift, below + lift, w, h));
        }
      }
    }
    return out;
  }

  /**
   * Spots of size w × h beside a route: above, then below each horizontal stretch (the last one
   * first and ending near the head for {@code nearHead}, else the longest first, from its middle
   * out), then left and right of the vertical ones; then the same up to {@code reach} further
   * out.
   */
  private static List<Box> besideEdge(List<Pt> r, double w, double h, boolean nearHead,
      double reach) {
    List<int[]> hs = new ArrayList<>();
    List<int[]> vs = new ArrayList<>();
    for (int i = 0; i + 1 < r.size(); i++) {
      Pt a = r.get(i);
      Pt b = r.get(i + 1);
      if (Math.abs(a.y() - b.y()) < 1e-6 && Math.abs(a.x() - b.x()) > 1e-6) {
        hs.add(new int[] {i});
      } else if (Math.abs(a.x() - b.x()) < 1e-6 && Math.abs(a.y() - b.y()) > 1e-6) {
        vs.add(new int[] {i});
      }
    }
    if (nearHead) {
      java.util.Collections.reverse(hs);
    } else {
      hs.sort((u, v) -> Double.compare(len(r, v[0]), len(r, u[0])));
    }
    List<Box> out = new ArrayList<>();
    for (int[] s : hs) {
      Pt a = r.get(s[0]);
      Pt b = r.get(s[0] + 1);
      double x0 = Math.min(a.x(), b.x());
      double x1 = Math.max(a.x(), b.x());
      List<Double> xs = new ArrayList<>();
      if (nearHead) {
        for (double x = x1 - w - 6; x >= x0 - w / 2 && xs.size() < ALONG; x -= 6) {
          xs.add(x);
        }
      } else {
        double mid = (x0 + x1) / 2 - w / 2;
        xs.add(mid);
        for (double d = 6; d <= (x1 - x0) / 2 + w / 2 && xs.size() < ALONG; d += 6) {
          xs.add(mid + d);
          xs.add(mid - d);
        }
      }
      for (double off = 0; off <= reach; off += 2 * STEP) {
        for (double x : xs) {
          out.add(new Box(x, a.y() - GAP - h - off, w, h));
        }
        for (double x : xs) {
          out.add(new Box(x, a.y() + GAP + 1 + off, w, h));
        }
      }
    }
    for (int[] s : vs) {
      Pt a = r.get(s[0]);
      Pt b = r.get(s[0] + 1);
      double y0 = Math.min(a.y(), b.y());
      double y1 = Math.max(a.y(), b.y());
      List<Double> ys = new ArrayList<>();
      double mid = (y0 + y1) / 2 - h / 2;
      ys.add(mid);
      for (double d = 6; d <= (y1 - y0) / 2 && ys.size() < ALONG; d += 6) {
        ys.add(mid - d);
        ys.add(mid + d);
      }
      for (double off = 0; off <= reach; off += 2 * STEP) {
        for (double y : ys) {
          out.add(new Box(a.x() + GAP + 1 + off, y, w, h));
          out.add(new Box(a.x() - GAP - 1 - w - off, y, w, h));
        }
      }
    }
    return out;
  }

  private static double len(List<Pt> r, int i) {
    return Math.abs(r.get(i + 1).x() - r.get(i).x());
  }
}
