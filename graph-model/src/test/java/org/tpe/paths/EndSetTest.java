package org.tpe.paths;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link EndSet} against {@link BitSet}, the dense set it stands for. */
class EndSetTest {
  @Test
  void unionsAndQueriesAgreeWithABitSet() {
    Random r = new Random(8);
    for (int trial = 0; trial < 2000; trial++) {
      List<EndSet> parts = new ArrayList<>();
      BitSet want = new BitSet();
      for (int k = r.nextInt(4); k >= 0; k--) {
        int m = r.nextInt(r.nextBoolean() ? 100 : 100_000);
        parts.add(EndSet.of(m));
        want.set(m);
      }
      EndSet u = EndSet.union(parts);
      if (r.nextBoolean()) {
        u = EndSet.union(List.of(u, EndSet.EMPTY, EndSet.of(3)));
        want.set(3);
      }
      assertEquals(want.cardinality(), u.cardinality());
      BitSet got = new BitSet();
      u.orInto(got);
      assertEquals(want, got);
      for (int from = 0; from < 100_010; from += 1 + r.nextInt(7000)) {
        assertEquals(want.nextSetBit(from), u.nextSetBit(from), "from " + from);
        assertEquals(want.get(from), u.get(from));
      }
      BitSet probe = new BitSet();
      probe.set(r.nextInt(100_000));
      probe.set(r.nextInt(100));
      long[] dense = probe.toLongArray();
      assertEquals(want.intersects(probe), u.intersects(dense));
    }
  }

  @Test
  void aSingletonCostsOneWordWhereverItIs() {
    assertEquals(1, EndSet.of(5).storedWords());
    assertEquals(1, EndSet.of(10_000_000).storedWords());
    assertEquals(2, EndSet.union(List.of(EndSet.of(63), EndSet.of(64))).storedWords());
  }
}
