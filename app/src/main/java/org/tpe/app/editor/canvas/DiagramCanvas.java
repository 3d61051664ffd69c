package org.tpe.app.editor.canvas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.transform.Affine;
import org.tpe.app.editor.model.Command;
import org.tpe.app.editor.model.Commands;
import org.tpe.app.editor.model.EditorModel;
import org.tpe.app.editor.model.ProgramEdits;
import org.tpe.model.Input;
import org.tpe.model.MatrixInput;
import org.tpe.model.Point;
import org.tpe.model.Program;
import org.tpe.model.ScalarInput;
import org.tpe.model.VectorInput;

/**
 * The diagram view. The {@link Canvas} is kept the size of its viewport and the drawing is
 * transformed for zoom and pan (a canvas as large as a zoomed diagram would exhaust texture
 * memory). Gestures become {@link Command}s on the {@link EditorModel}: a drag commits one {@code
 * Move} on release, a connect drag one {@code Connect}; the view re-renders from the model.
 *
 * <p>Mouse: primary press selects (shift toggles), drag moves the selection, drag on empty space
 * draws a rubber band; secondary or middle drag pans; the wheel and pinch zoom about the cursor.
 * With an add tool a press adds a node there; with a connect tool a drag from a node to another
 * node (or to empty space) connects them, and the status line says while dragging whether the
 * connection is legal and why not.
 */
public final class DiagramCanvas extends Region {
  private final Canvas canvas = new Canvas();
  private final EditorModel model;
  private final ObjectProperty<Tool> tool = new SimpleObjectProperty<>(Tool.SELECT);
  private final Set<String> selection = new LinkedHashSet<>();
  private final List<Runnable> selectionListeners = new ArrayList<>();
  private Highlight highlight = Highlight.NONE;
  private Set<String> problemNodes = Set.of();
  private BiConsumer<String, Boolean> status = (m, err) -> {};

  private double scale = 1;
  private double tx = 0;
  private double ty = 0;

  private enum Gesture { NONE, PAN, MOVE, RUBBER, CONNECT }

  private Gesture gesture = Gesture.NONE;
  private double pressX;
  private double pressY;
  private double lastX;
  private double lastY;
  private double curX;
  private double curY;
  private String connectFrom;
  private String connectTarget;
  private String connectWhyNot;
  private Map<String, Point> dragPreview = Map.of();
  private Map<String, Point> positions = Map.of();
  private Program positionsOf;
  private long lastRedrawNanos;
  private org.tpe.render.scene.Scene scene;
  private org.tpe.render.layout.Layout layout;
  private Program layoutOf;
  private Highlight sceneHighlight;

  public DiagramCanvas(EditorModel model) {
    this.model = model;
    getChildren().add(canvas);
    setMinSize(100, 100);
    setFocusTraversable(true);
    setStyle("-fx-background-color: white;");
    canvas.widthProperty().addListener(o -> redraw());
    canvas.heightProperty().addListener(o -> redraw());
    model.addListener(m -> {
      selection.removeIf(n -> !m.program().isDefined(n));
      redraw();
    });
    addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
    addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
    addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
    addEventHandler(ScrollEvent.SCROLL, e -> {
      if (e.getDeltaY() != 0 && !e.isInertia()) {
        zoomAbout(Math.exp(e.getDeltaY() * 0.0025), e.getX(), e.getY());
      }
      e.consume();
    });
    addEventHandler(ZoomEvent.ZOOM, e -> {
      zoomAbout(e.getZoomFactor(), e.getX(), e.getY());
      e.consume();
    });
  }

  @Override
  protected void layoutChildren() {
    canvas.setWidth(getWidth());
    canvas.setHeight(getHeight());
  }

  // ---- state exposed to the window and tests ------------------------------------------------

  public ObjectProperty<Tool> toolProperty() {
    return tool;
  }

  /** The selected variables, in selection order (read-only view). */
  public Set<String> selection() {
    return java.util.Collections.unmodifiableSet(selection);
  }

  /** Replaces the selection. */
  public void select(java.util.Collection<String> names) {
    selection.clear();
    names.stream().filter(model.program()::isDefined).forEach(selection::add);
    selectionChanged();
  }

