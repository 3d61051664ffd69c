package org.tpe.limit.exact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The base Gaussians of a program (TP IIb App. B, Def. B.3): the initial Z's (ZInit) and one Ẑ per
 * MatMul (ZHat), with their means and their dense covariance (Σ_in among the initial ones, σ_W²
 * E[Z^x Z^y] within a ZHat family, 0 across families). Grown in program order.
 */
final class Basis {
  private final List<String> names = new ArrayList<>();
  private final Map<String, Integer> index = new HashMap<>();
  private double[] mean;
  private double[][] cov;

  Basis(int capacity) {
    mean = new double[Math.max(capacity, 1)];
    cov = new double[Math.max(capacity, 1)][];
  }

  /** Adds a base Gaussian; its covariances are 0 until set. */
  int add(String name, double m) {
    return add(name, m, new double[size() + 1]);
  }

  /**
   * Adds a base Gaussian i (the {@link #size} before) whose covariances with bases 0..i are
   * {@code row} (length i + 1, kept: the caller's to give away).
   */
  int add(String name, double m, double[] row) {
    int i = names.size();
    if (row.length != i + 1) {
      throw new IllegalArgumentException("base " + i + " needs " + (i + 1) + " covariances, not "
          + row.length);
    }
    if (i == mean.length) {
      mean = Arrays.copyOf(mean, 2 * i);
      cov = Arrays.copyOf(cov, 2 * i);
    }
    names.add(name);
    index.put(name, i);
    mean[i] = m;
    cov[i] = row;
    return i;
  }

  void setCov(int i, int j, double v) {
    if (i >= j) {
      cov[i][j] = v;
    } else {
      cov[j][i] = v;
    }
  }

  double cov(int i, int j) {
    return i >= j ? cov[i][j] : cov[j][i];
  }

  int size() {
    return names.size();
  }

  String name(int i) {
    return names.get(i);
  }

  /** The index of a base Gaussian, or -1. */
  int index(String name) {
    Integer i = index.get(name);
    return i == null ? -1 : i;
  }

  double mean(int i) {
    return mean[i];
  }

  double mean(Lin x) {
    double m = x.c();
    for (int i = 0; i < x.idx().length; i++) {
      m += x.coef()[i] * mean[x.idx()[i]];
    }
    return m;
  }

  double cov(Lin x, Lin y) {
    double c = 0;
    for (int i = 0; i < x.idx().length; i++) {
      int a = x.idx()[i];
      for (int j = 0; j < y.idx().length; j++) {
        c += x.coef()[i] * y.coef()[j] * cov(a, y.idx()[j]);
      }
    }
    return c;
  }
}
