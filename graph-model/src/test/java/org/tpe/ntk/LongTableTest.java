package org.tpe.ntk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongTableTest {
  /** Random puts and gets, replacements and growth included, answer as a HashMap does. */
  @Test
  void agreesWithHashMap() {
    LongTable<String> t = new LongTable<>();
    Map<Long, String> ref = new HashMap<>();
    Random r = new Random(7);
    for (int i = 0; i < 20000; i++) {
      // few distinct keys (replacements) and keys i·N + j like KernelRecursion's, negatives too
      long key = r.nextBoolean() ? r.nextInt(3000) * 1031L + r.nextInt(50) : r.nextLong() % 500;
      if (r.nextInt(3) == 0) {
        assertEquals(ref.get(key), t.get(key), "key " + key);
        assertEquals(ref.containsKey(key), t.containsKey(key));
      } else {
        String v = "v" + i;
        t.put(key, v);
        ref.put(key, v);
      }
      assertEquals(ref.size(), t.size());
    }
    for (Map.Entry<Long, String> e : ref.entrySet()) {
      assertEquals(e.getValue(), t.get(e.getKey()));
    }
    assertNull(t.get(Long.MAX_VALUE));
    t.clear();
    assertTrue(t.isEmpty());
    assertFalse(t.containsKey(ref.keySet().iterator().next()));
  }

  @Test
  void refusesNullValues() {
    assertThrows(NullPointerException.class, () -> new LongTable<String>().put(1, null));
  }
}
