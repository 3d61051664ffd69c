package org.tpe.render.scene;

import java.util.ArrayList;
import java.util.List;
import org.tpe.model.Program;
import org.tpe.model.VarKind;
import org.tpe.render.layout.AutoLayout;
import org.tpe.render.layout.DiagramGraph;
import org.tpe.render.layout.DiagramGraph.EdgeKind;
import org.tpe.render.layout.DiagramGraph.Node;
import org.tpe.render.layout.DiagramGraph.NodeKind;
import org.tpe.render.layout.Layout;
import org.tpe.render.layout.Layout.Box;
import org.tpe.render.layout.Layout.Pt;
import org.tpe.render.scene.Seg.Close;
import org.tpe.render.scene.Seg.CubicTo;
import org.tpe.render.scene.Seg.LineTo;
import org.tpe.render.scene.Seg.MoveTo;
import org.tpe.render.style.Rgba;
import org.tpe.render.style.Style;
import org.tpe.render.text.RichText;
import org.tpe.render.text.TextMetrics;

/**
 * Builds the {@link Scene} of a program: a pure function of (program, layout, style, highlight)
 * drawing TP IIb's notation (§4 and App. C; DESIGN §5):
 *
 * <ul>
 *   <li>vectors are circles, scalars squares, with the name inside; initial variables are hollow
 *       (filled with the page colour) and sit in the first layer, outputs are hollow with a double
 *       outline in the last layer; computed G-vars, X-vars and scalars are filled with the style's
 *       colours, which also differ in lightness for greyscale print;
 *   <li>a MatMul is a dashed arrow labelled with the matrix (W⊤ for a transpose);
 *   <li>a Nonlin (and a scalar op) is a gate: solid edges from its arguments — vectors and, for a
 *       Nonlin+, scalars — run into a D-shaped gate labelled with φ, and one solid arrow leaves it
 *       for the result;
 *   <li>a Moment is a bar-gate (a gate with a bar on its input side) into a square;
 *   <li>a LinComb is a small ⊕ gate; argument edges carry their coefficients when not 1.
 * </ul>
 *
 * Edges follow the layout's routes with rounded corners and end on the circles' outlines. Cost
 * O(size of the program + total route length).
 */
public final class SceneBuilder {
  /** Dash pattern of MatMul edges (model units). */
  public static final List<Double> MATMUL_DASH = List.of(5.0, 3.5);
  /** Length of arrowheads. */
  public static final double ARROW_LENGTH = 8;
  /** Radius of the rounded corners of edge routes. */
  public static final double CORNER_RADIUS = 5;

  private SceneBuilder() {}

  /** The scene of {@code program} laid out automatically, in {@code style}, nothing highlighted. */
  public static Scene build(Program program, Style style) {
    return build(program, AutoLayout.layout(program), style, Highlight.NONE);
  }

  /** The scene of {@code program} with the given layout, style and highlight. */
  public static Scene build(Program program, Layout layout, Style style, Highlight highlight) {
    DiagramGraph g = DiagramGraph.of(program);
    List<Element> edges = new ArrayList<>();
    List<Element> gates = new ArrayList<>();
    List<Element> vars = new ArrayList<>();
    Box all = null;
    for (DiagramGraph.Edge e : g.edges()) {
      Element el = edge(g, e, layout, style, highlight);
      edges.add(el);
      all = all == null ? el.bounds() : all.union(el.bounds());
    }
    for (Node n : g.nodes().values()) {
      Element el = n.kind().isGate() ? gate(n, layout, style, highlight)
          : variable(n, layout, style, highlight);
      (n.kind().isGate() ? gates : vars).add(el);
      all = all == null ? el.bounds() : all.union(el.bounds());
    }
    List<Element> elements = new ArrayList<>(edges);
    elements.addAll(gates);
    elements.addAll(vars);
    double p = AutoLayout.PADDING;
    Box bounds = all == null ? new Box(0, 0, 2 * p, 2 * p)
        : new Box(all.x() - p, all.y() - p, all.w() + 2 * p, all.h() + 2 * p);
    return new Scene(elements, bounds, style);
  }

