package org.tpe.paths;

import java.util.BitSet;
import java.util.List;

/**
 * An immutable set of MatMul ordinals — the path ends a vector reads — stored as a bit set that
 * covers only the words from its smallest to its largest member. A MatMul's own end {m} costs one
 * word however large m is (a {@link BitSet} would cost m/64), so a chain of 10⁵ MatMuls needs
 * 10⁵ words, not 10⁵·10⁵/128; a union costs the span of its members.
 */
final class EndSet {
  static final EndSet EMPTY = new EndSet(0, new long[0]);

  /** Index of the first stored word (bit 64·base is the first bit of words[0]). */
  private final int base;
  private final long[] words;

  private EndSet(int base, long[] words) {
    this.base = base;
    this.words = words;
  }

  /** The set {m}. */
  static EndSet of(int m) {
    return new EndSet(m >>> 6, new long[] {1L << (m & 63)});
  }

  /** The union of {@code sets} (O(total span)). */
  static EndSet union(List<EndSet> sets) {
    int lo = Integer.MAX_VALUE;
    int hi = -1;
    for (EndSet s : sets) {
      if (s.words.length > 0) {
        lo = Math.min(lo, s.base);
        hi = Math.max(hi, s.base + s.words.length - 1);
      }
    }
    if (hi < 0) {
      return EMPTY;
    }
    long[] w = new long[hi - lo + 1];
    for (EndSet s : sets) {
      for (int i = 0; i < s.words.length; i++) {
        w[s.base - lo + i] |= s.words[i];
      }
    }
    return new EndSet(lo, w);
  }

  /** Words of storage (the memory budget of {@link PathAnalysis} counts these). */
  int storedWords() {
    return words.length;
  }

  boolean isEmpty() {
    return words.length == 0;
  }

  boolean get(int m) {
    int i = (m >>> 6) - base;
    return i >= 0 && i < words.length && (words[i] & (1L << (m & 63))) != 0;
  }

  /** The smallest member ≥ {@code from}, or -1. */
  int nextSetBit(int from) {
    int i = Math.max(0, (from >>> 6) - base);
    if (i >= words.length) {
      return -1;
    }
    long w = (from >>> 6) - base == i ? words[i] & (-1L << (from & 63)) : words[i];
    while (true) {
      if (w != 0) {
        return (base + i) * 64 + Long.numberOfTrailingZeros(w);
      }
      if (++i == words.length) {
        return -1;
      }
      w = words[i];
    }
  }

  int cardinality() {
    int c = 0;
    for (long w : words) {
      c += Long.bitCount(w);
    }
    return c;
  }

  /** Adds the members to {@code into}. */
  void orInto(BitSet into) {
    for (int i = 0; i < words.length; i++) {
      long w = words[i];
      while (w != 0) {
        into.set((base + i) * 64 + Long.numberOfTrailingZeros(w));
        w &= w - 1;
      }
    }
  }

  /** ORs the members into the dense bit set {@code into} (word by word; it must cover them). */
  void orWordsInto(long[] into) {
    for (int i = 0; i < words.length; i++) {
      into[base + i] |= words[i];
    }
  }

  /** Whether some member is in the dense bit set {@code other} (word by word). */
  boolean intersects(long[] other) {
    int n = Math.min(words.length, other.length - base);
    for (int i = 0; i < n; i++) {
      if ((words[i] & other[base + i]) != 0) {
        return true;
      }
    }
    return false;
  }
}
