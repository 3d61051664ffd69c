package org.tpe.app.editor.model;

/**
 * What dragging from one node to another (or to empty space) creates (DESIGN §5): a MatMul
 * (dashed arrow labelled with the matrix), a Nonlin gate, or a Moment bar-gate whose result is a
 * scalar.
 */
public enum ConnectTool {
  MATMUL("MatMul"),
  NONLIN("Nonlin"),
  MOMENT("Moment");

  private final String label;

  ConnectTool(String label) {
    this.label = label;
  }

  /** The paper's name of the instruction. */
  public String label() {
    return label;
  }
}
