package org.tpe.render.scene;

/** A segment of a {@link Prim.PathPrim}: move, line, cubic Bézier, or close. */
public sealed interface Seg {
  record MoveTo(double x, double y) implements Seg {}

  record LineTo(double x, double y) implements Seg {}

  record CubicTo(double x1, double y1, double x2, double y2, double x, double y) implements Seg {}

  record Close() implements Seg {}
}
