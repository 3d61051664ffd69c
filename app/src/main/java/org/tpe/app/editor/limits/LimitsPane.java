package org.tpe.app.editor.limits;

import java.util.List;
import java.util.function.IntConsumer;
import javafx.geometry.Insets;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.tpe.session.Snapshot;

/**
 * The limits panel (the Master Theorem, TP IIb Thm. B.4): draws a {@link LimitsView}, which decides
 * from the analysis session's snapshot what to show (the density of Z^x over the finite-width
 * histogram, mean and variance with their errors and the engine, the scalar limits, a heat map of
 * E[Z^x Z^y], the convergence against n). Nothing is computed here: the {@code AnalysisSession}
 * runs everything off the JavaFX thread; Cancel and the width go back to it through the window.
 */
public final class LimitsPane extends BorderPane {
  /** Widths offered for the finite-width overlay. */
  public static final List<Integer> WIDTHS = List.of(256, 1024, 4096);

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
  private final ComboBox<Integer> width =
      new ComboBox<>(javafx.collections.FXCollections.observableArrayList(WIDTHS));
  private Runnable onCancel = () -> { };
  private Runnable onResume = () -> { };
  private Snapshot shown;
  private LimitsView view;
  private LimitsView drawn;

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
    heading.setId("limits-heading");
    heading.setStyle("-fx-font-weight: bold;");
    convergence.setId("limits-convergence");
    slope.setId("limits-slope");
    slope.setWrapText(true);
    width.setId("limits-width");
    width.setValue(1024);
    method.setWrapText(true);
    scalars.setWrapText(true);
    cancel.setDisable(true);
    cancel.setOnAction(e -> {
      if (view != null && view.resumable() && !view.running()) {
        onResume.run();
      } else {
        onCancel.run();
      }
    });
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
  }

  /** What Cancel, Compute and a chosen width do. */
  public void onActions(Runnable cancelRun, Runnable resume, IntConsumer widthChosen) {
    this.onCancel = cancelRun;
    this.onResume = resume;
    width.setOnAction(e -> {
      if (width.getValue() != null) {
        widthChosen.accept(width.getValue());
      }
    });
  }

  /** Shows {@code v}, made from {@code s}. */
  public void show(Snapshot s, LimitsView v) {
    shown = s;
    view = v;
    state.setText(v.state());
    progress.setProgress(v.running() ? v.progress() : v.resumable() ? 0 : 1);
    cancel.setText(v.resumable() && !v.running() ? "Compute" : "Cancel");
    cancel.setDisable(!v.running() && !v.resumable());
    method.setText(v.method());
    heading.setText(v.heading());
    numbers.setText(v.numbers());
    scalars.setText(v.scalars());
    LimitsView was = drawn;
    drawn = v;
    // a snapshot often changes one part: redraw only the plots whose data changed
    if (was == null || was.limitDensity() != v.limitDensity()
        || was.finiteDensity() != v.finiteDensity()
        || !was.densityTitle().equals(v.densityTitle())) {
      Plots.density(density, v.limitDensity(), v.finiteDensity(), v.densityTitle());
    }
    if (was == null || !was.heatNames().equals(v.heatNames())
        || !java.util.Arrays.deepEquals(was.heat(), v.heat())
        || !was.heatTitle().equals(v.heatTitle())) {
      Plots.heatMap(heat, v.heatNames(), v.heat(), v.heatTitle());
    }
    if (was == null || !java.util.Arrays.equals(was.widths(), v.widths())
        || !was.convergenceLabels().equals(v.convergenceLabels())
        || !java.util.Arrays.deepEquals(was.convergence(), v.convergence())
        || !was.convergenceTitle().equals(v.convergenceTitle())) {
      Plots.logLog(convergence, v.widths(), v.convergenceLabels(), v.convergence(),
          v.convergenceTitle());
    }
    slope.setText(v.slope());
  }

  /** The snapshot on screen (its program may be another than the editor's: see the view). */
  public Snapshot shown() {
    return shown;
  }

  /** The view on screen. */
  public LimitsView view() {
    return view;
  }

  public String numbersText() {
    return numbers.getText();
  }

  /** The numbers' text property (the benchmark watches it to time edit → limits shown). */
  public javafx.beans.property.StringProperty numbersProperty() {
    return numbers.textProperty();
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
    return view == null ? "" : view.densityTitle();
  }
}
