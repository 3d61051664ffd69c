package org.tpe.app.editor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.tpe.app.editor.EditorWindow;
import org.tpe.app.editor.Prompts;
import org.tpe.app.editor.canvas.DiagramCanvas;
import org.tpe.app.editor.model.Commands;
import org.tpe.bench.Benchmark;
import org.tpe.bench.Timing;
import org.tpe.format.TpParser;
import org.tpe.model.Point;
import org.tpe.model.Program;
import org.tpe.session.Snapshot;

/**
 * The editor on a 300-vector Netsor MLP, driven through its real window (under {@code xvfb-run}
 * or on a desktop; without a display it says so):
 *
 * <ul>
 *   <li>a node dragged with the mouse (synthetic press, drags, release on the canvas, each its own
 *       event): how many analyses and automatic layouts it started (target: none); that every
 *       drag and the release draw the node under the pointer in their own handler, how long that
 *       took and when the next pulse (the frame that shows it) was done (target: within a frame);
 *       and when the moved program's own layout replaced the preview;
 *   <li>an edit (the variance of u, from the inspector's command): edit → the limits on screen
 *       (the outputs' and the selected vector's, {@code Snapshot#firstLimits}) and every pair's
 *       published by the analysis session, and → shown in the limits panel (target ≤ 200 ms);
 *   <li>the longest time the JavaFX thread was blocked during all of it (target ≤ 16 ms for
 *       layout and analysis, which run on their own threads): a watchdog thread posts a no-op to
 *       the JavaFX thread every 2 ms and records how late each runs, which includes JavaFX's own
 *       pulses (CSS, layout, rendering of the whole window);
 *   <li>the CSS and layout passes of the window's pulses ({@link PulseProbe});
 *   <li>the redraw of the canvas alone.
 * </ul>
 *
 * Wall-clock figures, on a machine that may be shared: the report says the medians and maxima.
 */
public final class EditorBenchmark implements Benchmark {
  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();
  /** Layers of the generated MLP: 2 inputs × 2 vectors per layer × 75 = 300 vectors. */
  static final int DEPTH = 75;
  /** Edits timed after warm-up. */
  static final int EDITS = 7;

  @Override
  public String name() {
    return "editor-300";
  }

  @Override
  public String description() {
    return "editor on a 300-vector Netsor MLP: a drag starts no analysis and is drawn within a "
        + "frame, edit → limits (target ≤ 200 ms), longest JavaFX-thread block (target ≤ 16 ms), "
        + "redraw";
  }

  /** The benchmark program's text: x_l = relu(W_{l mod 10} x_{l-1}) on inputs u and u'. */
  public static String text() {
    StringBuilder sb = new StringBuilder("# 300 vectors: a deep ReLU MLP on two inputs\n"
        + "title \"300-vector MLP\"\n");
    sb.append("input u : G(n) ~ N(0, 1)\ninput u' : G(n) ~ N(0, 1)\ncov(u, u') = 0.5\n");
    for (int i = 1; i <= 10; i++) {
      sb.append("input W").append(i).append(" : A(n, n) ~ N(0, 2/n)\n");
    }
    sb.append("x0 := relu(u)\nx0' := relu(u')\n");
    for (int l = 1; l < DEPTH; l++) {
      String w = "W" + (1 + (l - 1) % 10);
      for (String p : new String[] {"", "'"}) {
        sb.append("h").append(l).append(p).append(" := ").append(w).append(" x").append(l - 1)
            .append(p).append('\n');
        sb.append("x").append(l).append(p).append(" := relu(h").append(l).append(p).append(")\n");
      }
    }
    sb.append("output x").append(DEPTH - 1).append(", x").append(DEPTH - 1).append("'\n");
    return sb.toString();
  }

  /** The benchmark program. */
  public static Program program() {
    return TpParser.parse(text());
  }

