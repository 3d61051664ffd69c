package org.tpe.render.scene;

import java.util.List;
import java.util.Optional;
import org.tpe.render.layout.Layout.Box;
import org.tpe.render.layout.Layout.Pt;
import org.tpe.render.style.Style;

/**
 * An immutable display list of a program's diagram in model coordinates (DESIGN §2): elements in
 * drawing order (edges, then gates, then variables), each with its primitives and resolved
 * colours, and the box to show. Every backend draws exactly this; none re-derives geometry. Built
 * by {@link SceneBuilder}; no JavaFX.
 */
public record Scene(List<Element> elements, Box bounds, Style style) {
  public Scene {
    elements = List.copyOf(elements);
  }

  /**
   * The scale at which the whole scene fits a {@code width} × {@code height} view, at most {@code
   * maxScale}: what a Fit command shows (a label of size s appears s · scale pixels high).
   */
  public double fitScale(double width, double height, double maxScale) {
    return Math.min(maxScale, Math.min(width / bounds.w(), height / bounds.h()));
  }

  /** Elements depicting the given kind of thing. */
  public List<Element> elements(ElementId.Type type) {
    return elements.stream().filter(e -> e.id().type() == type).toList();
  }

  /** The element of variable {@code name}, if drawn. */
  public Optional<Element> variable(String name) {
    return elements.stream().filter(e -> e.id().type() == ElementId.Type.VARIABLE
        && e.id().name().equals(name)).findFirst();
  }

  /**
   * The element under the model point ({@code x}, {@code y}), for the editor: variables and gates
   * take precedence over edges (they are drawn on top); an edge is hit within {@code tolerance} of
   * its route or on its label. Empty when nothing is there. Cost O(elements · route length).
   */
  public Optional<Element> hit(double x, double y, double tolerance) {
    for (int i = elements.size() - 1; i >= 0; i--) {
      Element e = elements.get(i);
      if (e.id().type() == ElementId.Type.EDGE) {
        continue;
      }
      Box b = e.bounds();
      if (e.circle()) {
        double r = b.w() / 2 + tolerance;
        double dx = x - b.cx();
        double dy = y - b.cy();
        if (dx * dx + dy * dy <= r * r) {
          return Optional.of(e);
        }
      } else if (x >= b.x() - tolerance && x <= b.x() + b.w() + tolerance && y >= b.y() - tolerance
          && y <= b.y() + b.h() + tolerance) {
        return Optional.of(e);
      }
    }
    return edgeAt(x, y, tolerance);
  }

  /**
   * The edge under the model point ({@code x}, {@code y}) whatever is drawn over it: the nearest
   * whose route passes within {@code tolerance}, or whose label contains the point. For a hover
   * over an edge that runs close beside a node; {@link #hit} gives nodes precedence. Empty when no
   * edge is there. Cost O(elements · route length).
   */
  public Optional<Element> edgeAt(double x, double y, double tolerance) {
    Element best = null;
    double bestD = Double.POSITIVE_INFINITY;
    for (Element e : elements) {
      if (e.id().type() != ElementId.Type.EDGE) {
        continue;
      }
      double d = distance(e.route(), x, y);
      for (Prim p : e.prims()) {
        if (p instanceof Prim.Text t && x >= t.x() && x <= t.x() + t.width() && y >= t.top()
            && y <= t.bottom()) {
          d = 0;
        }
      }
      if (d <= tolerance && d < bestD) {
        bestD = d;
        best = e;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Distance from (x, y) to a polyline. */
  public static double distance(List<Pt> route, double x, double y) {
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i + 1 < route.size(); i++) {
      Pt a = route.get(i);
      Pt b = route.get(i + 1);
      double dx = b.x() - a.x();
      double dy = b.y() - a.y();
      double len2 = dx * dx + dy * dy;
      double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((x - a.x()) * dx + (y - a.y()) * dy)
          / len2));
      double px = a.x() + t * dx - x;
      double py = a.y() + t * dy - y;
      best = Math.min(best, Math.sqrt(px * px + py * py));
    }
    return best;
  }
}
