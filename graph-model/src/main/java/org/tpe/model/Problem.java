package org.tpe.model;

import java.util.Objects;

/**
 * Something to tell the user about a program: where it is ({@code pos} in the text, or the variable
 * {@code subject} on the canvas; either may be null) and a message that says what to do.
 */
public record Problem(Severity severity, String message, SourcePos pos, String subject) {
  public Problem {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
  }

  public static Problem error(String message, SourcePos pos, String subject) {
    return new Problem(Severity.ERROR, message, pos, subject);
  }

  public static Problem warning(String message, SourcePos pos, String subject) {
    return new Problem(Severity.WARNING, message, pos, subject);
  }

  public static Problem info(String message, SourcePos pos, String subject) {
    return new Problem(Severity.INFO, message, pos, subject);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code file:line:col: message} (or {@code file: message} without a position). */
  public String format(String file) {
    String where = pos == null ? file : file + ":" + pos.line() + ":" + pos.column();
    String sev = severity == Severity.ERROR ? "" : severity.name().toLowerCase() + ": ";
    return where + ": " + sev + message;
  }
}
