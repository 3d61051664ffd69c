package org.tpe.model;

import java.util.List;

/**
 * The two initial vectors each {@code cov} line of a program names, as their positions among
 * {@link Program#vectorInputs()}: the lines resolved once, for the validator's checks of them
 * and the initial covariance Σ_in of ZInit (TP IIb §5, the Gaussian Z of the initial vectors),
 * which would otherwise each look up every line's two names again. A name whose (first)
 * definition is not a vector input, or that nothing defines, stands at -1: the validator says
 * what is wrong with that line. Each line also knows the earlier line about the same unordered
 * pair, if any (the last line about a pair is the one that counts).
 */
public final class CovarianceInputs {
  private final int[] first;
  private final int[] second;
  /** For each line, the last earlier line about the same pair of vector inputs, or -1. */
  private final int[] earlier;
  /** Whether every line names two distinct vector inputs and no pair twice. */
  private final boolean plain;

  CovarianceInputs(Program p) {
    List<Input> inputs = p.inputs();
    // each input's position among the vector inputs (-1 for a matrix or a scalar)
    int[] position = new int[inputs.size()];
    int next = 0;
    for (int i = 0; i < position.length; i++) {
      position[i] = inputs.get(i) instanceof VectorInput ? next++ : -1;
    }
    List<Covariance> covs = p.covariances();
    int lines = covs.size();
    first = new int[lines];
    second = new int[lines];
    earlier = new int[lines];
    // the last line so far about each pair: a dense triangle of the vector inputs' pairs (plus
    // one, so that its zeros are "none") when that is not much larger than the lines, as for
    // the k²/2 lines of k correlated inputs; else a hash table of the pairs
    long pairs = (long) next * (next + 1) / 2;
    int[] dense = pairs <= Math.min(4L * lines + 1024, 1 << 28) ? new int[(int) pairs] : null;
    PairIndex sparse = dense == null ? new PairIndex(lines) : null;
    boolean allPlain = true;
    for (int i = 0; i < lines; i++) {
      Covariance c = covs.get(i);
      int a = position(p, position, c.a());
      int b = position(p, position, c.b());
      first[i] = a;
      second[i] = b;
      if (a < 0 || b < 0 || a == b) {
        earlier[i] = -1;
        allPlain = false;
      } else if (dense != null) {
        int k = (int) (a > b ? (long) a * (a + 1) / 2 + b : (long) b * (b + 1) / 2 + a);
        earlier[i] = dense[k] - 1;
        dense[k] = i + 1;
      } else {
        earlier[i] = sparse.put(a, b, i);
      }
      allPlain &= earlier[i] < 0;
    }
    plain = allPlain;
  }

  private static int position(Program p, int[] position, String name) {
    int k = p.inputIndex(name);
    return k < 0 ? -1 : position[k];
  }

  /** The number of {@code cov} lines. */
  public int size() {
    return first.length;
  }

  /** The position among the vector inputs of cov line {@code i}'s first name, or -1. */
  public int first(int i) {
    return first[i];
  }

  /** The position among the vector inputs of cov line {@code i}'s second name, or -1. */
  public int second(int i) {
    return second[i];
  }

  /**
   * The last line before line {@code i} about the same two vector inputs (in either order), or
   * -1: none, or line i does not name two distinct vector inputs.
   */
  public int earlier(int i) {
    return earlier[i];
  }

  /**
   * Whether every line names two distinct vector inputs and no two lines the same pair: then
   * there is nothing to say about any of them.
   */
  public boolean plain() {
    return plain;
  }
}
