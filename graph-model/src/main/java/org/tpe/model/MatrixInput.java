package org.tpe.model;

/**
 * An A-var: an n×n matrix with iid N(0, σ²/n) entries. Written {@code input W : A(n, n) ~ N(0,
 * 2/n)}. The variance σ² may be any finite number in the model so that an editor can hold a
 * half-typed value; validation reports one that is not positive.
 */
public record MatrixInput(String name, double sigma2) implements Input {
  public MatrixInput {
    Statement.checkName(name);
    sigma2 = sigma2 + 0.0;
  }

  /** A matrix with the default variance σ² = 1. */
  public static MatrixInput of(String name) {
    return new MatrixInput(name, 1.0);
  }

  @Override
  public String target() {
    return name;
  }

  @Override
  public VarKind kind() {
    return VarKind.A;
  }
}
