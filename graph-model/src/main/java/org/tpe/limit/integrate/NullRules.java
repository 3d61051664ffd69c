package org.tpe.limit.integrate;

/**
 * The null-rule error estimate of one Gauss–Kronrod piece (Berntsen &amp; Espelid, "Error
 * estimation in automatic quadrature routines", ACM TOMS 17 (1991)): the top Legendre
 * coefficients c₁₅ … c₂₀ of the 21-point interpolant ({@link GaussKronrodRule#HIGH}) in three
 * pairs E₁ = |(c₂₀, c₁₉)|, E₂, E₃, scaled by h√2 so that they bound the integral of the
 * components they measure. When they do not decay (ratio r = max(E₁/E₂, E₂/E₃) &gt; ½: a kink or a
 * jump inside the piece) the estimate is 10·max Eᵢ; when they do, max(1, 40r³)·E₁. Also the
 * largest estimate that given error bars on the values could produce alone (the noise floor).
 */
final class NullRules {
  private static final int N = GaussKronrodRule.SIZE;
  /** Ratio above which a piece is taken as not resolved. */
  private static final double CRITICAL_RATIO = 0.5;

  private NullRules() {}

  /**
   * The null-rule error estimate of a piece from its 21 values of gφ (Berntsen &amp; Espelid
   * 1991, with three pairs of null rules): E_i = h√2·|(c_{22−2i}, c_{21−2i})|, the L² size of the
   * interpolant's top Legendre components, which bounds their integral.
   */
  static double error(double[] fw, double h) {
    return estimate(fw, null, h)[0];
  }

  /**
   * The largest {@link #error} values with these error bars could produce on their own:
   * each coefficient at its worst, Σ_j |HIGH[m][j]|·err_j, in the non-asymptotic branch.
   */
  static double noise(double[] err, double h) {
    return estimate(null, err, h)[1];
  }

  /** {null-rule estimate of fw, its noise from err}, in one pass over the rows (either may be null). */
  static double[] estimate(double[] fw, double[] err, double h) {
    int rows = N - GaussKronrodRule.FIRST_HIGH;
    double[] c = new double[rows];
    double[] noise = new double[rows];
    for (int m = 0; m < rows; m++) {
      double[] row = GaussKronrodRule.HIGH[m];
      double s = 0;
      double t = 0;
      for (int j = 0; j < N; j++) {
        if (fw != null) {
          s += row[j] * fw[j];
        }
        if (err != null) {
          t += Math.abs(row[j]) * err[j];
        }
      }
      c[m] = s;
      noise[m] = t;
    }
    double scale = h * Math.sqrt(2);
    double estimate = 0;
    if (fw != null) {
      double e1 = scale * norm(c[5], c[4]);
      double e2 = scale * norm(c[3], c[2]);
      double e3 = scale * norm(c[1], c[0]);
      double r = Math.max(ratio(e1, e2), ratio(e2, e3));
      // Never below E₁: a kink's slowly decaying components can hide under a smooth part whose
      // coefficients fall fast (small r) and still dominate the error.
      estimate = r > CRITICAL_RATIO ? 10 * Math.max(e1, Math.max(e2, e3))
          : Math.max(1, 10 / (CRITICAL_RATIO * CRITICAL_RATIO) * r * r * r) * e1;
    }
    double worst = err == null ? 0 : 10 * scale * Math.max(norm(noise[5], noise[4]),
        Math.max(norm(noise[3], noise[2]), norm(noise[1], noise[0])));
    return new double[] {estimate, worst};
  }

  /** √(a² + b²) without overflow, cheaper than Math.hypot (which is exact to the last bit). */
  private static double norm(double a, double b) {
    double x = Math.abs(a);
    double y = Math.abs(b);
    double big = Math.max(x, y);
    if (big == 0 || big == Double.POSITIVE_INFINITY) {
      return big;
    }
    double u = x / big;
    double v = y / big;
    return big * Math.sqrt(u * u + v * v);
  }

  private static double ratio(double a, double b) {
    return a == 0 ? 0 : b == 0 ? Double.POSITIVE_INFINITY : a / b;
  }
}
