package org.tpe.limit;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * E[Z^a Z^b] with its error for pairs of a list of vectors, stored densely: the lower triangle
 * packed into two {@code double[]} (value, error), 16 bytes a pair, so that 3 000 vectors (4.5·10⁶
 * pairs) take 72 MB and no boxed map. Symmetric: {@code get(a, b) == get(b, a)}. Either every pair
 * of the list is present (the default of {@code tpe limits}) or a subset (a {@link
 * LimitRequest} for given pairs). Immutable once built; a {@link Builder} may be filled from
 * several threads when each pair is set by one of them.
 */
public final class SecondMoments {
  private final List<String> names;
  private final Map<String, Integer> index;
  private final double[] value;
  private final double[] error;
  /** The present pairs (packed index), or null when all are. */
  private final BitSet present;
  private final long count;

  private SecondMoments(List<String> names, Map<String, Integer> index, double[] value,
      double[] error, BitSet present) {
    this.names = names;
    this.index = index;
    this.value = value;
    this.error = error;
    this.present = present != null && present.cardinality() == value.length ? null : present;
    this.count = this.present == null ? value.length : this.present.cardinality();
  }

  /** No pairs. */
  public static SecondMoments empty() {
    return new Builder(List.of()).build();
  }

  /** The packed index of the pair (i, j) of the lower triangle. */
  private static int packed(int i, int j) {
    int hi = Math.max(i, j);
    int lo = Math.min(i, j);
    return (int) ((long) hi * (hi + 1) / 2) + lo;
  }

  /** Packed size of n names, or an exception above what an array can hold. */
  private static int size(int n) {
    long s = (long) n * (n + 1) / 2;
    if (s > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("too many vectors for a table of second moments: " + n);
    }
    return (int) s;
  }

  /**
   * The vectors with at least one pair, in order (the rows of {@link #asMap()} and of the JSON's
   * {@code second_moments}).
   */
  public List<String> names() {
    return names;
  }

  /** The position of {@code name} in {@link #names()}, or -1. */
  public int indexOf(String name) {
    Integer i = index.get(name);
    return i == null ? -1 : i;
  }

  /** The number of unordered pairs present (a pair (a, a) counts once). */
  public long pairCount() {
    return count;
  }

  /** Whether every pair of {@link #names()} is present. */
  public boolean complete() {
    return present == null;
  }

  /** Whether the pair of the i-th and j-th names is present. */
  public boolean has(int i, int j) {
    return present == null || present.get(packed(i, j));
  }

  /**
   * Whether rows a and b (the pairs of the a-th and of the b-th name with every name) have the
   * same pairs present with the same values, or the same errors, bit for bit.
   */
  public boolean sameRow(int a, int b, boolean errors) {
    double[] x = errors ? error : value;
    for (int j = 0; j < names.size(); j++) {
      int pa = packed(a, j);
      int pb = packed(b, j);
      if (present != null) {
        boolean has = present.get(pa);
        if (has != present.get(pb)) {
          return false;
        }
        if (!has) {
          continue;
        }
      }
      if (Double.doubleToRawLongBits(x[pa]) != Double.doubleToRawLongBits(x[pb])) {
        return false;
      }
    }
    return true;
  }

  /** E[Z^a Z^b] of the i-th and j-th names (undefined unless {@link #has}). */
  public double value(int i, int j) {
    return value[packed(i, j)];
  }

  /** Its error estimate. */
  public double error(int i, int j) {
    return error[packed(i, j)];
  }

  /** E[Z^a Z^b] with its error, or null when the pair is not present. */
  public Estimate get(String a, String b) {
    int i = indexOf(a);
    int j = indexOf(b);
    if (i < 0 || j < 0 || !has(i, j)) {
      return null;
    }
    int k = packed(i, j);
    return new Estimate(value[k], error[k]);
  }

  /**
   * A read-only map view {@code a → (b → E[Z^a Z^b])} with rows and columns in the order of
   * {@link #names()}, each row holding the present pairs; lookups are O(1) and nothing is copied.
   */
  public Map<String, Map<String, Estimate>> asMap() {
    return new Rows();
  }

  /** Fills a table; then {@link #build()}. */
  public static final class Builder {
    private final List<String> names;
    private final Map<String, Integer> index;
    private final double[] value;
    private final double[] error;
    private final BitSet present;

    /**
     * A table over {@code names} (distinct). With {@code all}, every pair must be set before
     * {@link #build()}; otherwise only the pairs set are present.
     */
    public Builder(List<String> names, boolean all) {
      this.names = List.copyOf(names);
      this.index = new HashMap<>(2 * names.size());
      for (int i = 0; i < this.names.size(); i++) {
        if (index.put(this.names.get(i), i) != null) {
          throw new IllegalArgumentException("the name " + this.names.get(i) + " is repeated");
        }
      }
      int s = size(names.size());
      this.value = new double[s];
      this.error = new double[s];
      this.present = all ? null : new BitSet(s);
    }

    /** Every pair of {@code names}. */
    public Builder(List<String> names) {
      this(names, true);
    }

    public List<String> names() {
      return names;
    }

    /**
     * Sets the pair of the i-th and j-th names (either order). Threads may call this at once
     * for different pairs only on a complete table (a subset's bookkeeping is not thread-safe:
     * {@link #mark} the pairs first).
     */
    public void set(int i, int j, double v, double err) {
      if (err < 0) {
        throw new IllegalArgumentException("error must be non-negative (or NaN: unknown): "
            + err);
      }
      int k = packed(i, j);
      value[k] = v;
      error[k] = err;
      if (present != null) {
        present.set(k);
      }
    }

