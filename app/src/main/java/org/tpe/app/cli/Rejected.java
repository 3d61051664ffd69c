package org.tpe.app.cli;

/** The input was rejected; the message is printed as is (already {@code file:line:col: …}). */
public final class Rejected extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public Rejected(String message) {
    super(message, null, false, false);
  }
}
