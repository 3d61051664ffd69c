package org.tpe.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and captures its streams. */
final class CliTestSupport {
  private CliTestSupport() {}

  record Run(int code, String out, String err) {}

  static Run tpe(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = TpeCommand.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }
}
