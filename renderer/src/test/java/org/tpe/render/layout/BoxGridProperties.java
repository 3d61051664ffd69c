package org.tpe.render.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.tpe.render.layout.Layout.Box;

/** {@link BoxGrid} never misses a box that meets the query (against a brute-force scan). */
class BoxGridProperties {
  @Property(tries = 200)
  void nearHoldsEveryBoxThatMeetsTheQueryEachOnce(@ForAll long seed) {
    Random r = new Random(seed);
    BoxGrid g = new BoxGrid();
    List<Box> boxes = new ArrayList<>();
    int n = 1 + r.nextInt(200);
    for (int i = 0; i < n; i++) {
      // mostly small boxes, some wide ones (beyond the grid's reach) and degenerate ones
      double w = r.nextInt(10) == 0 ? r.nextDouble() * 1e6 : r.nextDouble() * 120;
      double h = r.nextInt(10) == 0 ? 0 : r.nextDouble() * 80;
      Box b = new Box(r.nextGaussian() * 500, r.nextGaussian() * 500, w, h);
      boxes.add(b);
      assertEquals(i, g.add(b));
    }
    for (int q = 0; q < 20; q++) {
      Box b = new Box(r.nextGaussian() * 500, r.nextGaussian() * 500, r.nextDouble() * 100,
          r.nextDouble() * 100);
      double pad = r.nextDouble() * 3;
      List<Integer> near = g.near(b, pad);
      assertEquals(near.size(), new HashSet<>(near).size(), "each once");
      for (int i = 0; i < n; i++) {
        if (b.intersects(boxes.get(i), pad)) {
          assertTrue(near.contains(i), "box " + i + " meets the query");
        }
      }
    }
  }
}
