package org.tpe.app.editor.plot;

import java.util.Objects;
import org.tpe.render.style.Rgba;

/**
 * One drawing instruction of a {@link Figure}, in figure pixels (origin at the top left, y down).
 * A null colour draws nothing of that part (no fill, no outline).
 */
public sealed interface Mark {
  /** Horizontal alignment of a text at its anchor. */
  enum Align { LEFT, CENTER, RIGHT }

  /** A straight segment. */
  record Line(double x1, double y1, double x2, double y2, Rgba ink, double width, boolean dashed)
      implements Mark {}

  /** A polyline through the points, or a polygon when {@code fill} is set (then closed). */
  record Path(double[] xs, double[] ys, Rgba ink, double width, Rgba fill) implements Mark {
    public Path {
      if (xs.length != ys.length) {
        throw new IllegalArgumentException("as many x as y");
      }
      xs = xs.clone();
      ys = ys.clone();
    }

    @Override
    public double[] xs() {
      return xs.clone();
    }

    @Override
    public double[] ys() {
      return ys.clone();
    }
  }

  /** A rectangle. */
  record Box(double x, double y, double w, double h, Rgba fill, Rgba ink) implements Mark {}

  /** A disc (a point of a scatter, the head of an atom). */
  record Dot(double cx, double cy, double r, Rgba fill, Rgba ink) implements Mark {}

  /**
   * Text whose vertical middle is at {@code y}, aligned at {@code x}; {@code vertical} turns it a
   * quarter to the left (a y-axis title), about its anchor.
   */
  record Text(double x, double y, String text, Rgba ink, double size, Align align,
      boolean vertical) implements Mark {
    public Text {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(align, "align");
    }
  }
}
