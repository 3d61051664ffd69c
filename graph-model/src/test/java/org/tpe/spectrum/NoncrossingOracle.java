package org.tpe.spectrum;

import java.util.ArrayList;
import java.util.List;

/**
 * An independent implementation of free multiplicative convolution for the tests, straight from
 * the combinatorics (Nica–Speicher, Lectures 11 and 14): the free cumulants of a law from its
 * moments by Möbius inversion over non-crossing partitions, m_n = Σ_{π ∈ NC(n)} κ_π, and the
 * moments of a product of free a and b, φ((ab)^n) = Σ_{π ∈ NC(n)} κ_π[a] · m_{K(π)}[b], with K(π)
 * the Kreweras complement. Brute force over all set partitions (Bell(n) of them), so n ≤ 7.
 */
final class NoncrossingOracle {
  private NoncrossingOracle() {}

  /** Every set partition of {0 … n−1}, as block labels per element. */
  static List<int[]> partitions(int n) {
    List<int[]> out = new ArrayList<>();
    grow(new int[n], 0, 0, out);
    return out;
  }

  private static void grow(int[] label, int i, int blocks, List<int[]> out) {
    if (i == label.length) {
      out.add(label.clone());
      return;
    }
    for (int b = 0; b <= blocks; b++) {
      label[i] = b;
      grow(label, i + 1, Math.max(blocks, b + 1), out);
    }
  }

  /** Whether a partition (labels on points in circular order) has no crossing a < b < c < d. */
  static boolean noncrossing(int[] label) {
    int n = label.length;
    for (int a = 0; a < n; a++) {
      for (int b = a + 1; b < n; b++) {
        for (int c = b + 1; c < n; c++) {
          for (int d = c + 1; d < n; d++) {
            if (label[a] == label[c] && label[b] == label[d] && label[a] != label[b]) {
              return false;
            }
          }
        }
      }
    }
    return true;
  }

  static int blocks(int[] label) {
    int m = 0;
    for (int l : label) {
      m = Math.max(m, l + 1);
    }
    return m;
  }

  static List<Integer> blockSizes(int[] label) {
    int[] c = new int[blocks(label)];
    for (int l : label) {
      c[l]++;
    }
    List<Integer> out = new ArrayList<>();
    for (int x : c) {
      out.add(x);
    }
    return out;
  }

  /** The Kreweras complement: the coarsest σ on 1′…n′ with π ∪ σ non-crossing on 1 1′ 2 2′ …. */
  static int[] kreweras(int[] pi) {
    int n = pi.length;
    int[] best = null;
    for (int[] sigma : partitions(n)) {
      int[] both = new int[2 * n];
      for (int i = 0; i < n; i++) {
        both[2 * i] = pi[i];
        both[2 * i + 1] = n + sigma[i];
      }
      if (noncrossing(both) && (best == null || blocks(sigma) < blocks(best))) {
        best = sigma;
      }
    }
    return best;
  }

  /** κ_1 … κ_K from m_1 … m_K ({@code [k − 1]}), by m_n = Σ_{π ∈ NC(n)} Π κ_{|V|}. */
  static double[] cumulants(double[] m) {
    double[] k = new double[m.length];
    for (int n = 1; n <= m.length; n++) {
      double rest = 0;
      for (int[] pi : partitions(n)) {
        if (blocks(pi) > 1 && noncrossing(pi)) {
          double p = 1;
          for (int s : blockSizes(pi)) {
            p *= k[s - 1];
          }
          rest += p;
        }
      }
      k[n - 1] = m[n - 1] - rest;
    }
    return k;
  }

  /** Moments of ab for free a, b with moments {@code ma}, {@code mb}. */
  static double[] product(double[] ma, double[] mb) {
    double[] ka = cumulants(ma);
    double[] out = new double[ma.length];
    for (int n = 1; n <= ma.length; n++) {
      double s = 0;
      for (int[] pi : partitions(n)) {
        if (!noncrossing(pi)) {
          continue;
        }
        double p = 1;
        for (int size : blockSizes(pi)) {
          p *= ka[size - 1];
        }
        for (int size : blockSizes(kreweras(pi))) {
          p *= mb[size - 1];
        }
        s += p;
      }
      out[n - 1] = s;
    }
    return out;
  }

  /** Moments of the free product of laws with the given moment lists. */
  static double[] product(List<double[]> laws) {
    double[] m = laws.get(0);
    for (int i = 1; i < laws.size(); i++) {
      m = product(m, laws.get(i));
    }
    return m;
  }
}
