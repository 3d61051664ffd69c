package org.tpe.format;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tpe.format.TpDocument.Line;
import org.tpe.format.TpPrinter.Keyed;

/**
 * Rewrites the lines of a document from one program to another, statement by statement (the
 * algorithm behind {@link TpDocument#withProgram}, whose Javadoc states the rules). Statements are
 * paired by key, in order among equal keys; within each kind the pairs that keep their relative
 * order are a longest increasing subsequence of their new indices (patience sorting, O(S log S)),
 * and only the others move.
 */
final class TextPatch {
  private TextPatch() {}

  /** A line of the result and the new statement it belongs to (-1 for trivia and kept text). */
  private record Out(String text, String terminator, int owner) {}

  static List<Line> apply(List<Line> lines, List<Keyed> old, List<Keyed> next, String newline) {
    int[] partnerOfOld = new int[old.size()];
    int[] partnerOfNew = new int[next.size()];
    Arrays.fill(partnerOfOld, -1);
    Arrays.fill(partnerOfNew, -1);
    Map<StatementKey, ArrayDeque<Integer>> byKey = new HashMap<>();
    for (int i = 0; i < old.size(); i++) {
      if (!old.get(i).lines().isEmpty()) {
        byKey.computeIfAbsent(old.get(i).key(), k -> new ArrayDeque<>()).add(i);
      }
    }
    for (int j = 0; j < next.size(); j++) {
      ArrayDeque<Integer> q = byKey.get(next.get(j).key());
      if (q != null && !q.isEmpty()) {
        int i = q.poll();
        partnerOfOld[i] = j;
        partnerOfNew[j] = i;
      }
    }
    boolean[] moved = movedWithinKinds(old, partnerOfOld);

    // which old statement each line belongs to, and whether it is that statement's first line
    int[] owner = new int[lines.size()];
    boolean[] first = new boolean[lines.size()];
    Arrays.fill(owner, -1);
    for (int i = 0; i < old.size(); i++) {
      List<Integer> ls = old.get(i).lines();
      for (int k = 0; k < ls.size(); k++) {
        int at = ls.get(k) - 1;
        if (at >= 0 && at < lines.size()) {
          owner[at] = i;
          first[at] = k == 0;
        }
      }
    }

    List<Out> out = new ArrayList<>(lines.size() + 4);
    boolean[] placed = new boolean[next.size()];
    String[] firstLineOf = new String[old.size()];
    for (int L = 0; L < lines.size(); L++) {
      Line line = lines.get(L);
      int o = owner[L];
      if (o < 0) {
        out.add(new Out(line.text(), line.terminator(), -1));
        continue;
      }
      if (first[L]) {
        firstLineOf[o] = line.text();
      }
      int j = partnerOfOld[o];
      if (j < 0 || moved[o]) {
        continue; // removed, or re-inserted at its new place below
      }
      boolean same = old.get(o).code().equals(next.get(j).code());
      if (first[L]) {
        out.add(new Out(render(line.text(), old.get(o), next.get(j)), line.terminator(), j));
        placed[j] = true;
      } else if (same) {
        out.add(new Out(line.text(), line.terminator(), j));
      }
    }

    for (int j = 0; j < next.size(); j++) {
      if (placed[j]) {
        continue;
      }
      int o = partnerOfNew[j];
      Keyed k = next.get(j);
      String text = o >= 0 && firstLineOf[o] != null ? render(firstLineOf[o], old.get(o), k)
          : fresh(k);
      insert(out, placed, j, text, newline);
      placed[j] = true;
    }

    List<Line> result = new ArrayList<>(out.size());
    for (Out x : out) {
      result.add(new Line(x.text(), x.terminator()));
    }
    return result;
  }

  /** The canonical line of a statement that has no line yet. */
  private static String fresh(Keyed k) {
    String at = TpDocument.annotation(k.at());
    return k.code() + (at.isEmpty() ? "" : "  " + at);
  }

