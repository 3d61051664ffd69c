package org.tpe.render.layout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tpe.render.layout.DiagramGraph.EdgeKind;
import org.tpe.render.layout.Layout.Box;
import org.tpe.render.layout.Layout.Pt;

/**
 * Folds a one-row layered drawing into rows read like lines of text, so that a long chain (a deep
 * network, a residual stream, an unrolled training step) keeps a readable aspect ratio.
 *
 * <p>The flat drawing is cut by vertical lines that meet no node, no label and no vertical edge
 * segment (so every edge crosses a cut horizontally); each piece becomes a row, the rows are
 * stacked top to bottom and each keeps the flat drawing's geometry, shifted. An edge that crosses
 * from row a to a later row b leaves row a at its right end, drops into the corridor under row a,
 * runs left to the left margin, down the margin to its height in row b and enters row b from the
 * left, where its flat route resumes. Each such edge has its own lane (spaced {@link #LANE}) in
 * the right margin, the corridor and the left margin, ordered so that the edges leaving one row
 * do not cross each other. Unlike ELK's graph wrapping, rows do not share column widths, so a
 * row is as dense as the flat drawing.
 *
 * <p>{@link #best} tries 2, 3, … rows (up to {@link #MAX_ROWS}, stopping a few past the best) and
 * keeps the drawing with the largest scale at Fit in a window of {@link ElkLayout#TARGET_ASPECT}. Cost O(k · (V + E · s))
 * for k row counts, s route points per edge; no new ELK run.
 */
final class RowFolding {
  /** Distance between neighbouring wrapped edges. */
  static final double LANE = 6;
  /** Gap between a row's drawing and the first lane around it. */
  static final double GAP = 12;
  /** Most rows tried. */
  static final int MAX_ROWS = 60;

  private RowFolding() {}

  /** The fold of {@code flat} with the best scale at Fit (the flat drawing if none is better). */
  static Layout best(DiagramGraph g, Map<String, Unit> units, Layout flat) {
    Layout best = flat;
    double bestScale = ElkLayout.fitScale(flat);
    List<Double> cuts = cutCandidates(g, units, flat);
    int worse = 0;
    for (int k = 2; k <= Math.min(MAX_ROWS, cuts.size() + 1) && worse < 4; k++) {
      Layout f = fold(g, units, flat, choose(flat, cuts, k));
      if (f == null) {
        continue;
      }
      double s = ElkLayout.fitScale(f);
      if (s > bestScale * 1.0001) {
        best = f;
        bestScale = s;
        worse = 0;
      } else if (best != flat) {
        worse++; // past the best row count the scale only falls (rows outgrow the window)
      }
    }
    return best;
  }

  /** x positions where a vertical line meets no unit, label or vertical edge segment. */
  static List<Double> cutCandidates(DiagramGraph g, Map<String, Unit> units, Layout flat) {
    List<double[]> solid = new ArrayList<>();
    for (Map.Entry<String, Box> n : flat.nodes().entrySet()) {
      Unit u = units.get(Unit.unitOf(units, g, n.getKey()));
      Box local = n.getKey().equals(u.var()) ? u.varBox() : u.gateBox();
      double x0 = n.getValue().x() - local.x();
      solid.add(new double[] {x0 - 1, x0 + u.w() + 1}); // a unit is never cut
    }
    for (Box b : flat.labels().values()) {
      solid.add(new double[] {b.x() - 1, b.x() + b.w() + 1});
    }
    for (List<Pt> r : flat.routes().values()) {
      for (int i = 0; i + 1 < r.size(); i++) {
        Pt a = r.get(i);
        Pt b = r.get(i + 1);
        if (Math.abs(a.x() - b.x()) < 1e-6) {
          solid.add(new double[] {a.x() - 2, a.x() + 2});
        } else if (b.x() < a.x()) {
          solid.add(new double[] {b.x() - 2, a.x() + 2}); // a route running left: never cut
        }
      }
    }
    solid.sort(Comparator.comparingDouble(a -> a[0]));
    List<Double> out = new ArrayList<>();
    double end = Double.NEGATIVE_INFINITY;
    for (double[] s : solid) {
      if (end > Double.NEGATIVE_INFINITY && s[0] > end + 1e-6) {
        out.add(s[0] - 1e-3); // just before the next solid thing: the gap's right end
      }
      end = Math.max(end, s[1]);
    }
    return out;
  }

  /** k − 1 cuts, each the candidate nearest to an even split of the drawing's width. */
  static List<Double> choose(Layout flat, List<Double> cuts, int k) {
    Box e = ElkLayout.extent(flat);
    List<Double> out = new ArrayList<>();
    int from = 0;
    for (int i = 1; i < k; i++) {
      double target = e.x() + e.w() * i / k;
      int best = -1;
      for (int j = from; j < cuts.size(); j++) {
        if (best < 0 || Math.abs(cuts.get(j) - target) < Math.abs(cuts.get(best) - target)) {
          best = j;
        }
      }
      if (best < 0) {
        break;
      }
      out.add(cuts.get(best));
      from = best + 1;
    }
    return out;
  }

