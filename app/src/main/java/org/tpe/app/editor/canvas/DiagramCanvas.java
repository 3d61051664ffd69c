package org.tpe.app.editor.canvas;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javafx.application.Platform;
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
import org.tpe.app.editor.model.EditorModel;
import org.tpe.model.Point;
import org.tpe.model.Program;
import org.tpe.render.scene.Highlight;
import org.tpe.render.scene.Scene;

/**
 * The diagram view: draws the {@link DiagramGeometry} the {@link GeometryWorker} builds off the
 * JavaFX thread, and hands mouse events to the {@link CanvasGestures} controller, running the
 * commands it returns. The {@link Canvas} is kept the size of its viewport and the drawing is
 * transformed for zoom and pan (a canvas as large as a zoomed diagram would exhaust texture
 * memory). Until the geometry of an edit arrives the previous one stays on screen, so the JavaFX
 * thread never waits for a layout. A dragged node is drawn under the pointer at once: the geometry
 * on screen is the last one built with the dragged nodes moved in it ({@link
 * DiagramGeometry#moved}: their gates, labels and edges follow, no routing), and after the release
 * it stays so until the moved program's own layout arrives from the {@link GeometryWorker}.
 */
public final class DiagramCanvas extends Region {
  private final Canvas canvas = new Canvas();
  private final EditorModel model;
  private final ObjectProperty<Tool> tool = new SimpleObjectProperty<>(Tool.SELECT);
  private final CanvasGestures gestures;
  private final GeometryWorker worker;
  private final List<Runnable> selectionListeners = new ArrayList<>();
  private BiConsumer<String, Boolean> status = (m, err) -> { };
  private Function<Command, EditorModel.Outcome> commands;
  private Highlight highlight = Highlight.NONE;
  private Set<String> problemNodes = Set.of();
  private DiagramGeometry geometry;
  /** {@link #geometry} with the nodes being dragged moved, for {@link #movedFor}. */
  private DiagramGeometry moved;
  private DiagramGeometry movedFrom;
  private Map<String, Point> movedFor = Map.of();
  /** The renderer's style of the diagram on screen (the editor's light or dark theme). */
  private org.tpe.render.style.Style diagramStyle = org.tpe.render.style.Style.DEFAULT;
  private long requested;
  private boolean fitPending;
  private long lastRedrawNanos;

  public DiagramCanvas(EditorModel model) {
    this.model = model;
    this.commands = model::execute;
    this.gestures = new CanvasGestures(new CanvasGestures.Source() {
      @Override
      public Program program() {
        return model.program();
      }

      @Override
      public DiagramGeometry geometry() {
        return shown();
      }

      @Override
      public Set<String> reservedNames() {
        return model.document().claimedNames().keySet();
      }
    });
    this.worker = new GeometryWorker(g -> Platform.runLater(() -> install(g)));
    getChildren().add(canvas);
    setMinSize(100, 100);
    setFocusTraversable(true);
    setStyle("-fx-background-color: white;");
    canvas.widthProperty().addListener(o -> sized());
    canvas.heightProperty().addListener(o -> sized());
    model.addListener(m -> {
      gestures.programChanged();
      requestGeometry();
    });
    tool.addListener((o, a, b) -> gestures.setTool(b));
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
    requestGeometry();
  }

  @Override
  protected void layoutChildren() {
    canvas.setWidth(getWidth());
    canvas.setHeight(getHeight());
  }

  private void sized() {
    if (fitPending && isCurrent()) {
      fitNow();
    }
    redraw();
  }

  // ---- geometry ------------------------------------------------------------------------------

  private void requestGeometry() {
    worker.request(new GeometryWorker.Request(++requested, model.program(), highlight,
        diagramStyle));
  }

  private void install(DiagramGeometry g) {
    if (geometry != null && g.revision() <= geometry.revision()) {
      return;
    }
    DiagramGeometry was = shown();
    Viewport view = gestures.viewport();
    geometry = g;
    if (isCurrent()) {
      gestures.clearGhosts();
      if (fitPending) {
        fitNow();
      }
      if (g.failure() != null) {
        status.accept(g.failure(), true);
      }
    }
    DiagramGeometry now = shown();
    if (was == null || was.scene() != now.scene() || !was.tiles().equals(now.tiles())
        || !view.equals(gestures.viewport())) {
      redraw(); // an edit that changed nothing drawn (a variance) draws nothing again
    }
  }

  /** Whether the geometry drawn is that of the current program and highlight. */
  public boolean isCurrent() {
    return geometry != null && geometry.revision() == requested;
  }

  /**
   * The geometry drawn (perhaps of the previous edit for a few milliseconds, with nodes being
   * dragged where the pointer took them), or null.
   */
  public DiagramGeometry geometry() {
    return shown();
  }

