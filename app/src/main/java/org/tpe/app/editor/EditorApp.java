package org.tpe.app.editor;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;

/**
 * The editor window. (First version: shows the program text; the interactive editor is built in
 * its own issue.)
 */
public final class EditorApp extends Application {
  @Override
  public void start(Stage stage) {
    TextArea text = new TextArea("# Tensor Program Editor\ninput u : G(n)\nx := relu(u)\n");
    stage.setTitle("Tensor Program Editor");
    stage.setScene(new Scene(text, 1200, 800));
    stage.show();
  }
}