  private static int rowOf(List<Double> cuts, double x) {
    int r = 0;
    while (r < cuts.size() && x >= cuts.get(r)) {
      r++;
    }
    return r;
  }

  /** The y at which a left-to-right route crosses x (NaN if it does not cross horizontally). */
  private static double crossing(List<Pt> r, double x) {
    for (int i = 0; i + 1 < r.size(); i++) {
      Pt a = r.get(i);
      Pt b = r.get(i + 1);
      if (Math.min(a.x(), b.x()) <= x && x <= Math.max(a.x(), b.x())) {
        return Math.abs(a.y() - b.y()) < 1e-6 ? a.y() : Double.NaN;
      }
    }
    return Double.NaN;
  }

  /** The part of a route with x in [lo, hi], cut at those lines. */
  private static List<Pt> clip(List<Pt> r, double lo, double hi) {
    List<Pt> out = new ArrayList<>();
    for (int i = 0; i + 1 < r.size(); i++) {
      Pt a = r.get(i);
      Pt b = r.get(i + 1);
      double ax = Math.max(lo, Math.min(hi, a.x()));
      double bx = Math.max(lo, Math.min(hi, b.x()));
      boolean in = Math.max(a.x(), b.x()) >= lo && Math.min(a.x(), b.x()) <= hi;
      if (!in) {
        continue;
      }
      Pt p = new Pt(ax, a.y());
      Pt q = new Pt(bx, b.y());
      if (out.isEmpty() || !out.get(out.size() - 1).equals(p)) {
        out.add(p);
      }
      out.add(q);
    }
    return out;
  }

  /** An edge that changes rows: its rows, where it crosses the cuts, and its lanes. */
  private static final class Wrapped {
    final String id;
    final int from;
    final int to;
    final double exitY;
    final double entryY;
    int outLane;
    int corridorLane;
    int leftLane;

    Wrapped(String id, int from, int to, double exitY, double entryY) {
      this.id = id;
      this.from = from;
      this.to = to;
      this.exitY = exitY;
      this.entryY = entryY;
    }
  }

