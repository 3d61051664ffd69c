package org.tpe.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PairIndexTest {
  /**
   * Against a hash map of unordered pairs (the oracle): puts in either order return the previous
   * value or -1, gets see the last put, absent pairs give -1; small numbers (dense, many
   * collisions in the low bits) and numbers up to Integer.MAX_VALUE, up to the bound the table
   * was made for; a pair past it is refused, not a hang.
   */
  @Test
  void behavesAsAMapOfUnorderedPairs() {
    Random r = new Random(11);
    for (int bound : new int[] {40, 5_000, Integer.MAX_VALUE}) {
      PairIndex t = new PairIndex(20_000);
      Map<List<Integer>, Integer> oracle = new HashMap<>();
      for (int step = 0; step < 20_000; step++) {
        int i = r.nextInt(bound);
        int j = r.nextInt(3) == 0 ? i : r.nextInt(bound);
        List<Integer> key = List.of(Math.min(i, j), Math.max(i, j));
        if (r.nextBoolean()) {
          int v = r.nextInt(1_000_000);
          Integer before = oracle.put(key, v);
          assertEquals(before == null ? -1 : before, r.nextBoolean() ? t.put(i, j, v)
              : t.put(j, i, v), key.toString());
        } else {
          assertEquals(oracle.getOrDefault(key, -1), t.get(j, i), key.toString());
        }
      }
      for (Map.Entry<List<Integer>, Integer> e : oracle.entrySet()) {
        assertEquals(e.getValue(), t.get(e.getKey().get(0), e.getKey().get(1)));
      }
    }
    PairIndex edge = new PairIndex(1);
    assertEquals(-1, edge.put(Integer.MAX_VALUE, Integer.MAX_VALUE, 7));
    assertEquals(-1, edge.get(0, 0));
    assertEquals(7, edge.get(Integer.MAX_VALUE, Integer.MAX_VALUE));
    assertEquals(-1, edge.put(0, 1, 8)); // the bound of 1 is rounded up to half of 4 slots
    assertEquals(8, edge.put(1, 0, 9));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> edge.put(2, 3, 1));
  }
}