  /**
   * {@code scene}, built by {@link #build} from {@code graph}'s program with some layout, with the
   * elements of the nodes {@code nodeIds} and of the edges {@code edgeIds} built again from {@code
   * layout} and every other element kept as it is, in the same drawing order: what an editor draws
   * while a node is dragged ({@link org.tpe.render.layout.DragLayout}). The bounds grow to take in
   * the rebuilt elements. Cost O(elements) plus the rebuilt ones; no text is measured for the
   * elements kept.
   */
  public static Scene rebuild(Scene scene, DiagramGraph graph, Layout layout, Highlight highlight,
      java.util.Set<String> nodeIds, java.util.Set<String> edgeIds) {
    if (nodeIds.isEmpty() && edgeIds.isEmpty()) {
      return scene;
    }
    Style style = scene.style();
    java.util.Map<String, DiagramGraph.Edge> edgeById = new java.util.HashMap<>();
    for (DiagramGraph.Edge e : graph.edges()) {
      if (edgeIds.contains(e.id())) {
        edgeById.put(e.id(), e);
      }
    }
    List<Element> out = new ArrayList<>(scene.elements().size());
    Box all = scene.bounds();
    for (Element el : scene.elements()) {
      ElementId id = el.id();
      Element next = el;
      if (id.type() == ElementId.Type.EDGE && edgeById.containsKey(id.name())) {
        next = edge(graph, edgeById.get(id.name()), layout, style, highlight);
      } else if (id.type() == ElementId.Type.VARIABLE || id.type() == ElementId.Type.INSTRUCTION) {
        String nid = id.type() == ElementId.Type.VARIABLE ? DiagramGraph.varId(id.name())
            : DiagramGraph.gateId(id.name());
        Node n = graph.nodes().get(nid);
        if (n != null && nodeIds.contains(nid)) {
          next = n.kind().isGate() ? gate(n, layout, style, highlight)
              : variable(n, layout, style, highlight);
        }
      }
      if (next != el) {
        Box b = next.bounds();
        double p = AutoLayout.PADDING;
        all = all.union(new Box(b.x() - p, b.y() - p, b.w() + 2 * p, b.h() + 2 * p));
      }
      out.add(next);
    }
    return new Scene(out, all, style);
  }

  private static Pen pen(Style s, boolean hl) {
    return new Pen(hl ? s.highlight() : s.ink(), hl ? s.highlightWidth() : s.lineWidth(),
        List.of());
  }

  private static Element variable(Node n, Layout layout, Style s, Highlight h) {
    Box b = layout.node(n.id());
    boolean hl = h.variables().contains(n.name());
    boolean hollow = n.initial() || n.output();
    Rgba fill = hollow ? s.background() : n.varKind() == VarKind.G ? s.gFill()
        : n.varKind() == VarKind.X ? s.xFill() : s.scalarFill();
    Pen pen = pen(s, hl);
    List<Prim> prims = new ArrayList<>();
    boolean circle = n.kind() == NodeKind.VECTOR;
    String tag = circle ? "circle" : "square";
    if (circle) {
      prims.add(new Prim.Circle(tag, b.cx(), b.cy(), b.w() / 2, fill, pen));
      if (n.output()) {
        prims.add(new Prim.Circle("output-ring", b.cx(), b.cy(), b.w() / 2 - 3, null, pen));
      }
    } else {
      prims.add(new Prim.Rect(tag, b.x(), b.y(), b.w(), b.h(), fill, pen));
      if (n.output()) {
        prims.add(new Prim.Rect("output-ring", b.x() + 3, b.y() + 3, b.w() - 6, b.h() - 6, null,
            pen));
      }
    }
    prims.add(centredText("name", n.label(), b.cx(), b.cy(), DiagramGraph.NAME_SIZE, s.ink()));
    return new Element(ElementId.variable(n.name()), circle ? "vector" : "scalar", b, prims,
        List.of(), circle, hl);
  }