  @Override
  public List<String> run() {
    try {
      CountDownLatch started = new CountDownLatch(1);
      try {
        Platform.startup(started::countDown);
      } catch (IllegalStateException alreadyRunning) {
        started.countDown();
      }
      if (!started.await(20, TimeUnit.SECONDS)) {
        return List.of("not measured (the JavaFX toolkit did not start)");
      }
    } catch (RuntimeException | InterruptedException | UnsatisfiedLinkError e) {
      return List.of("not measured (no display for JavaFX: run under xvfb-run) — "
          + e.getMessage());
    }
    Path home;
    Path file;
    try {
      home = Files.createTempDirectory("tpe-bench-home");
      file = home.resolve("mlp-300.tp");
      Files.writeString(file, text());
    } catch (IOException e) {
      return List.of("not measured: " + e.getMessage());
    }
    List<String> out = new ArrayList<>();
    EditorWindow w;
    try {
      w = fx(() -> {
        EditorWindow e = new EditorWindow(new Stage(), home, NO_PROMPTS);
        e.start(List.of(file.toString()));
        return e;
      });
      out.add(fx(() -> w.model().program().vectors().size()) + " vectors, "
          + fx(() -> w.model().program().instructions().size()) + " instructions");
      await(() -> settled(w));
      drag(w);
      edits(w); // warm-up: classes loaded, code compiled, before anything is measured
      await(() -> fx(() -> w.canvas().isCurrent()));
      JavaFxWatchdog dog = new JavaFxWatchdog();
      dog.start();
      PulseProbe dragPulses = fx(() -> new PulseProbe(w.stage().getScene()));
      out.addAll(drag(w));
      PulseProbe editPulses = fx(() -> {
        dragPulses.stop();
        return new PulseProbe(w.stage().getScene());
      });
      out.addAll(edits(w));
      fx(() -> {
        editPulses.stop();
        return null;
      });
      dog.stop();
      out.add("longest JavaFX-thread block during the drags and edits: " + dog.report());
      out.add("CSS and layout passes of the window's pulses during the drags: "
          + fx(dragPulses::report) + "; during the edits: " + fx(editPulses::report));
      out.addAll(redraw(w));
      fx(() -> {
        w.stage().close();
        w.session().close();
        w.canvas().close();
        return null;
      });
    } catch (Exception e) {
      out.add("failed: " + e);
    }
    Platform.exit();
    return out;
  }

  private static boolean settled(EditorWindow w) throws Exception {
    return fx(() -> {
      Snapshot s = w.session().current();
      return s != null && s.finished() && s.isFor(w.model().program()) && w.canvas().isCurrent();
    });
  }

