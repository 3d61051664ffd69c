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

  /**
   * A path given by its vectors p⁰, p¹, … of the reduced form of {@code program}: each odd
   * p^{2i+1} is a MatMul result of {@code program} (the reduction renames no G-var), whose matrix
   * labels its step. A vector that is not a MatMul result (a malformed list) gets a bare arrow.
   */
  public static String of(org.tpe.model.Program program, List<String> vars) {
    StringBuilder sb = new StringBuilder(vars.isEmpty() ? "" : vars.get(0));
    for (int i = 1; i < vars.size(); i++) {
      String v = vars.get(i);
      if (i % 2 == 1 && program.definition(v) instanceof org.tpe.model.MatMul m) {
        sb.append(" —").append(matrix(m.matrixWord())).append("→ ");
      } else {
        sb.append(" → ");
      }
      sb.append(v);
    }
    return sb.toString();
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
