package org.tpe.app.editor;

import javafx.application.Application;

/** Starts the JavaFX editor from a plain main class. */
public final class EditorLauncher {
  private EditorLauncher() {}

  /**
   * Opens the editor; on a Linux machine without a display says so and exits 1 instead of letting
   * the toolkit fail with a stack trace.
   */
  public static void launch(String[] args) {
    boolean linux = System.getProperty("os.name", "").toLowerCase().contains("linux");
    boolean display = System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null
        || System.getProperty("glass.platform") != null;
    if (linux && !display) {
      System.err.println("tpe: no display to open the editor on (DISPLAY is not set)."
          + " Run a command instead (./tpe --help), or use a virtual display:"
          + " xvfb-run -a ./tpe");
      System.exit(1);
    }
    Application.launch(EditorApp.class, args);
  }
}
