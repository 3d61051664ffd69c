package org.tpe.app.editor.canvas;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tpe.model.MatMul;
import org.tpe.model.Program;
import org.tpe.render.layout.Layout.Box;
import org.tpe.render.layout.Layout.Pt;
import org.tpe.render.scene.Element;
import org.tpe.render.scene.ElementId;
import org.tpe.render.scene.Highlight;
import org.tpe.render.scene.Scene;
import org.tpe.samples.Samples;

/**
 * The editor's matrix tiles (what vectors are dropped on) sit beside one of their matrix's MatMul
 * edges, on no edge and on no other tile: in mlp-backward W2's tile used to lie on the u → dh¹
 * edge, and in a long program folded into rows the tiles of every row piled up above the first.
 */
class MatrixTilesTest {
  private final GeometryWorker worker = new GeometryWorker(g -> { });

  @AfterEach
  void close() {
    worker.close();
  }

  /** Whether a polyline enters the box (sampled every half unit). */
  private static boolean crosses(List<Pt> r, Box b) {
    for (int i = 0; i + 1 < r.size(); i++) {
      Pt a = r.get(i);
      Pt c = r.get(i + 1);
      int n = (int) Math.ceil(2 * Math.hypot(c.x() - a.x(), c.y() - a.y())) + 1;
      for (int k = 0; k <= n; k++) {
        double x = a.x() + (c.x() - a.x()) * k / n;
        double y = a.y() + (c.y() - a.y()) * k / n;
        if (x > b.x() + 0.5 && x < b.x() + b.w() - 0.5 && y > b.y() + 0.5
            && y < b.y() + b.h() - 0.5) {
          return true;
        }
      }
    }
    return false;
  }

  @ParameterizedTest
  @ValueSource(strings = {"mlp-backward", "resnet", "attention", "gru", "ntk-resnet"})
  void tilesSitBesideTheirMatMulsOnNothingElse(String sample) {
    Program p = Samples.get(sample).program();
    DiagramGeometry geo = worker.build(new GeometryWorker.Request(1, p, Highlight.NONE));
    Scene s = geo.scene();
    Map<String, Box> tiles = geo.tiles();
    for (Map.Entry<String, Box> t : tiles.entrySet()) {
      double nearest = Double.POSITIVE_INFINITY;
      for (Element e : s.elements(ElementId.Type.EDGE)) {
        assertFalse(crosses(e.route(), t.getValue()), sample + ": " + t.getKey()
            + "'s tile lies on edge " + e.id().name());
        if (e.role().equals("matmul") && ((MatMul) p.definition(e.id().toVar())).matrix()
            .equals(t.getKey())) {
          Box b = t.getValue();
          for (double u = 0; u <= 1; u += 0.05) {
            nearest = Math.min(nearest, Math.min(
                Math.min(Scene.distance(e.route(), b.x() + u * b.w(), b.y()),
                    Scene.distance(e.route(), b.x() + u * b.w(), b.y() + b.h())),
                Math.min(Scene.distance(e.route(), b.x(), b.y() + u * b.h()),
                    Scene.distance(e.route(), b.x() + b.w(), b.y() + u * b.h()))));
          }
        }
      }
      assertTrue(nearest <= 24, sample + ": " + t.getKey() + "'s tile is " + nearest
          + " from its MatMul edges");
      for (Map.Entry<String, Box> u : tiles.entrySet()) {
        assertTrue(u.getKey().equals(t.getKey()) || !u.getValue().intersects(t.getValue(), 0),
            sample + ": the tiles of " + t.getKey() + " and " + u.getKey() + " overlap");
      }
    }
  }
}
