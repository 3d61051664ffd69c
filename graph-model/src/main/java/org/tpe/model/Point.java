package org.tpe.model;

/**
 * A node position in diagram (model) coordinates, kept from {@code @at(x, y)} annotations. Layout
 * is carried by the program so that it survives saving, but no analysis reads it.
 */
public record Point(double x, double y) {
  public Point {
    if (!Double.isFinite(x) || !Double.isFinite(y)) {
      throw new IllegalArgumentException("position is not finite: (" + x + ", " + y + ")");
    }
  }
}