    /** {@link #set(int, int, double, double)} with an estimate. */
    public void set(int i, int j, Estimate e) {
      set(i, j, e.value(), e.error());
    }

    /** Marks a pair of a subset table as present (its value set later, by any thread). */
    public void mark(int i, int j) {
      if (present != null) {
        present.set(packed(i, j));
      }
    }

    /** The number of pairs present (all n(n+1)/2 in a complete table; marked ones so far). */
    public long pairCount() {
      return present == null ? (long) names.size() * (names.size() + 1) / 2
          : present.cardinality();
    }

    /** Whether the pair is present (always, in a complete table). */
    public boolean has(int i, int j) {
      return present == null || present.get(packed(i, j));
    }

    /**
     * The smallest column j' ≥ {@code j} with j' ≤ i whose pair (i, j') is present, or -1 (row i
     * of the lower triangle is contiguous in the packing, so this walks the set bits only).
     */
    public int nextInRow(int i, int j) {
      if (j > i) {
        return -1;
      }
      if (present == null) {
        return j;
      }
      int row = packed(i, 0);
      int k = present.nextSetBit(row + j);
      return k < 0 || k > row + i ? -1 : k - row;
    }

    /** The number of pairs (i, j ≤ i) present in row i. */
    public int rowCount(int i) {
      if (present == null) {
        return i + 1;
      }
      int row = packed(i, 0);
      return present.get(row, row + i + 1).cardinality();
    }

    /** The index of a name, or -1. */
    public int indexOf(String name) {
      Integer i = index.get(name);
      return i == null ? -1 : i;
    }

    /** The table; the builder must not be used afterwards. */
    public SecondMoments build() {
      return new SecondMoments(names, index, value, error,
          present == null ? null : (BitSet) present.clone());
    }
  }

  /**
   * The table of a symmetric map {@code a → (b → E[Z^a Z^b])} (the form the engines and JSON
   * readers build): rows in the map's order; every column must also be a row.
   *
   * @throws IllegalArgumentException if a column is not a row
   */
  public static SecondMoments of(Map<String, ? extends Map<String, Estimate>> map) {
    Builder b = new Builder(List.copyOf(map.keySet()), false);
    int i = 0;
    for (Map<String, Estimate> row : map.values()) {
      for (Map.Entry<String, Estimate> e : row.entrySet()) {
        int j = b.indexOf(e.getKey());
        if (j < 0) {
          throw new IllegalArgumentException("second moment of " + b.names.get(i) + " and "
              + e.getKey() + ": " + e.getKey() + " has no row");
        }
        b.set(i, j, e.getValue());
      }
      i++;
    }
    return b.build();
  }

  // ---- the map view -----------------------------------------------------------------------------

  private final class Rows extends AbstractMap<String, Map<String, Estimate>> {
    @Override
    public int size() {
      return names.size();
    }

    @Override
    public boolean containsKey(Object key) {
      return key instanceof String s && index.containsKey(s);
    }

    @Override
    public Map<String, Estimate> get(Object key) {
      int i = key instanceof String s ? indexOf(s) : -1;
      return i < 0 ? null : new Row(i);
    }

    @Override
    public Set<Entry<String, Map<String, Estimate>>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public int size() {
          return names.size();
        }

        @Override
        public Iterator<Entry<String, Map<String, Estimate>>> iterator() {
          return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
              return i < names.size();
            }

            @Override
            public Entry<String, Map<String, Estimate>> next() {
              if (i >= names.size()) {
                throw new NoSuchElementException();
              }
              int r = i++;
              return new SimpleImmutableEntry<>(names.get(r), new Row(r));
            }
          };
        }
      };
    }
  }

  private final class Row extends AbstractMap<String, Estimate> {
    private final int row;

    Row(int row) {
      this.row = row;
    }

    @Override
    public Estimate get(Object key) {
      int j = key instanceof String s ? indexOf(s) : -1;
      if (j < 0 || !has(row, j)) {
        return null;
      }
      return new Estimate(value(row, j), error(row, j));
    }

    @Override
    public boolean containsKey(Object key) {
      int j = key instanceof String s ? indexOf(s) : -1;
      return j >= 0 && has(row, j);
    }

    @Override
    public Set<Entry<String, Estimate>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public int size() {
          if (present == null) {
            return names.size();
          }
          int n = 0;
          for (int j = 0; j < names.size(); j++) {
            n += has(row, j) ? 1 : 0;
          }
          return n;
        }

        @Override
        public Iterator<Entry<String, Estimate>> iterator() {
          return new Iterator<>() {
            private int j = advance(0);

            private int advance(int from) {
              int k = from;
              while (k < names.size() && !has(row, k)) {
                k++;
              }
              return k;
            }

            @Override
            public boolean hasNext() {
              return j < names.size();
            }

            @Override
            public Entry<String, Estimate> next() {
              if (j >= names.size()) {
                throw new NoSuchElementException();
              }
              int c = j;
              j = advance(j + 1);
              return new SimpleImmutableEntry<>(names.get(c),
                  new Estimate(value(row, c), error(row, c)));
            }
          };
        }
      };
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SecondMoments t) || !names.equals(t.names) || count != t.count) {
      return false;
    }
    for (int i = 0; i < names.size(); i++) {
      for (int j = 0; j <= i; j++) {
        if (has(i, j) != t.has(i, j) || has(i, j) && (Double.compare(value(i, j), t.value(i, j))
            != 0 || Double.compare(error(i, j), t.error(i, j)) != 0)) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Objects.hash(names, count);
  }
}
