package org.tpe.render.layout;

import java.util.List;
import org.tpe.render.layout.Layout.Box;
import org.tpe.render.layout.Layout.Pt;

/** Small exact tests between polylines (edge routes) and boxes, shared by the layout passes. */
final class Geometry {
  private Geometry() {}

  /** Whether the polyline enters the interior of {@code b} shrunk by {@code inset}. */
  static boolean crosses(List<Pt> route, Box b, double inset) {
    double x0 = b.x() + inset;
    double y0 = b.y() + inset;
    double x1 = b.x() + b.w() - inset;
    double y1 = b.y() + b.h() - inset;
    if (x0 >= x1 || y0 >= y1) {
      return false;
    }
    for (int i = 0; i + 1 < route.size(); i++) {
      if (segmentCrosses(route.get(i), route.get(i + 1), x0, y0, x1, y1)) {
        return true;
      }
    }
    return false;
  }

  /** Liang–Barsky: whether segment a→b meets the open box (x0, x1) × (y0, y1). */
  static boolean segmentCrosses(Pt a, Pt b, double x0, double y0, double x1, double y1) {
    double t0 = 0;
    double t1 = 1;
    double dx = b.x() - a.x();
    double dy = b.y() - a.y();
    double[] p = {-dx, dx, -dy, dy};
    double[] q = {a.x() - x0, x1 - a.x(), a.y() - y0, y1 - a.y()};
    for (int k = 0; k < 4; k++) {
      if (p[k] == 0) {
        if (q[k] <= 0) {
          return false; // parallel to this side and outside (or on it)
        }
      } else {
        double r = q[k] / p[k];
        if (p[k] < 0) {
          t0 = Math.max(t0, r);
        } else {
          t1 = Math.min(t1, r);
        }
      }
    }
    return t1 - t0 > 1e-9;
  }

  /** Distance from (x, y) to the box (0 inside). */
  static double distance(Box b, double x, double y) {
    double dx = Math.max(Math.max(b.x() - x, 0), x - b.x() - b.w());
    double dy = Math.max(Math.max(b.y() - y, 0), y - b.y() - b.h());
    return Math.hypot(dx, dy);
  }
}