  /** The line of {@code was} rewritten to say {@code now}. */
  private static String render(String line, Keyed was, Keyed now) {
    String atWas = TpDocument.annotation(was.at());
    String atNow = TpDocument.annotation(now.at());
    LineParts parts = LineParts.of(line);
    if (was.code().equals(now.code())) {
      return atWas.equals(atNow) ? line : parts.withAt(atNow);
    }
    return parts.withBody(now.code(), atNow);
  }

  /**
   * Inserts new statement {@code j}: after the last line of the nearest earlier statement already
   * placed, else before the nearest later one (above the comment lines directly over it), else at
   * the end of the text.
   */
  private static void insert(List<Out> out, boolean[] placed, int j, String text, String newline) {
    int pos = -1;
    for (int p = j - 1; p >= 0 && pos < 0; p--) {
      if (placed[p]) {
        for (int i = out.size() - 1; i >= 0; i--) {
          if (out.get(i).owner() == p) {
            pos = i + 1;
            break;
          }
        }
      }
    }
    if (pos < 0) {
      for (int n = j + 1; n < placed.length && pos < 0; n++) {
        if (placed[n]) {
          for (int i = 0; i < out.size(); i++) {
            if (out.get(i).owner() == n) {
              pos = i;
              while (pos > 0 && out.get(pos - 1).owner() < 0 && isCommentLine(out.get(pos - 1))) {
                pos--;
              }
              break;
            }
          }
        }
      }
    }
    if (pos < 0) {
      pos = out.size();
      // a text ending with a newline ends with an empty last segment: insert before it
      if (pos > 0 && out.get(pos - 1).text().isEmpty() && out.get(pos - 1).terminator().isEmpty()) {
        pos--;
      }
    }
    String term = newline;
    if (pos > 0 && out.get(pos - 1).terminator().isEmpty()) {
      // inserting after a last line that has no newline: it gets one, the new line takes its place
      Out prev = out.get(pos - 1);
      out.set(pos - 1, new Out(prev.text(), newline, prev.owner()));
      term = "";
    }
    out.add(pos, new Out(text, term, j));
  }

  private static boolean isCommentLine(Out o) {
    LineParts p = LineParts.of(o.text());
    return p.isTrivia() && !p.comment().isEmpty();
  }

  /**
   * For each old statement whether it must move: within each kind, the old statements paired with
   * new ones, taken in old order, keep their place when their new indices form a longest
   * increasing subsequence.
   */
  private static boolean[] movedWithinKinds(List<Keyed> old, int[] partnerOfOld) {
    boolean[] moved = new boolean[old.size()];
    Map<String, List<Integer>> byKind = new LinkedHashMap<>();
    for (int i = 0; i < old.size(); i++) {
      if (partnerOfOld[i] >= 0) {
        byKind.computeIfAbsent(old.get(i).key().kind(), k -> new ArrayList<>()).add(i);
      }
    }
    for (List<Integer> olds : byKind.values()) {
      boolean increasing = true;
      for (int k = 1; k < olds.size() && increasing; k++) {
        increasing = partnerOfOld[olds.get(k)] > partnerOfOld[olds.get(k - 1)];
      }
      if (increasing) {
        continue;
      }
      boolean[] keep = longestIncreasing(olds.stream().mapToInt(i -> partnerOfOld[i]).toArray());
      for (int k = 0; k < olds.size(); k++) {
        moved[olds.get(k)] = !keep[k];
      }
    }
    return moved;
  }

  /** Marks one longest strictly increasing subsequence of {@code a} (patience sorting). */
  static boolean[] longestIncreasing(int[] a) {
    int n = a.length;
    int[] tails = new int[n];
    int[] prev = new int[n];
    int len = 0;
    for (int i = 0; i < n; i++) {
      int lo = 0;
      int hi = len;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (a[tails[mid]] < a[i]) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      prev[i] = lo > 0 ? tails[lo - 1] : -1;
      tails[lo] = i;
      if (lo == len) {
        len++;
      }
    }
    boolean[] keep = new boolean[n];
    for (int i = len == 0 ? -1 : tails[len - 1]; i >= 0; i = prev[i]) {
      keep[i] = true;
    }
    return keep;
  }
}
