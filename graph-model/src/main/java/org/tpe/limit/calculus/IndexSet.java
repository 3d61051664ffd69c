package org.tpe.limit.calculus;

import java.util.Arrays;
import java.util.BitSet;

/**
 * An immutable set of small non-negative integers (MatMul indices), stored by what it holds: a
 * sorted array while it is small, a bit set once it is large. {@link ZDotStructure} keeps one per
 * vector (the MatMuls whose Ẑ it reads); in a deep program most such sets hold one or two high
 * indices, where a bit set alone would cost index/8 bytes each (a 200 000-layer MLP: 10 GB).
 * Memory: 4 bytes per element while sparse, max/8 bytes once dense (above {@value #SPARSE_LIMIT}
 * elements, where the two are within a factor that makes the bit set's fast union worth it).
 */
final class IndexSet {
  static final int SPARSE_LIMIT = 64;
  static final IndexSet EMPTY = new IndexSet(new int[0], null);

  private final int[] sorted; // null when dense
  private final BitSet bits; // null when sparse

  private IndexSet(int[] sorted, BitSet bits) {
    this.sorted = sorted;
    this.bits = bits;
  }

  /** {i}. */
  static IndexSet of(int i) {
    if (i < 0) {
      throw new IllegalArgumentException("negative index " + i);
    }
    return new IndexSet(new int[] {i}, null);
  }

  /** Whether i is in the set. */
  boolean contains(int i) {
    return bits != null ? i >= 0 && bits.get(i) : Arrays.binarySearch(sorted, i) >= 0;
  }

  /** The number of elements. */
  int size() {
    return bits != null ? bits.cardinality() : sorted.length;
  }

  /** This ∪ other (this or other itself when one contains the other trivially). */
  IndexSet union(IndexSet other) {
    if (other.size() == 0 || other == this) {
      return this;
    }
    if (size() == 0) {
      return other;
    }
    if (bits != null || other.bits != null) {
      BitSet b = toBits();
      b.or(other.toBits());
      return new IndexSet(null, b);
    }
    int[] a = sorted;
    int[] c = other.sorted;
    int[] out = new int[a.length + c.length];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < a.length || j < c.length) {
      int x = j >= c.length || (i < a.length && a[i] <= c[j]) ? a[i] : c[j];
      if (i < a.length && a[i] == x) {
        i++;
      }
      if (j < c.length && c[j] == x) {
        j++;
      }
      out[k++] = x;
    }
    if (k == a.length) {
      return this;
    }
    if (k == c.length) {
      return other;
    }
    if (k > SPARSE_LIMIT) {
      BitSet b = new BitSet(out[k - 1] + 1);
      for (int t = 0; t < k; t++) {
        b.set(out[t]);
      }
      return new IndexSet(null, b);
    }
    return new IndexSet(Arrays.copyOf(out, k), null);
  }

  private BitSet toBits() {
    if (bits != null) {
      return (BitSet) bits.clone();
    }
    BitSet b = new BitSet(sorted.length == 0 ? 0 : sorted[sorted.length - 1] + 1);
    for (int x : sorted) {
      b.set(x);
    }
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IndexSet s && toBits().equals(s.toBits());
  }

  @Override
  public int hashCode() {
    return toBits().hashCode();
  }

  @Override
  public String toString() {
    return toBits().toString();
  }
}
