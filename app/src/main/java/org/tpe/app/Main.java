package org.tpe.app;

import java.util.Locale;
import org.tpe.app.cli.TpeCommand;
import org.tpe.app.editor.EditorLauncher;

/**
 * Entry point of {@code ./tpe}. With no arguments, or with one {@code .tp} file, it opens the
 * editor; otherwise it runs a command of the command line and exits with its code (0 ok, 1 input
 * rejected, 2 wrong usage). Not a JavaFX {@code Application} so that it starts from the
 * classpath.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      // what picocli would print, without building the whole command line first
      System.out.println(TpeCommand.VERSION);
      return;
    }
    Locale.setDefault(Locale.ROOT);
    // picocli's DefaultFactory looks for groovy.lang.Closure on first use unless told not to: a
    // miss that opens every jar of the classpath (46), ≈ 50 ms of CPU on every command; no
    // command of tpe takes Groovy closures in its annotations
    System.setProperty("picocli.disable.closures", "true");
    if (args.length == 0 || (args.length == 1 && args[0].endsWith(".tp"))) {
      EditorLauncher.launch(args);
      return;
    }
    System.exit(TpeCommand.run(args));
  }
}
