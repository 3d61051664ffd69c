package org.tpe.app.cli;

import java.util.List;

/** Plain-text tables for the terminal: columns padded to their widest cell (in code points). */
final class TextTable {
  private TextTable() {}

  /** Appends {@code rows} (the first is the header) as aligned columns, two spaces apart. */
  static void append(StringBuilder b, List<String[]> rows) {
    if (rows.isEmpty()) {
      return;
    }
    int[] w = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        w[i] = Math.max(w[i], width(r[i]));
      }
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        line.append(r[i]);
        if (i + 1 < r.length) {
          line.append(" ".repeat(w[i] - width(r[i]) + 2));
        }
      }
      b.append(line.toString().stripTrailing()).append('\n');
    }
  }

  private static int width(String s) {
    return s.codePointCount(0, s.length());
  }
}
