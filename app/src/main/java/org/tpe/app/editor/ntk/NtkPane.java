package org.tpe.app.editor.ntk;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;
import org.tpe.render.scene.Highlight;
import org.tpe.app.editor.model.Command;
import org.tpe.limit.CancellationToken;
import org.tpe.model.Program;
import org.tpe.ntk.Kernel;

/**
 * The NTK tab: the kernel of the edited network as a heat map with its values and a colour
 * legend, the contribution of every parameter and path class (choosing a class lights its paths
 * on the canvas, as the Paths tab does), the path form's assumptions and notes, the inputs with
 * their Gram rows (editable), and "Open backward pass". Recomputed in the background a moment
 * after each edit ({@link NtkController} does the work); a newer edit cancels the running one.
 */
public final class NtkPane extends BorderPane {
  static final Duration DEBOUNCE = Duration.millis(300);

  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "tpe-ntk");
    t.setDaemon(true);
    return t;
  });
  private final PauseTransition debounce = new PauseTransition(DEBOUNCE);
  private final Label status = new Label();
  private final ProgressBar progress = new ProgressBar(0);
  private final Canvas heat = new Canvas(430, 250);
  private final ListView<NtkController.Entry> entries = new ListView<>();
  private final TextArea details = new TextArea();
  private final TextArea inputs = new TextArea();
  private final Consumer<Highlight> highlight;
  private Program pending;
  private Program program;
  private CancellationToken token;
  private NtkController.View view;

  /**
   * @param highlight lights paths on the canvas
   * @param run runs an edit (the inputs' Apply)
   * @param openBackward opens the backward pass as a new document
   */
  public NtkPane(Consumer<Highlight> highlight, Consumer<Command> run, Runnable openBackward) {
    this.highlight = highlight;
    setId("ntk");
    status.setId("ntk-status");
    status.setWrapText(true);
    heat.setId("ntk-heatmap");
    entries.setId("ntk-entries");
    details.setId("ntk-details");
    inputs.setId("ntk-inputs");
    details.setEditable(false);
    details.setWrapText(true);
    details.setPrefRowCount(6);
    inputs.setPrefRowCount(4);
    entries.setPrefHeight(170);
    entries.setCellFactory(v -> new ListCell<>() {
      @Override
      protected void updateItem(NtkController.Entry e, boolean empty) {
        super.updateItem(e, empty);
        setText(empty || e == null ? null : e.label() + (e.kind().equals("total") ? ""
            : String.format("   %.1f%% of tr Θ", 100 * e.share())));
      }
    });
    entries.getSelectionModel().selectedItemProperty().addListener((o, a, e) -> chosen(e));
    Button open = new Button("Open backward pass");
    open.setId("ntk-open-backward");
    open.setOnAction(e -> openBackward.run());
    Button apply = new Button("Apply inputs");
    apply.setId("ntk-apply-inputs");
    apply.setOnAction(e -> run.accept(new NetworkCommands.SetInputs(inputs.getText())));
    progress.setPrefWidth(120);
    HBox bar = new HBox(8, progress, open);
    VBox body = new VBox(6, status, heat, new Label("Contributions (choose one to see it; a"
        + " class lights its paths):"), entries, details,
        new Label("Inputs and their Gram matrix ξᵢ·ξⱼ/d:"), inputs, apply);
    body.setPadding(new Insets(6));
    bar.setPadding(new Insets(6));
    setTop(bar);
    ScrollPane scroll = new ScrollPane(body);
    scroll.setFitToWidth(true);
    setCenter(scroll);
    debounce.setOnFinished(e -> start(pending));
  }

  /** Schedules a recomputation for {@code p}. */
  public void programChanged(Program p) {
    pending = p;
    if (token != null) {
      token.cancel();
    }
    status.setText("waiting for the edit to settle…");
    debounce.playFromStart();
  }

  /** What is shown, or null before the first computation. */
  public NtkController.View view() {
    return view;
  }

  /** Stops the background worker. */
  public void shutdown() {
    if (token != null) {
      token.cancel();
    }
    worker.shutdownNow();
  }

  private void start(Program p) {
    if (p == null) {
      return;
    }
    CancellationToken t = new CancellationToken();
    token = t;
    Task<NtkController.View> task = new Task<>() {
      @Override
      protected NtkController.View call() {
        return NtkController.compute(p, (f, m) -> updateProgress(f, 1), t);
      }
    };
    progress.progressProperty().bind(task.progressProperty());
    task.setOnSucceeded(e -> {
      if (token == t) {
        show(p, task.getValue());
      }
    });
    task.setOnFailed(e -> {
      if (token == t && !(task.getException() instanceof java.util.concurrent
          .CancellationException)) {
        show(p, new NtkController.View(false, "The NTK could not be computed: "
            + task.getException().getMessage(), java.util.List.of(), java.util.List.of(),
            java.util.List.of()));
      }
    });
    status.setText("computing the NTK…");
    worker.submit(task);
  }

  private void show(Program p, NtkController.View v) {
    program = p;
    view = v;
    progress.progressProperty().unbind();
    progress.setProgress(v.ok() ? 1 : 0);
    status.setText(v.status());
    entries.getItems().setAll(v.entries());
    details.setText(String.join("\n", v.details()));
    if (!inputs.isFocused()) {
      inputs.setText(NetworkCommands.inputsText(p));
    }
    if (!v.entries().isEmpty()) {
      entries.getSelectionModel().select(0);
    } else {
      draw(null, "");
      highlight.accept(Highlight.NONE);
    }
  }

  private void chosen(NtkController.Entry e) {
    if (e == null) {
      highlight.accept(Highlight.NONE);
      return;
    }
    draw(e.kernel(), e.label());
    highlight.accept(e.paths().isEmpty() ? Highlight.NONE : Highlight.ofPaths(e.paths()));
  }

  /** The heat map of {@code k} with values in the cells and the colour legend below. */
  private void draw(Kernel k, String title) {
    GraphicsContext g = heat.getGraphicsContext2D();
    g.setFill(Color.WHITE);
    g.fillRect(0, 0, heat.getWidth(), heat.getHeight());
    g.setFont(Font.font("SansSerif", 10));
    g.setTextBaseline(VPos.CENTER);
    g.setFill(Color.BLACK);
    g.setTextAlign(TextAlignment.LEFT);
    g.fillText(title, 6, 9);
    if (k == null || view == null) {
      return;
    }
    int n = k.size();
    double left = 44;
    double top = 22;
    double cell = Math.min(64, Math.min((heat.getWidth() - left - 8) / n,
        (heat.getHeight() - top - 56) / n));
    double max = NtkController.scale(k);
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        double[] c = NtkController.colour(k.value(a, b), max);
        g.setFill(Color.color(c[0], c[1], c[2]));
        g.fillRect(left + b * cell, top + a * cell, cell, cell);
        if (cell >= 34) {
          g.setFill(Color.BLACK);
          g.setTextAlign(TextAlignment.CENTER);
          g.fillText(NtkController.cellText(k, a, b), left + (b + 0.5) * cell,
              top + (a + 0.5) * cell);
        }
      }
      g.setFill(Color.BLACK);
      g.setTextAlign(TextAlignment.RIGHT);
      g.fillText(view.inputs().get(a), left - 4, top + (a + 0.5) * cell);
      g.setTextAlign(TextAlignment.CENTER);
      g.fillText(view.inputs().get(a), left + (a + 0.5) * cell, top + n * cell + 9);
    }
    // legend: −max … 0 … +max
    double ly = top + n * cell + 24;
    double lw = Math.min(240, heat.getWidth() - left - 8);
    for (int i = 0; i < 60; i++) {
      double v = -max + 2 * max * (i + 0.5) / 60;
      double[] c = NtkController.colour(v, max);
      g.setFill(Color.color(c[0], c[1], c[2]));
      g.fillRect(left + lw * i / 60, ly, lw / 60 + 0.5, 10);
    }
    g.setStroke(Color.GRAY);
    g.strokeRect(left, ly, lw, 10);
    g.setFill(Color.BLACK);
    g.setTextAlign(TextAlignment.LEFT);
    g.fillText(NtkController.number(-max), left, ly + 18);
    g.setTextAlign(TextAlignment.CENTER);
    g.fillText("0", left + lw / 2, ly + 18);
    g.setTextAlign(TextAlignment.RIGHT);
    g.fillText(NtkController.number(max), left + lw, ly + 18);
  }

  /** The program last shown (for tests). */
  Program program() {
    return program;
  }

  /** The contributions list (for tests). */
  public ListView<NtkController.Entry> entries() {
    return entries;
  }
}
