package org.tpe.ntk;

import java.util.Arrays;

/**
 * A map from long keys to values by open addressing (linear probing, load ≤ ½), for {@link
 * KernelRecursion}'s pair and block tables: the same lookups as a {@code HashMap<Long, V>}
 * without boxing a key per lookup. Null values are not stored (get answers null for them).
 */
final class LongTable<V> {
  private long[] keys = new long[64];
  private Object[] values = new Object[64];
  private int size;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  @SuppressWarnings("unchecked")
  V get(long key) {
    int mask = keys.length - 1;
    for (int i = slot(key, mask); ; i = (i + 1) & mask) {
      Object v = values[i];
      if (v == null) {
        return null;
      }
      if (keys[i] == key) {
        return (V) v;
      }
    }
  }

  boolean containsKey(long key) {
    return get(key) != null;
  }

  /** Stores {@code value} (not null) at {@code key}, replacing any value there. */
  void put(long key, V value) {
    if (value == null) {
      throw new NullPointerException("value");
    }
    if (2 * (size + 1) > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    for (int i = slot(key, mask); ; i = (i + 1) & mask) {
      if (values[i] == null) {
        keys[i] = key;
        values[i] = value;
        size++;
        return;
      }
      if (keys[i] == key) {
        values[i] = value;
        return;
      }
    }
  }

  private void grow() {
    long[] oldKeys = keys;
    Object[] oldValues = values;
    keys = new long[2 * oldKeys.length];
    values = new Object[2 * oldKeys.length];
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldValues[i] != null) {
        @SuppressWarnings("unchecked")
        V v = (V) oldValues[i];
        put(oldKeys[i], v);
      }
    }
  }

  void clear() {
    Arrays.fill(values, null);
    size = 0;
  }

  /** A mixed hash of the key (Fibonacci hashing), masked to the table. */
  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }
}
