package org.tpe.app.editor.spectrum;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;
import org.tpe.model.Program;

/**
 * The Spectrum tab (a thin view of {@link SpectrumController}): the start and end of J, picked
 * from lists or from the canvas's selection; orthogonal weights, the width and a log scale; the
 * free-probability density over the finite-width eigenvalue histogram; the moments three ways;
 * λ_max and the support.
 */
public final class SpectrumPane extends BorderPane {
  /** Quiet time after an edit before the spectrum is recomputed. */
  public static final Duration DEBOUNCE = Duration.millis(300);
  private static final String DEFAULT = "(default)";

  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "tpe-spectrum");
    t.setDaemon(true);
    return t;
  });
  private final SpectrumController controller = new SpectrumController(worker, Platform::runLater);
  private final PauseTransition debounce = new PauseTransition(DEBOUNCE);
  private final ComboBox<String> start = new ComboBox<>();
  private final ComboBox<String> end = new ComboBox<>();
  private final Button startFromSelection = new Button("← selection");
  private final Button endFromSelection = new Button("← selection");
  private final CheckBox orthogonal = new CheckBox("orthogonal W");
  private final CheckBox log = new CheckBox("log scale");
  private final ComboBox<Integer> width =
      new ComboBox<>(FXCollections.observableArrayList(SpectrumController.WIDTHS));
  private final Label jacobian = new Label();
  private final Label status = new Label();
  private final Canvas plot = new Canvas(420, 190);
  private final Label caption = new Label();
  private final GridPane moments = new GridPane();
  private final Label support = new Label();
  private final Label notes = new Label();
  private Program pending;
  private boolean updating;
  private boolean active;
  private boolean stale;

  public SpectrumPane() {
    setId("spectrum");
    start.setId("spectrum-from");
    end.setId("spectrum-to");
    startFromSelection.setId("spectrum-from-selection");
    endFromSelection.setId("spectrum-to-selection");
    orthogonal.setId("spectrum-orthogonal");
    log.setId("spectrum-log");
    width.setId("spectrum-width");
    jacobian.setId("spectrum-jacobian");
    status.setId("spectrum-status");
    plot.setId("spectrum-plot");
    moments.setId("spectrum-moments");
    support.setId("spectrum-support");
    jacobian.setWrapText(true);
    support.setWrapText(true);
    notes.setWrapText(true);
    caption.setWrapText(true);
    moments.setHgap(12);
    width.setValue(512);
    start.setOnAction(e -> picked(start, true));
    end.setOnAction(e -> picked(end, false));
    startFromSelection.setOnAction(e -> controller.useSelectionAsStart());
    endFromSelection.setOnAction(e -> controller.useSelectionAsEnd());
    orthogonal.setOnAction(e -> controller.setOrthogonal(orthogonal.isSelected()));
    log.setOnAction(e -> controller.setLogScale(log.isSelected()));
    width.setOnAction(e -> {
      if (width.getValue() != null) {
        controller.setWidth(width.getValue());
      }
    });
    HBox ends = new HBox(6, new Label("J = ∂ end"), end, endFromSelection);
    HBox starts = new HBox(6, new Label("    / ∂ start"), start, startFromSelection);
    HBox options = new HBox(10, orthogonal, log, new Label("n ="), width);
    for (HBox row : new HBox[] {ends, starts, options}) {
      row.setAlignment(Pos.CENTER_LEFT);
    }
    status.setWrapText(true);
    VBox top = new VBox(4, ends, starts, options, status);
    top.setPadding(new Insets(6));
    VBox body = new VBox(6, jacobian, plot, caption, new Label("Moments τ_k = lim (1/n) tr((JᵀJ)^k)"),
        moments, support, notes);
    body.setPadding(new Insets(6));
    setTop(top);
    ScrollPane scroll = new ScrollPane(body);
    scroll.setFitToWidth(true);
    setCenter(scroll);
    setMinWidth(0);
    debounce.setOnFinished(e -> {
      stale = false;
      controller.programChanged(pending);
    });
    controller.addListener(this::show);
  }

  /** The controller (the editor's selection hook and the tests drive it). */
  public SpectrumController controller() {
    return controller;
  }

  /**
   * Schedules a recomputation for {@code p} after the debounce delay, or, while the tab is not
   * shown, when it is shown again (a spectrum costs seconds: no need to follow every edit unseen).
   */
  public void programChanged(Program p) {
    pending = p;
    controller.cancel();
    if (active) {
      status.setText("waiting for the edit to settle…");
      debounce.playFromStart();
    } else {
      stale = true;
      status.setText("not computed while the tab is hidden");
    }
  }

  /** The tab is shown ({@code true}) or hidden. */
  public void setActive(boolean shown) {
    active = shown;
    if (shown && stale && pending != null) {
      stale = false;
      debounce.playFromStart();
    }
  }

  /** The canvas's selection changed: one selected vector (or null) can become J's start or end. */
  public void selectionChanged(String name) {
    controller.selectionChanged(name);
  }

  /** Stops the worker thread (the window is closing). */
  public void shutdown() {
    controller.cancel();
    worker.shutdownNow();
  }

  private void picked(ComboBox<String> box, boolean isStart) {
    if (updating || box.getValue() == null) {
      return;
    }
    String v = box.getValue().equals(DEFAULT) ? null : box.getValue();
    if (isStart) {
      controller.setStart(v);
    } else {
      controller.setEnd(v);
    }
  }

  private void show(SpectrumController.View v) {
    updating = true;
    try {
      List<String> items = new java.util.ArrayList<>();
      items.add(DEFAULT);
      items.addAll(v.vectors());
      if (!start.getItems().equals(items)) {
        start.getItems().setAll(items);
        end.getItems().setAll(items);
      }
      start.setValue(v.from() == null ? DEFAULT : v.from());
      end.setValue(v.to() == null ? DEFAULT : v.to());
    } finally {
      updating = false;
    }
    String sel = controller.selected();
    startFromSelection.setDisable(sel == null);
    endFromSelection.setDisable(sel == null);
    jacobian.setText(v.error() != null ? "No spectrum: " + v.error() : v.jacobian());
    moments.getChildren().clear();
    if (!v.moments().isEmpty()) {
      String[] head = {"k", "program", "free probability", "finite n"};
      for (int c = 0; c < head.length; c++) {
        Label h = new Label(head[c]);
        h.setStyle("-fx-font-weight: bold;");
        moments.add(h, c, 0);
      }
      for (SpectrumController.Row row : v.moments()) {
        String[] cells = {Integer.toString(row.k()), row.program(), row.free(), row.finite()};
        for (int c = 0; c < cells.length; c++) {
          moments.add(new Label(cells[c]), c, row.k());
        }
      }
    }
    support.setText(v.support());
    notes.setText(String.join("\n", v.notes()));
    caption.setText(v.plot() == null ? "" : v.plot().caption());
    draw(v.plot());
    status.setText(v.status()); // last: the state line says the rest is shown
  }

  private void draw(SpectrumController.Plot p) {
    GraphicsContext g = plot.getGraphicsContext2D();
    double w = plot.getWidth();
    double h = plot.getHeight();
    g.setFill(Color.WHITE);
    g.fillRect(0, 0, w, h);
    if (p == null) {
      return;
    }
    double x0 = 36;
    double x1 = w - 8;
    double y0 = h - 18;
    double y1 = 8;
    double sx = (x1 - x0) / p.xMax();
    double span = p.yMax() - p.yMin();
    double sy = (y0 - y1) / (span > 0 ? span * 1.05 : 1);
    g.setFill(Color.web("#f4a261", 0.55));
    double[] e = p.barEdges();
    double[] b = p.barHeights();
    for (int i = 0; i < b.length; i++) {
      if (Double.isFinite(b[i]) && b[i] > p.yMin()) {
        double top = y0 - (Math.min(b[i], p.yMax()) - p.yMin()) * sy;
        g.fillRect(x0 + e[i] * sx, top, Math.max(1, (e[i + 1] - e[i]) * sx - 1), y0 - top);
      }
    }
    g.setStroke(Color.web("#1f6feb"));
    g.setLineWidth(2);
    g.beginPath();
    for (int i = 0; i < p.curveX().length; i++) {
      double x = x0 + p.curveX()[i] * sx;
      double y = y0 - (Math.max(p.curveY()[i], p.yMin()) - p.yMin()) * sy;
      if (i == 0) {
        g.moveTo(x, y);
      } else {
        g.lineTo(x, y);
      }
    }
    g.stroke();
    g.setStroke(Color.web("#2a9d8f"));
    g.setLineWidth(1);
    for (double edge : p.edges()) {
      g.strokeLine(x0 + edge * sx, y0, x0 + edge * sx, y0 + 4);
    }
    g.setStroke(Color.GRAY);
    g.strokeLine(x0, y0, x1, y0);
    g.strokeLine(x0, y0, x0, y1);
    g.setFill(Color.BLACK);
    g.setFont(Font.font("SansSerif", 10));
    g.setTextBaseline(VPos.TOP);
    g.setTextAlign(TextAlignment.LEFT);
    g.fillText("0", x0, y0 + 4);
    g.setTextAlign(TextAlignment.RIGHT);
    g.fillText("λ = " + SpectrumController.fmt(p.xMax()), x1, y0 + 4);
    g.setTextBaseline(VPos.CENTER);
    g.setTextAlign(TextAlignment.LEFT);
    g.fillText(p.logY() ? "10^" + SpectrumController.fmt(p.yMax()) : SpectrumController.fmt(
        p.yMax()), x0 + 3, y1 + 4);
    g.setTextAlign(TextAlignment.RIGHT);
    g.fillText(p.logY() ? "10^" + SpectrumController.fmt(p.yMin()) : "0", x0 - 3, y0);
  }

  public String jacobianText() {
    return jacobian.getText();
  }

  public String statusText() {
    return status.getText();
  }

  public String supportText() {
    return support.getText();
  }
}
