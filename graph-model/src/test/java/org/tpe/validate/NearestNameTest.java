package org.tpe.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NearestNameTest {
  /** Full Levenshtein distance, the textbook O(n·m) table: the oracle. */
  private static int levenshtein(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int c = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + c);
      }
    }
    return d[a.length()][b.length()];
  }

  @Test
  void bandedDistanceIsLevenshteinWithinTheBoundAndAboveItOtherwise() {
    Random r = new Random(11);
    for (int trial = 0; trial < 20_000; trial++) {
      String a = word(r);
      String b = r.nextBoolean() ? word(r) : mutate(r, a);
      int max = r.nextInt(4);
      int exact = levenshtein(a, b);
      int banded = NearestName.distance(a, b, max);
      if (exact <= max) {
        assertEquals(exact, banded, a + " / " + b + " max " + max);
      } else {
        assertEquals(true, banded > max, a + " / " + b + " max " + max + ": " + banded);
      }
    }
  }

  private static String word(Random r) {
    StringBuilder sb = new StringBuilder();
    for (int i = r.nextInt(8); i > 0; i--) {
      sb.append((char) ('a' + r.nextInt(3)));
    }
    return sb.toString();
  }

  private static String mutate(Random r, String s) {
    StringBuilder sb = new StringBuilder(s);
    for (int k = r.nextInt(4); k > 0; k--) {
      int op = r.nextInt(3);
      int i = sb.length() == 0 ? 0 : r.nextInt(sb.length());
      if (op == 0 || sb.length() == 0) {
        sb.insert(i, (char) ('a' + r.nextInt(3)));
      } else if (op == 1) {
        sb.deleteCharAt(i);
      } else {
        sb.setCharAt(i, (char) ('a' + r.nextInt(3)));
      }
    }
    return sb.toString();
  }

  @Test
  void theClosestNameWinsAndTiesGoToTheFirstDefined() {
    NearestName n = new NearestName(List.of("hidden2", "hidden", "hiddel", "x"));
    assertEquals("hidden", n.nearest("hiden"));   // distance 1 beats hidden2's 2
    assertEquals("hidden2", n.nearest("hidden3")); // ties at 1: hidden2 is defined first
    assertNull(n.nearest("y"));                    // x is at 1, but that is the whole name
    assertNull(n.nearest("zzzzzz"));
  }

  @Test
  void pastItsBudgetNoSuggestionIsLookedFor() {
    // 400 000 candidates of length 6 cost 400 000 · 6 · 5 = 1.2e7 cells a query: the budget of
    // 5e7 lasts four queries, the fifth gets no answer even though one exists
    List<String> names = new java.util.ArrayList<>();
    for (int i = 0; i < 400_000; i++) {
      names.add(String.format("z%05d", i));
    }
    names.add("hidden");
    NearestName n = new NearestName(names);
    for (int q = 0; q < 4; q++) {
      assertEquals("hidden", n.nearest("hiddn" + (char) ('a' + q)), "query " + q);
    }
    assertNull(n.nearest("hiddex"));
  }
}