  /**
   * Drags node x40 by (60, 40) screen pixels with the mouse at scale 1, three times: a press, five
   * drags and a release, each its own JavaFX event as the toolkit delivers them. After every drag
   * and the release the node must be drawn under the pointer by the event's own handler; the
   * times are from the event to the end of its handler (the canvas redrawn) and to the end of the
   * next pulse (the frame that shows it), and from the release to the moved program's own layout.
   */
  private static List<String> drag(EditorWindow w) throws Exception {
    fx(() -> {
      DiagramCanvas c = w.canvas();
      c.zoom(1 / c.scale());
      c.centreOn("x40");
      c.select(List.of());
      return null;
    });
    long analyses = w.session().analysesStarted();
    long layouts = fx(() -> w.canvas().automaticLayouts());
    List<Double> handled = new ArrayList<>();
    List<Double> framed = new ArrayList<>();
    List<Double> handlerCpu = new ArrayList<>();
    List<Double> pressed = new ArrayList<>();
    List<Double> pressLayout = new ArrayList<>();
    double[] relaid = new double[3];
    DiagramCanvas c = w.canvas();
    for (int k = 0; k < relaid.length; k++) {
      double[] s = fx(() -> c.toScreen(c.positions().get("x40")));
      Point from = fx(() -> c.positions().get("x40"));
      AtomicLong pressPulse = new AtomicLong();
      long pressCpu = fx(() -> {
        long cpu = CPU.getCurrentThreadCpuTime();
        mouse(c, MouseEvent.MOUSE_PRESSED, s[0], s[1]);
        long[] pre = new long[1];
        javafx.scene.Scene scene = c.getScene();
        Runnable[] a = new Runnable[2];
        a[0] = () -> {
          pre[0] = CPU.getCurrentThreadCpuTime();
          scene.removePreLayoutPulseListener(a[0]);
        };
        a[1] = () -> {
          pressPulse.set(CPU.getCurrentThreadCpuTime() - pre[0] + 1);
          scene.removePostLayoutPulseListener(a[1]);
        };
        scene.addPreLayoutPulseListener(a[0]);
        scene.addPostLayoutPulseListener(a[1]);
        Platform.requestNextPulse();
        return CPU.getCurrentThreadCpuTime() - cpu;
      });
      await(() -> pressPulse.get() != 0);
      pressed.add(pressCpu / 1e6);
      pressLayout.add(pressPulse.get() / 1e6);
      for (int i = 1; i <= 6; i++) {
        boolean release = i == 6;
        double dx = release ? 60 : 12 * i;
        double dy = release ? 40 : 8 * i;
        AtomicLong pulse = new AtomicLong();
        long[] t = fx(() -> {
          long cpu = CPU.getCurrentThreadCpuTime();
          long t0 = System.nanoTime();
          mouse(c, release ? MouseEvent.MOUSE_RELEASED : MouseEvent.MOUSE_DRAGGED, s[0] + dx,
              s[1] + dy);
          long t1 = System.nanoTime();
          Point drawn = c.positions().get("x40");
          if (Math.abs(drawn.x() - from.x() - dx) > 1e-3 || Math.abs(drawn.y() - from.y() - dy)
              > 1e-3) { // a thousandth of a pixel: the event carries its point as floats
            throw new IllegalStateException("x40 is drawn at " + drawn + ", not under the "
                + "pointer at " + new Point(from.x() + dx, from.y() + dy));
          }
          javafx.scene.Scene scene = c.getScene();
          Runnable[] once = new Runnable[1];
          once[0] = () -> {
            pulse.compareAndSet(0, System.nanoTime());
            scene.removePostLayoutPulseListener(once[0]);
          };
          scene.addPostLayoutPulseListener(once[0]);
          Platform.requestNextPulse();
          return new long[] {t0, t1, CPU.getCurrentThreadCpuTime() - cpu};
        });
        await(() -> pulse.get() != 0);
        handled.add((t[1] - t[0]) / 1e6);
        handlerCpu.add(t[2] / 1e6);
        framed.add((pulse.get() - t[0]) / 1e6);
        if (release) {
          await(() -> fx(() -> c.isCurrent()));
          relaid[k] = (System.nanoTime() - t[0]) / 1e6;
        }
      }
    }
    Point moved = fx(() -> w.model().program().layout().get("x40"));
    return List.of("drag of x40 (3 times, 5 drag events and a release each): moved to " + moved
        + ", analyses started " + (w.session().analysesStarted() - analyses)
        + ", automatic layouts " + (fx(() -> w.canvas().automaticLayouts()) - layouts),
        "press on x40 (selects it): the handler " + fmt(pressed) + " ms, the next pulse's CSS "
            + "and layout " + fmt(pressLayout) + " ms, JavaFX-thread CPU",
        "drag event → x40 drawn under the pointer (the event's handler, the canvas redrawn): "
            + fmt(handled) + " ms wall, " + fmt(handlerCpu) + " ms JavaFX-thread CPU; → the "
            + "next pulse done (the frame showing it; pulses come every 16.7 ms): " + fmt(framed)
            + " ms wall (target: within a frame)",
        "release → the moved program's own layout drawn (positions and edges routed off the "
            + "JavaFX thread; x40 stays drawn where dropped meanwhile): " + fmt(relaid) + " ms");
  }

