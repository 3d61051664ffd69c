package org.tpe.render.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tpe.model.Program;
import org.tpe.render.layout.AutoLayout;
import org.tpe.render.layout.Layout;
import org.tpe.render.layout.Layout.Pt;
import org.tpe.render.style.Style;
import org.tpe.samples.Samples;

/** The scene: the notation's fills and outlines, hit-testing, highlighting and purity. */
class SceneBuilderTest {
  private static Prim first(Element e, String tag) {
    return e.prims().stream().filter(p -> p.tag().equals(tag)).findFirst().orElseThrow();
  }

  @Test
  void initialVectorsAndOutputsAreHollowGAndXVarsFilledDifferently() {
    Program p = Samples.get("mlp-backward").program();
    Scene s = SceneBuilder.build(p, Style.DEFAULT);
    Prim.Circle u = (Prim.Circle) first(s.variable("u").orElseThrow(), "circle");
    Prim.Circle x2 = (Prim.Circle) first(s.variable("x2").orElseThrow(), "circle");
    Prim.Circle x1 = (Prim.Circle) first(s.variable("x1").orElseThrow(), "circle");
    Prim.Circle h2 = (Prim.Circle) first(s.variable("h2").orElseThrow(), "circle");
    assertEquals(Style.DEFAULT.background(), u.fill(), "initial vector is hollow");
    assertEquals(Style.DEFAULT.background(), x2.fill(), "output is hollow");
    assertEquals(Style.DEFAULT.xFill(), x1.fill());
    assertEquals(Style.DEFAULT.gFill(), h2.fill());
    assertTrue(s.variable("x2").orElseThrow().prims().stream()
        .anyMatch(q -> q.tag().equals("output-ring")), "output has a double outline");
  }

  @Test
  void greyscalePrintStillTellsGFromXVars() {
    for (Style st : List.of(Style.DEFAULT, Style.PRINT)) {
      assertTrue(Math.abs(st.gFill().luminance() - st.xFill().luminance()) >= 0.25, st.name());
    }
    for (Style st : List.of(Style.PRINT)) {
      for (var c : List.of(st.gFill(), st.xFill(), st.scalarFill(), st.ink(), st.highlight())) {
        assertTrue(c.r() == c.g() && c.g() == c.b(), "print style is grey: " + c.hex());
      }
    }
    assertNotEquals(Style.DEFAULT.gFill(), Style.DEFAULT.xFill());
  }

  @Test
  void hitTestingFindsVariablesGatesAndEdges() {
    Program p = Samples.get("mlp-backward").program();
    Layout l = AutoLayout.layout(p);
    Scene s = SceneBuilder.build(p, l, Style.DEFAULT, Highlight.NONE);
    Layout.Box x1 = l.node("v:x1");
    assertEquals(ElementId.variable("x1"), s.hit(x1.cx(), x1.cy(), 2).orElseThrow().id());
    // the corner of a circle's box is outside the circle
    assertFalse(s.hit(x1.x() + 0.5, x1.y() + 0.5, 0).map(e -> e.id().name().equals("x1"))
        .orElse(false));
    Layout.Box gate = l.node("g:x1");
    assertEquals(ElementId.instruction("x1"), s.hit(gate.cx(), gate.cy(), 0).orElseThrow().id());
    List<Pt> r = l.routes().get("m:h2");
    Pt a = r.get(0);
    Pt b = r.get(1);
    Element e = s.hit((a.x() + b.x()) / 2, (a.y() + b.y()) / 2, 3).orElseThrow();
    assertEquals(ElementId.Type.EDGE, e.id().type());
    assertEquals("matmul", e.role());
    assertEquals("x1", e.id().fromVar());
    assertEquals("h2", e.id().toVar());
    assertTrue(s.hit(s.bounds().x() + 1, s.bounds().y() + 1, 0).isEmpty(), "empty corner");
  }

