package org.tpe.app.editor.plot;

import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.util.Duration;

/**
 * A plot in a panel: a canvas as wide as the panel (the figure is rebuilt for its size, so a chart
 * grows and shrinks with its panel and its labels stay inside), a right-click menu that saves the
 * figure as PNG or SVG and its numbers as CSV, and an optional hover text (a heat-map cell's
 * value).
 */
public final class FigurePane extends Region {
  /** Where exported bytes go (the window asks for a file). */
  public interface Saver {
    void save(String suggestedName, String extension, byte[] content);
  }

  /** What the plot says at figure point (x, y), or null. */
  public interface Hover {
    String at(double x, double y);
  }

  private final Canvas canvas = new Canvas();
  private final Tooltip tip = new Tooltip();
  private BiFunction<Double, Double, Figure> maker = (w, h) -> null;
  private Supplier<String> csv = () -> "";
  private Hover hover;
  private String name = "plot";
  private Saver saver = (n, e, b) -> { };
  private Figure figure;
  private double drawnW = -1;
  private double drawnH = -1;

  public FigurePane(String id, double height) {
    setId(id);
    canvas.setId(id + "-canvas");
    getChildren().add(canvas);
    setMinWidth(0);
    setPrefWidth(200);
    setMinHeight(height);
    setPrefHeight(height);
    setMaxHeight(height);
    tip.setShowDelay(Duration.millis(150));
    ContextMenu menu = new ContextMenu(
        item("Save plot as PNG…", "png", () -> PngFigure.png(figure, 2)),
        item("Save plot as SVG…", "svg",
            () -> SvgFigure.svg(figure).getBytes(StandardCharsets.UTF_8)),
        item("Save numbers as CSV…", "csv", () -> csv.get().getBytes(StandardCharsets.UTF_8)));
    canvas.setOnContextMenuRequested(e -> menu.show(canvas, e.getScreenX(), e.getScreenY()));
    canvas.setOnMouseMoved(e -> {
      String s = hover == null ? null : hover.at(e.getX(), e.getY());
      if (s == null) {
        Tooltip.uninstall(canvas, tip);
      } else {
        tip.setText(s);
        Tooltip.install(canvas, tip);
      }
    });
  }

  private MenuItem item(String label, String ext, Supplier<byte[]> bytes) {
    MenuItem i = new MenuItem(label);
    i.setId(getId() + "-save-" + ext);
    i.setOnAction(e -> {
      if (figure != null) {
        saver.save(name + "." + ext, ext, bytes.get());
      }
    });
    return i;
  }

  /** Where the right-click menu saves. */
  public void setSaver(Saver s) {
    this.saver = s;
  }

  /**
   * Shows the figure {@code maker} builds for the pane's size (width, height), whose numbers are
   * {@code csv}; {@code name} is the suggested file name (without extension).
   */
  public void show(String name, BiFunction<Double, Double, Figure> maker, Supplier<String> csv,
      Hover hover) {
    this.name = name;
    this.maker = maker;
    this.csv = csv;
    this.hover = hover;
    redraw();
  }

  /** The figure on screen (null before the first layout). */
  public Figure figure() {
    return figure;
  }

  /** The CSV of the numbers on screen. */
  public String csv() {
    return csv.get();
  }

  /** What the hover says at figure point (x, y). */
  public String hoverAt(double x, double y) {
    return hover == null ? null : hover.at(x, y);
  }

  @Override
  protected void layoutChildren() {
    double w = Math.floor(getWidth());
    double h = Math.floor(getHeight());
    if (w != drawnW || h != drawnH) {
      redraw();
    }
  }

  private void redraw() {
    double w = Math.floor(getWidth());
    double h = Math.floor(getHeight());
    drawnW = w;
    drawnH = h;
    if (w < 20 || h < 20) {
      return;
    }
    canvas.setWidth(w);
    canvas.setHeight(h);
    figure = maker.apply(w, h);
    if (figure != null) {
      FxFigure.draw(canvas, figure);
    } else {
      canvas.getGraphicsContext2D().clearRect(0, 0, w, h);
    }
  }

  @Override
  protected double computePrefWidth(double height) {
    return 200;
  }
}
