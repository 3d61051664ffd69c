package org.tpe.app.editor;

import java.nio.file.Path;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The JavaFX application: one {@link EditorWindow}. Arguments: none (a sample is opened) or one
 * {@code .tp} file. The editor's home directory (recovery file, recent files) is {@code ~/.tpe},
 * or the system property {@code tpe.home}.
 */
public final class EditorApp extends Application {
  @Override
  public void start(Stage stage) {
    new EditorWindow(stage, home(), Prompts.DIALOGS).start(getParameters().getRaw());
  }

  /** Where the editor keeps its recovery and recent-files state. */
  public static Path home() {
    String h = System.getProperty("tpe.home");
    return h != null ? Path.of(h) : Path.of(System.getProperty("user.home"), ".tpe");
  }
}
