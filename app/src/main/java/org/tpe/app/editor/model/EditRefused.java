package org.tpe.app.editor.model;

/**
 * Thrown by a {@link Command} that cannot be applied to the current program, with a reason a
 * student can act on ("a MatMul needs a matrix: drop the vector on a matrix"). The editor shows
 * the reason and leaves the program unchanged.
 */
public final class EditRefused extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EditRefused(String reason) {
    super(reason);
  }

  /** The reason, phrased as what to do instead. */
  public String reason() {
    return getMessage();
  }
}
