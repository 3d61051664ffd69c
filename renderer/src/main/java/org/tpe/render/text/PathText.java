package org.tpe.render.text;

import java.util.ArrayList;
import java.util.List;
import org.tpe.paths.Path;

/**
 * Paths and words as one line of plain text, in the notation of the diagrams: a transpose is a
 * superscript ᵀ ({@code W2ᵀ}, where the path analysis and its JSON write {@code W2^T}), a MatMul
 * step is an arrow carrying its matrix and a Nonlin step a bare arrow (TP IIb §5.1).
 */
public final class PathText {
  private PathText() {}

  /** A matrix of a word: {@code W2^T} reads {@code W2ᵀ}. */
  public static String matrix(String m) {
    return m.endsWith("^T") ? m.substring(0, m.length() - 2) + "ᵀ" : m;
  }

  /** A word, its matrices in path order separated by spaces: {@code W2 W2ᵀ}. */
  public static String word(List<String> matrices) {
    List<String> out = new ArrayList<>();
    for (String m : matrices) {
      out.add(matrix(m));
    }
    return String.join(" ", out);
  }

  /** A path: {@code x1 —W2→ h2 → dh2 —W2ᵀ→ dx1}. */
  public static String of(Path p) {
    StringBuilder sb = new StringBuilder(p.vars().get(0));
    for (int i = 0; i < p.matrices().size(); i++) {
      if (i > 0) {
        sb.append(" → ").append(p.vars().get(2 * i));
      }
      sb.append(" —").append(matrix(p.matrices().get(i))).append("→ ")
          .append(p.vars().get(2 * i + 1));
    }
    return sb.toString();
  }
}