  private static Prim.Text centredText(String tag, RichText t, double cx, double cy, double size,
      Rgba ink) {
    double w = TextMetrics.width(t, size);
    double baseline = cy + (TextMetrics.ascent(size) - TextMetrics.descent(size)) / 2;
    return text(tag, t, cx - w / 2, baseline, size, ink);
  }

  private static Prim.Text text(String tag, RichText t, double x, double baseline, double size,
      Rgba ink) {
    TextMetrics.Placed p = TextMetrics.place(t, x, baseline, size);
    return new Prim.Text(tag, p.runs(), t.latex(), x, baseline, p.width(), p.top(), p.bottom(),
        ink);
  }

  private static Element gate(Node n, Layout layout, Style s, Highlight h) {
    Box b = layout.node(n.id());
    boolean hl = h.anyStepTo(n.name());
    Pen pen = pen(s, hl);
    List<Prim> prims = new ArrayList<>();
    String role;
    switch (n.kind()) {
      case MOMENT_GATE -> {
        role = "bar-gate";
        prims.add(new Prim.PathPrim("bar", List.of(new MoveTo(b.x() + 1.5, b.y()),
            new LineTo(b.x() + 1.5, b.y() + b.h())), null, new Pen(pen.color(), 2.2, List.of())));
        prims.add(new Prim.PathPrim("bar-gate", gateShape(b.x() + 6, b.y(), b.w() - 6, b.h()),
            s.gateFill(), pen));
      }
      case SUM_GATE -> {
        role = "sum-gate";
        double r = b.w() / 2;
        prims.add(new Prim.Circle("sum-gate", b.cx(), b.cy(), r, s.gateFill(), pen));
        double a = r * 0.6;
        prims.add(new Prim.PathPrim("plus", List.of(new MoveTo(b.cx() - a, b.cy()),
            new LineTo(b.cx() + a, b.cy()), new MoveTo(b.cx(), b.cy() - a),
            new LineTo(b.cx(), b.cy() + a)), null, pen));
      }
      default -> {
        role = n.kind() == NodeKind.SCALAR_GATE ? "scalar-gate" : "gate";
        prims.add(new Prim.PathPrim(role, gateShape(b.x(), b.y(), b.w(), b.h()), s.gateFill(),
            pen));
      }
    }
    Box bounds = b;
    if (n.label() != null) {
      Box lb = layout.labels().get(n.id());
      double size = DiagramGraph.LABEL_SIZE;
      Prim.Text t = lb != null
          ? text("label", n.label(), lb.cx() - TextMetrics.width(n.label(), size) / 2,
              lb.y() + TextMetrics.ascent(size) + 1.5, size, s.ink())
          : text("label", n.label(), b.cx() - TextMetrics.width(n.label(), size) / 2,
              b.y() - TextMetrics.descent(size) - 3, size, s.ink());
      prims.add(t);
      bounds = bounds.union(new Box(t.x(), t.top(), t.width(), t.bottom() - t.top()));
    }
    return new Element(ElementId.instruction(n.name()), role, bounds, prims, List.of(),
        n.kind() == NodeKind.SUM_GATE, hl);
  }

  /** A logic-gate "D": flat input side on the left, a half disc on the right. */
  static List<Seg> gateShape(double x, double y, double w, double h) {
    double r = h / 2;
    double xs = x + w - r;
    double k = 0.5523 * r; // cubic approximation of a quarter circle
    List<Seg> out = new ArrayList<>();
    out.add(new MoveTo(x, y));
    out.add(new LineTo(xs, y));
    out.add(new CubicTo(xs + k, y, xs + r, y + r - k, xs + r, y + r));
    out.add(new CubicTo(xs + r, y + r + k, xs + k, y + h, xs, y + h));
    out.add(new LineTo(x, y + h));
    out.add(new Close());
    return out;
  }

