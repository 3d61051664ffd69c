package org.tpe.model;

/**
 * A node position in diagram (model) coordinates, kept from {@code @at(x, y)} annotations. Layout
 * is carried by the program so that it survives saving, but no analysis reads it.
 *
 * <p>Coordinates are finite and within ±{@link #MAX_COORDINATE}: far beyond any drawing (a node
 * is a few dozen units wide), yet small enough that no distance, square or sum a renderer forms
 * from two positions can overflow a double. The parser refuses an {@code @at} outside that range
 * with its line and column; a program built in code gets its coordinates clamped to it. −0.0 is
 * stored as 0.0 (it prints as {@code 0}, so the two must be the same position).
 */
public record Point(double x, double y) {
  /** Largest absolute value of a coordinate. */
  public static final double MAX_COORDINATE = 1e9;

  public Point {
    if (!Double.isFinite(x) || !Double.isFinite(y)) {
      throw new IllegalArgumentException("position is not finite: (" + x + ", " + y + ")");
    }
    x = clamp(x);
    y = clamp(y);
  }

  private static double clamp(double v) {
    return Math.max(-MAX_COORDINATE, Math.min(MAX_COORDINATE, v)) + 0.0;
  }
}
