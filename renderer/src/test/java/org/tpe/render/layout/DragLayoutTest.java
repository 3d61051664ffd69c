package org.tpe.render.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tpe.model.Program;
import org.tpe.render.layout.Layout.Box;
import org.tpe.render.layout.Layout.Pt;
import org.tpe.render.scene.Element;
import org.tpe.render.scene.ElementId;
import org.tpe.render.scene.Highlight;
import org.tpe.render.scene.Scene;
import org.tpe.render.scene.SceneBuilder;
import org.tpe.render.style.Style;
import org.tpe.samples.Samples;

/**
 * The drag preview: a moved variable is centred where asked with its gate beside it as before,
 * its edges follow (moved alike, or straight between the boxes), nothing else changes; and the
 * scene patched from it is the scene built from scratch on the same layout.
 */
class DragLayoutTest {
  private static final double EPS = 1e-9;
  private final Program program = Samples.get("mlp-backward").program();
  private final DiagramGraph graph = DiagramGraph.of(program);
  private final Layout layout = AutoLayout.layout(program, graph);

  private DragLayout.Moved moveX2By(double dx, double dy) {
    Box b = layout.node(DiagramGraph.varId("x2"));
    return DragLayout.moved(graph, layout, Map.of("x2", new Pt(b.cx() + dx, b.cy() + dy)));
  }

  @Test
  void theVariableIsCentredWhereAskedAndItsGateKeepsItsPlaceBesideIt() {
    DragLayout.Moved m = moveX2By(60, 40);
    Box was = layout.node("v:x2");
    Box now = m.layout().node("v:x2");
    assertEquals(was.cx() + 60, now.cx(), EPS);
    assertEquals(was.cy() + 40, now.cy(), EPS);
    Box gateWas = layout.node("g:x2");
    Box gateNow = m.layout().node("g:x2");
    assertEquals(gateWas.x() - was.x(), gateNow.x() - now.x(), EPS);
    assertEquals(gateWas.y() - was.y(), gateNow.y() - now.y(), EPS);
    assertEquals(Set.of("v:x2", "g:x2"), m.nodes());
    Box label = layout.labels().get("g:x2");
    assertEquals(label.shift(60, 40), m.layout().labels().get("g:x2"), "φ moves with its gate");
    for (String id : layout.nodes().keySet()) {
      if (!m.nodes().contains(id)) {
        assertSame(layout.nodes().get(id), m.layout().nodes().get(id), id + " stays");
      }
    }
  }

  @Test
  void anEdgeWithBothEndsMovedIsShiftedAndOneWithOneEndIsStraightBetweenTheBoxes() {
    DragLayout.Moved m = moveX2By(60, 40);
    // r:x2 runs from x2's gate to x2: both moved alike, so its route is shifted point by point
    List<Pt> was = layout.routes().get("r:x2");
    List<Pt> now = m.layout().routes().get("r:x2");
    assertEquals(was.size(), now.size());
    for (int i = 0; i < was.size(); i++) {
      assertEquals(was.get(i).x() + 60, now.get(i).x(), EPS);
      assertEquals(was.get(i).y() + 40, now.get(i).y(), EPS);
    }
    // a:x2:h2 runs from h2 (not moved) into x2's gate: a straight segment from box to box
    List<Pt> arg = m.layout().routes().get("a:x2:h2");
    assertEquals(2, arg.size());
    Box h2 = m.layout().node("v:h2");
    Box gate = m.layout().node("g:x2");
    assertOnBoundary(h2, arg.get(0));
    assertOnBoundary(gate, arg.get(1));
    // on the line through the two centres
    double cross = (arg.get(1).x() - h2.cx()) * (gate.cy() - h2.cy())
        - (arg.get(1).y() - h2.cy()) * (gate.cx() - h2.cx());
    assertEquals(0, cross, 1e-6);
    assertTrue(m.edges().containsAll(Set.of("r:x2", "a:x2:h2")), "" + m.edges());
    for (String id : layout.routes().keySet()) {
      if (!m.edges().contains(id)) {
        assertEquals(layout.routes().get(id), m.layout().routes().get(id), id + " stays");
      }
    }
  }

  private static void assertOnBoundary(Box b, Pt p) {
    double ex = Math.abs(Math.abs(p.x() - b.cx()) - b.w() / 2);
    double ey = Math.abs(Math.abs(p.y() - b.cy()) - b.h() / 2);
    assertTrue(Math.min(ex, ey) < 1e-6 && Math.abs(p.x() - b.cx()) <= b.w() / 2 + 1e-6
        && Math.abs(p.y() - b.cy()) <= b.h() / 2 + 1e-6, p + " on the outline of " + b);
  }

  @Test
  void thePatchedSceneIsTheSceneBuiltAfreshOnTheMovedLayout() {
    Highlight hl = new Highlight(Set.of("x2"), Set.of(new Highlight.Step("h2", "x2")));
    Scene before = SceneBuilder.build(program, layout, Style.DEFAULT, hl);
    DragLayout.Moved m = moveX2By(-35, 120);
    Scene patched = SceneBuilder.rebuild(before, graph, m.layout(), hl, m.nodes(), m.edges());
    Scene fresh = SceneBuilder.build(program, m.layout(), Style.DEFAULT, hl);
    assertEquals(fresh.elements(), patched.elements());
    for (Element e : patched.elements()) {
      Box b = e.bounds();
      Box all = patched.bounds();
      assertTrue(b.x() >= all.x() && b.y() >= all.y() && b.x() + b.w() <= all.x() + all.w()
          && b.y() + b.h() <= all.y() + all.h(), e.id() + " inside the bounds");
    }
    Element x2 = patched.variable("x2").orElseThrow();
    assertEquals(ElementId.variable("x2"), patched.hit(x2.bounds().cx(), x2.bounds().cy(), 0)
        .orElseThrow().id(), "hit where it is drawn now");
  }

  @Test
  void movingNothingOrAnUnknownNameChangesNothing() {
    DragLayout.Moved m = DragLayout.moved(graph, layout, Map.of("W2", new Pt(0, 0),
        "nosuch", new Pt(1, 1)));
    assertSame(layout, m.layout(), "a matrix has no node; unknown names are ignored");
    assertEquals(Set.of(), m.edges());
  }

  @Test
  void theBoundaryPointOfABoxTowardsAPoint() {
    Box b = new Box(0, 0, 20, 10); // centre (10, 5)
    assertEquals(new Pt(20, 5), DragLayout.boundary(b, 110, 5));
    assertEquals(new Pt(10, 0), DragLayout.boundary(b, 10, -50));
    // towards (30, 25): direction (20, 20); the top/bottom side is met first, at t = 5/20
    assertEquals(new Pt(15, 10), DragLayout.boundary(b, 30, 25));
    assertEquals(new Pt(10, 5), DragLayout.boundary(b, 12, 6), "a point inside: the centre");
  }
}
