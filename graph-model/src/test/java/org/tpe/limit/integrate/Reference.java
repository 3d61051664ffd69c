package org.tpe.limit.integrate;

import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.special.Erf;

/**
 * Reference values computed independently of the integrators under test.
 *
 * <p>{@link #trapezoid} is the trapezoidal rule with step h on [−L, L]^r against φ_r. For an
 * integrand analytic in the strip |Im z| &lt; d of every coordinate, its error is O(e^{−2πd/h})
 * (the trapezoidal rule on ℝ is spectrally accurate: Trefethen &amp; Weideman, SIAM Rev. 56
 * (2014), §5), plus the mass beyond L. With h = 1/4, L = 9 and d ≥ 1.3 (tanh(a·z) with |a| ≤ 1.2
 * has poles at Im = π/(2|a|)) that is below 10⁻¹⁴ + φ(9) ≈ 10⁻¹⁸; callers compare two steps to
 * show it.
 */
final class Reference {
  static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

  private Reference() {}

  static double phi(double x) {
    return Math.exp(-0.5 * x * x) * INV_SQRT_2PI;
  }

  /** Φ(x), accurate in both tails (Commons Math erfc). */
  static double cdf(double x) {
    return 0.5 * Erf.erfc(-x / Math.sqrt(2));
  }

  /** The trapezoidal rule for E f(Z), Z ~ N(0, I_r), step h on [−L, L]^r. */
  static double trapezoid(int r, ToDoubleFunction<double[]> f, double h, double limit) {
    int n = (int) Math.round(limit / h);
    int side = 2 * n + 1;
    long total = 1;
    for (int i = 0; i < r; i++) {
      total *= side;
    }
    double[] z = new double[r];
    double sum = 0;
    for (long t = 0; t < total; t++) {
      long rem = t;
      double w = 1;
      for (int d = 0; d < r; d++) {
        z[d] = ((int) (rem % side) - n) * h;
        rem /= side;
        w *= phi(z[d]) * h;
      }
      sum += w * f.applyAsDouble(z);
    }
    return sum;
  }

  /**
   * ∫ ψ(u) φ_s(c + u) du for ψ with a steep feature of width √ε at 0, by the substitution u =
   * √ε·sinh t (which spreads the feature over |t| ≲ 3 and makes the integrand analytic in t with
   * doubly exponential decay) and the trapezoidal rule in t with step h; φ_s is the N(0, s²)
   * density. {@code psiTimesJacobian} receives t and returns ψ(√ε sinh t)·√ε cosh t.
   */
  static double sinhSubstitution(java.util.function.DoubleUnaryOperator psiTimesJacobian,
      double eps, double c, double s, double h) {
    double sum = 0;
    double root = Math.sqrt(eps);
    for (double t = -16; t <= 16; t += h) {
      double u = root * Math.sinh(t);
      double x = (c + u) / s;
      sum += psiTimesJacobian.applyAsDouble(t) * Math.exp(-0.5 * x * x) * INV_SQRT_2PI / s;
    }
    return sum * h;
  }
}
