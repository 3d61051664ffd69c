package org.tpe.app.editor.canvas;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.tpe.model.Program;
import org.tpe.render.layout.AutoLayout;
import org.tpe.render.layout.DiagramGraph;
import org.tpe.render.layout.Layout;
import org.tpe.render.scene.Highlight;
import org.tpe.render.scene.Scene;
import org.tpe.render.scene.SceneBuilder;
import org.tpe.render.style.Style;

/**
 * Lays the diagram out and builds its scene on a thread of its own, so that the UI thread never
 * waits for ELK. Requests coalesce: while one is being built only the latest waiting one is kept.
 * The automatic layout depends on the diagram's graph alone ({@link AutoLayout#automatic}: nodes,
 * their sizes and labels, edges), so it is kept while the graph stays the same: moving a node, a
 * new highlight or a new variance cost {@link AutoLayout#withFixed} and a scene, no ELK run. The
 * placed layout depends on the graph and the positions alone, and the scene on them, the style and
 * the highlight: an edit that changes neither (a variance, a mean, a scalar's value) reuses both, so
 * it costs the matrix tiles and no routing. No JavaFX: the callback is called on the worker thread
 * and must post to the UI thread.
 */
public final class GeometryWorker implements AutoCloseable {
  /** What to build: the model revision it stands for, the program, the highlight, the style. */
  public record Request(long revision, Program program, Highlight highlight, Style style) {
    public Request {
      Objects.requireNonNull(program, "program");
      Objects.requireNonNull(highlight, "highlight");
      Objects.requireNonNull(style, "style");
    }

    /** In the default style. */
    public Request(long revision, Program program, Highlight highlight) {
      this(revision, program, highlight, Style.DEFAULT);
    }
  }

  private final Consumer<DiagramGeometry> ready;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "tpe-layout");
    t.setDaemon(true);
    return t;
  });
  private final AtomicReference<Request> waiting = new AtomicReference<>();
  private final AtomicLong automaticLayouts = new AtomicLong();
  private DiagramGraph graph;
  private Layout automatic;
  /** What {@link #placed} was computed for: the graph, the positions and the MatMuls. */
  private List<Object> placedFor;
  private Layout placed;
  /** What {@link #scene} was built for: {@link #placedFor}, the style and the highlight. */
  private List<Object> sceneFor;
  private Scene scene;

  public GeometryWorker(Consumer<DiagramGeometry> ready) {
    this.ready = Objects.requireNonNull(ready, "ready");
  }

  /** Builds {@code r} soon, replacing any request still waiting. */
  public void request(Request r) {
    if (waiting.getAndSet(r) == null) {
      thread.submit(this::drain);
    }
  }

  private void drain() {
    Request r;
    while ((r = waiting.getAndSet(null)) != null) {
      ready.accept(build(r));
    }
  }

  /** How many automatic (ELK) layouts were run: a drag must not run one. */
  public long automaticLayouts() {
    return automaticLayouts.get();
  }

  /** Builds the geometry of {@code r} on the calling thread. */
  public synchronized DiagramGeometry build(Request r) {
    Program p = r.program();
    try {
      DiagramGraph g = DiagramGraph.of(p);
      if (automatic == null || !sameGraph(g, graph)) {
        automatic = null;
        placed = null;
        scene = null;
        automatic = AutoLayout.automatic(g);
        graph = g;
        automaticLayouts.incrementAndGet();
      }
      List<Object> key = List.of(List.copyOf(g.nodes().values()), g.edges(), p.layout(),
          matMuls(p));
      if (placed == null || !key.equals(placedFor)) {
        placed = null;
        scene = null;
        placed = AutoLayout.withFixed(p, graph, automatic);
        placedFor = key;
      }
      List<Object> look = List.of(key, r.style(), r.highlight());
      if (scene == null || !look.equals(sceneFor)) {
        scene = SceneBuilder.build(p, placed, r.style(), r.highlight());
        sceneFor = look;
      }
      return new DiagramGeometry(r.revision(), p, r.highlight(), g, placed, scene,
          MatrixTiles.place(p, placed), null);
    } catch (RuntimeException | StackOverflowError e) {
      automatic = null;
      placed = null;
      scene = null;
      Scene empty = new Scene(List.of(), new Layout.Box(0, 0, 1, 1), Style.DEFAULT);
      return new DiagramGeometry(r.revision(), p, r.highlight(), null, null, empty, Map.of(),
          "the diagram cannot be drawn: " + e.getMessage());
    }
  }

  /** The MatMuls (matrix, argument, result) in order: where the layout puts matrix tiles. */
  private static List<List<String>> matMuls(Program p) {
    return p.instructions().stream().filter(i -> i instanceof org.tpe.model.MatMul)
        .map(i -> (org.tpe.model.MatMul) i)
        .map(m -> List.of(m.matrix(), m.argument(), m.target())).toList();
  }

  /** The same nodes (in the same order, sizes and labels) and the same edges. */
  private static boolean sameGraph(DiagramGraph a, DiagramGraph b) {
    return b != null && a.edges().equals(b.edges())
        && List.copyOf(a.nodes().values()).equals(List.copyOf(b.nodes().values()));
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