  /** The last geometry built, with the nodes being dragged (or just dropped) moved in it. */
  private DiagramGeometry shown() {
    Map<String, Point> g = gestures.ghosts();
    if (geometry == null || g.isEmpty()) {
      return geometry;
    }
    if (movedFrom != geometry || !g.equals(movedFor)) {
      moved = geometry.moved(g);
      movedFrom = geometry;
      movedFor = g;
    }
    return moved;
  }

  /** The renderer's scene drawn on the canvas. */
  public Scene scene() {
    DiagramGeometry g = shown();
    return g == null ? new Scene(List.of(), new org.tpe.render.layout.Layout.Box(0, 0, 1,
        1), org.tpe.render.style.Style.DEFAULT) : g.scene();
  }

  /** Installs the geometry built on the calling thread (the benchmark's redraw). */
  public void buildGeometryNow() {
    install(worker.build(new GeometryWorker.Request(++requested, model.program(), highlight,
        diagramStyle)));
  }

  /** How many automatic layouts (ELK runs) the canvas asked for. */
  public long automaticLayouts() {
    return worker.automaticLayouts();
  }

  /** Stops the layout thread (the window is closing). */
  public void close() {
    worker.close();
  }

  // ---- state exposed to the window and tests ------------------------------------------------

  public ObjectProperty<Tool> toolProperty() {
    return tool;
  }

  /** The selected variables, in selection order (read-only view). */
  public Set<String> selection() {
    return gestures.selection();
  }

  /** Replaces the selection. */
  public void select(Collection<String> names) {
    gestures.select(names);
    selectionChanged();
  }

  public void onSelectionChanged(Runnable r) {
    selectionListeners.add(r);
  }

  /** Where status messages go: (message, isError). */
  public void setStatusSink(BiConsumer<String, Boolean> sink) {
    this.status = sink;
  }

  /** Who runs the commands gestures make (the window, which also reports the outcome). */
  public void setCommandSink(Function<Command, EditorModel.Outcome> sink) {
    this.commands = sink;
  }

  public Highlight highlight() {
    return highlight;
  }

  /** Lights a path or an isomorphism class (the scene is rebuilt off the JavaFX thread). */
  public void setHighlight(Highlight h) {
    Highlight next = h == null ? Highlight.NONE : h;
    if (!next.equals(highlight)) {
      highlight = next;
      requestGeometry();
    }
  }

  /** Nodes named by validation errors, drawn with a red dashed ring. */
  public void setProblemNodes(Set<String> names) {
    if (!names.equals(problemNodes)) {
      this.problemNodes = Set.copyOf(names);
      redraw();
    }
  }

  public double scale() {
    return gestures.viewport().scale();
  }

  /** Node centres as drawn (matrix tiles included; dragged nodes where they are drawn). */
  public Map<String, Point> positions() {
    DiagramGeometry g = shown();
    return g == null ? Map.of() : g.centres();
  }

  /** Screen (local) coordinates of a model point. */
  public double[] toScreen(Point q) {
    return gestures.viewport().toScreen(q);
  }

  /** Draws the diagram in {@code s} (the dark theme's {@code Style.DARK}); rebuilds the scene. */
  public void setDiagramStyle(org.tpe.render.style.Style s) {
    diagramStyle = s;
    setStyle("-fx-background-color: " + s.background().hex() + ";");
    requestGeometry();
  }

  /** The renderer's style the diagram is drawn in. */
  public org.tpe.render.style.Style diagramStyle() {
    return diagramStyle;
  }

  /** The variable drawn under a screen (local) point, or null (hover cards, the context menu). */
  public String nodeAt(double sx, double sy) {
    DiagramGeometry g = shown();
    if (g == null) {
      return null;
    }
    Point w = toModel(sx, sy);
    return g.hit(w.x(), w.y(), DiagramGeometry.TOLERANCE_PX / scale());
  }

  /** The MatMul whose dashed edge is under a screen (local) point, by its result, or null. */
  public String matMulAt(double sx, double sy) {
    DiagramGeometry g = geometry;
    if (g == null) {
      return null;
    }
    Point w = toModel(sx, sy);
    return g.matMulAt(w.x(), w.y(), DiagramGeometry.TOLERANCE_PX / scale());
  }

  /** Model coordinates of a screen (local) point. */
  public Point toModel(double sx, double sy) {
    return gestures.viewport().toModel(sx, sy);
  }

  /** Nanoseconds the last redraw took (the responsiveness target is under 16 ms). */
  public long lastRedrawNanos() {
    return lastRedrawNanos;
  }

  // ---- view transform --------------------------------------------------------------------------

  /** Multiplies the zoom by {@code f} keeping the screen point (sx, sy) fixed. */
  public void zoomAbout(double f, double sx, double sy) {
    gestures.zoomAbout(f, sx, sy);
    redraw();
  }

  /** Zooms by {@code f} about the centre of the view. */
  public void zoom(double f) {
    zoomAbout(f, getWidth() / 2, getHeight() / 2);
  }

