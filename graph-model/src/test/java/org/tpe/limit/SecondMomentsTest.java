package org.tpe.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The dense table of second moments against a plain map of the same numbers. */
class SecondMomentsTest {
  static List<String> names(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add("v" + i);
    }
    return out;
  }

  @Test
  void everyPairReadsBackSymmetricallyAndTheMapViewEqualsAPlainMap() {
    List<String> ns = names(37);
    SplittableRandom r = new SplittableRandom(5);
    SecondMoments.Builder b = new SecondMoments.Builder(ns);
    Map<String, Map<String, Estimate>> plain = new LinkedHashMap<>();
    ns.forEach(a -> plain.put(a, new LinkedHashMap<>()));
    for (int i = 0; i < ns.size(); i++) {
      for (int j = 0; j <= i; j++) {
        Estimate e = new Estimate(r.nextDouble() - 0.5, r.nextDouble());
        b.set(j, i, e);
        plain.get(ns.get(i)).put(ns.get(j), e);
        plain.get(ns.get(j)).put(ns.get(i), e);
      }
    }
    // the plain map's rows in name order, as the view iterates them
    Map<String, Map<String, Estimate>> ordered = new LinkedHashMap<>();
    for (String a : ns) {
      Map<String, Estimate> row = new LinkedHashMap<>();
      ns.forEach(c -> row.put(c, plain.get(a).get(c)));
      ordered.put(a, row);
    }
    SecondMoments t = b.build();
    assertTrue(t.complete());
    assertEquals(37L * 38 / 2, t.pairCount());
    assertEquals(ordered, t.asMap());
    assertEquals(List.copyOf(ordered.get("v5").keySet()), List.copyOf(t.asMap().get("v5")
        .keySet()));
    for (String a : ns) {
      for (String c : ns) {
        assertEquals(plain.get(a).get(c), t.get(a, c));
        assertEquals(t.get(a, c), t.get(c, a));
      }
    }
    assertNull(t.get("v1", "nope"));
    assertEquals(t, SecondMoments.of(ordered), "of(map) gives the same table");
  }

  @Test
  void aSubsetHoldsOnlyItsPairs() {
    SecondMoments.Builder b = new SecondMoments.Builder(names(4), false);
    b.set(0, 3, 1.5, 0);
    b.set(2, 2, 0.25, 0.01);
    SecondMoments t = b.build();
    assertFalse(t.complete());
    assertEquals(2, t.pairCount());
    assertEquals(new Estimate(1.5, 0), t.get("v3", "v0"));
    assertNull(t.get("v0", "v0"));
    assertEquals(Map.of("v3", new Estimate(1.5, 0)), t.asMap().get("v0"));
    assertEquals(Map.of(), t.asMap().get("v1"));
    assertEquals(Map.of("v2", new Estimate(0.25, 0.01)), t.asMap().get("v2"));
  }

  @Test
  void threadsFillingDifferentPairsLoseNothing() {
    int n = 300;
    SecondMoments.Builder b = new SecondMoments.Builder(names(n));
    IntStream.range(0, n).parallel().forEach(i -> {
      for (int j = 0; j <= i; j++) {
        b.set(i, j, i * 1000.0 + j, 0);
      }
    });
    SecondMoments t = b.build();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        assertEquals(i * 1000.0 + j, t.value(j, i));
      }
    }
  }

  @Test
  void badInputIsRefusedWithTheNames() {
    Map<String, Map<String, Estimate>> m = new LinkedHashMap<>();
    m.put("a", Map.of("b", Estimate.exact(1)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SecondMoments.of(m));
    assertTrue(e.getMessage().contains("b has no row"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new SecondMoments.Builder(List.of("a", "a")));
    assertThrows(IllegalArgumentException.class,
        () -> new SecondMoments.Builder(names(2)).set(0, 1, 1, -1));
  }

  @Test
  void aRowsPresentColumnsAreWalkedInOrderAndCountedAsHasSeesThem() {
    List<String> ns = names(41);
    SplittableRandom r = new SplittableRandom(11);
    SecondMoments.Builder sub = new SecondMoments.Builder(ns, false);
    for (int k = 0; k < 300; k++) {
      sub.mark(r.nextInt(ns.size()), r.nextInt(ns.size()));
    }
    SecondMoments.Builder all = new SecondMoments.Builder(ns);
    for (SecondMoments.Builder b : List.of(sub, all)) {
      for (int i = 0; i < ns.size(); i++) {
        List<Integer> walked = new ArrayList<>();
        for (int j = b.nextInRow(i, 0); j >= 0; j = b.nextInRow(i, j + 1)) {
          walked.add(j);
        }
        List<Integer> expected = new ArrayList<>();
        for (int j = 0; j <= i; j++) {
          if (b.has(i, j)) {
            expected.add(j);
          }
        }
        assertEquals(expected, walked, "row " + i);
        assertEquals(expected.size(), b.rowCount(i), "row " + i);
        assertEquals(-1, b.nextInRow(i, i + 1));
      }
    }
  }

  /**
   * sameRow against a comparison through has, value and error: complete and subset tables whose
   * rows are mostly copies of one another (a block of rows with one pair missing, one with -0.0
   * for +0.0, one with a different error only), each pair of rows asked both ways round.
   */
  @Test
  void sameRowIsTheComparisonOfEveryPairOfTheRows() {
    SplittableRandom r = new SplittableRandom(29);
    for (boolean complete : new boolean[] {true, false}) {
      int n = 24;
      SecondMoments.Builder b = new SecondMoments.Builder(names(n), complete);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j <= i; j++) {
          boolean block = i >= 6 && i < 18 && j >= 6 && j < 18;
          if (!complete && (i == 10 || j == 10) && (i == 3 || j == 3)) {
            continue; // row 10 lacks the pair with 3 (and row 3 the one with 10)
          }
          double v = block ? 0.5 : r.nextInt(3) / 4.0;
          double e = (i == 12 && j < 6) ? 0.125 : 0.0;
          b.set(i, j, i == 14 && j == 2 ? -0.0 : v, e);
        }
      }
      SecondMoments t = b.build();
      for (boolean errors : new boolean[] {false, true}) {
        for (int a = 0; a < n; a++) {
          for (int c = 0; c < n; c++) {
            boolean same = true;
            for (int j = 0; j < n; j++) {
              if (t.has(a, j) != t.has(c, j) || t.has(a, j)
                  && Double.doubleToRawLongBits(errors ? t.error(a, j) : t.value(a, j))
                  != Double.doubleToRawLongBits(errors ? t.error(c, j) : t.value(c, j))) {
                same = false;
              }
            }
            assertEquals(same, t.sameRow(a, c, errors), a + " " + c + " " + errors);
          }
        }
      }
    }
  }
}
