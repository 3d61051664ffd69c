package org.tpe.render.scene;

import java.util.List;
import org.tpe.render.style.Rgba;
import org.tpe.render.text.Run;

/**
 * A drawing primitive of a {@link Scene}, in model coordinates, with its resolved colours. {@code
 * fill} or {@code pen} may be null (no fill, no outline). {@code tag} names what the primitive
 * depicts in the paper's notation ("circle", "square", "gate", "bar-gate", "sum-gate",
 * "matmul-edge", "edge", "arrowhead", "label"); the SVG backend writes it as the class attribute.
 */
public sealed interface Prim {
  String tag();

  record Circle(String tag, double cx, double cy, double r, Rgba fill, Pen pen) implements Prim {}

  record Rect(String tag, double x, double y, double w, double h, Rgba fill, Pen pen)
      implements Prim {}

  /** A path of segments; {@code curve} marks a path made with Bézier segments. */
  record PathPrim(String tag, List<Seg> segs, Rgba fill, Pen pen) implements Prim {
    public PathPrim {
      segs = List.copyOf(segs);
    }
  }

  /**
   * Text: runs already placed (baselines, sizes, scripts). {@code latex} is the same text in math
   * mode for TikZ, and ({@code x}, {@code y}) with {@code width}, {@code top}, {@code bottom} the
   * box the runs fill (x at the left, y the main baseline).
   */
  record Text(String tag, List<Run> runs, String latex, double x, double y, double width,
      double top, double bottom, Rgba fill) implements Prim {
    public Text {
      runs = List.copyOf(runs);
    }

    public double cx() {
      return x + width / 2;
    }
  }
}
