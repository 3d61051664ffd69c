package org.tpe.limit.exact;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A linear form c + Σ coef[i]·B_{idx[i]} over the base Gaussians B (initial Z's and Ẑ's), idx
 * increasing. Immutable (the arrays are never changed after construction).
 */
record Lin(int[] idx, double[] coef, double c) {
  static Lin constant(double c) {
    return new Lin(new int[0], new double[0], c);
  }

  static Lin unit(int i) {
    return new Lin(new int[] {i}, new double[] {1}, 0);
  }

  boolean isConstant() {
    return idx.length == 0;
  }

  Lin plus(Lin o, double s) {
    TreeMap<Integer, Double> m = new TreeMap<>();
    for (int i = 0; i < idx.length; i++) {
      m.merge(idx[i], coef[i], Double::sum);
    }
    for (int i = 0; i < o.idx.length; i++) {
      m.merge(o.idx[i], s * o.coef[i], Double::sum);
    }
    m.values().removeIf(v -> v == 0);
    int[] ii = new int[m.size()];
    double[] cc = new double[m.size()];
    int k = 0;
    for (Map.Entry<Integer, Double> e : m.entrySet()) {
      ii[k] = e.getKey();
      cc[k++] = e.getValue();
    }
    return new Lin(ii, cc, c + s * o.c);
  }

  Lin times(double s) {
    if (s == 0) {
      return constant(0);
    }
    double[] cc = coef.clone();
    for (int i = 0; i < cc.length; i++) {
      cc[i] *= s;
    }
    return new Lin(idx, cc, c * s);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Lin l && Arrays.equals(idx, l.idx) && Arrays.equals(coef, l.coef)
        && c == l.c;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(idx) + Arrays.hashCode(coef)) + Double.hashCode(c);
  }
}
