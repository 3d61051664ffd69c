package org.tpe.render.scene;

import java.util.List;
import java.util.Objects;
import org.tpe.render.style.Rgba;

/** How an outline is stroked: colour, width, and a dash pattern (empty for solid). */
public record Pen(Rgba color, double width, List<Double> dash) {
  public Pen {
    Objects.requireNonNull(color, "color");
    dash = List.copyOf(dash);
  }

  public boolean dashed() {
    return !dash.isEmpty();
  }
}
