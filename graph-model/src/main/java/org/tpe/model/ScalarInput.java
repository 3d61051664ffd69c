package org.tpe.model;

/** An initial scalar, given by its limit value θ̊ (e.g. a learning rate or a label). */
public record ScalarInput(String name, double value) implements Input {
  public ScalarInput {
    Statement.checkName(name);
    value = value + 0.0;
  }

  @Override
  public String target() {
    return name;
  }

  @Override
  public VarKind kind() {
    return VarKind.SCALAR;
  }
}