  private static Element edge(DiagramGraph g, DiagramGraph.Edge e, Layout layout, Style s,
      Highlight h) {
    List<Pt> route = new ArrayList<>(layout.routes().getOrDefault(e.id(), List.of()));
    Node src = g.nodes().get(e.source());
    Node dst = g.nodes().get(e.target());
    if (route.size() < 2) {
      Box a = layout.node(e.source());
      Box b = layout.node(e.target());
      route = new ArrayList<>(List.of(new Pt(a.cx(), a.cy()), new Pt(b.cx(), b.cy())));
    }
    if (isCircle(src)) {
      Box b = layout.node(src.id());
      route = trimStart(route, b.cx(), b.cy(), b.w() / 2);
    }
    if (isCircle(dst)) {
      Box b = layout.node(dst.id());
      route = reverse(trimStart(reverse(route), b.cx(), b.cy(), b.w() / 2));
    }
    boolean hl = e.kind() == EdgeKind.RESULT ? h.anyStepTo(e.toVar())
        : h.steps().contains(new Highlight.Step(e.fromVar(), e.toVar()));
    Pen base = pen(s, hl);
    boolean matmul = e.kind() == EdgeKind.MATMUL;
    Pen pen = matmul ? new Pen(base.color(), base.width(), MATMUL_DASH) : base;
    boolean arrow = e.kind() != EdgeKind.ARGUMENT;
    List<Prim> prims = new ArrayList<>();
    List<Pt> line = route;
    if (arrow) {
      Pt tip = route.get(route.size() - 1);
      Pt prev = route.get(route.size() - 2);
      double dx = tip.x() - prev.x();
      double dy = tip.y() - prev.y();
      double len = Math.hypot(dx, dy);
      if (len > 0) {
        double ux = dx / len;
        double uy = dy / len;
        double al = hl ? ARROW_LENGTH * 1.25 : ARROW_LENGTH;
        double hw = al * 0.42;
        double bx = tip.x() - ux * al;
        double by = tip.y() - uy * al;
        line = new ArrayList<>(route);
        double cut = Math.min(len, al * 0.8);
        line.set(line.size() - 1, new Pt(tip.x() - ux * cut, tip.y() - uy * cut));
        List<Seg> head = List.of(new MoveTo(tip.x(), tip.y()),
            new LineTo(bx - uy * hw, by + ux * hw), new LineTo(bx + ux * al * 0.15,
                by + uy * al * 0.15), new LineTo(bx + uy * hw, by - ux * hw), new Close());
        prims.add(0, new Prim.PathPrim("arrowhead", head, pen.color(), null));
      }
    }
    prims.add(0, new Prim.PathPrim(matmul ? "matmul-edge" : "edge", rounded(line), null, pen));
    Box bounds = boundsOf(route);
    Box lb = layout.labels().get(e.id());
    if (e.label() != null && lb != null) {
      double size = DiagramGraph.LABEL_SIZE;
      Prim.Text t = text(matmul ? "matrix" : "coefficient", e.label(),
          lb.cx() - TextMetrics.width(e.label(), size) / 2, lb.y() + TextMetrics.ascent(size) + 1.5,
          size, matmul ? (hl ? s.highlight() : s.matrixInk()) : s.ink());
      prims.add(t);
      bounds = bounds.union(new Box(t.x(), t.top(), t.width(), t.bottom() - t.top()));
    }
    ElementId id = new ElementId(ElementId.Type.EDGE, e.id(), e.fromVar(), e.toVar());
    String role = switch (e.kind()) {
      case MATMUL -> "matmul";
      case ARGUMENT -> "argument";
      case RESULT -> "result";
    };
    return new Element(id, role, bounds, prims, route, false, hl);
  }

