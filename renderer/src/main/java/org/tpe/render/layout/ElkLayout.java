package org.tpe.render.layout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.elk.alg.layered.LayeredLayoutProvider;
import org.eclipse.elk.alg.layered.options.CenterEdgeLabelPlacementStrategy;
import org.eclipse.elk.alg.layered.options.EdgeLabelSideSelection;
import org.eclipse.elk.alg.layered.options.LayerConstraint;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.NodePlacementStrategy;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeLabelPlacement;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.options.NodeLabelPlacement;
import org.eclipse.elk.core.options.PortConstraints;
import org.eclipse.elk.core.options.PortSide;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.ElkPort;
import org.eclipse.elk.graph.util.ElkGraphUtil;
import org.tpe.render.layout.DiagramGraph.EdgeKind;
import org.tpe.render.layout.DiagramGraph.Node;
import org.tpe.render.layout.Layout.Box;
import org.tpe.render.layout.Layout.Pt;
import org.tpe.render.text.RichText;
import org.tpe.render.text.TextMetrics;

/**
 * The automatic layout: Eclipse ELK's layered algorithm (Sugiyama: cycle breaking, network-simplex
 * layering, crossing minimisation by layer sweeps, Brandes–Köpf node placement, orthogonal edge
 * routing between the layers) on the diagram's {@link Unit}s, left to right. Edges attach at fixed
 * ports (see {@link Unit}); initial vectors are put in the first layer, outputs nothing reads in
 * the last. MatMul matrices and LinComb coefficients are ELK centre labels placed in the layer
 * just before the edge's head, above the edge, so each sits on its own edge and reserves its room;
 * a gate's φ sits above the gate.
 *
 * <p><b>Long chains are folded.</b> A drawing of at least {@link #WRAP_FROM} nodes more than
 * {@link #WRAP_ABOVE} times as wide as high is folded into rows by {@link RowFolding}, aiming at
 * the best scale at Fit in a {@link #TARGET_ASPECT} window. (ELK's own graph wrapping gives
 * every chunk the same column widths, which wastes a third of a deep MLP's width.)
 *
 * <p>Cost: ELK layered is roughly O((V + E + D) · layers) per sweep with D the dummy nodes of
 * long edges; about 0.2 s of CPU for 500 variables (benchmark {@code layout-500}), more for
 * programs with many long edges (0.6 s for a 48-layer forward and backward pass). Deterministic:
 * the same graph always gets the same layout.
 */
final class ElkLayout {
  /** Wrap drawings wider than this many times their height. */
  static final double WRAP_ABOVE = 4;
  /** Smaller diagrams (variables and gates) stay in one row: short rows read well. */
  static final int WRAP_FROM = 30;
  /** Aspect ratio aimed at when wrapping: a 1400 × 900 window. */
  static final double TARGET_ASPECT = 1400.0 / 900.0;
  /** Above this many units (about twice as many nodes) crossing minimisation is less thorough. */
  static final int LARGE = 120;

  static {
    // Plain Java (no Eclipse plug-in registry): register ELK's option metadata, which also
    // registers the option value types ELK clones (padding, spacing) with ElkReflect.
    LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(
        new LayeredMetaDataProvider());
  }

  private ElkLayout() {}

  /** The automatic layout of {@code g}. */
  static Layout layout(DiagramGraph g, Map<String, Unit> units) {
    Layout flat = flat(g, units);
    if (g.nodes().size() < WRAP_FROM || aspect(flat) <= WRAP_ABOVE) {
      return flat;
    }
    return RowFolding.best(g, units, flat);
  }

  static double aspect(Layout l) {
    Box b = extent(l);
    return b.w() / Math.max(1, b.h());
  }

  /** Scale at which the drawing fits a window of {@link #TARGET_ASPECT} (up to a constant). */
  static double fitScale(Layout l) {
    Box b = extent(l);
    return Math.min(TARGET_ASPECT / b.w(), 1.0 / b.h());
  }

  /** The box of every node, label and route point. */
  static Box extent(Layout l) {
    Box all = null;
    for (Box b : l.nodes().values()) {
      all = all == null ? b : all.union(b);
    }
    for (Box b : l.labels().values()) {
      all = all == null ? b : all.union(b);
    }
    for (List<Pt> r : l.routes().values()) {
      for (Pt p : r) {
        Box b = new Box(p.x(), p.y(), 0, 0);
        all = all == null ? b : all.union(b);
      }
    }
    return all == null ? new Box(0, 0, 1, 1) : all;
  }

  /** Room ELK keeps below a gate label that reaches over its circle (a selection ring's). */
  static double labelPad(Unit u, Box label) {
    if (u.varBox() == null || u.gateBox() == null) {
      return 0;
    }
    boolean overCircle = label.w() > u.varBox().x() + 1;
    double need = AutoLayout.RING_CLEARANCE + u.varBox().y() + 0.5;
    return overCircle ? Math.max(0, need - AutoLayout.LABEL_NODE) : 0;
  }