  private static String fmt(List<Double> ms) {
    return fmt(ms.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** A mouse event at the canvas's local point (x, y), as the toolkit would deliver it. */
  private static void mouse(DiagramCanvas c, javafx.event.EventType<MouseEvent> type, double x,
      double y) {
    javafx.geometry.Point2D scene = c.localToScene(x, y);
    javafx.geometry.Point2D screen = c.localToScreen(x, y);
    c.fireEvent(new MouseEvent(type, scene.getX(), scene.getY(),
        screen == null ? scene.getX() : screen.getX(), screen == null ? scene.getY()
        : screen.getY(), MouseButton.PRIMARY, 1, false, false, false, false,
        type != MouseEvent.MOUSE_RELEASED, false, false, true, false, false, null));
  }

  private static volatile String lastOutcome;
  private static final AtomicLong EDIT_COUNT = new AtomicLong();

  /** Edits the variance of u; times edit → limits published, → shown, and the edit's own work. */
  private static List<String> edits(EditorWindow w) throws Exception {
    double[] published = new double[EDITS];
    double[] firstPublished = new double[EDITS];
    double[] shown = new double[EDITS];
    double[] handler = new double[EDITS];
    double[] worker = new double[EDITS];
    double[] process = new double[EDITS];
    java.util.Map<String, Long> byThread = new java.util.TreeMap<>();
    long limitsThread = threadId("tpe-limits");
    for (int k = -2; k < EDITS; k++) {
      // a variance different from the current one, so that every edit changes the program
      double variance = 0.5 + 0.25 * (EDIT_COUNT.incrementAndGet() % 8);
      AtomicLong shownAt = new AtomicLong();
      long cpu0 = CPU.getThreadCpuTime(limitsThread);
      java.util.Map<Long, long[]> threads0 = threadCpu();
      long process0 = processCpu();
      long t0 = System.nanoTime();
      long spent = fx(() -> {
        long a = CPU.getCurrentThreadCpuTime();
        w.limits().numbersProperty().addListener(new javafx.beans.value.ChangeListener<>() {
          @Override
          public void changed(javafx.beans.value.ObservableValue<? extends String> o, String a,
              String b) {
            if (b.startsWith("mean ")) {
              shownAt.compareAndSet(0, System.nanoTime());
              w.limits().numbersProperty().removeListener(this);
            }
          }
        });
        lastOutcome = w.run(new Commands.SetDistribution("u", 0, variance)).toString();
        return CPU.getCurrentThreadCpuTime() - a;
      });
      Program edited = fx(() -> w.model().program());
      long pub = 0;
      long first = 0;
      while (pub == 0) {
        Snapshot s = w.session().current();
        if (first == 0 && s != null && s.isFor(edited) && !s.firstLimits().isPending()) {
          first = System.nanoTime();
        }
        if (s != null && s.isFor(edited) && !s.limits().isPending()) {
          pub = System.nanoTime();
          if (k >= 0) {
            worker[k] = (CPU.getThreadCpuTime(limitsThread) - cpu0) / 1e6;
          }
        } else {
          Thread.sleep(1); // not a busy wait: it would take a core from the editor it times
        }
      }
      try {
        await(() -> shownAt.get() != 0);
      } catch (IllegalStateException e) {
        throw new IllegalStateException("limits never shown; state '" + fx(() ->
            w.limits().stateText()) + "', outcome " + lastOutcome + ", numbers '"
            + fx(() -> w.limits().numbersText()) + "'", e);
      }
      long process1 = processCpu();
      java.util.Map<Long, long[]> threads1 = threadCpu();
      if (k >= 0) {
        process[k] = (process1 - process0) / 1e6;
        threads1.forEach((id, v) -> {
          long[] was = threads0.get(id);
          String name = THREAD_NAMES.getOrDefault(id, "?");
          byThread.merge(name, v[0] - (was == null ? 0 : was[0]), Long::sum);
        });
        published[k] = (pub - t0) / 1e6;
        firstPublished[k] = ((first == 0 ? pub : first) - t0) / 1e6;
        shown[k] = (shownAt.get() - t0) / 1e6;
        handler[k] = spent / 1e6;
      }
      // the next edit comes while the density, simulation and sweep of this one still run: it
      // cancels them, as a user's next edit would
    }
    return List.of(
        "edit (variance of u) → the limits on screen (of the outputs and the selected x40) "
            + "published by the session: " + fmt(firstPublished) + " ms wall clock; → every "
            + "pair's published: " + fmt(published) + " ms; CPU time of the session's limits "
            + "thread meanwhile (the previous edit's runs cancelled, then validation and the "
            + "limits, first and of every pair): " + fmt(worker) + " ms",
        "edit → limits shown in the panel: " + fmt(shown) + " ms (target ≤ 200 ms)",
        "the edit's own work on the JavaFX thread (command, text patch and parse, views), "
            + "thread CPU time: " + fmt(handler) + " ms",
        "CPU time of the whole editor process from edit to limits shown: " + fmt(process)
            + " ms; by thread (mean per edit, threads alive at both ends): " + top(byThread));
  }

  private static final java.util.Map<Long, String> THREAD_NAMES =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** CPU time of every live thread by id, and their names (a pool's threads under one name). */
  private static java.util.Map<Long, long[]> threadCpu() {
    java.util.Map<Long, long[]> out = new java.util.HashMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      long c = CPU.getThreadCpuTime(t.getId());
      if (c >= 0) {
        out.put(t.getId(), new long[] {c});
        THREAD_NAMES.put(t.getId(), t.getName().replaceAll("[-#]?\\d+$", ""));
      }
    }
    return out;
  }

  private static long processCpu() {
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean s ? s.getProcessCpuTime() : 0;
  }

  private static String top(java.util.Map<String, Long> byThread) {
    return byThread.entrySet().stream().filter(e -> e.getValue() > EDITS * 500_000L)
        .sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(8)
        .map(e -> String.format("%s %.1f", e.getKey(), e.getValue() / 1e6 / EDITS))
        .collect(java.util.stream.Collectors.joining(", ")) + " ms";
  }

  private static List<String> redraw(EditorWindow w) throws Exception {
    return fx(() -> {
      DiagramCanvas c = w.canvas();
      c.fit();
      Timing.Result draw = Timing.measure(c::redraw, 20, 51);
      c.zoom(3);
      Timing.Result zoomed = Timing.measure(c::redraw, 5, 51);
      return List.of("redraw, whole diagram in view (drawing calls on the JavaFX thread): "
          + draw, "redraw, zoomed 3× (JavaFX clips what is off screen): " + zoomed);
    });
  }

  /** The id of the live thread called {@code name}. */
  private static long threadId(String name) {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name))
        .findFirst().orElseThrow(() -> new IllegalStateException("no thread " + name)).getId();
  }

