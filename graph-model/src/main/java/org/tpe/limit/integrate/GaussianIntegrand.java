package org.tpe.limit.integrate;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A function f(z) of z ∈ ℝ^r, to be integrated against the standard normal density φ_r: the
 * expectations E f(Z), Z ~ N(0, I_r), that the Master Theorem (TP IIb Thm. 6.4) reduces every
 * limit to, once the Gaussians an expectation reads are written as a linear map of independent
 * standard normals.
 *
 * <p>Contract: {@link #value} and {@link #values} may be called from several threads at once; the
 * arrays passed in are valid only during the call. f must be finite wherever it is evaluated: the
 * integrators evaluate it inside the ball |z| ≤ {@value GaussKronrodLine#RANGE} (deterministic
 * rules) or at normal quantiles of points of (0, 1)^r (randomized quasi-Monte Carlo); a NaN or ±∞
 * stops the integration with {@link IntegrationFailure.Reason#NON_FINITE_INTEGRAND}.
 */
public interface GaussianIntegrand {
  /** r, the number of independent standard normals f reads (0 for a constant). */
  int dimension();

  /** f(z); {@code z.length == dimension()}. */
  double value(double[] z);

  /**
   * f at {@code count} points stored row by row in {@code points} (point i is {@code
   * points[i·r .. i·r + r − 1]}), into {@code out[0 .. count − 1]}. Override it when a block is
   * much cheaper than {@code count} calls of {@link #value} (compiled expressions evaluated
   * column-wise); the default calls {@link #value} per point.
   */
  default void values(double[] points, int count, double[] out) {
    int r = dimension();
    double[] z = new double[r];
    for (int i = 0; i < count; i++) {
      System.arraycopy(points, i * r, z, 0, r);
      out[i] = value(z);
    }
  }

  /**
   * Hyperplanes a·z + c = 0 across which f or its derivative jumps (relu, step, |·|, sign of a
   * linear form), or where f has a steep but smooth transition (x/√(x² + ε)). Deterministic rules
   * split their intervals there, so piecewise-smooth integrands converge as fast as smooth ones;
   * kinks not listed are found by adaptive bisection, at a higher cost, except where two of them
   * enclose a sliver narrower than the nodes' spacing (see {@link NestedGaussKronrod}).
   */
  default List<Hyperplane> kinks() {
    return List.of();
  }

  /** What is known of f's regularity; {@link Smoothness#UNKNOWN} is always safe. */
  default Smoothness smoothness() {
    return Smoothness.UNKNOWN;
  }

  /** An integrand from a function, with no kinks declared and unknown smoothness. */
  static GaussianIntegrand of(int dimension, ToDoubleFunction<double[]> f) {
    return of(dimension, f, List.of(), Smoothness.UNKNOWN);
  }

  /** An integrand from a function, with its kinks and smoothness. */
  static GaussianIntegrand of(int dimension, ToDoubleFunction<double[]> f, List<Hyperplane> kinks,
      Smoothness smoothness) {
    if (dimension < 0) {
      throw new IllegalArgumentException("dimension must be ≥ 0: " + dimension);
    }
    List<Hyperplane> copy = List.copyOf(kinks);
    for (Hyperplane h : copy) {
      if (h.dimension() != dimension) {
        throw new IllegalArgumentException("kink " + h + " has dimension " + h.dimension()
            + ", the integrand " + dimension);
      }
    }
    java.util.Objects.requireNonNull(smoothness, "smoothness");
    java.util.Objects.requireNonNull(f, "f");
    return new GaussianIntegrand() {
      @Override
      public int dimension() {
        return dimension;
      }

      @Override
      public double value(double[] z) {
        return f.applyAsDouble(z);
      }

      @Override
      public List<Hyperplane> kinks() {
        return copy;
      }

      @Override
      public Smoothness smoothness() {
        return smoothness;
      }
    };
  }
}
