package org.tpe.spectrum;

/**
 * Truncated power series Σ_{j=0}^{K} a_j z^j as {@code double[K + 1]}: the moment-cumulant
 * algebra of free multiplicative convolution (Voiculescu's S-transform; Nica–Speicher, Lecture
 * 18). Every operation is exact algebra up to rounding, O(K²) per product, O(K³) per inversion.
 */
final class PowerSeries {
  private PowerSeries() {}

  /** a·b truncated at degree K = a.length − 1. */
  static double[] multiply(double[] a, double[] b) {
    int k = a.length - 1;
    double[] c = new double[k + 1];
    for (int i = 0; i <= k; i++) {
      if (a[i] == 0) {
        continue;
      }
      for (int j = 0; i + j <= k; j++) {
        c[i + j] += a[i] * b[j];
      }
    }
    return c;
  }

  /** 1/a (a_0 ≠ 0). */
  static double[] reciprocal(double[] a) {
    int k = a.length - 1;
    double[] r = new double[k + 1];
    r[0] = 1 / a[0];
    for (int n = 1; n <= k; n++) {
      double s = 0;
      for (int j = 1; j <= n; j++) {
        s += a[j] * r[n - j];
      }
      r[n] = -s / a[0];
    }
    return r;
  }

  /**
   * The compositional inverse g of f(z) = f_1 z + f_2 z² + … (f_0 = 0, f_1 ≠ 0) to degree K, by
   * Lagrange inversion: [w^n] g = (1/n) [z^{n−1}] h(z)^n with h(z) = z/f(z).
   */
  static double[] inverse(double[] f) {
    int k = f.length - 1;
    double[] shifted = new double[k + 1]; // f(z)/z
    for (int j = 0; j < k; j++) {
      shifted[j] = f[j + 1];
    }
    return inverseFromH(reciprocal(shifted));
  }

  /** The g with g(w) = w / ... whose Lagrange kernel is h: [w^n] g = (1/n)[z^{n−1}] h^n. */
  static double[] inverseFromH(double[] h) {
    int k = h.length - 1;
    double[] g = new double[k + 1];
    double[] power = new double[k + 1];
    power[0] = 1;
    for (int n = 1; n <= k; n++) {
      power = multiply(power, h);
      g[n] = power[n - 1] / n;
    }
    return g;
  }
}