  private static boolean isCircle(Node n) {
    return n.kind() == NodeKind.VECTOR || n.kind() == NodeKind.SUM_GATE;
  }

  private static Box boundsOf(List<Pt> pts) {
    double x0 = Double.POSITIVE_INFINITY;
    double y0 = Double.POSITIVE_INFINITY;
    double x1 = Double.NEGATIVE_INFINITY;
    double y1 = Double.NEGATIVE_INFINITY;
    for (Pt p : pts) {
      x0 = Math.min(x0, p.x());
      y0 = Math.min(y0, p.y());
      x1 = Math.max(x1, p.x());
      y1 = Math.max(y1, p.y());
    }
    return new Box(x0, y0, x1 - x0, y1 - y0);
  }

  private static List<Pt> reverse(List<Pt> pts) {
    List<Pt> r = new ArrayList<>(pts);
    java.util.Collections.reverse(r);
    return r;
  }

  /**
   * Cuts the start of a route leaving a circle (centre c, radius r) at the circle's outline: the
   * layout ends edges on the node's bounding box, which for a circle is on the outline only at the
   * box's mid-lines; so the route is cut back or extended along its first segment's line.
   */
  static List<Pt> trimStart(List<Pt> route, double cx, double cy, double r) {
    for (int i = 0; i + 1 < route.size(); i++) {
      Pt a = route.get(i);
      Pt b = route.get(i + 1);
      if (Math.hypot(b.x() - cx, b.y() - cy) < r) {
        continue; // the whole segment is inside: look further along
      }
      // last crossing of the outline on segment a→b: solve |a + t(b−a) − c| = r for the largest t
      double dx = b.x() - a.x();
      double dy = b.y() - a.y();
      double fx = a.x() - cx;
      double fy = a.y() - cy;
      double qa = dx * dx + dy * dy;
      double qb = 2 * (fx * dx + fy * dy);
      double qc = fx * fx + fy * fy - r * r;
      double disc = qb * qb - 4 * qa * qc;
      List<Pt> out = new ArrayList<>();
      if (qa == 0 || disc < 0) {
        out.add(a);
      } else {
        double t = (-qb + Math.sqrt(disc)) / (2 * qa);
        t = Math.min(1, t); // t < 0 extends the route from the box's side back to the outline
        out.add(new Pt(a.x() + t * dx, a.y() + t * dy));
      }
      out.addAll(route.subList(i + 1, route.size()));
      return out;
    }
    return route;
  }

  /** A polyline with its corners rounded by quarter-circle-like cubic arcs. */
  static List<Seg> rounded(List<Pt> pts) {
    List<Seg> out = new ArrayList<>();
    out.add(new MoveTo(pts.get(0).x(), pts.get(0).y()));
    for (int i = 1; i < pts.size() - 1; i++) {
      Pt p = pts.get(i - 1);
      Pt c = pts.get(i);
      Pt n = pts.get(i + 1);
      double l1 = Math.hypot(c.x() - p.x(), c.y() - p.y());
      double l2 = Math.hypot(n.x() - c.x(), n.y() - c.y());
      double r = Math.min(CORNER_RADIUS, Math.min(l1, l2) / 2);
      if (r < 0.5) {
        out.add(new LineTo(c.x(), c.y()));
        continue;
      }
      double ax = c.x() + (p.x() - c.x()) * r / l1;
      double ay = c.y() + (p.y() - c.y()) * r / l1;
      double bx = c.x() + (n.x() - c.x()) * r / l2;
      double by = c.y() + (n.y() - c.y()) * r / l2;
      out.add(new LineTo(ax, ay));
      double k = 0.5523;
      out.add(new CubicTo(ax + (c.x() - ax) * k, ay + (c.y() - ay) * k, bx + (c.x() - bx) * k,
          by + (c.y() - by) * k, bx, by));
    }
    Pt last = pts.get(pts.size() - 1);
    out.add(new LineTo(last.x(), last.y()));
    return out;
  }
}
