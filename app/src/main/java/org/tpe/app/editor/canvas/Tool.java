package org.tpe.app.editor.canvas;

import org.tpe.app.editor.model.ConnectTool;

/** The palette: what a press on the canvas does. */
public enum Tool {
  SELECT("Select", null),
  VECTOR("Initial vector", null),
  MATRIX("Matrix", null),
  SCALAR("Scalar", null),
  MATMUL("MatMul", ConnectTool.MATMUL),
  NONLIN("Nonlin gate", ConnectTool.NONLIN),
  MOMENT("Moment bar-gate", ConnectTool.MOMENT);

  private final String label;
  private final ConnectTool connect;

  Tool(String label, ConnectTool connect) {
    this.label = label;
    this.connect = connect;
  }

  public String label() {
    return label;
  }

  /** The instruction a drag creates, or null for tools that do not connect. */
  public ConnectTool connect() {
    return connect;
  }
}