  /** ELK's layered layout in one row. */
  static Layout flat(DiagramGraph g, Map<String, Unit> units) {
    ElkNode root = ElkGraphUtil.createGraph();
    root.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
    root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
    root.setProperty(LayeredOptions.NODE_PLACEMENT_STRATEGY, NodePlacementStrategy.BRANDES_KOEPF);
    root.setProperty(LayeredOptions.SPACING_NODE_NODE, 10.0);
    root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 10.0);
    root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 6.0);
    root.setProperty(LayeredOptions.SPACING_EDGE_EDGE_BETWEEN_LAYERS, 6.0);
    root.setProperty(LayeredOptions.SPACING_EDGE_EDGE, 6.0);
    root.setProperty(LayeredOptions.SPACING_EDGE_NODE, 6.0);
    root.setProperty(LayeredOptions.SPACING_EDGE_LABEL, 2.0);
    root.setProperty(LayeredOptions.SPACING_LABEL_NODE, AutoLayout.LABEL_NODE);
    root.setProperty(LayeredOptions.SPACING_LABEL_LABEL, 4.0);
    root.setProperty(LayeredOptions.EDGE_LABELS_SIDE_SELECTION, EdgeLabelSideSelection.ALWAYS_UP);
    root.setProperty(LayeredOptions.EDGE_LABELS_CENTER_LABEL_PLACEMENT_STRATEGY,
        CenterEdgeLabelPlacementStrategy.HEAD_LAYER);
    root.setProperty(CoreOptions.PADDING, new ElkPadding(AutoLayout.PADDING));
    root.setProperty(LayeredOptions.RANDOM_SEED, 1);
    // one layering for the whole drawing: an unused initial vector (a readout declared only for
    // the network) still sits in the first column, not in a corner of its own
    root.setProperty(CoreOptions.SEPARATE_CONNECTED_COMPONENTS, false);
    if (units.size() > LARGE) {
      // fewer crossing-minimisation sweeps on big programs: ELK's default 7 costs about twice
      // as much for a small gain at that size (benchmark layout-500)
      root.setProperty(LayeredOptions.THOROUGHNESS, 3);
    }

    Set<String> hasOut = new HashSet<>();
    for (DiagramGraph.Edge e : g.edges()) {
      if (e.kind() != EdgeKind.RESULT) {
        hasOut.add(Unit.unitOf(units, g, e.source()));
      }
    }
    Map<String, ElkNode> elkNodes = new LinkedHashMap<>();
    Map<String, ElkLabel> gateLabels = new LinkedHashMap<>();
    Map<String, ElkPort> outPorts = new LinkedHashMap<>();
    Map<String, ElkPort> inPorts = new LinkedHashMap<>();
    for (Unit u : units.values()) {
      ElkNode en = ElkGraphUtil.createNode(root);
      en.setIdentifier(u.id());
      en.setDimensions(u.w(), u.h());
      en.setProperty(CoreOptions.PORT_CONSTRAINTS, PortConstraints.FIXED_POS);
      Node var = u.var() == null ? null : g.nodes().get(u.var());
      if (var != null && var.initial() && var.kind() == DiagramGraph.NodeKind.VECTOR) {
        en.setProperty(LayeredOptions.LAYERING_LAYER_CONSTRAINT, LayerConstraint.FIRST);
      } else if (var != null && var.output() && !hasOut.contains(u.id())) {
        en.setProperty(LayeredOptions.LAYERING_LAYER_CONSTRAINT, LayerConstraint.LAST);
      }
      Node gate = u.gate() == null ? null : g.nodes().get(u.gate());
      if (gate != null && gate.label() != null) {
        ElkLabel l = ElkGraphUtil.createLabel(en);
        l.setText(gate.label().plainText());
        Box text = new Box(0, 0, labelWidth(gate.label()), labelHeight());
        l.setDimensions(text.w(), text.h() + labelPad(u, text));
        en.setProperty(CoreOptions.NODE_LABELS_PLACEMENT, NodeLabelPlacement.outsideTopLeft());
        gateLabels.put(u.id(), l);
      }
      elkNodes.put(u.id(), en);
    }
    Map<String, ElkEdge> elkEdges = new LinkedHashMap<>();
    Map<String, ElkLabel> edgeLabels = new LinkedHashMap<>();
    for (DiagramGraph.Edge e : g.edges()) {
      if (e.kind() == EdgeKind.RESULT && units.containsKey(Unit.unitOf(units, g, e.source()))
          && Unit.unitOf(units, g, e.source()).equals(e.target())) {
        continue; // inside its unit
      }
      String su = Unit.unitOf(units, g, e.source());
      String tu = Unit.unitOf(units, g, e.target());
      ElkPort sp = outPorts.computeIfAbsent(su, k -> port(elkNodes.get(k), units.get(k).out(),
          PortSide.EAST));
      ElkPort tp = e.kind() == EdgeKind.ARGUMENT
          ? port(elkNodes.get(tu), units.get(tu).arg(e.id()), PortSide.WEST)
          : inPorts.computeIfAbsent(tu, k -> port(elkNodes.get(k), units.get(k).in(),
              PortSide.WEST));
      ElkEdge ee = ElkGraphUtil.createSimpleEdge(sp, tp);
      ee.setIdentifier(e.id());
      if (e.label() != null) {
        ElkLabel l = ElkGraphUtil.createLabel(ee);
        l.setText(e.label().plainText());
        l.setDimensions(labelWidth(e.label()), labelHeight());
        l.setProperty(CoreOptions.EDGE_LABELS_PLACEMENT, EdgeLabelPlacement.CENTER);
        edgeLabels.put(e.id(), l);
      }
      elkEdges.put(e.id(), ee);
    }

    // ELK recurses along chains: a deep program needs a deep stack (DeepStack)
    DeepStack.call("ELK layered layout", () -> {
      new LayeredLayoutProvider().layout(root, new BasicProgressMonitor());
      return root;
    });

    Map<String, Box> unitAt = new LinkedHashMap<>();
    elkNodes.forEach((id, en) -> unitAt.put(id, new Box(en.getX(), en.getY(), en.getWidth(),
        en.getHeight())));
    Map<String, Box> labels = new LinkedHashMap<>();
    gateLabels.forEach((id, l) -> {
      Box u = unitAt.get(id);
      labels.put(units.get(id).gate(), new Box(u.x() + l.getX(), u.y() + l.getY(), l.getWidth(),
          labelHeight()));
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
      routes.put(id, simplify(pts));
    });
    edgeLabels.forEach((id, l) -> labels.put(id, new Box(l.getX(), l.getY(), l.getWidth(),
        l.getHeight())));
    return place(g, units, unitAt, routes, labels);
  }

  /**
   * The layout with every unit at the given box: node boxes, the routes given for ELK's edges,
   * and the straight arrow from each gate to its result inside its unit.
   */
  static Layout place(DiagramGraph g, Map<String, Unit> units, Map<String, Box> unitAt,
      Map<String, List<Pt>> routes, Map<String, Box> labels) {
    Map<String, Box> boxes = new LinkedHashMap<>();
    for (Node n : g.nodes().values()) {
      String uid = Unit.unitOf(units, g, n.id());
      Unit u = units.get(uid);
      Box at = unitAt.get(uid);
      Box local = n.id().equals(u.var()) ? u.varBox() : u.gateBox();
      boxes.put(n.id(), local.shift(at.x(), at.y()));
    }
    Map<String, List<Pt>> all = new LinkedHashMap<>();
    for (DiagramGraph.Edge e : g.edges()) {
      List<Pt> r = routes.get(e.id());
      if (r == null && e.kind() == EdgeKind.RESULT) {
        Box gb = boxes.get(e.source());
        Box vb = boxes.get(e.target());
        r = List.of(new Pt(gb.x() + gb.w(), vb.cy()), new Pt(vb.x(), vb.cy()));
      }
      if (r != null) {
        all.put(e.id(), r);
      }
    }
    return new Layout(boxes, all, labels, Set.of());
  }

  private static ElkPort port(ElkNode n, Pt at, PortSide side) {
    ElkPort p = ElkGraphUtil.createPort(n);
    p.setDimensions(0, 0);
    p.setLocation(at.x(), at.y());
    p.setProperty(CoreOptions.PORT_SIDE, side);
    return p;
  }

  /** Drops repeated points and points in the middle of a straight run. */
  static List<Pt> simplify(List<Pt> pts) {
    List<Pt> out = new ArrayList<>();
    for (Pt p : pts) {
      if (!out.isEmpty() && Math.abs(out.get(out.size() - 1).x() - p.x()) < 1e-9
          && Math.abs(out.get(out.size() - 1).y() - p.y()) < 1e-9) {
        continue;
      }
      while (out.size() >= 2) {
        Pt a = out.get(out.size() - 2);
        Pt b = out.get(out.size() - 1);
        boolean collinear = Math.abs(a.x() - b.x()) < 1e-9 && Math.abs(b.x() - p.x()) < 1e-9
            || Math.abs(a.y() - b.y()) < 1e-9 && Math.abs(b.y() - p.y()) < 1e-9;
        if (!collinear) {
          break;
        }
        out.remove(out.size() - 1);
      }
      out.add(p);
    }
    return out;
  }

  static double labelWidth(RichText t) {
    return TextMetrics.width(t, DiagramGraph.LABEL_SIZE) + 2;
  }

  static double labelHeight() {
    return Math.ceil(DiagramGraph.LABEL_SIZE * 1.25);
  }
}
