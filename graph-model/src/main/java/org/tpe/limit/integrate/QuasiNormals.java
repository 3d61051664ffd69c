package org.tpe.limit.integrate;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * One randomization of the first n points of the scrambled Sobol sequence in d dimensions
 * ({@link ScrambledSobol}: Matoušek's linear scrambling plus a digital shift), mapped to standard
 * normals coordinate by coordinate ({@link NormalQuantile}), read column by column: column j holds
 * coordinate j of every point. Each column is exactly a sample of N(0, 1) at every point (the
 * randomized points are uniform on (0, 1)^d), and an average over the 2^m points of a function of
 * the columns is an unbiased estimate whose variance, for smooth functions, falls faster than the
 * 1/n of independent draws (Owen 2003; best when n is a power of two, where the points form a
 * (t, m, d)-net); the spread of independent randomizations measures it.
 * So a particle run that takes its fresh normals from the columns in turn, instead of from a
 * pseudo-random generator, is a randomized quasi-Monte Carlo run of the whole program.
 */
public final class QuasiNormals {
  /**
   * The most columns of one point set: the direction numbers Commons Math ships cover 1000
   * coordinates (and quasi-random points gain most in their first ones); a caller needing more
   * takes the rest pseudo-randomly (still unbiased).
   */
  public static final int MAX_DIMENSION = 1000;

  private final ScrambledSobol points;
  private final int n;
  private int next;

  private QuasiNormals(ScrambledSobol points, int n) {
    this.points = points;
    this.n = n;
  }

  /**
   * The points of one randomization drawn from {@code rng}; each column is made when it is
   * taken.
   *
   * @param dimension the columns available (1 … {@value #MAX_DIMENSION})
   * @param n the points (at least 1)
   */
  public static QuasiNormals of(int dimension, int n, UniformRandomProvider rng) {
    if (dimension < 1 || dimension > MAX_DIMENSION || n < 1) {
      throw new IllegalArgumentException("dimension must be in [1, " + MAX_DIMENSION + "] and"
          + " points at least 1: " + dimension + ", " + n);
    }
    return new QuasiNormals(ScrambledSobol.random(dimension, rng), n);
  }

  /** The number of columns. */
  public int dimension() {
    return points.dimension();
  }

  /** The number of points (the length of every column). */
  public int points() {
    return n;
  }

  /** Whether a column is left. */
  public boolean hasNext() {
    return next < points.dimension();
  }

  /**
   * The next column: Φ⁻¹ of the next coordinate of every point (a new array).
   *
   * @throws IllegalStateException if every column was taken
   */
  public double[] nextColumn() {
    if (next >= points.dimension()) {
      throw new IllegalStateException("all " + points.dimension() + " columns were taken");
    }
    double[] c = new double[n];
    points.column(next++, n, c);
    for (int s = 0; s < n; s++) {
      c[s] = NormalQuantile.of(c[s]);
    }
    return c;
  }
}
