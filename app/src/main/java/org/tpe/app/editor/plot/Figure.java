package org.tpe.app.editor.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tpe.render.style.Rgba;
import org.tpe.render.text.TextMetrics;

/**
 * A plot as a display list: its size in pixels, its background and its {@link Mark}s in drawing
 * order. Built without JavaFX by the plot classes ({@link DensityPlot}, {@link HeatMapPlot},
 * {@link ConvergencePlot}, {@link Sparkline}) and drawn by three backends — the editor's canvas
 * ({@link FxFigure}), SVG ({@link SvgFigure}) and PNG ({@link PngFigure}) — so that a plot
 * exported is the plot on screen. Text is set in the renderer's font ({@link TextMetrics#FAMILY}),
 * whose metrics the builders use to keep labels inside the figure. Immutable.
 */
public record Figure(double width, double height, Rgba background, List<Mark> marks) {
  public Figure {
    Objects.requireNonNull(background, "background");
    marks = List.copyOf(marks);
  }

  /** The width of {@code s} set at {@code size} pixels. */
  public static double textWidth(String s, double size) {
    return TextMetrics.width(s, false, size);
  }

  /** Every text of the figure (tests read what a plot says). */
  public List<Mark.Text> texts() {
    return marks.stream().filter(m -> m instanceof Mark.Text).map(m -> (Mark.Text) m).toList();
  }

  /** Collects marks. */
  public static final class Builder {
    private final double width;
    private final double height;
    private final Rgba background;
    private final List<Mark> marks = new ArrayList<>();

    public Builder(double width, double height, Rgba background) {
      this.width = width;
      this.height = height;
      this.background = background;
    }

    public double width() {
      return width;
    }

    public double height() {
      return height;
    }

    public Builder add(Mark m) {
      marks.add(m);
      return this;
    }

    public Builder line(double x1, double y1, double x2, double y2, Rgba ink, double w) {
      return add(new Mark.Line(x1, y1, x2, y2, ink, w, false));
    }

    public Builder dashed(double x1, double y1, double x2, double y2, Rgba ink, double w) {
      return add(new Mark.Line(x1, y1, x2, y2, ink, w, true));
    }

    public Builder text(double x, double y, String s, Rgba ink, double size, Mark.Align a) {
      return add(new Mark.Text(x, y, s, ink, size, a, false));
    }

    /**
     * Text at most {@code max} pixels wide: shortened with an ellipsis if it would be wider (a
     * title never runs out of its figure).
     */
    public Builder fitted(double x, double y, String s, Rgba ink, double size, Mark.Align a,
        double max) {
      return text(x, y, fit(s, size, max), ink, size, a);
    }

    public Figure build() {
      return new Figure(width, height, background, marks);
    }
  }

  /** {@code s}, shortened with "…" until it is at most {@code max} pixels wide at {@code size}. */
  public static String fit(String s, double size, double max) {
    if (textWidth(s, size) <= max) {
      return s;
    }
    int n = s.length();
    while (n > 0 && textWidth(s.substring(0, n) + "…", size) > max) {
      n--;
    }
    return n == 0 ? "" : s.substring(0, n) + "…";
  }
}
