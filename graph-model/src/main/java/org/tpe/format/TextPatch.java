package org.tpe.format;

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
 * paired by key, in order among equal keys; then, within a kind, statements left unpaired on both
 * sides in equal numbers are paired in order (a renamed variable's statement is that statement,
 * changed: it keeps its line and its comment). Within each kind the pairs that keep their relative
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
    // the old statements of each key in order, as a queue: {head, tail} per key, and for each
    // old statement the next one with its key (-1: none) — no queue object per statement
    Map<StatementKey, int[]> byKey = new HashMap<>((int) Math.min(1 << 30, old.size() * 4L / 3
        + 1));
    int[] sameKeyAfter = new int[old.size()];
    for (int i = 0; i < old.size(); i++) {
      if (!old.get(i).lines().isEmpty()) {
        sameKeyAfter[i] = -1;
        int[] q = byKey.get(old.get(i).key());
        if (q == null) {
          byKey.put(old.get(i).key(), new int[] {i, i});
        } else if (q[0] < 0) {
          q[0] = i;
          q[1] = i;
        } else {
          sameKeyAfter[q[1]] = i;
          q[1] = i;
        }
      }
    }
    for (int j = 0; j < next.size(); j++) {
      int[] q = byKey.get(next.get(j).key());
      if (q != null && q[0] >= 0) {
        int i = q[0];
        q[0] = sameKeyAfter[i];
        partnerOfOld[i] = j;
        partnerOfNew[j] = i;
      }
    }
    pairRenamed(old, next, partnerOfOld, partnerOfNew);
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
      insert(out, placed, next, j, text, newline);
      placed[j] = true;
    }

    List<Line> result = new ArrayList<>(out.size());
    for (Out x : out) {
      result.add(new Line(x.text(), x.terminator()));
    }
    return result;
  }

  /** Pairs, kind by kind, the statements left unpaired on both sides when they are as many. */
  private static void pairRenamed(List<Keyed> old, List<Keyed> next, int[] partnerOfOld,
      int[] partnerOfNew) {
    Map<String, List<Integer>> oldLeft = new LinkedHashMap<>();
    Map<String, List<Integer>> newLeft = new LinkedHashMap<>();
    for (int i = 0; i < old.size(); i++) {
      if (partnerOfOld[i] < 0 && !old.get(i).lines().isEmpty()) {
        oldLeft.computeIfAbsent(old.get(i).key().kind(), k -> new ArrayList<>()).add(i);
      }
    }
    for (int j = 0; j < next.size(); j++) {
      if (partnerOfNew[j] < 0) {
        newLeft.computeIfAbsent(next.get(j).key().kind(), k -> new ArrayList<>()).add(j);
      }
    }
    oldLeft.forEach((kind, olds) -> {
      List<Integer> news = newLeft.getOrDefault(kind, List.of());
      if (news.size() == olds.size()) {
        for (int k = 0; k < olds.size(); k++) {
          partnerOfOld[olds.get(k)] = news.get(k);
          partnerOfNew[news.get(k)] = olds.get(k);
        }
      }
    });
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
    if (was.code().equals(now.code())) {
      // an unchanged statement keeps its line without taking the line apart
      return atWas.equals(atNow) ? line : LineParts.of(line).withAt(atNow);
    }
    return LineParts.of(line).withBody(now.code(), atNow);
  }

  /**
   * Inserts new statement {@code j} at its natural place: after the nearest earlier statement of
   * its kind already placed, else before the nearest later one of its kind (above the comment
   * lines directly over it), so that the order within the kind is the new one; a kind's first
   * statement goes after the nearest earlier statement of any kind, else before the nearest later
   * one, else at the end of the text.
   */
  private static void insert(List<Out> out, boolean[] placed, List<Keyed> next, int j,
      String text, String newline) {
    String kind = next.get(j).key().kind();
    int pos = after(out, placed, next, j, kind);
    if (pos < 0) {
      pos = before(out, placed, next, j, kind);
    }
    if (pos < 0) {
      pos = after(out, placed, next, j, null);
    }
    if (pos < 0) {
      pos = before(out, placed, next, j, null);
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

  /** Just after the last line of the nearest earlier placed statement (of {@code kind}), or -1. */
  private static int after(List<Out> out, boolean[] placed, List<Keyed> next, int j,
      String kind) {
    for (int p = j - 1; p >= 0; p--) {
      if (placed[p] && (kind == null || next.get(p).key().kind().equals(kind))) {
        for (int i = out.size() - 1; i >= 0; i--) {
          if (out.get(i).owner() == p) {
            return i + 1;
          }
        }
      }
    }
    return -1;
  }

  /** Above the nearest later placed statement (of {@code kind}) and its comment lines, or -1. */
  private static int before(List<Out> out, boolean[] placed, List<Keyed> next, int j,
      String kind) {
    for (int n = j + 1; n < placed.length; n++) {
      if (placed[n] && (kind == null || next.get(n).key().kind().equals(kind))) {
        for (int i = 0; i < out.size(); i++) {
          if (out.get(i).owner() == n) {
            int pos = i;
            while (pos > 0 && out.get(pos - 1).owner() < 0 && isCommentLine(out.get(pos - 1))) {
              pos--;
            }
            return pos;
          }
        }
      }
    }
    return -1;
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
    // first, without a list per kind, which kinds keep their order (the usual case: none moves)
    Map<String, int[]> lastPartner = new HashMap<>();
    java.util.Set<String> reordered = new java.util.HashSet<>();
    for (int i = 0; i < old.size(); i++) {
      if (partnerOfOld[i] >= 0) {
        String kind = old.get(i).key().kind();
        int[] last = lastPartner.get(kind);
        if (last == null) {
          lastPartner.put(kind, new int[] {partnerOfOld[i]});
        } else {
          if (partnerOfOld[i] <= last[0]) {
            reordered.add(kind);
          }
          last[0] = partnerOfOld[i];
        }
      }
    }
    if (reordered.isEmpty()) {
      return moved;
    }
    Map<String, List<Integer>> byKind = new LinkedHashMap<>();
    for (int i = 0; i < old.size(); i++) {
      if (partnerOfOld[i] >= 0 && reordered.contains(old.get(i).key().kind())) {
        byKind.computeIfAbsent(old.get(i).key().kind(), k -> new ArrayList<>()).add(i);
      }
    }
    for (List<Integer> olds : byKind.values()) {
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
