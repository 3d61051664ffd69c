package org.tpe.app.editor.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.SnapshotParameters;
import org.tpe.app.editor.canvas.DiagramCanvas;
import org.tpe.app.editor.canvas.LayeredLayout;
import org.tpe.app.editor.limits.LimitsPane;
import org.tpe.app.editor.model.Commands;
import org.tpe.app.editor.model.EditorModel;
import org.tpe.bench.Benchmark;
import org.tpe.bench.Timing;
import org.tpe.format.TpParser;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.Limits;
import org.tpe.model.Program;
import org.tpe.paths.PathAnalysis;
import org.tpe.validate.Validator;

/**
 * Responsiveness of the editor on a 300-vector Netsor program (a ReLU MLP of depth 75 on two
 * inputs, ten matrices reused in turn). Targets: a redraw of the canvas under 16 ms (one frame at
 * 60 Hz) and edit-to-updated-limits under 1 s. The edit pipeline is what the window runs after a
 * command: the command itself, validation, node positions, the paths of the outputs, and the
 * limits (the deterministic engine the panel shows, then the {@value LimitsPane#DENSITY_SAMPLES}
 * particle run that draws the density). The redraw needs a JavaFX toolkit: under {@code xvfb-run}
 * or on a desktop it is measured on an off-screen canvas of 1200×800, both the drawing calls (the
 * JavaFX thread's share) and a snapshot that rasterises them; without a display it says so.
 */
public final class EditorBenchmark implements Benchmark {
  /** Layers of the generated MLP: 2 inputs × 2 vectors per layer × 75 = 300 vectors. */
  static final int DEPTH = 75;

  @Override
  public String name() {
    return "editor-300";
  }

  @Override
  public String description() {
    return "editor on a 300-vector Netsor MLP: redraw (target < 16 ms) and edit-to-updated-limits "
        + "(target < 1 s)";
  }

  /** The benchmark program: x_l = relu(W_{l mod 10} x_{l-1}) on inputs u and u'. */
  public static Program program() {
    StringBuilder sb = new StringBuilder("title \"300-vector MLP\"\n");
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
    return TpParser.parse(sb.toString());
  }

  @Override
  public List<String> run() {
    List<String> out = new ArrayList<>();
    Program base = program();
    base = base.withLayout(LayeredLayout.complete(base));
    out.add(base.vectors().size() + " vectors, " + base.instructions().size() + " instructions");
    LimitOptions opts = LimitOptions.defaults().withThreads(Math.min(2,
        Runtime.getRuntime().availableProcessors()));
    final Program start = base;
    int[] k = {0};
    Runnable edit = () -> {
      EditorModel m = new EditorModel(start, null);
      // an edit that keeps the program Netsor with closed-form kernels (see the report for tanh)
      m.execute(new Commands.SetDistribution("u", 0, (k[0]++ % 2 == 0) ? 1.5 : 0.75));
      Program p = m.program();
      Validator.validate(p);
      LayeredLayout.complete(p);
      PathAnalysis.of(p).pathsToOutputs().classes();
      Limits.compute(p, opts, (f, s) -> {}, new CancellationToken());
    };
    out.add("edit (variance of u) → validation, layout, paths, limits (exact engine): "
        + Timing.measure(edit, 2, 7));
    Runnable density = () -> Limits.compute(start, opts.withEngine(LimitOptions.Engine.PARTICLE)
        .withSamples(LimitsPane.DENSITY_SAMPLES));
    out.add("then the density curves (particles, " + LimitsPane.DENSITY_SAMPLES + "): "
        + Timing.measure(density, 1, 3));
    Program bare = start.withLayout(java.util.Map.of());
    out.add("scene rebuild after an edit (ELK layout + renderer scene, on the FX thread): "
        + Timing.measure(() -> org.tpe.render.scene.SceneBuilder.build(bare,
            org.tpe.render.layout.AutoLayout.layout(bare), org.tpe.render.style.Style.DEFAULT,
            org.tpe.render.scene.Highlight.NONE), 2, 7));
    out.addAll(redraw(start));
    return out;
  }

  private static List<String> redraw(Program p) {
    try {
      CountDownLatch started = new CountDownLatch(1);
      try {
        Platform.startup(started::countDown);
      } catch (IllegalStateException alreadyRunning) {
        started.countDown();
      }
      if (!started.await(20, TimeUnit.SECONDS)) {
        return List.of("redraw: not measured (the JavaFX toolkit did not start)");
      }
    } catch (RuntimeException | InterruptedException | UnsatisfiedLinkError e) {
      return List.of("redraw: not measured (no display for JavaFX: run under xvfb-run) — "
          + e.getMessage());
    }
    AtomicReference<List<String>> result = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    Platform.runLater(() -> {
      try {
        DiagramCanvas c = new DiagramCanvas(new EditorModel(p, null));
        c.resize(1200, 800);
        c.layout();
        c.fit();
        Timing.Result draw = Timing.measure(c::redraw, 20, 51);
        c.zoom(3);
        Timing.Result zoomed = Timing.measure(c::redraw, 5, 51);
        c.fit();
        SnapshotParameters sp = new SnapshotParameters();
        Timing.Result raster = Timing.measure(() -> {
          c.redraw();
          c.canvas().snapshot(sp, null);
        }, 3, 15);
        result.set(List.of(
            "redraw, whole diagram in view (drawing calls on the FX thread): " + draw,
            "redraw, zoomed 3× (JavaFX clips what is off screen): " + zoomed,
            "redraw + rasterise (snapshot of 1200×800): " + raster));
      } catch (RuntimeException e) {
        result.set(List.of("redraw: failed: " + e));
      } finally {
        done.countDown();
      }
    });
    try {
      if (!done.await(120, TimeUnit.SECONDS)) {
        return List.of("redraw: timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Platform.exit();
    return result.get();
  }
}
