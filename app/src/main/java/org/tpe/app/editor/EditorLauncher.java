package org.tpe.app.editor;

import javafx.application.Application;

/** Starts the JavaFX editor from a plain main class. */
public final class EditorLauncher {
  private EditorLauncher() {}

  public static void launch(String[] args) {
    Application.launch(EditorApp.class, args);
  }
}
