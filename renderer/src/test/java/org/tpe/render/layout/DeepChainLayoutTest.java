package org.tpe.render.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.model.Program;

/**
 * A long chain is laid out whatever the caller's stack: ELK's layering walks components
 * recursively (one frame per node of a chain), so the layout runs on a thread of its own with a
 * deep stack ({@link DeepStack}). Here the caller has 256 KiB — what a 1 500-layer MLP (4 500
 * nodes in a chain) overflows when ELK runs on it directly.
 */
class DeepChainLayoutTest {
  static Program mlp(int layers) {
    StringBuilder b = new StringBuilder("input x0 : G(n) ~ N(0, 1)\n");
    for (int l = 1; l <= layers; l++) {
      b.append("input W").append(l).append(" : A(n, n) ~ N(0, 2/n)\n");
    }
    for (int l = 1; l <= layers; l++) {
      b.append("h").append(l).append(" := W").append(l).append(" x").append(l - 1).append('\n');
      b.append("x").append(l).append(" := relu(h").append(l).append(")\n");
    }
    b.append("output x").append(layers).append('\n');
    return TpParser.parse(b.toString());
  }

  @Test
  void aFifteenHundredLayerMlpIsLaidOutFromAThreadWithASmallStack() throws Exception {
    Program p = mlp(1500);
    AtomicReference<Layout> out = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t = new Thread(null, () -> {
      try {
        out.set(AutoLayout.layout(p));
      } catch (Throwable e) {
        failure.set(e);
      }
    }, "small stack", 256 * 1024);
    t.start();
    t.join();
    assertNull(failure.get(), () -> "failed: " + failure.get());
    // every vector placed
    for (String v : new String[] {"x0", "h1", "x750", "h1500", "x1500"}) {
      assertNotNull(out.get().node(DiagramGraph.varId(v)), v);
    }
    assertEquals(1 + 2 * 1500, out.get().nodes().keySet().stream()
        .filter(id -> id.startsWith("v:")).count());
  }
}