  @Test
  void highlightingAPathMarksItsVectorsAndEdgesOnly() {
    Program p = Samples.get("mlp-backward").program();
    Layout l = AutoLayout.layout(p);
    Highlight h = Highlight.ofPaths(List.of(List.of("x1", "h2")));
    Scene s = SceneBuilder.build(p, l, Style.DEFAULT, h);
    Set<String> lit = new java.util.HashSet<>();
    for (Element e : s.elements()) {
      if (e.highlighted()) {
        lit.add(e.id().name());
      }
    }
    assertEquals(Set.of("x1", "h2", "m:h2"), lit);
    Prim.PathPrim edge = (Prim.PathPrim) first(
        s.elements().stream().filter(e -> e.id().name().equals("m:h2")).findFirst().orElseThrow(),
        "matmul-edge");
    assertEquals(Style.DEFAULT.highlight(), edge.pen().color());
    assertEquals(SceneBuilder.MATMUL_DASH, edge.pen().dash(), "still dashed when highlighted");
  }

  @Test
  void aStepThroughAGateLightsBothItsEdges() {
    Program p = Samples.get("mlp-backward").program();
    Scene s = SceneBuilder.build(p, AutoLayout.layout(p), Style.DEFAULT,
        Highlight.ofPaths(List.of(List.of("h2", "x2"))));
    Set<String> lit = new java.util.HashSet<>();
    s.elements().stream().filter(Element::highlighted).forEach(e -> lit.add(e.id().name()));
    assertEquals(Set.of("h2", "x2", "a:x2:h2", "r:x2"), lit); // x2 names the vector and its gate
  }

  @Test
  void sceneIsAPureFunctionOfItsInputs() {
    Program p = Samples.get("attention").program();
    Layout l = AutoLayout.layout(p);
    assertEquals(SceneBuilder.build(p, l, Style.PRINT, Highlight.NONE),
        SceneBuilder.build(p, l, Style.PRINT, Highlight.NONE));
  }

  @Test
  void anEdgeBesideANodeIsFoundByEdgeAtWhereHitGivesTheNode() {
    Program p = Samples.get("mlp-backward").program();
    Layout l = AutoLayout.layout(p);
    Scene s = SceneBuilder.build(p, l, Style.DEFAULT, Highlight.NONE);
    Element m = s.elements(ElementId.Type.EDGE).stream().filter(e -> e.id().name().equals("m:h2"))
        .findFirst().orElseThrow();
    // the MatMul edge's route starts on x1's outline: 2 units out along it, a tolerance of 3
    // reaches both the circle and the edge
    Pt a = m.route().get(0);
    Pt b = m.route().get(1);
    double len = Math.hypot(b.x() - a.x(), b.y() - a.y());
    double x = a.x() + 2 * (b.x() - a.x()) / len;
    double y = a.y() + 2 * (b.y() - a.y()) / len;
    assertEquals(ElementId.variable("x1"), s.hit(x, y, 3).orElseThrow().id());
    assertEquals(m, s.edgeAt(x, y, 3).orElseThrow());
    assertEquals(0, Scene.distance(m.route(), x, y), 1e-9);
    // on the label, however far from the route
    Prim.Text t = m.prims().stream().filter(q -> q instanceof Prim.Text).map(q -> (Prim.Text) q)
        .findFirst().orElseThrow();
    assertEquals(m, s.edgeAt(t.x() + t.width() / 2, (t.top() + t.bottom()) / 2, 0)
        .orElseThrow());
    assertTrue(s.edgeAt(s.bounds().x() + 1, s.bounds().y() + 1, 0).isEmpty(), "empty corner");
  }

  @Test
  void edgesEndOnTheCirclesOutline() {
    Program p = Samples.get("mlp-two-inputs").program();
    Layout l = AutoLayout.layout(p);
    Scene s = SceneBuilder.build(p, l, Style.DEFAULT, Highlight.NONE);
    for (Element e : s.elements(ElementId.Type.EDGE)) {
      if (!e.role().equals("matmul")) {
        continue;
      }
      Layout.Box t = l.node("v:" + e.id().toVar());
      Pt end = e.route().get(e.route().size() - 1);
      assertEquals(t.w() / 2, Math.hypot(end.x() - t.cx(), end.y() - t.cy()), 1e-6,
          "arrow tip on the outline of " + e.id().toVar());
      Layout.Box f = l.node("v:" + e.id().fromVar());
      Pt start = e.route().get(0);
      assertEquals(f.w() / 2, Math.hypot(start.x() - f.cx(), start.y() - f.cy()), 1e-6);
    }
  }
}
