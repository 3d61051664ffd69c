package org.tpe.render.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tpe.format.TpParser;
import org.tpe.model.Instruction;
import org.tpe.model.Point;
import org.tpe.model.Program;
import org.tpe.render.layout.Layout.Box;
import org.tpe.samples.Samples;

/**
 * What the editor does to a drawing: it saves every node's position (rounded to 0.1), then edits
 * the program. An edit that moves nothing (changing φ) must not move gates nor turn routed edges
 * into diagonals; a node dropped where another one is (a second MatMul by the same matrix, a node
 * typed without a position) goes where nothing is; a node the user dragged keeps its place and
 * its edges are routed around the others.
 */
class EditStabilityTest {
  /** The program with every vector and scalar at its drawn centre, as the editor saves it. */
  static Program saved(Program p, Layout l, double round) {
    Map<String, Point> at = new LinkedHashMap<>();
    for (String v : p.names(org.tpe.model.VarKind.G, org.tpe.model.VarKind.X,
        org.tpe.model.VarKind.SCALAR)) {
      Box b = l.node(DiagramGraph.varId(v));
      at.put(v, new Point(Math.round(b.cx() / round) * round, Math.round(b.cy() / round)
          * round));
    }
    return p.withLayout(at);
  }

  private static Instruction nonlin(String line, String... inputs) {
    StringBuilder sb = new StringBuilder();
    for (String in : inputs) {
      sb.append("input ").append(in).append(" : G(n)\n");
    }
    return TpParser.parse(sb + line + "\n").instructions().get(0);
  }

  private static void assertReadable(Program p, String what) {
    DiagramGraph g = DiagramGraph.of(p);
    List<String> bad = Readability.geometry(p, g, AutoLayout.layout(p, g));
    assertEquals(List.of(), bad.subList(0, Math.min(10, bad.size())), what);
  }

  @ParameterizedTest(name = "positions rounded to {0}")
  @ValueSource(doubles = {1e-9, 0.1})
  void changingPhiMovesNoGateAndKeepsEdgesOrthogonal(double round) {
    Program p0 = Samples.get("mlp-backward").program();
    Layout l0 = AutoLayout.layout(p0);
    Program before = saved(p0, l0, round);
    // a much longer label on x2's gate: the automatic layout of the new program is wider
    Instruction wide = nonlin("x2 := h2 * sigmoid(h2) + tanh(h2) / (1 + h2 * h2)", "h2");
    Program after = before.mapInstructions(i -> i.target().equals("x2") ? wide : i);
    assertTrue(after.instructions().contains(wide));
    Layout l1 = AutoLayout.layout(after);
    for (String id : l0.nodes().keySet()) {
      if (id.startsWith("g:")) {
        Box a = l0.node(id);
        Box b = l1.node(id);
        assertEquals(a.x(), b.x(), round + 1e-6, id + " moved: " + a + " → " + b);
        assertEquals(a.y(), b.y(), round + 1e-6, id + " moved: " + a + " → " + b);
      }
    }
    assertReadable(after, "after changing φ");
  }

  @Test
  void aSecondMatMulBySameMatrixIsNotDrawnOnTopOfTheFirst() {
    // the editor puts a new MatMul one column right of the matrix tile: twice the same spot
    Program p = TpParser.parse("""
        input W : A(n, n)
        input a : G(n)   @at(60, 60)
        input b : G(n)   @at(60, 160)
        x := relu(a)     @at(160, 60)
        y := relu(b)     @at(160, 160)
        h1 := W x        @at(320, 110)
        h2 := W y        @at(320, 110)
        output h1, h2
        """);
    Layout l = AutoLayout.layout(p);
    Box h1 = l.node("v:h1");
    Box h2 = l.node("v:h2");
    assertFalse(h1.intersects(h2, 4), "h2 " + h2 + " lies on h1 " + h1);
    assertEquals(320, h1.cx(), 1e-9, "the first keeps its place");
    assertEquals(110, h1.cy(), 1e-9);
    assertReadable(p, "two MatMuls by W");
  }

