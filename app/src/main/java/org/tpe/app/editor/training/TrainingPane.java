package org.tpe.app.editor.training;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import java.util.function.Consumer;
import org.tpe.app.editor.plot.DensityPlot;
import org.tpe.app.editor.plot.FigurePane;
import org.tpe.app.editor.plot.LinePlot;
import org.tpe.app.editor.plot.PlotTheme;
import org.tpe.app.editor.model.Command;
import org.tpe.limit.CancellationToken;
import org.tpe.model.Program;

/**
 * The Training tab: f_t on every input against the step (the limit as lines, kernel gradient
 * descent dashed, finite widths as points with error bars), the loss curve, the coordinate check
 * at the chosen step (sizes against the width), and a step slider showing the density of the
 * chosen vector at that step (limit curve over the widest run's histogram). Every plot saves as
 * PNG or SVG and its numbers as CSV from its right-click menu. Runs on demand
 * ("Train") in the background with progress and Cancel; an edit marks the result out of date.
 * {@link TrainingController} does the work.
 */
public final class TrainingPane extends BorderPane {
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "tpe-training");
    t.setDaemon(true);
    return t;
  });
  private final Label status = new Label("Press Train to train the network.");
  private final ProgressBar progress = new ProgressBar(0);
  private final Button train = new Button("Train");
  private final Button cancel = new Button("Cancel");
  private final Button write = new Button("Write to file");
  private final Consumer<Command> run;
  private final TextField steps = new TextField();
  private final TextField lr = new TextField();
  private final ChoiceBox<String> param = new ChoiceBox<>();
  private final TextField widths = new TextField("256, 512, 1024");
  private final TextField seeds = new TextField(String.valueOf(
      TrainingController.Settings.DEFAULT_SEEDS));
  private final FigurePane outputs = new FigurePane("training-outputs", 220);
  private final FigurePane loss = new FigurePane("training-loss", 160);
  private final Slider step = new Slider(0, 1, 0);
  private final ChoiceBox<String> vector = new ChoiceBox<>();
  private final FigurePane density = new FigurePane("training-density", 180);
  private final FigurePane check = new FigurePane("training-check", 180);
  private PlotTheme theme = PlotTheme.LIGHT;
  private final TextArea details = new TextArea();
  private Program program;
  private CancellationToken token;
  private TrainingController.View view;

  /** A tab that only reads the program (no Write to file). */
  public TrainingPane() {
    this(null);
  }

  /**
   * @param run applies an edit to the document (Write to file writes the steps, η and
   *     parametrization shown into the training setup), or null for a tab without that button
   */
  public TrainingPane(Consumer<Command> run) {
    this.run = run;
    setId("training");
    status.setId("training-status");
    status.setWrapText(true);
    train.setId("training-train");
    cancel.setId("training-cancel");
    write.setId("training-write");
    steps.setId("training-steps");
    lr.setId("training-lr");
    param.setId("training-param");
    widths.setId("training-widths");
    seeds.setId("training-seeds");
    step.setId("training-step");
    vector.setId("training-vector");
    steps.setPromptText("as declared");
    lr.setPromptText("as declared");
    steps.setPrefColumnCount(4);
    lr.setPrefColumnCount(4);
    seeds.setPrefColumnCount(2);
    widths.setPrefColumnCount(12);
    param.getItems().addAll("as declared", "ntk", "sp", "mup");
    param.getSelectionModel().select(0);
    details.setEditable(false);
    details.setWrapText(true);
    details.setPrefRowCount(6);
    cancel.setDisable(true);
    train.setOnAction(e -> start());
    cancel.setOnAction(e -> cancel());
    write.setOnAction(e -> writeSettings());
    step.setMajorTickUnit(1);
    step.setMinorTickCount(0);
    step.setSnapToTicks(true);
    step.setShowTickLabels(true);
    step.valueProperty().addListener((o, a, b) -> drawStep());
    vector.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> drawStep());
    progress.setPrefWidth(120);
    HBox bar = new HBox(8, train, cancel, progress);
    if (run != null) {
      bar.getChildren().add(write);
    }
    FlowPane settings = new FlowPane(6, 4, new Label("steps"), steps, new Label("η"), lr,
        new Label("parametrization"), param, new Label("widths"), widths, new Label("seeds"),
        seeds);
    VBox body = new VBox(6, status, settings, outputs, loss, new HBox(6, new Label("step"), step,
        new Label("vector"), vector), density, check, details);
    body.setPadding(new Insets(6));
    bar.setPadding(new Insets(6));
    setTop(bar);
    ScrollPane scroll = new ScrollPane(body);
    scroll.setFitToWidth(true);
    setCenter(scroll);
  }

  /** Where the plots' right-click menus save PNG, SVG and CSV. */
  public void setSaver(FigurePane.Saver s) {
    for (FigurePane f : plots()) {
      f.setSaver(s);
    }
  }

  /** The plots' colours (the editor's light or dark theme); redraws what is shown. */
  public void setTheme(PlotTheme t) {
    theme = t;
    if (view != null && view.ok()) {
      drawCurves();
      drawStep();
    }
  }

  /** The plots: f_t on every input, the loss, the density at the chosen step, the check. */
  public List<FigurePane> plots() {
    return List.of(outputs, loss, density, check);
  }

  /** The edited program changed: a shown result is now out of date. */
  public void programChanged(Program p) {
    program = p;
    if (view != null) {
      status.setText("The program changed; press Train to train it again. (Shown: " + view
          .status() + ")");
    }
  }

  /** What is shown, or null before the first run. */
  public TrainingController.View view() {
    return view;
  }

  /** Stops the background worker. */
  public void shutdown() {
    cancel();
    worker.shutdownNow();
  }

  /** Cancels a running computation. */
  public void cancel() {
    if (token != null) {
      token.cancel();
    }
  }

  private TrainingController.Settings settings() {
    Integer t = steps.getText().isBlank() ? null : Integer.valueOf(steps.getText().trim());
    Double eta = lr.getText().isBlank() ? null : Double.valueOf(lr.getText().trim());
    String p = param.getSelectionModel().getSelectedIndex() <= 0 ? null : param.getValue();
    return new TrainingController.Settings(t, eta, p,
        TrainingController.widths(widths.getText()), Integer.parseInt(seeds.getText().trim()));
  }

  /** Writes the steps, η and parametrization shown into the document (one undoable edit). */
  public void writeSettings() {
    try {
      run.accept(new WriteTrainingSettings(settings()));
    } catch (IllegalArgumentException e) {
      status.setText("Settings: " + e.getMessage());
    }
  }

  /** Starts training the current program with the settings shown. */
  public void start() {
    if (program == null) {
      return;
    }
    TrainingController.Settings s;
    try {
      s = settings();
    } catch (IllegalArgumentException e) {
      status.setText("Settings: " + e.getMessage());
      return;
    }
    cancel();
    CancellationToken t = new CancellationToken();
    token = t;
    Program p = program;
    Task<TrainingController.View> task = new Task<>() {
      @Override
      protected TrainingController.View call() {
        return TrainingController.compute(p, s, (f, m) -> {
          updateProgress(f, 1);
          updateMessage(m);
        }, t);
      }
    };
    progress.progressProperty().bind(task.progressProperty());
    status.textProperty().bind(task.messageProperty());
    task.setOnSucceeded(e -> finished(t, task.getValue(), null));
    task.setOnFailed(e -> finished(t, null, task.getException()));
    train.setDisable(true);
    cancel.setDisable(false);
    worker.submit(task);
  }

  private void finished(CancellationToken t, TrainingController.View v, Throwable failure) {
    if (token != t) {
      return;
    }
    progress.progressProperty().unbind();
    status.textProperty().unbind();
    train.setDisable(false);
    cancel.setDisable(true);
    if (failure instanceof CancellationException) {
      progress.setProgress(0);
      status.setText("Cancelled.");
      return;
    }
    if (failure != null) {
      progress.setProgress(0);
      status.setText("Training failed: " + failure.getMessage());
      return;
    }
    view = v;
    progress.setProgress(v.ok() ? 1 : 0);
    status.setText(v.status());
    details.setText(String.join("\n", v.details()));
    step.setMax(Math.max(1, v.steps()));
    String chosen = vector.getValue();
    vector.getItems().setAll(v.vectors());
    if (!v.vectors().isEmpty()) {
      vector.getSelectionModel().select(chosen != null && v.vectors().contains(chosen) ? chosen
          : v.vectors().get(v.vectors().size() - 1));
    }
    drawCurves();
    drawStep();
  }

  private void drawCurves() {
    double[] x = new double[view.steps() + 1];
    for (int t = 0; t < x.length; t++) {
      x[t] = t;
    }
    PlotTheme th = theme;
    List<LinePlot.Series> f = lines(view.outputs(), view.inputs());
    LinePlot.Axes axes = new LinePlot.Axes("step t", false, "f_t", false);
    outputs.show("training-outputs", (w, h) -> LinePlot.figure(th, w, h,
        "f_t on every input (limit —, kernel GD - -, widths • ± s.e.)", x, f, axes),
        () -> LinePlot.csv("step", x, f), null);
    List<LinePlot.Series> l = lines(view.losses(), List.of("loss"));
    LinePlot.Axes lossAxes = new LinePlot.Axes("step t", false, "loss", false);
    loss.show("training-loss", (w, h) -> LinePlot.figure(th, w, h, "training loss", x, l,
        lossAxes), () -> LinePlot.csv("step", x, l), null);
  }

  /**
   * Colour by label (input), style by kind (limit solid, kernel GD dashed, finite widths points
   * shifted apart a little); the legend names the limit's and kernel GD's lines.
   */
  private static List<LinePlot.Series> lines(List<TrainingController.Series> ss,
      List<String> labels) {
    List<LinePlot.Series> out = new ArrayList<>();
    List<Integer> widths = ss.stream().filter(s -> s.kind() == TrainingController.Kind.FINITE)
        .map(TrainingController.Series::width).distinct().sorted().toList();
    for (TrainingController.Series s : ss) {
      int colour = Math.max(0, labels.indexOf(s.label()));
      LinePlot.Style style = switch (s.kind()) {
        case LIMIT -> LinePlot.Style.SOLID;
        case KERNEL_GD -> LinePlot.Style.DASHED;
        case FINITE -> LinePlot.Style.POINTS;
      };
      String label = switch (s.kind()) {
        case LIMIT -> s.label();
        case KERNEL_GD -> s.label() + " GD";
        case FINITE -> s.label() + " n = " + s.width();
      };
      double offset = s.kind() == TrainingController.Kind.FINITE
          ? 4 * (widths.indexOf(s.width()) - (widths.size() - 1) / 2.0) : 0;
      out.add(new LinePlot.Series(label, s.kind() != TrainingController.Kind.FINITE, colour,
          s.values(), s.kind() == TrainingController.Kind.FINITE ? s.errors() : null, style,
          offset));
    }
    return out;
  }

  private void drawStep() {
    if (view == null || !view.ok()) {
      return;
    }
    PlotTheme th = theme;
    int t = (int) Math.round(step.getValue());
    String x = vector.getValue();
    if (x != null) {
      TrainingController.Density d = TrainingController.density(view, x, t);
      String finiteLabel = "width n = " + d.width();
      density.show("training-density-" + x + "-step-" + t, (w, h) -> DensityPlot.figure(th, w,
          h, d.title(), x, d.limit(), d.finite(), "limit", finiteLabel),
          () -> DensityPlot.csv(d.limit(), d.finite()), null);
    }
    List<String> labels = new ArrayList<>();
    double[][] sizes = TrainingController.coordinateSizes(view, t, labels);
    if (view.check() != null) {
      double[] w = view.check().widths().stream().mapToDouble(Integer::doubleValue).toArray();
      List<LinePlot.Series> ls = new ArrayList<>();
      for (int i = 0; i < sizes.length; i++) {
        ls.add(new LinePlot.Series(labels.get(i), true, i, sizes[i], null, LinePlot.Style.SOLID,
            0));
      }
      LinePlot.Axes axes = new LinePlot.Axes("width n", true, "size", true);
      check.show("training-coordinate-check-step-" + t, (fw, fh) -> LinePlot.figure(th, fw, fh,
          "coordinate check at step " + t + ": size against width (slope)", w, ls, axes),
          () -> LinePlot.csv("n", w, ls), null);
    }
  }
}
