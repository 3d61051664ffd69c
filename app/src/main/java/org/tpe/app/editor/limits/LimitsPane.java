package org.tpe.app.editor.limits;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.Estimate;
import org.tpe.limit.LimitException;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.Limits;
import org.tpe.limit.VectorStatistics;
import org.tpe.model.Program;
import org.tpe.model.VarKind;

/**
 * The limits panel (DESIGN §7): for the selected vector (or the first output) the density of Z^x,
 * its mean and variance with error bars and the engine that computed them; the scalar limits θ̊;
 * a heat map of E[Z^x Z^y] over the outputs (or all vectors of a small program). Recomputed on a
 * background thread a moment after each edit ({@link #DEBOUNCE}); a newer edit cancels the
 * running computation through its {@link CancellationToken}, as does the Cancel button. The
 * JavaFX thread only draws.
 *
 * <p>The density curve is the particle engine's histogram (2^14 particles) even when the
 * deterministic engine gives the numbers, since a density needs samples of Z^x.
 */
public final class LimitsPane extends BorderPane {
  /** Quiet time after an edit before the limits are recomputed. */
  public static final Duration DEBOUNCE = Duration.millis(250);
  /** Particles of the run that draws the density curves. */
  public static final int DENSITY_SAMPLES = 1 << 14;

