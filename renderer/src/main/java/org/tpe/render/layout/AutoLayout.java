package org.tpe.render.layout;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.elk.alg.layered.LayeredLayoutProvider;
import org.eclipse.elk.alg.layered.options.LayerConstraint;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.NodePlacementStrategy;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeLabelPlacement;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.options.NodeLabelPlacement;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;
import org.tpe.model.Point;
import org.tpe.model.Program;
import org.tpe.render.layout.DiagramGraph.EdgeKind;
import org.tpe.render.layout.DiagramGraph.Node;
import org.tpe.render.layout.Layout.Box;
import org.tpe.render.layout.Layout.Pt;
import org.tpe.render.text.RichText;
import org.tpe.render.text.TextMetrics;

/**
 * Lays a program's diagram out left to right in the direction of computation (TP IIb §4) with
 * Eclipse ELK's layered algorithm (Sugiyama: cycle breaking, layering, crossing minimisation by
 * layer sweeps, Brandes–Köpf node placement, orthogonal edge routing between the layers so that no
 * edge crosses a node). Initial variables are put in the first layer, outputs (when nothing reads
 * them) in the last; MatMul and coefficient labels are placed by ELK on their edges and φ labels
 * above their gates, so labels reserve their own space and do not overlap.
 *
 * <p><b>Fixed positions.</b> A variable with a position in {@link Program#layout()} (an {@code
 * @at(x, y)} annotation: the node's centre) keeps it exactly; every other variable keeps the
 * automatic position. A gate next to a fixed variable is moved to sit just left of its result, and
 * every edge touching a moved node is drawn straight between the node boundaries (ELK cannot route
 * around pinned nodes). A position equal (within {@link #SAME}) to the automatic one does not count
 * as a move, so a file saved by the editor with every position keeps its routed edges. So a program with no positions gets a fully automatic, routed layout, and a
 * program whose nodes were all placed by hand keeps the user's drawing.
 *
 * <p>Cost: ELK layered is roughly O((V + E) · layers) per sweep; about 100 ms for 500 variables
 * (benchmark {@code layout-500}). Deterministic: the same program always gets the same layout.
 */
public final class AutoLayout {
  /** Blank margin around the drawing. */
  public static final double PADDING = 18;
  /**
   * A position within this distance of the automatic one is the automatic one (an editor that
   * saved every node's position has not moved them), so its edges keep their routes.
   */
  public static final double SAME = 0.5;
  /** Above this many nodes (variables and gates) crossing minimisation is less thorough. */
  public static final int LARGE = 300;
  /** Gap between a gate moved next to a fixed result and that result. */
  public static final double GATE_GAP = 16;

  static {
    // Plain Java (no Eclipse plug-in registry): register ELK's option metadata, which also
    // registers the option value types ELK clones (padding, spacing) with ElkReflect.
    LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(
        new LayeredMetaDataProvider());
  }

  private AutoLayout() {}

  /** Lays out {@code program}'s diagram. */
  public static Layout layout(Program program) {
    return layout(program, DiagramGraph.of(program));
  }

  /** Lays out {@code graph}, the diagram of {@code program}. */
  public static Layout layout(Program program, DiagramGraph graph) {
    Layout auto = elk(graph);
    return applyFixed(program, graph, auto);
  }

  /**
   * The automatic layout of {@code graph}, before any fixed position is applied: it depends on the
   * graph alone, so an editor may keep it while only positions change. {@code layout(program,
   * graph)} is {@code withFixed(program, graph, automatic(graph))}.
   */
  public static Layout automatic(DiagramGraph graph) {
    return elk(graph);
  }

  /**
   * {@code auto} (the {@link #automatic} layout of {@code graph}, the diagram of {@code program})
   * with {@code program}'s fixed positions applied as {@link #layout} applies them. Cost O(nodes ·
   * edges) at most, no ELK run.
   */
  public static Layout withFixed(Program program, DiagramGraph graph, Layout auto) {
    return applyFixed(program, graph, auto);
  }

