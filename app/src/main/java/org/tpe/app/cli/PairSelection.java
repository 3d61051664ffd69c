package org.tpe.app.cli;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.tpe.limit.LimitRequest;
import org.tpe.model.Program;

/**
 * The selection of {@code tpe limits --pairs}: comma-separated items, each a vector (every pair
 * among the vectors so named is computed, a with itself included), a pattern in which {@code *}
 * stands for any characters (names never contain {@code *}, {@code ,} or {@code :}), or {@code
 * A:B} for the one pair of A and B. An item that names no vector of the program is rejected with
 * the item and the file.
 */
final class PairSelection {
  private PairSelection() {}

  /** The request the items select (without histograms). */
  static LimitRequest request(Path file, Program program, List<String> items) {
    List<String> vectors = program.vectors();
    Set<String> among = new LinkedHashSet<>();
    Set<LimitRequest.Pair> pairs = new LinkedHashSet<>();
    for (String raw : items) {
      String item = raw.strip();
      int colon = item.indexOf(':');
      if (colon >= 0) {
        String a = vector(file, program, item.substring(0, colon).strip(), item);
        String b = vector(file, program, item.substring(colon + 1).strip(), item);
        pairs.add(new LimitRequest.Pair(a, b));
      } else if (item.indexOf('*') >= 0) {
        boolean any = false;
        for (String v : vectors) {
          if (matches(item, v)) {
            among.add(v);
            any = true;
          }
        }
        if (!any) {
          throw new Rejected(file + ": --pairs " + item + ": the pattern matches no vector of"
              + " the program");
        }
      } else {
        among.add(vector(file, program, item, item));
      }
    }
    if (pairs.isEmpty()) {
      return LimitRequest.among(among);
    }
    return new LimitRequest(pairs, false, false, among.isEmpty() ? null : among);
  }

  private static String vector(Path file, Program program, String name, String item) {
    if (name.isEmpty() || !program.isDefined(name) || !program.kindOf(name).isVector()) {
      throw new Rejected(file + ": --pairs " + item + ": " + (name.isEmpty() ? "a name is missing"
          : name + " is not a vector of the program"));
    }
    return name;
  }

  /** Whether {@code name} matches {@code pattern}, whose {@code *} match any characters. */
  static boolean matches(String pattern, String name) {
    String[] parts = pattern.split("\\*", -1);
    if (!name.startsWith(parts[0])) {
      return false;
    }
    int at = parts[0].length();
    for (int k = 1; k < parts.length - 1; k++) {
      int found = name.indexOf(parts[k], at);
      if (found < 0) {
        return false;
      }
      at = found + parts[k].length();
    }
    String last = parts[parts.length - 1];
    return name.length() - at >= last.length() && name.endsWith(last);
  }
}
