package org.tpe.ntk;

import java.util.Arrays;

/**
 * A k×k kernel over the inputs ξ₁ … ξ_k with an error per entry (a standard error for Monte
 * Carlo and finite-width values, an a-priori bound for quadrature, 0 for closed forms). Immutable:
 * arrays are copied in and out.
 */
public final class Kernel {
  private final double[][] values;
  private final double[][] errors;

  /** {@code values[a][b]} ± {@code errors[a][b]}; both k×k. */
  public Kernel(double[][] values, double[][] errors) {
    int k = values.length;
    if (errors.length != k) {
      throw new IllegalArgumentException("values and errors must have the same size");
    }
    this.values = new double[k][];
    this.errors = new double[k][];
    for (int a = 0; a < k; a++) {
      if (values[a].length != k || errors[a].length != k) {
        throw new IllegalArgumentException("a kernel is square: row " + a);
      }
      this.values[a] = values[a].clone();
      this.errors[a] = errors[a].clone();
    }
  }

  /**
   * A kernel that owns {@code values} and {@code errors} (k×k, not copied: callers inside the
   * package hand over fresh arrays they never touch again).
   */
  static Kernel owning(double[][] values, double[][] errors) {
    return new Kernel(values, errors, true);
  }

  private Kernel(double[][] values, double[][] errors, boolean owned) {
    this.values = values;
    this.errors = errors;
  }

  /** The k×k zero kernel. */
  public static Kernel zero(int k) {
    return new Kernel(new double[k][k], new double[k][k]);
  }

  /** k, the number of inputs. */
  public int size() {
    return values.length;
  }

  public double value(int a, int b) {
    return values[a][b];
  }

  public double error(int a, int b) {
    return errors[a][b];
  }

  /** A copy of the values. */
  public double[][] values() {
    return copy(values);
  }

  /** A copy of the errors. */
  public double[][] errors() {
    return copy(errors);
  }

  /** This plus {@code o}, errors added (a bound when both are bounds). */
  public Kernel plus(Kernel o) {
    int k = size();
    double[][] v = new double[k][k];
    double[][] e = new double[k][k];
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        v[a][b] = values[a][b] + o.values[a][b];
        e[a][b] = errors[a][b] + o.errors[a][b];
      }
    }
    return owning(v, e);
  }

  /** This times {@code c} (exact). */
  public Kernel times(double c) {
    int k = size();
    double[][] v = new double[k][k];
    double[][] e = new double[k][k];
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        v[a][b] = c * values[a][b];
        e[a][b] = Math.abs(c) * errors[a][b];
      }
    }
    return owning(v, e);
  }

  /** The largest |entry| over the finite entries (0 if none): the kernel's scale. */
  public double largestMagnitude() {
    double m = 0;
    for (double[] row : values) {
      for (double v : row) {
        if (Double.isFinite(v)) {
          m = Math.max(m, Math.abs(v));
        }
      }
    }
    return m;
  }

  /** The largest |this − o| over the entries. */
  public double maxDistance(Kernel o) {
    double d = 0;
    for (int a = 0; a < size(); a++) {
      for (int b = 0; b < size(); b++) {
        d = Math.max(d, Math.abs(values[a][b] - o.values[a][b]));
      }
    }
    return d;
  }

  private static double[][] copy(double[][] m) {
    double[][] c = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i].clone();
    }
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Kernel k && Arrays.deepEquals(values, k.values)
        && Arrays.deepEquals(errors, k.errors);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(values) * 31 + Arrays.deepHashCode(errors);
  }

  @Override
  public String toString() {
    return Arrays.deepToString(values);
  }
}