  private static Layout elk(DiagramGraph graph) {
    ElkNode root = ElkGraphUtil.createGraph();
    root.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
    root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
    root.setProperty(LayeredOptions.NODE_PLACEMENT_STRATEGY, NodePlacementStrategy.BRANDES_KOEPF);
    root.setProperty(LayeredOptions.SPACING_NODE_NODE, 22.0);
    root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 30.0);
    root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 14.0);
    root.setProperty(LayeredOptions.SPACING_EDGE_EDGE_BETWEEN_LAYERS, 9.0);
    root.setProperty(LayeredOptions.SPACING_EDGE_EDGE, 9.0);
    root.setProperty(LayeredOptions.SPACING_EDGE_NODE, 12.0);
    root.setProperty(LayeredOptions.SPACING_EDGE_LABEL, 3.0);
    root.setProperty(LayeredOptions.SPACING_LABEL_NODE, 4.0);
    root.setProperty(LayeredOptions.SPACING_LABEL_LABEL, 4.0);
    root.setProperty(CoreOptions.PADDING, new ElkPadding(PADDING));
    root.setProperty(LayeredOptions.RANDOM_SEED, 1);
    if (graph.nodes().size() > LARGE) {
      // fewer crossing-minimisation sweeps on big programs: ELK's default 7 costs about twice
      // as much for a small gain at that size (benchmark layout-500)
      root.setProperty(LayeredOptions.THOROUGHNESS, 3);
    }

    Map<String, ElkNode> elkNodes = new LinkedHashMap<>();
    Set<String> hasOut = new HashSet<>();
    for (DiagramGraph.Edge e : graph.edges()) {
      hasOut.add(e.source());
    }
    for (Node n : graph.nodes().values()) {
      ElkNode en = ElkGraphUtil.createNode(root);
      en.setIdentifier(n.id());
      en.setDimensions(n.width(), n.height());
      if (n.initial()) {
        en.setProperty(LayeredOptions.LAYERING_LAYER_CONSTRAINT, LayerConstraint.FIRST);
      } else if (n.output() && !hasOut.contains(n.id())) {
        en.setProperty(LayeredOptions.LAYERING_LAYER_CONSTRAINT, LayerConstraint.LAST);
      }
      if (n.kind().isGate() && n.label() != null) {
        ElkLabel l = ElkGraphUtil.createLabel(en);
        l.setText(n.label().plainText());
        l.setDimensions(labelWidth(n.label()), labelHeight());
        en.setProperty(CoreOptions.NODE_LABELS_PLACEMENT, NodeLabelPlacement.outsideTopCenter());
      }
      elkNodes.put(n.id(), en);
    }
    Map<String, ElkEdge> elkEdges = new LinkedHashMap<>();
    Map<String, ElkLabel> edgeLabels = new HashMap<>();
    for (DiagramGraph.Edge e : graph.edges()) {
      ElkEdge ee = ElkGraphUtil.createSimpleEdge(elkNodes.get(e.source()), elkNodes.get(e.target()));
      ee.setIdentifier(e.id());
      if (e.label() != null) {
        ElkLabel l = ElkGraphUtil.createLabel(ee);
        l.setText(e.label().plainText());
        l.setDimensions(labelWidth(e.label()), labelHeight());
        l.setProperty(CoreOptions.EDGE_LABELS_PLACEMENT,
            e.kind() == EdgeKind.MATMUL ? EdgeLabelPlacement.CENTER : EdgeLabelPlacement.HEAD);
        edgeLabels.put(e.id(), l);
      }
      elkEdges.put(e.id(), ee);
    }

    new LayeredLayoutProvider().layout(root, new BasicProgressMonitor());

    Map<String, Box> boxes = new LinkedHashMap<>();
    Map<String, Box> labels = new LinkedHashMap<>();
    elkNodes.forEach((id, en) -> {
      boxes.put(id, new Box(en.getX(), en.getY(), en.getWidth(), en.getHeight()));
      for (ElkLabel l : en.getLabels()) {
        labels.put(id, new Box(en.getX() + l.getX(), en.getY() + l.getY(), l.getWidth(),
            l.getHeight()));
      }
    });
    Map<String, List<Pt>> routes = new LinkedHashMap<>();
    elkEdges.forEach((id, ee) -> {
      List<Pt> pts = new ArrayList<>();
      for (ElkEdgeSection s : ee.getSections()) {
        if (pts.isEmpty()) {
          pts.add(new Pt(s.getStartX(), s.getStartY()));
        }
        for (ElkBendPoint b : s.getBendPoints()) {
          pts.add(new Pt(b.getX(), b.getY()));
        }
        pts.add(new Pt(s.getEndX(), s.getEndY()));
      }
      routes.put(id, pts);
    });
    edgeLabels.forEach((id, l) -> labels.put(id, new Box(l.getX(), l.getY(), l.getWidth(),
        l.getHeight())));
    return new Layout(boxes, routes, labels, Set.of());
  }

  static double labelWidth(RichText t) {
    return TextMetrics.width(t, DiagramGraph.LABEL_SIZE) + 2;
  }

  static double labelHeight() {
    return Math.ceil(DiagramGraph.LABEL_SIZE * 1.25);
  }

  /** Moves the variables with fixed positions there and straightens the edges they touch. */
  private static Layout applyFixed(Program program, DiagramGraph graph, Layout auto) {
    Map<String, Box> boxes = new LinkedHashMap<>(auto.nodes());
    Set<String> fixed = new HashSet<>();
    for (Map.Entry<String, Point> e : program.layout().entrySet()) {
      String id = DiagramGraph.varId(e.getKey());
      Box b = boxes.get(id);
      if (b != null && Math.hypot(b.cx() - e.getValue().x(), b.cy() - e.getValue().y()) > SAME) {
        boxes.put(id, new Box(e.getValue().x() - b.w() / 2, e.getValue().y() - b.h() / 2, b.w(),
            b.h()));
        fixed.add(id);
      }
    }
    if (fixed.isEmpty()) {
      return auto;
    }
    Set<String> moved = new HashSet<>(fixed);
    Map<String, Box> labels = new LinkedHashMap<>(auto.labels());
    for (Node n : graph.nodes().values()) {
      if (!n.kind().isGate()) {
        continue;
      }
      boolean touches = fixed.contains(DiagramGraph.varId(n.name()));
      for (DiagramGraph.Edge e : graph.edges()) {
        if (e.target().equals(n.id()) && fixed.contains(e.source())) {
          touches = true;
        }
      }
      if (touches) {
        Box r = boxes.get(DiagramGraph.varId(n.name()));
        Box old = boxes.get(n.id());
        Box g = new Box(r.x() - GATE_GAP - old.w(), r.cy() - old.h() / 2, old.w(), old.h());
        boxes.put(n.id(), g);
        moved.add(n.id());
        Box l = labels.get(n.id());
        if (l != null) {
          labels.put(n.id(), new Box(g.cx() - l.w() / 2, g.y() - l.h() - 2, l.w(), l.h()));
        }
      }
    }
    Map<String, List<Pt>> routes = new LinkedHashMap<>(auto.routes());
    for (DiagramGraph.Edge e : graph.edges()) {
      if (!moved.contains(e.source()) && !moved.contains(e.target())) {
        continue;
      }
      Box s = boxes.get(e.source());
      Box t = boxes.get(e.target());
      Pt a = boundary(s, t.cx(), t.cy());
      Pt b = boundary(t, s.cx(), s.cy());
      routes.put(e.id(), List.of(a, b));
      Box l = labels.get(e.id());
      if (l != null) {
        double mx = (a.x() + b.x()) / 2;
        double my = (a.y() + b.y()) / 2;
        labels.put(e.id(), new Box(mx - l.w() / 2, my - l.h() - 2, l.w(), l.h()));
      }
    }
    return new Layout(boxes, routes, labels, fixed);
  }

  /** Where the segment from the centre of {@code b} towards (x, y) leaves the box {@code b}. */
  static Pt boundary(Box b, double x, double y) {
    double dx = x - b.cx();
    double dy = y - b.cy();
    if (dx == 0 && dy == 0) {
      return new Pt(b.cx(), b.cy());
    }
    double tx = dx == 0 ? Double.POSITIVE_INFINITY : (b.w() / 2) / Math.abs(dx);
    double ty = dy == 0 ? Double.POSITIVE_INFINITY : (b.h() / 2) / Math.abs(dy);
    double t = Math.min(tx, ty);
    return new Pt(b.cx() + t * dx, b.cy() + t * dy);
  }
}