  public void onSelectionChanged(Runnable r) {
    selectionListeners.add(r);
  }

  /** Where status messages go: (message, isError). */
  public void setStatusSink(BiConsumer<String, Boolean> sink) {
    this.status = sink;
  }

  public Highlight highlight() {
    return highlight;
  }

  public void setHighlight(Highlight h) {
    this.highlight = h == null ? Highlight.NONE : h;
    redraw();
  }

  /** Nodes named by validation errors, drawn with a red outline. */
  public void setProblemNodes(Set<String> names) {
    this.problemNodes = Set.copyOf(names);
    redraw();
  }

  public double scale() {
    return scale;
  }

  /** Node positions as drawn: the program's own, completed by the layered layout. */
  public Map<String, Point> positions() {
    Program p = model.program();
    if (positionsOf != p) {
      positions = LayeredLayout.complete(p);
      positionsOf = p;
    }
    return positions;
  }

  /** Screen (local) coordinates of a model point. */
  public double[] toScreen(Point q) {
    return new double[] {q.x() * scale + tx, q.y() * scale + ty};
  }

  /** Model coordinates of a screen (local) point. */
  public Point toModel(double sx, double sy) {
    return new Point((sx - tx) / scale, (sy - ty) / scale);
  }

  /** Nanoseconds the last redraw took (the responsiveness target is under 16 ms). */
  public long lastRedrawNanos() {
    return lastRedrawNanos;
  }

  // ---- view transform --------------------------------------------------------------------------

  /** Multiplies the zoom by {@code f} keeping the screen point (sx, sy) fixed. */
  public void zoomAbout(double f, double sx, double sy) {
    double next = Math.max(0.05, Math.min(8, scale * f));
    f = next / scale;
    tx = sx - (sx - tx) * f;
    ty = sy - (sy - ty) * f;
    scale = next;
    redraw();
  }

  /** Zooms by {@code f} about the centre of the view. */
  public void zoom(double f) {
    zoomAbout(f, getWidth() / 2, getHeight() / 2);
  }

  /** Scales and pans so that the whole diagram fits the view, never magnifying beyond 1.5×. */
  public void fit() {
    Map<String, Point> at = positions();
    if (at.isEmpty() || getWidth() <= 0 || getHeight() <= 0) {
      return;
    }
    double x0 = Double.MAX_VALUE;
    double y0 = Double.MAX_VALUE;
    double x1 = -Double.MAX_VALUE;
    double y1 = -Double.MAX_VALUE;
    for (Point q : at.values()) {
      x0 = Math.min(x0, q.x() - DiagramPainter.GATE - 20);
      y0 = Math.min(y0, q.y() - 40);
      x1 = Math.max(x1, q.x() + 40);
      y1 = Math.max(y1, q.y() + 40);
    }
    scale = Math.max(0.05, Math.min(1.5, Math.min(getWidth() / (x1 - x0),
        getHeight() / (y1 - y0))));
    tx = (getWidth() - (x1 - x0) * scale) / 2 - x0 * scale;
    ty = (getHeight() - (y1 - y0) * scale) / 2 - y0 * scale;
    redraw();
  }

  /** Pans so that {@code name}'s node is in the middle of the view. */
  public void centreOn(String name) {
    Point q = positions().get(name);
    if (q != null) {
      tx = getWidth() / 2 - q.x() * scale;
      ty = getHeight() / 2 - q.y() * scale;
      redraw();
    }
  }

  // ---- gestures ----------------------------------------------------------------------------------

