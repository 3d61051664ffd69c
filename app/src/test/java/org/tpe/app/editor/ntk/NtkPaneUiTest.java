package org.tpe.app.editor.ntk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
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

/** The NTK tab and "Open backward pass" in the running editor (headless). */
@ExtendWith(ApplicationExtension.class)
class NtkPaneUiTest {
  private EditorWindow editor;

  @Start
  void start(Stage stage) throws IOException {
    Path home = Files.createTempDirectory("tpe-home");
    Path f = home.resolve("net.tp");
    Files.writeString(f, Samples.get("ntk-mlp-relu").text());
    editor = new EditorWindow(stage, home, new Prompts() {
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
  void ntkTabShowsTheKernelAndAClassLightsItsPaths(FxRobot r) throws Exception {
    r.clickOn("NTK");
    NtkPane pane = r.lookup("#ntk").queryAs(NtkPane.class);
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> pane.view() != null
        && pane.view().ok());
    ListView<NtkController.Entry> entries = pane.entries();
    assertEquals(2 + 7 + 7, entries.getItems().size());
    int w2 = -1;
    for (int i = 0; i < entries.getItems().size(); i++) {
      if (entries.getItems().get(i).label().equals("class W2 W3")) {
        w2 = i;
      }
    }
    int chosen = w2;
    r.interact(() -> entries.getSelectionModel().select(chosen));
    assertEquals(java.util.Set.of("x1", "g2", "x2", "g3"),
        editor.canvas().highlight().variables());
  }

  @Test
  void openBackwardPassOpensTheDerivedProgramAsAnUnsavedDocument(FxRobot r) {
    javafx.scene.control.MenuBar bar = r.lookup("#menubar")
        .queryAs(javafx.scene.control.MenuBar.class);
    MenuItem item = bar.getMenus().get(0).getItems().stream()
        .filter(i -> "menu-open-backward-pass".equals(i.getId())).findFirst().orElseThrow();
    r.interact(item::fire);
    assertTrue(editor.model().program().isDefined("dh3"));
    assertTrue(editor.model().isDirty(), "a derived document has never been saved");
    assertFalse(editor.model().program().network().isEmpty());
  }
}
