package org.tpe.render.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tpe.format.TpParser;
import org.tpe.model.Point;
import org.tpe.model.Program;
import org.tpe.render.layout.Layout.Box;
import org.tpe.render.layout.Layout.Pt;
import org.tpe.samples.Samples;

/**
 * Readability of the automatic layout on every sample: nodes and labels never overlap, no edge runs
 * through a node it does not connect, computation flows left to right with the initial variables
 * in the first column, and positions the user fixed are kept.
 */
class AutoLayoutTest {
  static Stream<Samples.Sample> samples() {
    return Samples.all().stream();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void nodesAndLabelsDoNotOverlap(Samples.Sample sample) {
    Program p = sample.program();
    Layout l = AutoLayout.layout(p);
    List<Map.Entry<String, Box>> boxes = new ArrayList<>(l.nodes().entrySet());
    l.labels().forEach((k, v) -> boxes.add(Map.entry("label " + k, v)));
    for (int i = 0; i < boxes.size(); i++) {
      for (int j = i + 1; j < boxes.size(); j++) {
        assertFalse(boxes.get(i).getValue().intersects(boxes.get(j).getValue(), -0.5),
            boxes.get(i).getKey() + " overlaps " + boxes.get(j).getKey());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("samples")
  void edgesGoAroundNodesAndLabels(Samples.Sample sample) {
    Program p = sample.program();
    DiagramGraph g = DiagramGraph.of(p);
    Layout l = AutoLayout.layout(p, g);
    for (DiagramGraph.Edge e : g.edges()) {
      List<Pt> r = l.routes().get(e.id());
      assertTrue(r != null && r.size() >= 2, "route of " + e.id());
      l.nodes().forEach((id, b) -> {
        if (id.equals(e.source()) || id.equals(e.target())) {
          return;
        }
        assertFalse(crosses(r, b, 1.0), e.id() + " runs through node " + id);
      });
      l.labels().forEach((id, b) -> {
        if (id.equals(e.id()) || id.equals(e.source()) || id.equals(e.target())) {
          return;
        }
        assertFalse(crosses(r, b, 1.0), e.id() + " runs through the label of " + id);
      });
    }
  }

  /** Whether a polyline enters box {@code b} shrunk by {@code inset} (orthogonal or not). */
  static boolean crosses(List<Pt> route, Box b, double inset) {
    double x0 = b.x() + inset;
    double y0 = b.y() + inset;
    double x1 = b.x() + b.w() - inset;
    double y1 = b.y() + b.h() - inset;
    for (int i = 0; i + 1 < route.size(); i++) {
      Pt a = route.get(i);
      Pt c = route.get(i + 1);
      if (Math.max(a.x(), c.x()) <= x0 || Math.min(a.x(), c.x()) >= x1
          || Math.max(a.y(), c.y()) <= y0 || Math.min(a.y(), c.y()) >= y1) {
        continue; // the segment's bounding box misses the box
      }
      // sample the segment finely: boxes are at least a few units wide
      int n = (int) Math.ceil(Math.hypot(c.x() - a.x(), c.y() - a.y())) + 1;
      for (int k = 0; k <= n; k++) {
        double t = k / (double) n;
        double x = a.x() + t * (c.x() - a.x());
        double y = a.y() + t * (c.y() - a.y());
        if (x > x0 && x < x1 && y > y0 && y < y1) {
          return true;
        }
      }
    }
    return false;
  }

  @ParameterizedTest
  @MethodSource("samples")
  void computationReadsLeftToRightRowByRow(Samples.Sample sample) {
    Program p = sample.program();
    DiagramGraph g = DiagramGraph.of(p);
    Layout l = AutoLayout.layout(p, g);
    for (DiagramGraph.Edge e : g.edges()) {
      Box s = l.node(e.source());
      Box t = l.node(e.target());
      // within a row an edge goes right; a long program folds into rows read top to bottom
      assertTrue(s.cx() < t.cx() || t.y() >= s.y() + s.h(), e.id() + " goes backwards");
    }
    for (DiagramGraph.Node n : g.nodes().values()) {
      if (n.initial() && n.kind() == DiagramGraph.NodeKind.VECTOR) {
        Box v = l.node(n.id());
        l.nodes().forEach((id, b) -> assertTrue(b.x() + b.w() > v.x(), id + " lies left of "
            + n.id() + ": initial vectors are in the first column"));
      }
    }
  }

  @Test
  void outputsAreAtTheRightEdge() {
    Program p = Samples.get("mlp-two-inputs").program();
    DiagramGraph g = DiagramGraph.of(p);
    Layout l = AutoLayout.layout(p, g);
    for (String o : p.outputs()) {
      Box v = l.node(DiagramGraph.varId(o));
      l.nodes().forEach((id, b) -> assertTrue(b.x() < v.x() + v.w(), id + " lies right of the"
          + " output " + o));
    }
  }

  @Test
  void fixedPositionsAreKeptAndTheirEdgesFollow() {
    Program p = TpParser.parse("""
        input W : A(n, n)
        input u : G(n)
        x := relu(u)
        h := W x      @at(400, 300)
        output h
        """);
    Layout l = AutoLayout.layout(p);
    Box h = l.node("v:h");
    assertEquals(400, h.cx(), 1e-9);
    assertEquals(300, h.cy(), 1e-9);
    assertEquals(java.util.Set.of("v:h"), l.fixed());
    List<Pt> r = l.routes().get("m:h");
    Pt end = r.get(r.size() - 1);
    assertTrue(Math.abs(end.x() - h.x()) < 1e-6 || Math.abs(end.y() - h.y()) < 1e-6
        || Math.abs(end.x() - h.x() - h.w()) < 1e-6 || Math.abs(end.y() - h.y() - h.h()) < 1e-6,
        "the MatMul edge now ends on h's box: " + end);
    Layout auto = AutoLayout.layout(p.withLayout(Map.of()));
    assertEquals(auto.node("v:u"), l.node("v:u"), "unfixed nodes keep the automatic position");
  }

  @Test
  void everyNodeFixedKeepsTheUsersDrawing() {
    Program p = TpParser.parse("""
        input W : A(n, n)
        input u : G(n)  @at(10, 10)
        x := relu(u)    @at(100, 200)
        h := W x        @at(50, 400)
        output h
        """);
    Layout l = AutoLayout.layout(p);
    assertEquals(new Point(10, 10), center(l.node("v:u")));
    assertEquals(new Point(100, 200), center(l.node("v:x")));
    assertEquals(new Point(50, 400), center(l.node("v:h")));
    Box gate = l.node("g:x");
    assertTrue(gate.x() + gate.w() < l.node("v:x").x(), "the gate sits left of its result");
  }

  private static Point center(Box b) {
    return new Point(b.cx(), b.cy());
  }

  @Test
  void positionsEqualToTheAutomaticOnesKeepTheRoutedLayout() {
    Program p = Samples.get("mlp-backward").program();
    Layout auto = AutoLayout.layout(p);
    java.util.Map<String, Point> all = new java.util.LinkedHashMap<>();
    for (String v : p.vectors()) {
      Box b = auto.node(DiagramGraph.varId(v));
      all.put(v, new Point(b.cx() + 0.2, b.cy() - 0.2)); // as saved by the editor, rounded
    }
    assertEquals(auto, AutoLayout.layout(p.withLayout(all)), "nothing moved, nothing pinned");
    Box x1 = auto.node("v:x1");
    all.put("x1", new Point(x1.cx(), x1.cy() + 40));
    Layout moved = AutoLayout.layout(p.withLayout(all));
    assertEquals(java.util.Set.of("v:x1"), moved.fixed());
    assertEquals(auto.routes().get("m:dx1"), moved.routes().get("m:dx1"), "far edges keep routes");
    List<Pt> r = moved.routes().get("m:h2");
    for (int i = 0; i + 1 < r.size(); i++) {
      assertTrue(r.get(i).x() == r.get(i + 1).x() || r.get(i).y() == r.get(i + 1).y(),
          "x1's MatMul is routed orthogonally: " + r);
    }
  }

  @Test
  void layoutIsDeterministic() {
    Program p = Samples.get("attention").program();
    assertEquals(AutoLayout.layout(p), AutoLayout.layout(p));
  }

  @Test
  void illFormedProgramsStillLayOut() {
    // undefined name, a matrix used as a vector, a redefinition: drawn as far as they make sense
    Program p = TpParser.parse("""
        input W : A(n, n)
        input u : G(n)
        x := relu(u) + zz
        h := W x
        y := tanh(W)
        h := W u
        output h
        """);
    Layout l = AutoLayout.layout(p);
    assertTrue(l.nodes().containsKey("v:h"));
    assertFalse(l.nodes().containsKey("v:W"));
  }
}
