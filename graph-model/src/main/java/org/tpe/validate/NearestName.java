package org.tpe.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The "did you mean" of an undefined name: the defined name at the smallest edit distance
 * (Levenshtein, in UTF-16 units), if that distance is at most {@link #MAX_DISTANCE} and smaller
 * than the name itself; ties go to the name defined first.
 *
 * <p>Bounded work, whatever the input: candidates are bucketed by length and only those within
 * {@link #MAX_DISTANCE} of the name's length are compared; each comparison is a banded dynamic
 * programme, O(length · (2·MAX_DISTANCE + 1)), that stops as soon as a whole band exceeds the
 * bound; names longer than {@link #MAX_LENGTH} get no suggestion (nobody mistypes a name that
 * long, and a 20 000-character name must not cost 20 000² steps). A query costs O(k · L) for k
 * candidates of a similar length, and all queries together at most {@link #BUDGET} steps of the
 * table: past that (a million names of one length, a hundred misses) there is no suggestion.
 */
final class NearestName {
  /** Largest edit distance suggested. */
  static final int MAX_DISTANCE = 2;
  /** Longest name (in UTF-16 units) a suggestion is looked for. */
  static final int MAX_LENGTH = 64;
  /** Cells of the banded tables all queries may fill (about a tenth of a second). */
  static final long BUDGET = 50_000_000;

  private long spent;

  /** Candidates by length; each list in order of definition (its position in the program). */
  private final Map<Integer, List<Candidate>> byLength = new HashMap<>();

  private record Candidate(String name, int order) {}

  /** @param defined the defined names, in program order (duplicates are harmless) */
  NearestName(List<String> defined) {
    for (int i = 0; i < defined.size(); i++) {
      String d = defined.get(i);
      if (d.length() <= MAX_LENGTH + MAX_DISTANCE) {
        byLength.computeIfAbsent(d.length(), k -> new ArrayList<>()).add(new Candidate(d, i));
      }
    }
  }

  /** The suggestion for {@code name}, or null. */
  String nearest(String name) {
    if (name.length() > MAX_LENGTH) {
      return null;
    }
    Candidate best = null;
    int bestD = MAX_DISTANCE + 1;
    for (int len = name.length() - MAX_DISTANCE; len <= name.length() + MAX_DISTANCE; len++) {
      for (Candidate c : byLength.getOrDefault(len, List.of())) {
        spent += (long) name.length() * (2 * MAX_DISTANCE + 1);
        if (spent > BUDGET) {
          return null;
        }
        int d = distance(name, c.name(), Math.min(bestD, MAX_DISTANCE));
        if (d > MAX_DISTANCE || d >= name.length()) {
          continue;
        }
        if (best == null || d < bestD || d == bestD && c.order() < best.order()) {
          bestD = d;
          best = c;
        }
      }
    }
    return best == null ? null : best.name();
  }

  /**
   * The Levenshtein distance of {@code a} and {@code b} if it is at most {@code max}, else some
   * value above {@code max}. Only the diagonal band |i − j| ≤ max of the table is filled.
   */
  static int distance(String a, String b, int max) {
    if (max < 0) {
      return max + 1;
    }
    int n = a.length();
    int m = b.length();
    if (Math.abs(n - m) > max) {
      return max + 1;
    }
    int big = max + 1;
    int[] prev = new int[m + 1];
    int[] cur = new int[m + 1];
    for (int j = 0; j <= m; j++) {
      prev[j] = j <= max ? j : big;
    }
    for (int i = 1; i <= n; i++) {
      int from = Math.max(1, i - max);
      int to = Math.min(m, i + max);
      cur[0] = i <= max ? i : big;
      if (from > 1) {
        cur[from - 1] = big;
      }
      int rowMin = cur[0];
      for (int j = from; j <= to; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(prev[j - 1] + cost, Math.min(prev[j] + 1, cur[j - 1] + 1));
        cur[j] = Math.min(v, big);
        rowMin = Math.min(rowMin, cur[j]);
      }
      if (to < m) {
        cur[to + 1] = big;
      }
      if (rowMin > max) {
        return big;
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[m];
  }
}
