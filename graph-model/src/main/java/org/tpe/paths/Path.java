package org.tpe.paths;

import java.util.List;

/**
 * A path of a reduced program (TP IIb §5.1 "Key Idea: Paths", DESIGN §6): vectors p⁰, p¹, …,
 * p^{2k−1} starting at an X-var and ending at a G-var, where each G-var p^{i+1} = W p^i is a MatMul
 * of the X-var before it and each X-var p^{i+2} is a Nonlin that reads p^{i+1} (through LinCombs,
 * see {@link PathAnalysis}).
 *
 * @param vars the vectors p⁰ … p^{2k−1}, X-vars at even and G-vars at odd positions
 * @param matrices the word of the path: the matrix of each MatMul p^{i+1} = W p^i in path order,
 *     a transpose written {@code W^T}; two paths are isomorphic when their words are equal
 */
public record Path(List<String> vars, List<String> matrices) {
  public Path {
    vars = List.copyOf(vars);
    matrices = List.copyOf(matrices);
    if (vars.size() != 2 * matrices.size() || matrices.isEmpty()) {
      throw new IllegalArgumentException("a path has two vectors per matrix and at least one"
          + " matrix: " + vars + " " + matrices);
    }
  }

  /** |p|, the number of vectors on the path (always even). */
  public int length() {
    return vars.size();
  }

  /** The X-var p⁰ where the path starts. */
  public String start() {
    return vars.get(0);
  }

  /** The G-var where the path ends. */
  public String end() {
    return vars.get(vars.size() - 1);
  }

  /** Whether {@code other} is isomorphic to this path: the same word (TP IIb §5.1). */
  public boolean isIsomorphicTo(Path other) {
    return matrices.equals(other.matrices);
  }

  /** {@code x0 -W1-> g1 -> x1 -W2^T-> g2}: dashed MatMul steps carry their matrix. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(vars.get(0));
    for (int i = 0; i < matrices.size(); i++) {
      if (i > 0) {
        sb.append(" -> ").append(vars.get(2 * i));
      }
      sb.append(" -").append(matrices.get(i)).append("-> ").append(vars.get(2 * i + 1));
    }
    return sb.toString();
  }
}
