package org.tpe.app.editor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.tpe.samples.Samples;

/** The Spectrum tab in the editor, headless: computed when shown, J's ends from the canvas. */
@ExtendWith(ApplicationExtension.class)
class SpectrumTabUiTest {
  private EditorWindow editor;

  @Start
  void start(Stage stage) throws IOException {
    Path home = Files.createTempDirectory("tpe-home");
    Path file = home.resolve("relu.tp");
    Files.writeString(file, Samples.get("spectrum-linear").text());
    editor = new EditorWindow(stage, home, new ScriptedPrompts());
    editor.start(List.of(file.toString()));
  }

  @Test
  void spectrumTabShowsTheJacobianAndTakesItsEndFromTheSelection(FxRobot r) throws Exception {
    r.clickOn("Spectrum");
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
        () -> "up to date".equals(editor.spectrum().statusText()));
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(editor.spectrum().jacobianText().equals("J = ∂h3/∂x = W3 · W2 · W1"),
        editor.spectrum().jacobianText());
    assertTrue(editor.spectrum().supportText().startsWith("λ_max = 9.4815"),
        editor.spectrum().supportText());
    r.interact(() -> editor.canvas().select(List.of("h2")));
    r.clickOn("#spectrum-to-selection");
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
        () -> "up to date".equals(editor.spectrum().statusText())
            && editor.spectrum().jacobianText().startsWith("J = ∂h2/∂x"));
    WaitForAsyncUtils.waitForFxEvents();
    // J = W2 W1: Fuss–Catalan with L = 2, λ_max = 27/4
    assertTrue(editor.spectrum().supportText().startsWith("λ_max = 6.75"),
        editor.spectrum().supportText());
  }
}