  private void pressed(MouseEvent e) {
    requestFocus();
    pressX = lastX = curX = e.getX();
    pressY = lastY = curY = e.getY();
    if (e.getButton() != MouseButton.PRIMARY) {
      gesture = Gesture.PAN;
      return;
    }
    Point w = toModel(e.getX(), e.getY());
    String n = DiagramPainter.hit(model.program(), positions(), w.x(), w.y());
    Tool t = tool.get();
    switch (t) {
      case SELECT:
        if (n == null) {
          if (!e.isShiftDown()) {
            selection.clear();
            selectionChanged();
          }
          gesture = Gesture.RUBBER;
        } else {
          if (e.isShiftDown()) {
            if (!selection.remove(n)) {
              selection.add(n);
            }
          } else if (!selection.contains(n)) {
            selection.clear();
            selection.add(n);
          }
          selectionChanged();
          gesture = selection.contains(n) ? Gesture.MOVE : Gesture.NONE;
        }
        break;
      case VECTOR:
      case MATRIX:
      case SCALAR:
        if (n == null) {
          add(t, w);
        }
        gesture = Gesture.NONE;
        break;
      default:
        if (n == null) {
          status.accept("Start a " + t.connect().label() + " on a node and drag to its partner",
              true);
          gesture = Gesture.NONE;
        } else {
          connectFrom = n;
          connectTarget = null;
          connectWhyNot = null;
          gesture = Gesture.CONNECT;
        }
    }
    redraw();
  }

  private void add(Tool t, Point w) {
    Program p = model.program();
    Input in = switch (t) {
      case VECTOR -> VectorInput.of(ProgramEdits.freshName(p, "u", false));
      case MATRIX -> MatrixInput.of(ProgramEdits.freshName(p, "W", true));
      default -> new ScalarInput(ProgramEdits.freshName(p, "θ", false), 1.0);
    };
    run(new Commands.AddInput(in, w));
    String name = in.target();
    tool.set(Tool.SELECT);
    select(List.of(name));
  }

  private void dragged(MouseEvent e) {
    curX = e.getX();
    curY = e.getY();
    switch (gesture) {
      case PAN:
        tx += e.getX() - lastX;
        ty += e.getY() - lastY;
        break;
      case MOVE: {
        double dx = (e.getX() - pressX) / scale;
        double dy = (e.getY() - pressY) / scale;
        Map<String, Point> base = positions();
        Map<String, Point> prev = new HashMap<>();
        for (String s : selection) {
          Point q = base.get(s);
          if (q != null) {
            prev.put(s, new Point(q.x() + dx, q.y() + dy));
          }
        }
        dragPreview = prev;
        break;
      }
      case CONNECT: {
        Point w = toModel(e.getX(), e.getY());
        String n = DiagramPainter.hit(model.program(), positions(), w.x(), w.y());
        if (n != null && n.equals(connectFrom)) {
          n = null;
        }
        connectTarget = n;
        connectWhyNot = Commands.whyNot(model.program(), tool.get().connect(), connectFrom, n);
        if (connectWhyNot != null) {
          status.accept(connectWhyNot, true);
        } else {
          status.accept(tool.get().connect().label() + " from " + connectFrom
              + (n == null ? " to a new node" : " to " + n), false);
        }
        break;
      }
      default:
        break;
    }
    lastX = e.getX();
    lastY = e.getY();
    redraw();
  }

  private void released(MouseEvent e) {
    Gesture g = gesture;
    gesture = Gesture.NONE;
    switch (g) {
      case MOVE:
        if (!dragPreview.isEmpty() && Math.hypot(e.getX() - pressX, e.getY() - pressY) > 2) {
          Map<String, Point> moved = dragPreview;
          dragPreview = Map.of();
          run(new Commands.Move(moved));
        }
        dragPreview = Map.of();
        break;
      case RUBBER: {
        Point a = toModel(pressX, pressY);
        Point b = toModel(e.getX(), e.getY());
        if (Math.hypot(e.getX() - pressX, e.getY() - pressY) > 3) {
          if (!e.isShiftDown()) {
            selection.clear();
          }
          selection.addAll(DiagramPainter.within(model.program(), positions(), a.x(), a.y(),
              b.x(), b.y()));
          selectionChanged();
        }
        break;
      }
      case CONNECT: {
        Point w = toModel(e.getX(), e.getY());
        String target = DiagramPainter.hit(model.program(), positions(), w.x(), w.y());
        if (target != null && target.equals(connectFrom)) {
          target = null;
        }
        Tool t = tool.get();
        String stem = switch (t.connect()) {
          case MATMUL -> "h";
          case NONLIN -> "x";
          case MOMENT -> "θ";
        };
        String name = ProgramEdits.freshName(model.program(), stem, false);
        Point at = target == null ? w
            : new Point(positions().get(target).x() + LayeredLayout.COLUMN,
                positions().get(target).y());
        if (Math.hypot(e.getX() - pressX, e.getY() - pressY) > 3) {
          EditorModel.Outcome o = run(new Commands.Connect(t.connect(), connectFrom, target, name,
              at));
          if (o.applied() && model.program().isDefined(name)) {
            select(List.of(name));
          }
        }
        connectFrom = null;
        connectTarget = null;
        break;
      }
      default:
        break;
    }
    redraw();
  }

