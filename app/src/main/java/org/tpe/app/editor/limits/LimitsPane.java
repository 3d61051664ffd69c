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

  /** Widths offered for the finite-width overlay. */
  public static final List<Integer> WIDTHS = List.of(256, 1024, 4096);
  /** Widths and seeds of the convergence sweep (small, so it follows edits in seconds). */
  public static final List<Integer> SWEEP_WIDTHS = List.of(128, 256, 512, 1024);
  public static final List<Long> SWEEP_SEEDS = List.of(1L, 2L);
  /** A width whose simulation needs more heap than this is not run (the panel says so). */
  static final long MAX_BYTES = 512L << 20;

  /**
   * Everything one computation produced for one program: the limits, the particle run for the
   * density curves, the simulation at the chosen width, and the convergence sweep (each later part
   * null until computed or when it could not be computed; {@code error} says why nothing was).
   */
  public record Result(Program program, CoordinateStatistics stats, CoordinateStatistics density,
      CoordinateStatistics finite, org.tpe.sim.ConvergenceResult convergence, String error) {
    Result(Program program, CoordinateStatistics stats, CoordinateStatistics density,
        String error) {
      this(program, stats, density, null, null, error);
    }
  }

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
  private final Canvas convergence = new Canvas(420, 170);
  private final Label slope = new Label();
  private final javafx.scene.control.ComboBox<Integer> width =
      new javafx.scene.control.ComboBox<>(javafx.collections.FXCollections.observableArrayList(
          WIDTHS));
  private final List<Consumer<Result>> listeners = new ArrayList<>();
  private Program pending;
  private Task<Result> running;
  private CancellationToken token;
  private Result shown;
  private String selected;
  private String densityTitle = "";

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
    convergence.setId("limits-convergence");
    slope.setId("limits-slope");
    slope.setWrapText(true);
    width.setId("limits-width");
    width.setValue(1024);
    width.setOnAction(e -> {
      if (shown != null) {
        programChanged(shown.program());
      }
    });
    method.setWrapText(true);
    scalars.setWrapText(true);
    cancel.setDisable(true);
    cancel.setOnAction(e -> cancel());
    progress.setPrefWidth(140);
    HBox row1 = new HBox(8, progress, cancel, state);
    HBox row2 = new HBox(8, new Label("finite-width overlay at n ="), width);
    row1.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    row2.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    VBox bar = new VBox(4, row1, row2);
    bar.setPadding(new Insets(6));
    VBox body = new VBox(6, method, heading, density, numbers, scalars,
        new Label("Second moments E[Zˣ Zʸ]"), heat,
        new Label("Convergence: |simulated − limit| against n (log-log, dashed: slope −1/2)"),
        convergence, slope);
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
    int n = width.getValue() == null ? 1024 : width.getValue();
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
              (f, m) -> updateProgress(0.3 * f, 1), t);
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
              (f, m) -> updateProgress(0.3 + 0.2 * f, 1), t);
        } catch (LimitException e) {
          dens = null; // the numbers stand without the curve; the state line says so
        }
        CoordinateStatistics finite = null;
        org.tpe.sim.ConvergenceResult sweep = null;
        if (org.tpe.sim.FiniteWidthSimulator.requiredBytes(p, Math.max(n, 1024)) < MAX_BYTES) {
          try {
            finite = org.tpe.sim.FiniteWidthSimulator.simulate(p,
                org.tpe.sim.SimulationOptions.of(n, 1L).withThreads(threads),
                (f, m) -> updateProgress(0.5 + 0.1 * f, 1), t);
            Result withFinite = new Result(p, stats, dens, finite, null, null);
            javafx.application.Platform.runLater(() -> partial(self, withFinite));
            sweep = org.tpe.sim.ConvergenceSweep.run(p, stats, SWEEP_WIDTHS, SWEEP_SEEDS,
                threads, (f, m) -> updateProgress(0.6 + 0.4 * f, 1), t);
          } catch (org.tpe.sim.SimulationException | IllegalArgumentException e) {
            sweep = null; // the limits stand without the comparison
          }
        }
        updateProgress(1, 1);
        return new Result(p, stats, dens, finite, sweep, null);
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
      state.setText(r.finite() == null ? "numbers up to date; computing the density…"
          : "numbers up to date; running the convergence sweep…");
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
      VectorStatistics fv = r.finite() == null ? null : r.finite().vectors().get(v);
      numbers.setText("mean " + est(vs.mean()) + "    variance " + est(vs.variance())
          + (fv == null ? "" : "\nat n = " + width.getValue() + ": mean "
          + Plots.fmt(fv.mean().value()) + "    variance " + Plots.fmt(fv.variance().value())));
      VectorStatistics dv = r.density() == null ? null : r.density().vectors().get(v);
      densityTitle = "density of Z^" + v + (dv == null ? (r.density() == null ? " (computing…)"
          : " (not available)") : " (limit, ") + "";
      Plots.density(density, dv == null ? null : dv.histogram(),
          fv == null ? null : fv.histogram(),
          "density of Z^" + v + (dv == null ? (r.density() == null ? " (computing…)"
          : " (not available)") : " (limit, "
          + DENSITY_SAMPLES + " particles)") + (fv == null ? "" : "; bars: width n = "
          + width.getValue()));
      drawConvergence(r, v);
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

  private void drawConvergence(Result r, String v) {
    org.tpe.sim.ConvergenceResult c = r.convergence();
    if (c == null) {
      Plots.logLog(convergence, new int[0], List.of(), new double[0][0], r.finite() == null
          ? "(no simulation: the program is too large for the sweep or could not run)"
          : "(running…)");
      slope.setText("");
      return;
    }
    List<org.tpe.sim.ConvergenceResult.Quantity> qs = c.quantities().stream()
        .filter(q -> q.a().equals(v) && q.b().isEmpty()).toList();
    if (qs.isEmpty()) {
      qs = c.quantities().stream().limit(3).toList();
    }
    int[] ns = c.widths().stream().mapToInt(Integer::intValue).toArray();
    double[][] err = new double[qs.size()][];
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < qs.size(); i++) {
      err[i] = qs.get(i).errors().stream().mapToDouble(Double::doubleValue).toArray();
      labels.add(qs.get(i).label());
    }
    Plots.logLog(convergence, ns, labels, err, "seeds " + c.seeds());
    slope.setText(c.pooled() == null ? "no fitted slope (errors are zero)"
        : String.format("pooled log-log slope %.2f ± %.2f (the Master Theorem's rate is −1/2)",
        c.pooled().slope(), c.pooled().slopeError()));
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

  public String headingText() {
    return heading.getText();
  }

  public String slopeText() {
    return slope.getText();
  }

  /** The title drawn over the density plot. */
  public String densityTitle() {
    return densityTitle;
  }
}
