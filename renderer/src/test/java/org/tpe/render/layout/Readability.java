package org.tpe.render.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tpe.model.Program;
import org.tpe.render.layout.Layout.Box;
import org.tpe.render.layout.Layout.Pt;
import org.tpe.render.scene.Element;
import org.tpe.render.scene.ElementId;
import org.tpe.render.scene.Highlight;
import org.tpe.render.scene.Prim;
import org.tpe.render.scene.Scene;
import org.tpe.render.scene.SceneBuilder;
import org.tpe.render.style.Style;

/**
 * What makes a diagram readable, checked on what is drawn (the scene) and where (the layout):
 *
 * <ol>
 *   <li>no two nodes (variables, gates) overlap;
 *   <li>no label overlaps another label or a node;
 *   <li>no edge runs through a node other than its own two ends;
 *   <li>no label lies on an edge other than its own, nor within {@link
 *       AutoLayout#RING_CLEARANCE} of a vector's outline (where the editor draws selection rings);
 *   <li>every edge is drawn with horizontal and vertical segments only;
 *   <li>above {@link #MANY} nodes the drawing's aspect ratio is within 1:4 … 4:1;
 *   <li>fitted into a {@link #VIEW_W} × {@link #VIEW_H} view, labels are at least {@link
 *       #MIN_LABEL_PT} (screen pixels at 96 dpi, the unit JavaFX sizes fonts in).
 * </ol>
 *
 * Each violation is reported as a sentence naming the elements, so a failing test says what to
 * look at.
 */
final class Readability {
  static final int MANY = 30;
  static final double MAX_RATIO = 4;
  static final double VIEW_W = 1400;
  static final double VIEW_H = 900;
  static final double MIN_LABEL_PT = 9;

  private Readability() {}

  /** A drawn label: its owner (an edge id or a gate's node id) and its ink box. */
  record Label(String owner, Box box) {}

  static Scene scene(Program p, Layout l) {
    return SceneBuilder.build(p, l, Style.DEFAULT, Highlight.NONE);
  }

  /** Labels as drawn: MatMul matrices, LinComb coefficients and gate labels (not node names). */
  static List<Label> labels(Scene s) {
    List<Label> out = new ArrayList<>();
    for (Element e : s.elements()) {
      for (Prim p : e.prims()) {
        if (p instanceof Prim.Text t && !t.tag().equals("name")) {
          String owner = e.id().type() == ElementId.Type.EDGE ? e.id().name()
              : DiagramGraph.gateId(e.id().name());
          out.add(new Label(owner, new Box(t.x(), t.top(), t.width(), t.bottom() - t.top())));
        }
      }
    }
    return out;
  }

  /** Every violation of the rules 1–5 (geometry), as sentences; empty when readable. */
  static List<String> geometry(Program p, DiagramGraph g, Layout l) {
    Scene s = scene(p, l);
    List<String> bad = new ArrayList<>();
    List<Map.Entry<String, Box>> nodes = new ArrayList<>(l.nodes().entrySet());
    for (int i = 0; i < nodes.size(); i++) {
      for (int j = i + 1; j < nodes.size(); j++) {
        if (nodes.get(i).getValue().intersects(nodes.get(j).getValue(), -0.5)) {
          bad.add("node " + nodes.get(i).getKey() + " overlaps node " + nodes.get(j).getKey());
        }
      }
    }
    List<Label> labels = labels(s);
    for (int i = 0; i < labels.size(); i++) {
      Label a = labels.get(i);
      for (int j = i + 1; j < labels.size(); j++) {
        if (a.box().intersects(labels.get(j).box(), -0.5)) {
          bad.add("label of " + a.owner() + " overlaps label of " + labels.get(j).owner());
        }
      }
      for (Map.Entry<String, Box> n : nodes) {
        if (a.box().intersects(n.getValue(), -0.5)) {
          bad.add("label of " + a.owner() + " overlaps node " + n.getKey());
        }
      }
      for (DiagramGraph.Node n : g.nodes().values()) {
        if (n.kind() == DiagramGraph.NodeKind.VECTOR) {
          Box c = l.node(n.id());
          if (distance(a.box(), c.cx(), c.cy()) < c.w() / 2 + AutoLayout.RING_CLEARANCE - 0.5) {
            bad.add("label of " + a.owner() + " is within a selection ring's reach of "
                + n.id());
          }
        }
      }
    }
    for (Element e : s.elements(ElementId.Type.EDGE)) {
      DiagramGraph.Edge de = g.edges().stream().filter(x -> x.id().equals(e.id().name()))
          .findFirst().orElseThrow();
      List<Pt> r = e.route();
      for (int i = 0; i + 1 < r.size(); i++) {
        Pt a = r.get(i);
        Pt b = r.get(i + 1);
        if (Math.abs(a.x() - b.x()) > 0.01 && Math.abs(a.y() - b.y()) > 0.01) {
          bad.add("edge " + de.id() + " has a diagonal segment " + a + " → " + b);
        }
      }
      for (Map.Entry<String, Box> n : nodes) {
        if (!n.getKey().equals(de.source()) && !n.getKey().equals(de.target())
            && AutoLayoutTest.crosses(r, n.getValue(), 1.0)) {
          bad.add("edge " + de.id() + " runs through node " + n.getKey());
        }
      }
      for (Label lb : labels) {
        if (!lb.owner().equals(de.id()) && AutoLayoutTest.crosses(r, lb.box(), 0.5)) {
          bad.add("edge " + de.id() + " runs through the label of " + lb.owner());
        }
      }
    }
    return bad;
  }

  /** The aspect ratio (≥ 1) of the drawing. */
  static double ratio(Scene s) {
    Box b = s.bounds();
    return Math.max(b.w() / b.h(), b.h() / b.w());
  }

  /** Size on screen of labels when the whole drawing is fitted into the view. */
  static double labelPtAtFit(Scene s) {
    return DiagramGraph.LABEL_SIZE * s.fitScale(VIEW_W, VIEW_H, Double.POSITIVE_INFINITY);
  }

  /** Distance from (x, y) to the box (0 inside). */
  static double distance(Box b, double x, double y) {
    double dx = Math.max(Math.max(b.x() - x, 0), x - b.x() - b.w());
    double dy = Math.max(Math.max(b.y() - y, 0), y - b.y() - b.h());
    return Math.hypot(dx, dy);
  }
}