  private EditorModel.Outcome run(Command c) {
    EditorModel.Outcome o = model.execute(c);
    status.accept(o.message(), !o.applied());
    return o;
  }

  private void selectionChanged() {
    selectionListeners.forEach(Runnable::run);
    redraw();
  }

  // ---- drawing --------------------------------------------------------------------------------------

  /** Redraws the visible part of the diagram. */
  public void redraw() {
    long t0 = System.nanoTime();
    GraphicsContext g = canvas.getGraphicsContext2D();
    double w = canvas.getWidth();
    double h = canvas.getHeight();
    g.setTransform(new Affine());
    g.setFill(Color.WHITE);
    g.fillRect(0, 0, w, h);
    Map<String, Point> at = positions();
    Affine view = new Affine(scale, 0, tx, 0, scale, ty);
    // the renderer's scene (TP IIb notation, one scene for every backend) through its Canvas
    // backend; the editor adds on top what only an editor shows: matrix tiles to drag onto
    // vectors, the selection, problem marks and the ghosts of nodes being dragged
    org.tpe.render.fx.CanvasBackend.draw(g, scene(), view);
    g.setTransform(view);
    Point a = toModel(0, 0);
    Point b = toModel(w, h);
    DiagramPainter.paintOverlay(g, model.program(), at, dragPreview,
        new DiagramPainter.Decorations(selection, highlight, problemNodes),
        new double[] {a.x(), a.y(), b.x(), b.y()});
    g.setTransform(new Affine());
    if (gesture == Gesture.RUBBER) {
      g.setStroke(DiagramPainter.SELECT);
      g.setLineWidth(1);
      g.setLineDashes(4, 3);
      g.strokeRect(Math.min(pressX, curX), Math.min(pressY, curY), Math.abs(curX - pressX),
          Math.abs(curY - pressY));
      g.setLineDashes((double[]) null);
    } else if (gesture == Gesture.CONNECT && connectFrom != null) {
      double[] s = toScreen(at.get(connectFrom));
      g.setStroke(connectWhyNot == null ? Color.web("#2a9d8f") : Color.web("#b00020"));
      g.setLineWidth(2);
      g.strokeLine(s[0], s[1], curX, curY);
    }
    lastRedrawNanos = System.nanoTime() - t0;
  }

  /**
   * The renderer's scene of the current program: the layout is recomputed only when the program
   * changes, the scene when the program or the highlight changes. Nodes still where automatic
   * layout put them (within 0.5) are left to the renderer, which routes their edges around other
   * nodes; only nodes the user moved are pinned (their edges are drawn straight).
   */
  public org.tpe.render.scene.Scene scene() {
    Program p = model.program();
    if (layout == null || layoutOf != p) {
      layout = org.tpe.render.layout.AutoLayout.layout(p);
      layoutOf = p;
      scene = null;
    }
    if (scene == null || sceneHighlight != highlight) {
      scene = org.tpe.render.scene.SceneBuilder.build(p, layout,
          org.tpe.render.style.Style.DEFAULT, toRenderer(highlight));
      sceneHighlight = highlight;
    }
    return scene;
  }

  private static org.tpe.render.scene.Highlight toRenderer(Highlight h) {
    java.util.Set<org.tpe.render.scene.Highlight.Step> steps = new java.util.HashSet<>();
    for (List<String> e : h.edges()) {
      steps.add(new org.tpe.render.scene.Highlight.Step(e.get(0), e.get(1)));
    }
    return new org.tpe.render.scene.Highlight(h.vertices(), steps);
  }

  /** The canvas itself (for snapshots). */
  public Canvas canvas() {
    return canvas;
  }
}
