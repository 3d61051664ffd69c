package org.tpe.limit.calculus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** {@link IndexSet} against java.util.TreeSet, across its sparse and dense forms. */
class IndexSetProperties {
  @Property(tries = 300)
  void unionsAgreeWithATreeSet(
      @ForAll @Size(max = 200) List<@IntRange(min = 0, max = 5000) Integer> a,
      @ForAll @Size(max = 200) List<@IntRange(min = 0, max = 5000) Integer> b,
      @ForAll @IntRange(min = 0, max = 5001) int probe) {
    IndexSet sa = build(a);
    IndexSet sb = build(b);
    TreeSet<Integer> model = new TreeSet<>(a);
    model.addAll(b);
    IndexSet u = sa.union(sb);
    assertEquals(model.size(), u.size());
    for (int x : model) {
      assertEquals(true, u.contains(x), "contains " + x);
    }
    assertEquals(model.contains(probe), u.contains(probe));
    assertEquals(u, sb.union(sa), "union is symmetric");
    assertEquals(u, u.union(sa), "and idempotent");
  }

  private static IndexSet build(List<Integer> xs) {
    IndexSet s = IndexSet.EMPTY;
    for (int x : xs) {
      s = s.union(IndexSet.of(x));
    }
    return s;
  }
}
