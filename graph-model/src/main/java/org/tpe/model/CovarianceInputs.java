package org.tpe.model;

import java.util.List;

/**
 * The two initial vectors each {@code cov} line of a program names, as their positions among
 * {@link Program#vectorInputs()}: the lines resolved once, for the validator's checks of them
 * and the initial covariance Σ_in of ZInit (TP IIb §5, the Gaussian Z of the initial vectors),
 * which would otherwise each look up every line's two names again. A name whose (first)
 * definition is not a vector input, or that nothing defines, stands at -1: the validator says
 * what is wrong with that line.
 */
public final class CovarianceInputs {
  private final int[] first;
  private final int[] second;

  CovarianceInputs(Program p) {
    List<Input> inputs = p.inputs();
    // each input's position among the vector inputs (-1 for a matrix or a scalar)
    int[] position = new int[inputs.size()];
    int next = 0;
    for (int i = 0; i < position.length; i++) {
      position[i] = inputs.get(i) instanceof VectorInput ? next++ : -1;
    }
    List<Covariance> covs = p.covariances();
    first = new int[covs.size()];
    second = new int[covs.size()];
    for (int i = 0; i < first.length; i++) {
      Covariance c = covs.get(i);
      first[i] = position(p, position, c.a());
      second[i] = position(p, position, c.b());
    }
  }

  private static int position(Program p, int[] position, String name) {
    int k = p.inputIndex(name);
    return k < 0 ? -1 : position[k];
  }

  /** The number of {@code cov} lines. */
  public int size() {
    return first.length;
  }

  /** The position among the vector inputs of the first name of {@code cov} line {@code i}, or -1. */
  public int first(int i) {
    return first[i];
  }

  /** The position among the vector inputs of the second name of {@code cov} line {@code i}, or -1. */
  public int second(int i) {
    return second[i];
  }
}
