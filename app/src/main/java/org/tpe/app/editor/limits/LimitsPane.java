package org.tpe.app.editor.limits;

import java.util.List;
import java.util.function.IntConsumer;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.tpe.app.editor.plot.ConvergencePlot;
import org.tpe.app.editor.plot.DensityPlot;
import org.tpe.app.editor.plot.FigurePane;
import org.tpe.app.editor.plot.HeatMapPlot;
import org.tpe.app.editor.plot.PlotTheme;
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
  private final FigurePane density = new FigurePane("limits-density", 190);
  private final Label numbers = new Label();
  private final Label scalars = new Label();
  private final FigurePane heat = new FigurePane("limits-heatmap", 240);
  private final FigurePane convergence = new FigurePane("limits-convergence", 210);
  private PlotTheme theme = PlotTheme.LIGHT;
  /** The heat map on screen (its cells answer the hover). */
  private HeatMapPlot heatPlot;
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
    heading.setId("limits-heading");
    heading.setStyle("-fx-font-weight: bold;");
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
    Label heatLabel = new Label("Second moments E[Zˣ Zʸ] (hover a cell for its value ± error)");
    Label convLabel = new Label("Convergence of the finite-width run to the limit");
    for (Label l : new Label[] {heading, numbers, heatLabel, convLabel}) {
      l.setWrapText(true);
    }
    VBox body = new VBox(6, method, heading, density, numbers, scalars, heatLabel, heat,
        convLabel, convergence, slope);
    for (javafx.scene.layout.Region r : new javafx.scene.layout.Region[] {body, method, heading,
        numbers, scalars, heatLabel, convLabel, slope, row1, row2}) {
      r.setMinWidth(0);
    }
    body.setPadding(new Insets(6));
    setTop(bar);
    ScrollPane scroll = new ScrollPane(body);
    scroll.setFitToWidth(true);
    scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
    setCenter(scroll);
    setMinWidth(0);
  }

  /** Where the plots' right-click menus save PNG, SVG and CSV. */
  public void setSaver(FigurePane.Saver s) {
    for (FigurePane f : new FigurePane[] {density, heat, convergence}) {
      f.setSaver(s);
    }
  }

  /** The plots' colours (the editor's light or dark theme); redraws. */
  public void setTheme(PlotTheme t) {
    theme = t;
    if (drawn != null) {
      LimitsView v = drawn;
      drawn = null;
      plot(null, v);
      drawn = v;
    }
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
    plot(was, v);
    slope.setText(v.slope());
  }

  /**
   * A report of how far the running analysis is ({@link Snapshot#progress}) for the view on
   * screen: only the bar moves.
   */
  public void showProgress(double f) {
    if (view != null && view.running()) {
      progress.setProgress(f);
    }
  }

  /** A snapshot often changes one part: redraws only the plots whose data changed. */
  private void plot(LimitsView was, LimitsView v) {
    PlotTheme t = theme;
    if (was == null || was.limitDensity() != v.limitDensity()
        || was.finiteDensity() != v.finiteDensity()
        || !was.densityTitle().equals(v.densityTitle())) {
      String subject = v.subject() == null ? "x" : v.subject();
      String limitLabel = "limit";
      String finiteLabel = "width n = " + v.finiteWidth();
      density.show("density-" + subject, (w, h) -> DensityPlot.figure(t, w, h,
          v.densityTitle(), subject, v.limitDensity(), v.finiteDensity(), limitLabel,
          finiteLabel), () -> DensityPlot.csv(v.limitDensity(), v.finiteDensity()), null);
    }
    if (was == null || !was.heatNames().equals(v.heatNames())
        || !java.util.Arrays.deepEquals(was.heat(), v.heat())
        || !was.heatTitle().equals(v.heatTitle())) {
      heat.show("second-moments", (w, h) -> {
        heatPlot = new HeatMapPlot(t, w, h, v.heatTitle(), v.heatNames(), v.heat(),
            v.heatErrors());
        return heatPlot.figure();
      }, () -> HeatMapPlot.csv(v.heatNames(), v.heat(), v.heatErrors()), (x, y) -> {
        int[] c = heatPlot == null ? null : heatPlot.cellAt(x, y);
        return c == null ? null : heatPlot.describe(c[0], c[1]);
      });
    }
    if (was == null || was.sweep() != v.sweep() || !was.series().equals(v.series())
        || !was.convergenceTitle().equals(v.convergenceTitle())) {
      convergence.show("convergence", (w, h) -> ConvergencePlot.figure(t, w, h,
          "|simulated − limit| against n, " + v.convergenceTitle(), v.sweep(), v.series()),
          () -> ConvergencePlot.csv(v.sweep(), v.series()), null);
    }
  }

  /** The density plot. */
  public FigurePane densityPlot() {
    return density;
  }

  /** The heat map. */
  public FigurePane heatPlot() {
    return heat;
  }

  /** The convergence plot. */
  public FigurePane convergencePlot() {
    return convergence;
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
