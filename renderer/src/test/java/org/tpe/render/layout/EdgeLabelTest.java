package org.tpe.render.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tpe.format.TpParser;
import org.tpe.model.Program;
import org.tpe.render.layout.Layout.Box;
import org.tpe.render.layout.Layout.Pt;
import org.tpe.render.scene.Element;
import org.tpe.render.scene.ElementId;
import org.tpe.render.scene.Scene;
import org.tpe.samples.Samples;

/**
 * Edge labels sit at the edge they label: a LinComb coefficient beside its own argument edge,
 * nearer to it than to any other edge (several coefficients meet at one ⊕); a
 * matrix tile (what the editor drags vectors onto) beside one of its MatMul edges and clear of
 * everything else.
 */
class EdgeLabelTest {
  static Stream<Arguments> linCombs() {
    return Stream.of(
        Arguments.of("three terms", TpParser.parse("""
            input a : G(n)
            input b : G(n)
            input c : G(n)
            h := 2*a + b - 0.5*c
            output h
            """)),
        Arguments.of("a residual stream", TpParser.parse("""
            input W : A(n, n)
            input h0 : G(n)
            input u : G(n)
            x0 := relu(h0)
            g1 := W x0
            h1 := 0.5*h0 + 3*g1 - 0.25*u
            x1 := relu(h1)
            g2 := W x1
            h2 := -h1 + 1.5*g2 + 2*u
            output h2
            """)),
        Arguments.of("cross-coupled streams", TpParser.parse(LayoutBenchmark.program(40))));
  }

  /** Distance from a box to a polyline: the smallest over the box's outline, sampled finely. */
  static double distance(List<Pt> route, Box b) {
    double best = Double.POSITIVE_INFINITY;
    for (int k = 0; k <= 40; k++) {
      double t = k / 40.0;
      best = Math.min(best, Math.min(
          Math.min(Scene.distance(route, b.x() + t * b.w(), b.y()),
              Scene.distance(route, b.x() + t * b.w(), b.y() + b.h())),
          Math.min(Scene.distance(route, b.x(), b.y() + t * b.h()),
              Scene.distance(route, b.x() + b.w(), b.y() + t * b.h()))));
    }
    return best;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("linCombs")
  void aCoefficientSitsBesideItsOwnEdgeAndNearerToItThanToAnyOther(String name, Program p) {
    Scene s = Readability.scene(p, AutoLayout.layout(p));
    List<Element> edges = s.elements(ElementId.Type.EDGE);
    int seen = 0;
    for (Readability.Label lb : Readability.labels(s)) {
      if (!lb.owner().startsWith("a:")) {
        continue; // matrices and gate labels
      }
      seen++;
      Element own = edges.stream().filter(e -> e.id().name().equals(lb.owner())).findFirst()
          .orElseThrow();
      double mine = distance(own.route(), lb.box());
      assertTrue(mine <= 5, lb.owner() + "'s coefficient is " + mine + " from its edge");
      for (Element e : edges) {
        if (e != own) {
          double other = distance(e.route(), lb.box());
          assertTrue(other > mine + 1, lb.owner() + "'s coefficient is as near to " + e.id().name()
              + " (" + other + ") as to its own edge (" + mine + ")");
        }
      }
    }
    assertTrue(seen >= 2, "coefficients drawn: " + seen);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tileCases")
  void aMatrixTileSitsBesideOneOfItsMatMulsAndOnNothingElse(String name, Program p) {
    DiagramGraph g = DiagramGraph.of(p);
    Layout l = AutoLayout.layout(p, g);
    Scene s = Readability.scene(p, l);
    assertEquals(g.edges().stream().filter(e -> e.kind() == DiagramGraph.EdgeKind.MATMUL)
        .map(e -> ((org.tpe.model.MatMul) p.definition(e.toVar())).matrix()).distinct().sorted()
        .toList(), l.tiles().keySet().stream().sorted().toList(), "a tile for every matrix in use");
    List<Readability.Label> labels = Readability.labels(s);
    for (var t : l.tiles().entrySet()) {
      Box tile = t.getValue();
      double nearestOwn = Double.POSITIVE_INFINITY;
      for (Element e : s.elements(ElementId.Type.EDGE)) {
        boolean own = e.role().equals("matmul")
            && ((org.tpe.model.MatMul) p.definition(e.id().toVar())).matrix().equals(t.getKey());
        if (own) {
          nearestOwn = Math.min(nearestOwn, distance(e.route(), tile));
        }
        assertFalse(AutoLayoutTest.crosses(e.route(), tile, 0.5),
            t.getKey() + "'s tile lies on edge " + e.id().name());
      }
      assertTrue(nearestOwn <= 24, t.getKey() + "'s tile is " + nearestOwn
          + " from its nearest MatMul edge");
      l.nodes().forEach((id, b) -> assertFalse(b.intersects(tile, 2),
          t.getKey() + "'s tile overlaps node " + id));
      for (Readability.Label lb : labels) {
        // a tile may frame the label of its own matrix (dense drawings leave no room beside it)
        boolean own = lb.owner().startsWith("m:") && ((org.tpe.model.MatMul) p.definition(
            lb.owner().substring(2))).matrix().equals(t.getKey());
        assertTrue(own || !lb.box().intersects(tile, 1), t.getKey()
            + "'s tile overlaps the label of " + lb.owner());
      }
      l.nodes().forEach((id, b) -> {
        DiagramGraph.Node n = g.nodes().get(id);
        if (n.kind() == DiagramGraph.NodeKind.VECTOR) {
          assertTrue(Readability.distance(tile, b.cx(), b.cy()) >= b.w() / 2
              + AutoLayout.RING_CLEARANCE - 0.5, t.getKey() + "'s tile is in " + id
              + "'s selection ring");
        }
      });
      for (var u : l.tiles().entrySet()) {
        assertTrue(u.getKey().equals(t.getKey()) || !u.getValue().intersects(tile, 1),
            t.getKey() + "'s tile overlaps " + u.getKey() + "'s");
      }
    }
  }

  static Stream<Arguments> tileCases() {
    return Stream.concat(Samples.all().stream().map(s -> Arguments.of(s.name(), s.program())),
        Stream.of(Arguments.of("cross-coupled streams",
            TpParser.parse(LayoutBenchmark.program(40)))));
  }
}