  @Test
  void aNodeTypedWithoutPositionGoesWhereNothingIs() {
    Program p0 = Samples.get("mlp-backward").program();
    Layout l0 = AutoLayout.layout(p0);
    Program before = saved(p0, l0, 0.1);
    Program.Builder b = before.toBuilder();
    b.instructions().add(nonlin("z := tanh(dh1)", "dh1"));
    b.instructions().add(nonlin("z2 := relu(z) * x2", "z", "x2"));
    Program after = b.build();
    Layout l1 = AutoLayout.layout(after);
    for (String v : before.layout().keySet()) {
      Box was = l0.node(DiagramGraph.varId(v));
      Box now = l1.node(DiagramGraph.varId(v));
      assertEquals(was.cx(), now.cx(), 0.1, v + " stays");
      assertEquals(was.cy(), now.cy(), 0.1, v + " stays");
    }
    assertReadable(after, "after adding z and z2");
  }

  @Test
  void aDraggedNodeKeepsItsPlaceAndItsEdgesGoAroundTheOthers() {
    Program p0 = Samples.get("mlp-two-inputs").program();
    Program before = saved(p0, AutoLayout.layout(p0), 0.1);
    Map<String, Point> at = new LinkedHashMap<>(before.layout());
    Point h2 = at.get("h2");
    double top = at.values().stream().mapToDouble(Point::y).min().orElseThrow();
    Point to = new Point(h2.x() + 5, top - 70); // above the drawing, where nothing is
    at.put("h2", to);
    Program after = before.withLayout(at);
    Layout l = AutoLayout.layout(after);
    assertEquals(to.x(), l.node("v:h2").cx(), 1e-9);
    assertEquals(to.y(), l.node("v:h2").cy(), 1e-9);
    assertReadable(after, "after dragging h2");
  }

  @Test
  void aNodeDraggedOntoAnotherGivesWayAndTheOtherStays() {
    Program p0 = Samples.get("mlp-two-inputs").program();
    Program before = saved(p0, AutoLayout.layout(p0), 0.1);
    Map<String, Point> at = new LinkedHashMap<>(before.layout());
    Point x2 = at.get("x2");
    at.put("h2", new Point(x2.x() + 3, x2.y() + 2)); // h2 comes before x2 in the program
    Program after = before.withLayout(at);
    Layout l = AutoLayout.layout(after);
    assertEquals(x2.x(), l.node("v:x2").cx(), 0.1, "the node that was there stays");
    assertEquals(x2.y(), l.node("v:x2").cy(), 0.1);
    Box h2 = l.node("v:h2");
    assertFalse(h2.intersects(l.node("v:x2"), 4), "h2 " + h2 + " is not on x2");
    assertTrue(Math.hypot(h2.cx() - x2.x(), h2.cy() - x2.y()) < 80, "h2 lands near the drop: "
        + h2);
    assertReadable(after, "after dropping h2 on x2");
  }

  @Test
  void aDrawingWhoseEveryNodeWasPlacedByHandIsRoutedAroundItsNodes() {
    Program p = TpParser.parse("""
        input W : A(n, n)
        input u : G(n)  @at(300, 40)
        x := relu(u)    @at(60, 200)
        h := W x        @at(300, 200)
        y := relu(h)    @at(180, 120)
        output y
        """);
    Layout l = AutoLayout.layout(p);
    assertEquals(new Point(300, 40), new Point(l.node("v:u").cx(), l.node("v:u").cy()));
    assertEquals(new Point(180, 120), new Point(l.node("v:y").cx(), l.node("v:y").cy()));
    assertReadable(p, "hand-placed nodes");
  }

  @ParameterizedTest(name = "random program {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
  void nodesDraggedAnywhereStayReadable(int seed) {
    // a third of the nodes dragged up to 90 units in a random direction, some onto others
    Program p0 = GeneratedPrograms.random(seed, 14 + 3 * seed);
    Program before = saved(p0, AutoLayout.layout(p0), 0.1);
    java.util.Random r = new java.util.Random(seed);
    Map<String, Point> at = new LinkedHashMap<>(before.layout());
    for (Map.Entry<String, Point> e : at.entrySet()) {
      if (r.nextInt(3) == 0) {
        e.setValue(new Point(e.getValue().x() + (r.nextDouble() - 0.5) * 180,
            e.getValue().y() + (r.nextDouble() - 0.5) * 180));
      }
    }
    assertReadable(before.withLayout(at), "seed " + seed);
  }
}
