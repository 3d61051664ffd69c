package org.tpe.model;

/**
 * Non-negative ints by unordered pair of non-negative ints, without boxing: the pair packed into
 * one long (the smaller number in the high half), open addressing over a power-of-two table at
 * most half full, the slot chosen by the top bits of a Fibonacci product (consecutive numbers
 * spread). A slot holds its key plus one, so that a new table's zeros are its free slots (no pass
 * to fill it: 65 536 slots for the 19 900 {@code cov} lines of the 200-token RNN). Used for the
 * {@code cov} lines of a program: {@link Program#covarianceIndex} (the last line about a pair)
 * and {@link CovarianceInputs#earlier} (the earlier line about a line's pair, when the inputs are
 * too many for a dense table of their pairs).
 */
public final class PairIndex {
  private final long[] keys;
  private final int[] values;
  private final int mask;
  /** Pairs held, and the most the table holds (half its length, at least {@code expected}). */
  private int size;
  private final int capacity;
  /** 64 − log₂ of the length: the product's top bits, the well-mixed ones, pick the slot. */
  private final int shift;

  /** A table for at most {@code expected} distinct pairs (a bound: the table does not grow). */
  public PairIndex(int expected) {
    int n = Integer.highestOneBit(Math.max(1, Math.min(1 << 28, expected))) << 2;
    keys = new long[n];
    values = new int[n];
    mask = n - 1;
    capacity = n / 2;
    shift = 64 - Integer.numberOfTrailingZeros(n);
  }

  /** The pair {i, j} (either order; both ≥ 0) packed, plus one: ≥ 1, below 2⁶³. */
  private static long stored(int i, int j) {
    return (i <= j ? (long) i << 32 | j : (long) j << 32 | i) + 1;
  }

  private int slot(long stored) {
    return (int) ((stored * 0x9E3779B97F4A7C15L) >>> shift);
  }

  /**
   * Sets the value of {i, j} to {@code value} (≥ 0); its previous value, or -1 when it had none.
   *
   * @throws IllegalStateException for a pair past the bound the table was made for
   */
  public int put(int i, int j, int value) {
    long k = stored(i, j);
    int slot = slot(k);
    while (keys[slot] != 0) {
      if (keys[slot] == k) {
        int previous = values[slot];
        values[slot] = value;
        return previous;
      }
      slot = (slot + 1) & mask;
    }
    if (size == capacity) {
      throw new IllegalStateException("more than " + capacity + " pairs in a PairIndex");
    }
    size++;
    keys[slot] = k;
    values[slot] = value;
    return -1;
  }

  /** The value of {i, j}, or -1 when it has none. */
  public int get(int i, int j) {
    long k = stored(i, j);
    for (int slot = slot(k); keys[slot] != 0; slot = (slot + 1) & mask) {
      if (keys[slot] == k) {
        return values[slot];
      }
    }
    return -1;
  }
}
