package org.tpe.limit.integrate;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.random.SobolSequenceGenerator;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The Sobol sequence in dimension d (Joe &amp; Kuo's direction numbers, taken from Commons Math's
 * {@link SobolSequenceGenerator}), randomized by Matoušek's random linear matrix scrambling plus a
 * random digital shift (Matoušek 1998; the randomization of SciPy's {@code qmc.Sobol}): each
 * coordinate's 52-bit digits are multiplied by a random lower-triangular binary matrix with unit
 * diagonal and XORed with random bits. Every randomized point is uniform on (0, 1)^d, the first
 * 2^m points keep Sobol's (t, m, d)-net structure (each coordinate's first 2^m values fall one in
 * each interval [k/2^m, (k + 1)/2^m)), and the variance of the average over them equals that of
 * Owen's nested uniform scrambling (Owen 2003).
 *
 * <p>Since scrambling is linear over GF(2), scrambling the direction numbers scrambles every
 * point; points are generated in Gray-code order (one XOR per coordinate), at the centre of their
 * 2⁻⁵² cell so that no coordinate is 0 or 1. At most 2³¹ points.
 */
final class ScrambledSobol {
  static final int BITS = 52;
  static final int MAX_LOG_POINTS = 31;
  private static final double SCALE = 0x1p-52;

  /** direction[k][i]: the k-th (0-based) direction number of coordinate i, 52 bits. */
  private final long[][] direction;
  private final long[] shift;
  private final int dimension;

  private ScrambledSobol(long[][] direction, long[] shift) {
    this.direction = direction;
    this.shift = shift;
    this.dimension = shift.length;
  }

  /** The unrandomized sequence (for tests: Commons Math's points, in the same order). */
  static ScrambledSobol plain(int dimension) {
    return new ScrambledSobol(directionNumbers(dimension), new long[dimension]);
  }

  /** An independent randomization drawn from {@code rng}. */
  static ScrambledSobol random(int dimension, UniformRandomProvider rng) {
    long[][] v = directionNumbers(dimension);
    long[] shift = new long[dimension];
    long mask = (1L << BITS) - 1;
    for (int i = 0; i < dimension; i++) {
      // Row p of the matrix (output bit p, counted from the most significant) has a 1 on the
      // diagonal and random bits to its left (more significant input bits).
      long[] rows = new long[BITS];
      for (int p = 0; p < BITS; p++) {
        long bit = 1L << (BITS - 1 - p);
        long above = ~((bit << 1) - 1) & mask; // the bits more significant than bit
        rows[p] = bit | (rng.nextLong() & above);
      }
      for (long[] vk : v) {
        long x = vk[i];
        long y = 0;
        for (int p = 0; p < BITS; p++) {
          y |= (long) (Long.bitCount(rows[p] & x) & 1) << (BITS - 1 - p);
        }
        vk[i] = y;
      }
      shift[i] = rng.nextLong() & mask;
    }
    return new ScrambledSobol(v, shift);
  }

  /** Direction numbers 1 … 31 of each coordinate (a fresh copy of the cached ones). */
  private static long[][] directionNumbers(int dimension) {
    long[][] cached = DIRECTIONS.computeIfAbsent(dimension, ScrambledSobol::readDirectionNumbers);
    long[][] v = new long[MAX_LOG_POINTS][];
    for (int k = 0; k < MAX_LOG_POINTS; k++) {
      v[k] = cached[k].clone();
    }
    return v;
  }

  private static final Map<Integer, long[][]> DIRECTIONS = new ConcurrentHashMap<>();

  /** Commons Math's point 2^k − 1 is the k-th direction number v_k (Gray code of 2^k − 1). */
  private static long[][] readDirectionNumbers(int dimension) {
    long[][] v = new long[MAX_LOG_POINTS][dimension];
    SobolSequenceGenerator g = new SobolSequenceGenerator(dimension);
    for (int k = 1; k <= MAX_LOG_POINTS; k++) {
      double[] x = g.skipTo((int) ((1L << k) - 1));
      for (int i = 0; i < dimension; i++) {
        v[k - 1][i] = (long) Math.scalb(x[i], BITS); // exact: x has 52 bits after the point
      }
    }
    return v;
  }

  int dimension() {
    return dimension;
  }

  /**
   * Coordinate {@code i} of points 0 … n − 1, in the order of {@link #cursor()} (Gray code), into
   * {@code out[0 … n − 1]}: one coordinate alone costs one XOR per point.
   */
  void column(int i, int n, double[] out) {
    if (n > 1L << MAX_LOG_POINTS) {
      throw new IllegalStateException("more than 2^31 Sobol points");
    }
    long x = shift[i];
    for (int s = 0; s < n; s++) {
      if (s > 0) {
        x ^= direction[Integer.numberOfTrailingZeros(s)][i];
      }
      out[s] = (x + 0.5) * SCALE;
    }
  }

  /** A cursor over the points, starting at point 0. */
  Cursor cursor() {
    return new Cursor();
  }

  /** Walks the points in Gray-code order; point n's coordinates are in (0, 1). */
  final class Cursor {
    private final long[] x = shift.clone();
    private long index;

    /** Writes the next point's coordinates into {@code out[offset … offset + d − 1]}. */
    void next(double[] out, int offset) {
      if (index >= 1L << MAX_LOG_POINTS) {
        throw new IllegalStateException("more than 2^31 Sobol points");
      }
      if (index > 0) {
        long[] v = direction[Long.numberOfTrailingZeros(index)];
        for (int i = 0; i < dimension; i++) {
          x[i] ^= v[i];
        }
      }
      for (int i = 0; i < dimension; i++) {
        out[offset + i] = (x[i] + 0.5) * SCALE;
      }
      index++;
    }
  }
}
