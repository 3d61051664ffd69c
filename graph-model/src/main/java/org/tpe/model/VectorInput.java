package org.tpe.model;

/**
 * An initial vector (a G-var) whose coordinates are iid N(mean, variance); covariances with other
 * initial vectors are {@link Covariance} entries of the program.
 */
public record VectorInput(String name, double mean, double variance) implements Input {
  public VectorInput {
    Statement.checkName(name);
    mean = mean + 0.0;
    variance = variance + 0.0;
  }

  /** A standard Gaussian initial vector N(0, 1). */
  public static VectorInput of(String name) {
    return new VectorInput(name, 0.0, 1.0);
  }

  @Override
  public String target() {
    return name;
  }

  @Override
  public VarKind kind() {
    return VarKind.G;
  }
}
