package org.tpe.app.editor.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.tpe.app.editor.EditorWindow;
import org.tpe.app.editor.Prompts;
import org.tpe.samples.Samples;

/** The Training tab in the running editor (headless): Train, the step slider, Write to file. */
@ExtendWith(ApplicationExtension.class)
class TrainingPaneUiTest {
  @Start
  void start(Stage stage) throws IOException {
    Path home = Files.createTempDirectory("tpe-home");
    Path f = home.resolve("net.tp");
    Files.writeString(f, Samples.get("train-linear").text());
    EditorWindow editor = new EditorWindow(stage, home, new Prompts() {
      @Override
      public Choice askSaveChanges(javafx.stage.Window owner, String document) {
        return Choice.DISCARD;
      }

      @Override
      public java.util.Optional<Path> chooseOpen(javafx.stage.Window owner) {
        return java.util.Optional.empty();
      }

      @Override
      public java.util.Optional<Path> chooseSave(javafx.stage.Window owner, String name,
          String ext) {
        return java.util.Optional.empty();
      }
    });
    editor.start(List.of(f.toString()));
  }

  @Test
  void trainShowsTheRunAndTheSliderPicksAStep(FxRobot r) throws Exception {
    r.clickOn("Training");
    TrainingPane pane = r.lookup("#training").queryAs(TrainingPane.class);
    TextField widths = r.lookup("#training-widths").queryAs(TextField.class);
    r.interact(() -> widths.setText("64, 128"));
    r.interact(pane::start);
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> pane.view() != null);
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(pane.view().ok(), pane.view().status());
    @SuppressWarnings("unchecked")
    ChoiceBox<String> vector = r.lookup("#training-vector").queryAs(ChoiceBox.class);
    assertEquals(List.of("e", "x"), vector.getItems());
    javafx.scene.control.Slider step = r.lookup("#training-step").queryAs(
        javafx.scene.control.Slider.class);
    assertEquals(4, step.getMax(), 0, "the sample's 4 steps");
    r.interact(() -> step.setValue(3));
    WaitForAsyncUtils.waitForFxEvents();
    // every plot is drawn through a FigurePane: a figure on screen and its numbers as CSV
    for (org.tpe.app.editor.plot.FigurePane p : pane.plots()) {
      assertTrue(p.figure() != null && p.figure().marks().size() > 1, p.getId());
      assertTrue(p.csv().lines().count() > 1, p.getId() + ": " + p.csv());
    }
    // f_t: one point for every finite value of every finite-width series (the legend shows the
    // limit's and kernel GD's lines only, so no legend point is counted)
    org.tpe.app.editor.plot.Figure f = pane.plots().get(0).figure();
    long points = f.marks().stream().filter(m -> m instanceof org.tpe.app.editor.plot.Mark.Dot d
        && d.r() == 2.5).count();
    long finite = pane.view().outputs().stream()
        .filter(s -> s.kind() == TrainingController.Kind.FINITE)
        .flatMapToDouble(s -> java.util.Arrays.stream(s.values())).filter(Double::isFinite)
        .count();
    assertEquals(2 * 5 * pane.view().inputs().size(), finite, "2 widths × 5 steps × inputs");
    assertEquals(finite, points);
    assertTrue(r.lookup("#training-status").queryAs(javafx.scene.control.Label.class).getText()
        .startsWith("feature learning"));
    // Write to file puts the tab's T into the document's training setup (one undoable edit)
    TextField steps = r.lookup("#training-steps").queryAs(TextField.class);
    r.interact(() -> steps.setText("2"));
    r.clickOn("#training-write");
    WaitForAsyncUtils.waitForFxEvents();
    r.interact(() -> { // the text view, its tab brought to the front (it is laid out on screen)
      javafx.scene.control.TabPane tabs = r.lookup("#tabs").queryAs(
          javafx.scene.control.TabPane.class);
      tabs.getSelectionModel().select(tabs.getTabs().stream()
          .filter(t -> t.getText().equals("Text")).findFirst().orElseThrow());
    });
    String text = r.lookup("#text").queryAs(javafx.scene.control.TextArea.class).getText();
    assertTrue(text.contains("\nsteps 2"), text);
    assertTrue(r.lookup("#status").queryAs(javafx.scene.control.Label.class).getText()
        .contains("T = 2"));
  }
}
