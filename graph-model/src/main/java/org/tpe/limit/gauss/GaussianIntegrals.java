package org.tpe.limit.gauss;

import org.apache.commons.math3.special.Erf;
import org.tpe.expr.Fn;

/**
 * Closed forms of E ψ(Y) and E ψ₁(Y₁) ψ₂(Y₂) for Gaussian Y and ψ ∈ {id, relu, step, erf}: the
 * kernels of the infinite-width literature (DESIGN §7).
 *
 * <ul>
 *   <li>one variable, any mean: E relu(Y) = m Φ(m/s) + s φ(m/s); E step(Y) = Φ(m/s); E erf(Y) =
 *       erf(m / √(1 + 2s²));
 *   <li>id times anything, any means (Stein's lemma): E Y₁ ψ(Y₂) = m₁ E ψ(Y₂) + c₁₂ E ψ'(Y₂);
 *   <li>zero means: the arc-cosine kernels of degree 1 and 0 (Cho &amp; Saul 2009) E relu relu =
 *       √(c₁₁c₂₂)(sin θ + (π − θ) cos θ)/(2π), E step step = (π − θ)/(2π), the mixed E relu(Y₁)
 *       step(Y₂) = √c₁₁ (1 + cos θ)/(2√(2π)), and Williams' (1997) E erf erf = (2/π)
 *       arcsin(2c₁₂/√((1 + 2c₁₁)(1 + 2c₂₂))), with cos θ = c₁₂/√(c₁₁c₂₂).
 * </ul>
 *
 * Accuracy: a few ulps of the result (θ is computed with atan2 of √det and c₁₂ scaled by the larger variance, so nothing overflows for variances up to the largest double, which keeps full
 * relative accuracy near θ = 0 and π). step is 1 for x &gt; 0 and 0 otherwise, which matters only
 * on the null set Y = 0 unless the variance is 0.
 */
public final class GaussianIntegrals {
  private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);
  private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);

  private GaussianIntegrals() {}

  /** Whether {@link #expect} knows ψ. */
  public static boolean known(Fn psi) {
    return psi == Fn.ID || psi == Fn.RELU || psi == Fn.STEP || psi == Fn.ERF;
  }

  /** Standard normal CDF, accurate to ≈ 1 ulp relative in both tails. */
  public static double phiCdf(double x) {
    return 0.5 * Erf.erfc(-x / Math.sqrt(2));
  }

  /** E ψ(Y), Y ~ N(m, v); v ≥ 0. */
  public static double expect(Fn psi, double m, double v) {
    double s = Math.sqrt(Math.max(v, 0));
    if (s == 0) {
      return psi.apply(m);
    }
    switch (psi) {
      case ID:
        return m;
      case RELU:
        return m * phiCdf(m / s) + s * INV_SQRT_2PI * Math.exp(-0.5 * m * m / v);
      case STEP:
        return phiCdf(m / s);
      case ERF:
        return Fn.erf(m / Math.sqrt(1 + 2 * v));
      default:
        throw new IllegalArgumentException("no closed form for E " + psi.symbol());
    }
  }

  /** E ψ'(Y), Y ~ N(m, v) with v &gt; 0 (ψ' of step is the density at 0). */
  static double expectDerivative(Fn psi, double m, double v) {
    double s = Math.sqrt(v);
    switch (psi) {
      case ID:
        return 1;
      case RELU:
        return phiCdf(m / s);
      case STEP:
        return INV_SQRT_2PI / s * Math.exp(-0.5 * m * m / v);
      case ERF:
        return TWO_OVER_SQRT_PI / Math.sqrt(1 + 2 * v) * Math.exp(-m * m / (1 + 2 * v));
      default:
        throw new IllegalArgumentException("no closed form for E " + psi.symbol() + "'");
    }
  }

  /**
   * E ψ₁(Y₁) ψ₂(Y₂) for (Y₁, Y₂) Gaussian with means m₁, m₂ and covariance [[c11, c12], [c12,
   * c22]], or NaN when no closed form is known for this case (the caller then integrates).
   */
  public static double expect(Fn psi1, Fn psi2, double m1, double m2, double c11, double c12,
      double c22) {
    if (c11 <= 0) {
      return psi1.apply(m1) * expect(psi2, m2, c22);
    }
    if (c22 <= 0) {
      return psi2.apply(m2) * expect(psi1, m1, c11);
    }
    if (psi1 == Fn.ID) {
      return m1 * expect(psi2, m2, c22) + c12 * expectDerivative(psi2, m2, c22);
    }
    if (psi2 == Fn.ID) {
      return m2 * expect(psi1, m1, c11) + c12 * expectDerivative(psi1, m1, c11);
    }
    if (m1 != 0 || m2 != 0) {
      return Double.NaN;
    }
    boolean relu1 = psi1 == Fn.RELU;
    boolean relu2 = psi2 == Fn.RELU;
    if ((relu1 || psi1 == Fn.STEP) && (relu2 || psi2 == Fn.STEP)) {
      // scaled by the larger variance, so that c11·c22 cannot overflow while the cancellation in
      // the determinant stays exact when the two are the same Gaussian (c11 = c22 = c12)
      double m = Math.max(c11, c22);
      double a = c11 / m;
      double b = c22 / m;
      double c = c12 / m;
      double sqrtDet = Math.sqrt(Math.max(0, a * b - c * c));
      double theta = Math.atan2(sqrtDet, c); // angle between the two directions
      if (relu1 && relu2) {
        // s1 s2 (sin θ + (π − θ) cos θ)/(2π) with s1 s2 sin θ = √det, s1 s2 cos θ = c12
        return m * (sqrtDet + (Math.PI - theta) * c) / (2 * Math.PI);
      }
      if (!relu1 && !relu2) {
        return (Math.PI - theta) / (2 * Math.PI);
      }
      // the mixed kernel; only it needs cos θ and a standard deviation (computed only here)
      return Math.sqrt(relu1 ? c11 : c22) * (1 + Math.cos(theta)) * INV_SQRT_2PI / 2;
    }
    if (psi1 == Fn.ERF && psi2 == Fn.ERF) {
      double x = 2 * c12 / Math.sqrt(1 + 2 * c11) / Math.sqrt(1 + 2 * c22);
      return 2 / Math.PI * Math.asin(Math.max(-1, Math.min(1, x)));
    }
    return Double.NaN;
  }

  /** Name of the closed form {@link #expect(Fn, Fn, double, double, double, double, double)} uses. */
  public static String name(Fn psi1, Fn psi2) {
    if (psi1 == Fn.ID || psi2 == Fn.ID) {
      return "Stein's lemma";
    }
    if (psi1 == Fn.ERF) {
      return "Williams' erf kernel";
    }
    return psi1 == psi2 && psi1 == Fn.RELU ? "arc-cosine kernel (degree 1)"
        : psi1 == psi2 ? "arc-cosine kernel (degree 0)" : "arc-cosine kernel (mixed)";
  }
}
