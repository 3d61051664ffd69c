package org.tpe.app.editor.canvas;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tpe.model.Point;
import org.tpe.model.Program;
import org.tpe.render.layout.DiagramGraph;
import org.tpe.render.layout.DragLayout;
import org.tpe.render.layout.Layout;
import org.tpe.render.layout.Layout.Box;
import org.tpe.render.layout.Layout.Pt;
import org.tpe.render.scene.Element;
import org.tpe.render.scene.ElementId;
import org.tpe.render.scene.Highlight;
import org.tpe.render.scene.Scene;
import org.tpe.render.scene.SceneBuilder;

/**
 * Where everything on the canvas is: the renderer's {@link Scene} of the program (the one source
 * of geometry for drawing, hit-testing and highlighting: a circle is hit where it is drawn,
 * however large its label makes it) and the editor's matrix tiles ({@link MatrixTiles}). Built off
 * the UI thread by {@link GeometryWorker}; immutable; no JavaFX. The nodes' boxes and centres are
 * indexed once, so a redraw or a hit costs no search of the scene for a name. It keeps the diagram's
 * graph and layout so that a dragged node can be drawn under the pointer at once ({@link #moved}).
 */
public final class DiagramGeometry {
  /** Screen pixels within which a click still hits a node's outline (scaled to the model). */
  public static final double TOLERANCE_PX = 3;

  private final long revision;
  private final Program program;
  private final Highlight highlight;
  private final DiagramGraph graph;
  private final Layout layout;
  private final Scene scene;
  private final Map<String, Box> tiles;
  private final String failure;
  private final Map<String, Element> variables = new LinkedHashMap<>();
  private final Map<String, Point> centres;

  /**
   * @param revision the canvas's request it was built for
   * @param program the program drawn (with its positions)
   * @param highlight the highlight the scene was built with
   * @param graph the program's diagram, or null when it could not be laid out
   * @param layout the layout the scene was built from, or null when there is none
   * @param failure why the program could not be laid out (the scene is then empty), or null
   */
  public DiagramGeometry(long revision, Program program, Highlight highlight, DiagramGraph graph,
      Layout layout, Scene scene, Map<String, Box> tiles, String failure) {
    this.revision = revision;
    this.program = program;
    this.highlight = highlight;
    this.graph = graph;
    this.layout = layout;
    this.scene = scene;
    this.tiles = Collections.unmodifiableMap(new LinkedHashMap<>(tiles));
    this.failure = failure;
    Map<String, Point> c = new LinkedHashMap<>();
    for (Element e : scene.elements(ElementId.Type.VARIABLE)) {
      variables.putIfAbsent(e.id().name(), e);
      c.put(e.id().name(), new Point(e.bounds().cx(), e.bounds().cy()));
    }
    this.tiles.forEach((k, b) -> c.put(k, new Point(b.cx(), b.cy())));
    this.centres = Collections.unmodifiableMap(c);
  }

  public long revision() {
    return revision;
  }

  public Program program() {
    return program;
  }

  public Highlight highlight() {
    return highlight;
  }

  public Scene scene() {
    return scene;
  }

  /**
   * This geometry with the nodes of {@code centres} (variables and matrix tiles, by name) drawn
   * centred at their points, as they are dragged: the variables through {@link DragLayout} and
   * {@link SceneBuilder#rebuild} (their gates, labels and edges follow, nothing is routed), the
   * tiles shifted. Same revision and program: a preview until the moved program's own layout
   * arrives. Cost O(elements); fit for the UI thread on every mouse event.
   */
  public DiagramGeometry moved(Map<String, Point> centres) {
    if (centres.isEmpty() || graph == null || layout == null) {
      return this;
    }
    Map<String, Box> t = new LinkedHashMap<>(tiles);
    Map<String, Pt> vars = new LinkedHashMap<>();
    centres.forEach((n, q) -> {
      Box b = t.get(n);
      if (b != null) {
        t.put(n, b.shift(q.x() - b.cx(), q.y() - b.cy()));
      } else {
        vars.put(n, new Pt(q.x(), q.y()));
      }
    });
    DragLayout.Moved m = DragLayout.moved(graph, layout, vars);
    Scene s = SceneBuilder.rebuild(scene, graph, m.layout(), highlight, m.nodes(), m.edges());
    return new DiagramGeometry(revision, program, highlight, graph, m.layout(), s, t, failure);
  }