  /** Scales and pans so that the whole diagram fits the view (once its geometry is there). */
  public void fit() {
    fitPending = true;
    if (isCurrent()) {
      fitNow();
      redraw();
    }
  }

  private void fitNow() {
    if (getWidth() <= 0 || getHeight() <= 0) {
      return; // fitted when the canvas gets its size
    }
    fitPending = false;
    gestures.setViewport(Viewport.fit(geometry.bounds(), getWidth(), getHeight()));
  }

  /**
   * A new document (New, Open, a sample, a recovery): its view starts fitted, at scale 1 when it
   * is empty, whatever the zoom of the previous document was.
   */
  public void documentReplaced() {
    gestures.setViewport(Viewport.IDENTITY);
    gestures.select(List.of());
    fit();
    selectionChanged();
  }

  /** Pans so that {@code name}'s node is in the middle of the view. */
  public void centreOn(String name) {
    DiagramGeometry g = shown();
    Point q = g == null ? null : g.centre(name);
    if (q != null) {
      gestures.setViewport(gestures.viewport().centredOn(q, getWidth(), getHeight()));
      redraw();
    }
  }

  // ---- gestures ------------------------------------------------------------------------------

  private static CanvasGestures.Button button(MouseEvent e) {
    return e.getButton() == MouseButton.PRIMARY ? CanvasGestures.Button.PRIMARY
        : e.getButton() == MouseButton.MIDDLE ? CanvasGestures.Button.MIDDLE
        : CanvasGestures.Button.SECONDARY;
  }

  private void pressed(MouseEvent e) {
    requestFocus();
    handle(() -> gestures.press(e.getX(), e.getY(), button(e), e.isShiftDown()));
  }

  private void dragged(MouseEvent e) {
    handle(() -> gestures.drag(e.getX(), e.getY()));
  }

  private void released(MouseEvent e) {
    handle(() -> gestures.release(e.getX(), e.getY(), e.isShiftDown()));
  }

  /** Runs one gesture step and what it asks for: a command, a status line, a new selection. */
  private void handle(java.util.function.Supplier<CanvasGestures.Feedback> step) {
    List<String> before = List.copyOf(gestures.selection());
    CanvasGestures.Feedback f = step.get();
    if (gestures.tool() != tool.get()) {
      tool.set(gestures.tool()); // before the command, whose outcome the status line then says
    }
    if (f != null && f.command() != null) {
      EditorModel.Outcome o = commands.apply(f.command());
      if (o.applied()) {
        gestures.select(f.selectIfApplied());
      } else {
        gestures.clearGhosts();
      }
    } else if (f != null && f.status() != null) {
      status.accept(f.status(), f.error());
    }
    if (!before.equals(List.copyOf(gestures.selection()))) {
      selectionChanged();
    } else {
      redraw();
    }
  }

  private void selectionChanged() {
    selectionListeners.forEach(Runnable::run);
    redraw();
  }

  // ---- drawing -------------------------------------------------------------------------------

  /** Redraws the visible part of the diagram. */
  public void redraw() {
    long t0 = System.nanoTime();
    GraphicsContext g = canvas.getGraphicsContext2D();
    double w = canvas.getWidth();
    double h = canvas.getHeight();
    g.setTransform(new Affine());
    g.setFill(Color.web(diagramStyle.background().hex()));
    g.fillRect(0, 0, w, h);
    Viewport v = gestures.viewport();
    Affine view = new Affine(v.scale(), 0, v.tx(), 0, v.scale(), v.ty());
    DiagramGeometry geo = shown();
    if (geo != null) {
      // the renderer's scene (TP IIb notation, one scene for every backend) through its Canvas
      // backend; the editor adds on top what only an editor shows
      org.tpe.render.fx.CanvasBackend.draw(g, geo.scene(), view);
      g.setTransform(view);
      DiagramPainter.paintOverlay(g, geo,
          new DiagramPainter.Decorations(gestures.selection(), problemNodes));
    }
    g.setTransform(new Affine());
    double[] band = gestures.rubberBand();
    if (band != null) {
      g.setStroke(DiagramPainter.SELECT);
      g.setLineWidth(1);
      g.setLineDashes(4, 3);
      g.strokeRect(band[0], band[1], band[2] - band[0], band[3] - band[1]);
      g.setLineDashes((double[]) null);
    }
    CanvasGestures.ConnectLine line = gestures.connectLine();
    if (line != null) {
      double[] s = v.toScreen(line.from());
      g.setStroke(line.legal() ? Color.web("#2a9d8f") : DiagramPainter.PROBLEM);
      g.setLineWidth(2);
      g.strokeLine(s[0], s[1], line.toX(), line.toY());
    }
    lastRedrawNanos = System.nanoTime() - t0;
  }

  /** The canvas itself (for snapshots). */
  public Canvas canvas() {
    return canvas;
  }
}
