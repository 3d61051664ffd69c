package org.tpe.app.editor.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tpe.model.Program;
import org.tpe.render.layout.Layout.Pt;
import org.tpe.render.scene.Element;
import org.tpe.render.scene.ElementId;
import org.tpe.render.scene.Highlight;
import org.tpe.render.scene.Prim;
import org.tpe.render.scene.Scene;
import org.tpe.samples.Samples;

/**
 * The hover card's MatMul edge is found where the renderer's scene draws it: along its route,
 * wherever no node, tile or other edge is near, and on its matrix label the edge is hit, also
 * within the tolerance of it but not farther off; a node is a node, not an edge; empty space hits
 * nothing.
 */
class MatMulEdgeHitTest {
  private static final double TOL = DiagramGeometry.TOLERANCE_PX;
  private final GeometryWorker worker = new GeometryWorker(g -> { });

  @AfterEach
  void close() {
    worker.close();
  }

  /** The point at fraction {@code f} of a polyline's length, and its segment's unit normal. */
  private static double[] along(List<Pt> r, double f) {
    double total = 0;
    for (int i = 0; i + 1 < r.size(); i++) {
      total += Math.hypot(r.get(i + 1).x() - r.get(i).x(), r.get(i + 1).y() - r.get(i).y());
    }
    double left = total * f;
    for (int i = 0; i + 1 < r.size(); i++) {
      Pt a = r.get(i);
      Pt b = r.get(i + 1);
      double len = Math.hypot(b.x() - a.x(), b.y() - a.y());
      if (len >= left && len > 0) {
        double ux = (b.x() - a.x()) / len;
        double uy = (b.y() - a.y()) / len;
        return new double[] {a.x() + ux * left, a.y() + uy * left, -uy, ux};
      }
      left -= len;
    }
    throw new AssertionError("empty route");
  }

  /** Whether (x, y) is within {@code d} of an edge other than {@code e}. */
  private static boolean nearOther(Scene s, Element e, double x, double y, double d) {
    return s.elements(ElementId.Type.EDGE).stream().anyMatch(o -> o != e
        && Scene.distance(o.route(), x, y) <= d);
  }

  @ParameterizedTest
  @ValueSource(strings = {"wwt-v", "mlp-backward", "resnet"})
  void everyMatMulEdgeIsHitOnItsRouteAndItsLabel(String sample) {
    Program p = Samples.get(sample).program();
    DiagramGeometry g = worker.build(new GeometryWorker.Request(1, p, Highlight.NONE));
    Scene s = g.scene();
    int edges = 0;
    for (Element e : s.elements(ElementId.Type.EDGE)) {
      if (!e.role().equals("matmul")) {
        continue;
      }
      edges++;
      String h = e.id().toVar();
      // the route where it is not inside a node or tile and no other edge is within reach: there
      // the edge is hit, on it and within the tolerance of it, and not farther off (a tile may
      // sit within the tolerance beside it: resnet's W1 runs 2 units above x0 → g1)
      int free = 0;
      for (double f = 0.05; f < 0.96; f += 0.05) {
        double[] m = along(e.route(), f);
        if (g.hit(m[0], m[1], 0) != null || g.hit(m[0] + m[2] * TOL * 0.9, m[1] + m[3] * TOL
            * 0.9, 0) != null || nearOther(s, e, m[0], m[1], 2 * TOL + 8)) {
          continue;
        }
        free++;
        assertEquals(h, g.matMulAt(m[0], m[1], TOL), sample + ": on " + h + "'s edge at " + f);
        assertEquals(h, g.matMulAt(m[0] + m[2] * TOL * 0.9, m[1] + m[3] * TOL * 0.9, TOL),
            sample + ": within the tolerance of " + h + "'s edge at " + f);
        double fx = m[0] + m[2] * (TOL + 6);
        double fy = m[1] + m[3] * (TOL + 6);
        boolean labelThere = e.prims().stream().anyMatch(q -> q instanceof Prim.Text t
            && fx >= t.x() - TOL && fx <= t.x() + t.width() + TOL && fy >= t.top() - TOL
            && fy <= t.bottom() + TOL);
        if (!labelThere && Scene.distance(e.route(), fx, fy) > TOL) {
          assertNull(g.matMulAt(fx, fy, TOL), sample + ": off " + h + "'s edge at " + f);
        }
      }
      assertTrue(free > 0, sample + ": " + h + "'s edge can be hovered somewhere");
      Prim.Text label = e.prims().stream().filter(q -> q instanceof Prim.Text)
          .map(q -> (Prim.Text) q).findFirst().orElseThrow();
      double lx = label.x() + label.width() / 2;
      double ly = (label.top() + label.bottom()) / 2;
      if (g.hit(lx, ly, 0) == null) {
        assertEquals(h, g.matMulAt(lx, ly, TOL), sample + ": on " + h + "'s label");
      }
    }
    assertTrue(edges > 0, sample + " has MatMul edges");
    for (String n : g.centres().keySet()) {
      var c = g.centre(n);
      assertNull(g.matMulAt(c.x(), c.y(), TOL), sample + ": " + n + " is a node");
    }
    double outside = s.bounds().x() + s.bounds().w() + 100;
    assertNull(g.matMulAt(outside, s.bounds().y(), TOL), "nothing drawn there");
  }
}