  /** The flat drawing folded at {@code cuts}; null when an edge cannot be folded (runs left). */
  static Layout fold(DiagramGraph g, Map<String, Unit> units, Layout flat, List<Double> cuts) {
    int rows = cuts.size() + 1;
    Box e = ElkLayout.extent(flat);
    double[] lo = new double[rows];
    double[] hi = new double[rows];
    for (int r = 0; r < rows; r++) {
      lo[r] = r == 0 ? e.x() : cuts.get(r - 1);
      hi[r] = r == rows - 1 ? e.x() + e.w() : cuts.get(r);
    }
    // the unit of every node, the row of every unit
    Map<String, Integer> rowOfNode = new LinkedHashMap<>();
    for (Map.Entry<String, Box> n : flat.nodes().entrySet()) {
      String u = Unit.unitOf(units, g, n.getKey());
      Box ub = flat.node(units.get(u).var() != null ? units.get(u).var() : units.get(u).gate());
      rowOfNode.put(n.getKey(), rowOf(cuts, ub.x()));
    }
    double[] top = new double[rows];
    double[] bottom = new double[rows];
    java.util.Arrays.fill(top, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(bottom, Double.NEGATIVE_INFINITY);
    for (Map.Entry<String, Box> n : flat.nodes().entrySet()) {
      int r = rowOfNode.get(n.getKey());
      top[r] = Math.min(top[r], n.getValue().y());
      bottom[r] = Math.max(bottom[r], n.getValue().y() + n.getValue().h());
    }
    for (Box b : flat.labels().values()) {
      int r = rowOf(cuts, b.x());
      top[r] = Math.min(top[r], b.y());
      bottom[r] = Math.max(bottom[r], b.y() + b.h());
    }
    List<Wrapped> wrapped = new ArrayList<>();
    Map<String, Wrapped> wrappedById = new LinkedHashMap<>();
    Map<String, Integer> intra = new LinkedHashMap<>();
    for (DiagramGraph.Edge de : g.edges()) {
      List<Pt> rt = flat.routes().get(de.id());
      if (rt == null) {
        continue;
      }
      int a = rowOfNode.get(de.source());
      int b = rowOfNode.get(de.target());
      if (b < a) {
        return null;
      }
      for (int r = a; r <= b; r++) {
        if (r != a && r != b) {
          continue;
        }
        for (Pt p : clip(rt, lo[r], hi[r])) {
          top[r] = Math.min(top[r], p.y());
          bottom[r] = Math.max(bottom[r], p.y());
        }
      }
      if (a == b) {
        intra.put(de.id(), a);
        continue;
      }
      double exit = crossing(rt, hi[a]);
      double entry = crossing(rt, lo[b]);
      if (Double.isNaN(exit) || Double.isNaN(entry) || de.kind() == EdgeKind.RESULT) {
        return null;
      }
      Wrapped w = new Wrapped(de.id(), a, b, exit, entry);
      wrapped.add(w);
      wrappedById.put(w.id, w);
    }
    for (int r = 0; r < rows; r++) {
      if (top[r] > bottom[r]) {
        top[r] = bottom[r] = 0; // an empty row (cannot happen with cuts between nodes)
      }
    }
    // lanes: edges leaving a row, top exit outermost on the right and lowest in the corridor
    int[] leaving = new int[rows];
    for (int r = 0; r < rows; r++) {
      final int row = r;
      List<Wrapped> out = wrapped.stream().filter(w -> w.from == row)
          .sorted(Comparator.comparingDouble((Wrapped w) -> w.exitY).thenComparing(w -> w.id))
          .toList();
      for (int i = 0; i < out.size(); i++) {
        out.get(i).outLane = out.size() - 1 - i;
        out.get(i).corridorLane = out.size() - 1 - i;
      }
      leaving[r] = out.size();
    }
    // row positions: each row under the corridor of the one above
    double[] dy = new double[rows];
    double y = top[0];
    for (int r = 0; r < rows; r++) {
      dy[r] = y - top[r];
      y = bottom[r] + dy[r] + (leaving[r] == 0 ? GAP : 2 * GAP + (leaving[r] - 1) * LANE);
    }
    // left margin: interval partitioning over the vertical stretch each wrapped edge uses
    List<Wrapped> byStart = new ArrayList<>(wrapped);
    // (top exits of a row take the inner lanes: then the edges leaving one row do not cross)
    byStart.sort(Comparator.comparingInt((Wrapped w) -> w.from).thenComparingDouble(w -> w.exitY));
    List<Double> laneEnds = new ArrayList<>();
    for (Wrapped w : byStart) {
      double s = corridorY(w, bottom, dy);
      double t = w.entryY + dy[w.to];
      int lane = -1;
      for (int i = 0; i < laneEnds.size(); i++) {
        if (laneEnds.get(i) < s - LANE / 2) {
          lane = i;
          break;
        }
      }
      if (lane < 0) {
        lane = laneEnds.size();
        laneEnds.add(0.0);
      }
      laneEnds.set(lane, t);
      w.leftLane = lane;
    }
    double margin = laneEnds.isEmpty() ? 0 : GAP + (laneEnds.size() - 1) * LANE + GAP;
    double[] dx = new double[rows];
    for (int r = 0; r < rows; r++) {
      dx[r] = e.x() + margin - lo[r];
    }
    // place everything
    Map<String, Box> nodes = new LinkedHashMap<>();
    flat.nodes().forEach((id, b) -> {
      int r = rowOfNode.get(id);
      nodes.put(id, b.shift(dx[r], dy[r]));
    });
    Map<String, List<Pt>> routes = new LinkedHashMap<>();
    Map<String, Box> labels = new LinkedHashMap<>();
    for (DiagramGraph.Edge de : g.edges()) {
      List<Pt> rt = flat.routes().get(de.id());
      if (rt == null) {
        continue;
      }
      Integer r = intra.get(de.id());
      if (r != null) {
        routes.put(de.id(), shift(rt, dx[r], dy[r]));
      }
    }
    double left = e.x();
    for (Wrapped w : wrapped) {
      List<Pt> rt = flat.routes().get(w.id);
      List<Pt> pts = new ArrayList<>(shift(clip(rt, lo[w.from], hi[w.from]), dx[w.from],
          dy[w.from]));
      double rowRight = hi[w.from] + dx[w.from];
      double outX = rowRight + GAP + w.outLane * LANE;
      double cy = corridorY(w, bottom, dy);
      double leftX = left + margin - GAP - w.leftLane * LANE;
      double entry = w.entryY + dy[w.to];
      pts.add(new Pt(outX, w.exitY + dy[w.from]));
      pts.add(new Pt(outX, cy));
      pts.add(new Pt(leftX, cy));
      pts.add(new Pt(leftX, entry));
      pts.addAll(shift(clip(rt, lo[w.to], hi[w.to]), dx[w.to], dy[w.to]));
      routes.put(w.id, ElkLayout.simplify(pts));
    }
    // labels ride with the row they are in, if their edge is drawn there
    flat.labels().forEach((id, b) -> {
      int r = rowOf(cuts, b.x());
      boolean gate = flat.nodes().containsKey(id);
      Wrapped w = wrappedById.get(id);
      if (gate || intra.containsKey(id) || w != null && (r == w.from || r == w.to)) {
        labels.put(id, b.shift(dx[r], dy[r]));
      }
    });
    return new Layout(nodes, routes, labels, flat.fixed());
  }

  private static double corridorY(Wrapped w, double[] bottom, double[] dy) {
    return bottom[w.from] + dy[w.from] + GAP + w.corridorLane * LANE;
  }

  private static List<Pt> shift(List<Pt> r, double dx, double dy) {
    List<Pt> out = new ArrayList<>();
    for (Pt p : r) {
      out.add(new Pt(p.x() + dx, p.y() + dy));
    }
    return out;
  }
}