  /** Everything one computation produced for one program. */
  public record Result(Program program, CoordinateStatistics stats, CoordinateStatistics density,
      String error) {}

  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "tpe-limits");
    t.setDaemon(true);
    return t;
  });
  private final PauseTransition debounce = new PauseTransition(DEBOUNCE);
  private final Label method = new Label();
  private final Label state = new Label();
  private final ProgressBar progress = new ProgressBar(0);
  private final Button cancel = new Button("Cancel");
  private final Label heading = new Label();
  private final Canvas density = new Canvas(420, 150);
  private final Label numbers = new Label();
  private final Label scalars = new Label();
  private final Canvas heat = new Canvas(420, 200);
  private final List<Consumer<Result>> listeners = new ArrayList<>();
  private Program pending;
  private Task<Result> running;
  private CancellationToken token;
  private Result shown;
  private String selected;

  public LimitsPane() {
    setId("limits");
    method.setId("limits-method");
    state.setId("limits-state");
    progress.setId("limits-progress");
    cancel.setId("limits-cancel");
    numbers.setId("limits-numbers");
    scalars.setId("limits-scalars");
    density.setId("limits-density");
    heat.setId("limits-heatmap");
    heading.setStyle("-fx-font-weight: bold;");
    method.setWrapText(true);
    scalars.setWrapText(true);
    cancel.setDisable(true);
    cancel.setOnAction(e -> cancel());
    progress.setPrefWidth(140);
    HBox bar = new HBox(8, progress, cancel, state);
    bar.setPadding(new Insets(6));
    VBox body = new VBox(6, method, heading, density, numbers, scalars,
        new Label("Second moments E[Zˣ Zʸ]"), heat);
    body.setPadding(new Insets(6));
    setTop(bar);
    ScrollPane scroll = new ScrollPane(body);
    scroll.setFitToWidth(true);
    setCenter(scroll);
    debounce.setOnFinished(e -> start(pending));
  }

  /** Schedules a recomputation for {@code p} after the debounce delay. */
  public void programChanged(Program p) {
    pending = p;
    if (running != null) {
      cancel();
    }
    state.setText("waiting for the edit to settle…");
    debounce.playFromStart();
  }

  /** Shows {@code name}'s statistics (no recomputation). */
  public void selectionChanged(String name) {
    selected = name;
    draw();
  }

  /** Runs {@code l} on the FX thread after each finished computation. */
  public void addListener(Consumer<Result> l) {
    listeners.add(l);
  }

  /** The result on screen, or null. */
  public Result shown() {
    return shown;
  }

  /** Stops the running computation, if any. */
  public void cancel() {
    if (token != null) {
      token.cancel();
    }
    if (running != null) {
      running.cancel(false);
    }
  }

  private void start(Program p) {
    if (p == null) {
      return;
    }
    CancellationToken t = new CancellationToken();
    token = t;
    int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    Task<Result> task = new Task<>() {
      @Override
      protected Result call() {
        Task<Result> self = this;
        if (p.statements().isEmpty()) {
          return new Result(p, null, null, "The program is empty.");
        }
        CoordinateStatistics stats;
        try {
          stats = Limits.compute(p, LimitOptions.defaults().withThreads(threads),
              (f, m) -> updateProgress(0.6 * f, 1), t);
        } catch (LimitException e) {
          return new Result(p, null, null, e.problems().isEmpty() ? e.getMessage()
              : e.problems().get(0).message());
        }
        // the numbers are shown at once; the density curve follows when its particles are done
        Result numbersOnly = new Result(p, stats, null, null);
        javafx.application.Platform.runLater(() -> partial(self, numbersOnly));
        CoordinateStatistics dens = null;
        try {
          dens = Limits.compute(p, LimitOptions.defaults().withEngine(LimitOptions.Engine.PARTICLE)
              .withSamples(DENSITY_SAMPLES).withThreads(threads),
              (f, m) -> updateProgress(0.6 + 0.4 * f, 1), t);
        } catch (LimitException e) {
          dens = null; // the numbers stand without the curve; the state line says so
        }
        updateProgress(1, 1);
        return new Result(p, stats, dens, null);
      }
    };
    progress.progressProperty().bind(task.progressProperty());
    state.setText("computing the limits…");
    cancel.setDisable(false);
    task.setOnSucceeded(e -> finished(task, task.getValue(), null));
    task.setOnFailed(e -> finished(task, null, task.getException()));
    task.setOnCancelled(e -> finished(task, null, new CancellationException()));
    running = task;
    worker.submit(task);
  }

  private void partial(Task<Result> task, Result r) {
    if (task == running) {
      shown = r;
      state.setText("numbers up to date; computing the density…");
      draw();
    }
  }

  private void finished(Task<Result> task, Result r, Throwable failure) {
    if (task != running) {
      return; // superseded by a newer edit
    }
    running = null;
    cancel.setDisable(true);
    progress.progressProperty().unbind();
    if (failure instanceof CancellationException
        || (failure != null && failure.getCause() instanceof CancellationException)) {
      progress.setProgress(0);
      state.setText("cancelled; edit the program or reopen the tab to compute again");
      return;
    }
    if (failure != null) {
      state.setText("failed: " + failure.getMessage());
      return;
    }
    shown = r;
    state.setText(r.error() != null ? "not computed" : "up to date");
    draw();
    listeners.forEach(l -> l.accept(r));
  }

  private void draw() {
    Result r = shown;
    if (r == null) {
      return;
    }
    if (r.error() != null) {
      method.setText("No limits: " + r.error());
      heading.setText("");
      numbers.setText("");
      scalars.setText("");
      Plots.density(density, null, null, "");
      Plots.heatMap(heat, List.of(), new double[0][0], "");
      return;
    }
    CoordinateStatistics s = r.stats();
    method.setText("Method: " + s.method() + (s.notes().isEmpty() ? "" : " — " + s.notes().get(0)));
    Program p = r.program();
    String v = selected != null && s.vectors().containsKey(selected) ? selected
        : !p.outputs().isEmpty() && s.vectors().containsKey(p.outputs().get(0)) ? p.outputs().get(0)
        : s.vectors().keySet().stream().findFirst().orElse(null);
    if (v != null) {
      VectorStatistics vs = s.vectors().get(v);
      heading.setText("Z^" + v + " (" + vs.kind().label() + "-var)");
      numbers.setText("mean " + est(vs.mean()) + "    variance " + est(vs.variance()));
      VectorStatistics dv = r.density() == null ? null : r.density().vectors().get(v);
      Plots.density(density, dv == null ? null : dv.histogram(), null,
          "density of Z^" + v + (dv == null ? (r.density() == null ? " (computing…)"
          : " (not available)") : " (limit, "
          + DENSITY_SAMPLES + " particles)"));
    } else {
      heading.setText("No vectors.");
      numbers.setText("");
    }
    StringBuilder sc = new StringBuilder();
    s.scalars().forEach((k, e) -> sc.append(sc.length() == 0 ? "Scalar limits: " : ",  ")
        .append(k).append("̊ = ").append(est(e)));
    scalars.setText(sc.toString());
    List<String> names = heatNames(p, s);
    double[][] m = new double[names.size()][names.size()];
    for (int i = 0; i < names.size(); i++) {
      for (int j = 0; j < names.size(); j++) {
        Estimate e = s.secondMoment(names.get(i), names.get(j));
        m[i][j] = e == null ? Double.NaN : e.value();
      }
    }
    Plots.heatMap(heat, names, m, names.equals(p.outputs()) ? "over the outputs"
        : "over the vectors");
  }

  /** The outputs when there are at least two, else the vectors (at most 12). */
  static List<String> heatNames(Program p, CoordinateStatistics s) {
    List<String> outs = p.outputs().stream().filter(s.vectors()::containsKey).toList();
    if (outs.size() >= 2) {
      return outs;
    }
    return p.vectors().stream().filter(s.vectors()::containsKey)
        .filter(x -> p.kindOf(x) != VarKind.SCALAR).limit(12).toList();
  }

  static String est(Estimate e) {
    return e.error() == 0 ? Plots.fmt(e.value()) : Plots.fmt(e.value()) + " ± "
        + Plots.fmt(e.error());
  }

  /** Stops the worker thread (the window is closing). */
  public void shutdown() {
    cancel();
    worker.shutdownNow();
  }

  public String numbersText() {
    return numbers.getText();
  }

  public String stateText() {
    return state.getText();
  }

  public String methodText() {
    return method.getText();
  }
}
