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
    assertTrue(r.lookup("#training-status").queryAs(javafx.scene.control.Label.class).getText()
        .startsWith("feature learning"));
    // Write to file puts the tab's T into the document's training setup (one undoable edit)
    TextField steps = r.lookup("#training-steps").queryAs(TextField.class);
    r.interact(() -> steps.setText("2"));
    r.clickOn("#training-write");
    WaitForAsyncUtils.waitForFxEvents();
    String text = r.lookup("#text").queryAs(javafx.scene.control.TextArea.class).getText();
    assertTrue(text.contains("\nsteps 2"), text);
    assertTrue(r.lookup("#status").queryAs(javafx.scene.control.Label.class).getText()
        .contains("T = 2"));
  }
}
