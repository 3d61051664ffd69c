package org.tpe.format;

/** A syntax error inside one line; caught per line so parsing recovers at the next line. */
final class LineError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final int column;

  LineError(int column, String message) {
    super(message, null, false, false);
    this.column = column;
  }
}