  /** Matrix tiles by matrix name. */
  public Map<String, Box> tiles() {
    return tiles;
  }

  /** Why nothing could be drawn, or null. */
  public String failure() {
    return failure;
  }

  /**
   * The variable under model point (x, y): a matrix tile, a variable's circle or square, or a gate
   * (which stands for the variable it computes); null on empty space or an edge. {@code
   * tolerance} is in model units.
   */
  public String hit(double x, double y, double tolerance) {
    String tile = null;
    for (Map.Entry<String, Box> e : tiles.entrySet()) {
      Box b = e.getValue();
      if (x >= b.x() - tolerance && x <= b.x() + b.w() + tolerance && y >= b.y() - tolerance
          && y <= b.y() + b.h() + tolerance) {
        tile = e.getKey(); // the last tile drawn is on top
      }
    }
    if (tile != null) {
      return tile;
    }
    Optional<Element> e = scene.hit(x, y, tolerance);
    if (e.isEmpty()) {
      return null;
    }
    ElementId id = e.get().id();
    return id.type() == ElementId.Type.VARIABLE || id.type() == ElementId.Type.INSTRUCTION
        ? id.name() : null;
  }

  /**
   * The MatMul whose dashed edge (its route or its matrix label) is under model point (x, y), by
   * the result it defines, as the renderer's {@link Scene#edgeAt} finds it: the nearest edge within
   * {@code tolerance} (model units), when it is a MatMul's and the point is not inside a node or a
   * tile. An edge may run within the tolerance of a tile beside it; there the edge is what the
   * mouse is on. Null otherwise.
   */
  public String matMulAt(double x, double y, double tolerance) {
    if (hit(x, y, 0) != null) {
      return null;
    }
    Optional<Element> e = scene.edgeAt(x, y, tolerance);
    return e.isPresent() && "matmul".equals(e.get().role()) ? e.get().id().toVar() : null;
  }

  /** The box {@code name} is drawn in (its circle's or square's, or its tile), or null. */
  public Box box(String name) {
    Box t = tiles.get(name);
    if (t != null) {
      return t;
    }
    Element e = variables.get(name);
    return e == null ? null : e.bounds();
  }

  /** Whether {@code name} is drawn as a circle. */
  public boolean isCircle(String name) {
    Element e = variables.get(name);
    return !tiles.containsKey(name) && e != null && e.circle();
  }

  /** The centre of {@code name}'s node, or null when it is not drawn. */
  public Point centre(String name) {
    return centres.get(name);
  }

  /** Centres of every node drawn: variables and matrix tiles (read-only). */
  public Map<String, Point> centres() {
    return centres;
  }

  /** The nodes whose centre lies in the model rectangle spanned by two corners. */
  public List<String> within(Point a, Point b) {
    double x0 = Math.min(a.x(), b.x());
    double x1 = Math.max(a.x(), b.x());
    double y0 = Math.min(a.y(), b.y());
    double y1 = Math.max(a.y(), b.y());
    List<String> out = new ArrayList<>();
    centres().forEach((n, q) -> {
      if (q.x() >= x0 && q.x() <= x1 && q.y() >= y0 && q.y() <= y1) {
        out.add(n);
      }
    });
    return out;
  }

  /** Everything drawn: the scene's bounds and the tiles; null for an empty program. */
  public Box bounds() {
    if (program.statements().isEmpty()) {
      return null;
    }
    Box all = scene.bounds();
    for (Box t : tiles.values()) {
      all = all.union(new Box(t.x() - 10, t.y() - 10, t.w() + 20, t.h() + 20));
    }
    return all;
  }
}