  /** Median (min–max) of {@code ms}. */
  static String fmt(double[] ms) {
    double[] s = ms.clone();
    Arrays.sort(s);
    return String.format("%.1f (%.1f–%.1f, %d runs)", s[s.length / 2], s[0], s[s.length - 1],
        s.length);
  }

  /** Runs {@code c} on the JavaFX thread and waits for its result. */
  static <T> T fx(Callable<T> c) throws Exception {
    AtomicReference<T> r = new AtomicReference<>();
    AtomicReference<Exception> err = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    Platform.runLater(() -> {
      try {
        r.set(c.call());
      } catch (Exception e) {
        err.set(e);
      } finally {
        done.countDown();
      }
    });
    if (!done.await(2, TimeUnit.MINUTES)) {
      throw new IllegalStateException("the JavaFX thread did not answer within 2 minutes");
    }
    if (err.get() != null) {
      throw err.get();
    }
    return r.get();
  }

  private static void await(Callable<Boolean> c) throws Exception {
    long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!c.call()) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException("the editor did not settle within 2 minutes");
      }
      Thread.sleep(1);
    }
  }

  private static final Prompts NO_PROMPTS = new Prompts() {
    @Override
    public Choice askSaveChanges(Window owner, String document) {
      return Choice.DISCARD;
    }

    @Override
    public Optional<Path> chooseOpen(Window owner) {
      return Optional.empty();
    }

    @Override
    public Optional<Path> chooseSave(Window owner, String suggestedName, String ext) {
      return Optional.empty();
    }
  };
}
