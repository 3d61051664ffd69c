package org.tpe.render.layout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tpe.render.layout.DiagramGraph.EdgeKind;
import org.tpe.render.layout.DiagramGraph.Node;
import org.tpe.render.layout.Layout.Box;
import org.tpe.render.layout.Layout.Pt;

/**
 * A variable's node together with the gate that computes it, laid out as one rigid piece: the
 * gate on the left, {@link AutoLayout#GATE_GAP} of solid arrow, then the circle (or square), both
 * centred on one horizontal line. Keeping the pair rigid is what TP IIb's figures do (a gate sits
 * right before its result) and what keeps gates in place when an edit changes nothing but a label.
 *
 * <p>Edges attach at fixed points: every edge leaving the variable at the middle of the unit's
 * right side, a MatMul into the variable at the middle of its left side, and the arguments of the
 * gate spread evenly over the gate's left side, in argument order. Coordinates of {@link #var},
 * {@link #gate} and the ports are relative to the unit's top-left corner.
 *
 * @param id the variable's node id (or the gate's, for a gate whose variable is not drawn)
 * @param var the variable's node id, or null
 * @param gate the gate's node id, or null for an initial variable or a MatMul result
 * @param varBox the variable's box in unit coordinates, or null
 * @param gateBox the gate's box in unit coordinates, or null
 * @param args the argument edge ids entering the gate, in port order
 */
record Unit(String id, String var, String gate, double w, double h, Box varBox, Box gateBox,
    List<String> args) {
  Unit {
    args = List.copyOf(args);
  }

  /** The units of a diagram, by unit id, in the order of the diagram's nodes. */
  static Map<String, Unit> of(DiagramGraph g) {
    Map<String, Unit> out = new LinkedHashMap<>();
    Map<String, List<String>> argsOf = new LinkedHashMap<>();
    for (DiagramGraph.Edge e : g.edges()) {
      if (e.kind() == EdgeKind.ARGUMENT) {
        argsOf.computeIfAbsent(e.target(), k -> new ArrayList<>()).add(e.id());
      }
    }
    for (Node n : g.nodes().values()) {
      if (n.kind().isGate()) {
        continue;
      }
      Node gate = g.nodes().get(DiagramGraph.gateId(n.name()));
      out.put(n.id(), make(n, gate, gate == null ? List.of() : argsOf.getOrDefault(gate.id(),
          List.of())));
    }
    for (Node n : g.nodes().values()) {
      if (n.kind().isGate() && !g.nodes().containsKey(DiagramGraph.varId(n.name()))) {
        out.put(n.id(), make(null, n, argsOf.getOrDefault(n.id(), List.of())));
      }
    }
    return out;
  }

  private static Unit make(Node var, Node gate, List<String> args) {
    double gw = gate == null ? 0 : gate.width();
    double gh = gate == null ? 0 : gate.height();
    double vw = var == null ? 0 : var.width();
    double vh = var == null ? 0 : var.height();
    double gap = gate != null && var != null ? AutoLayout.GATE_GAP : 0;
    double w = gw + gap + vw;
    double h = Math.max(gh, vh);
    Box gb = gate == null ? null : new Box(0, (h - gh) / 2, gw, gh);
    Box vb = var == null ? null : new Box(gw + gap, (h - vh) / 2, vw, vh);
    return new Unit(var != null ? var.id() : gate.id(), var == null ? null : var.id(),
        gate == null ? null : gate.id(), w, h, vb, gb, args);
  }

  /** Where edges leave the variable. */
  Pt out() {
    return new Pt(w, h / 2);
  }

  /** Where a MatMul edge enters the variable. */
  Pt in() {
    return new Pt(0, h / 2);
  }

  /** Where argument edge {@code edgeId} enters the gate. */
  Pt arg(String edgeId) {
    int i = args.indexOf(edgeId);
    if (i < 0 || gateBox == null) {
      return in();
    }
    return new Pt(0, gateBox.y() + gateBox.h() * (i + 1) / (args.size() + 1));
  }

  /** The unit's id of the node {@code nodeId} (a variable, or a gate: the variable it computes). */
  static String unitOf(Map<String, Unit> units, DiagramGraph g, String nodeId) {
    Node n = g.nodes().get(nodeId);
    if (n != null && n.kind().isGate()) {
      String v = DiagramGraph.varId(n.name());
      return units.containsKey(v) ? v : nodeId;
    }
    return nodeId;
  }
}
