package org.tpe.limit.integrate;

import java.util.Arrays;

/**
 * The hyperplane {z : normal·z + offset = 0} of ℝ^r, where an integrand has a kink or a jump
 * (relu(a·z + c), step(a·z + c)). Immutable: the normal is copied in and out.
 */
public record Hyperplane(double[] normal, double offset) {
  public Hyperplane {
    if (normal == null || normal.length == 0) {
      throw new IllegalArgumentException("a hyperplane needs a normal of dimension ≥ 1");
    }
    normal = normal.clone();
    boolean nonzero = false;
    for (double a : normal) {
      if (!Double.isFinite(a)) {
        throw new IllegalArgumentException("hyperplane normal is not finite: "
            + Arrays.toString(normal));
      }
      nonzero |= a != 0;
    }
    if (!nonzero) {
      throw new IllegalArgumentException("hyperplane normal is 0");
    }
    if (!Double.isFinite(offset)) {
      throw new IllegalArgumentException("hyperplane offset is not finite: " + offset);
    }
  }

  /** The hyperplane {@code normal·z + offset = 0}. */
  public static Hyperplane of(double offset, double... normal) {
    return new Hyperplane(normal, offset);
  }

  @Override
  public double[] normal() {
    return normal.clone();
  }

  /** r, the dimension of the space. */
  public int dimension() {
    return normal.length;
  }

  /** normal[i], without copying the array. */
  public double coefficient(int i) {
    return normal[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hyperplane h && h.offset == offset && Arrays.equals(h.normal, normal);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(normal) + Double.hashCode(offset);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < normal.length; i++) {
      if (normal[i] != 0) {
        b.append(b.length() == 0 ? "" : " + ").append(normal[i]).append("·z").append(i);
      }
    }
    return b.append(" + ").append(offset).append(" = 0").toString();
  }
}
