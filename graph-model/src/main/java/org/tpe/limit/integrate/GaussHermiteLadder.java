package org.tpe.limit.integrate;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * ∫ g(x) φ(x) dx over the whole line for analytic g by a ladder of Gauss–Hermite rules with
 * {@link #LADDER} nodes, stopping at the first rung whose value agrees with the previous one to
 * the tolerance: the cheap first try of {@link NestedGaussKronrod} at each level of an analytic
 * integrand, before the adaptive rule's partition of ≈ 170 nodes.
 *
 * <p>A Gauss–Hermite rule with n nodes integrates p·φ exactly for polynomials p of degree 2n − 1;
 * for g analytic in the strip |Im x| &lt; d its error falls like e^{−d√(2n)} (Gautschi,
 * "Orthogonal Polynomials", §1.4; Trefethen, "Is Gauss quadrature better than
 * Clenshaw–Curtis?", SIAM Rev. 50 (2008)), so doubling n multiplies it by e^{−0.6·d√n} — by
 * 0.02 for tanh of a unit-variance form (d = π/2) at n = 20. The error stated for the value of
 * rung k is |Q_k − Q_{k−1}|, the previous rung's error as seen by this one, plus the inner errors
 * of g's values integrated with the weights and rounding (50ε·Σw|gφ|): an estimate meant to bound,
 * which the tests check on integrands with known values. When no rung agrees (g has mass beyond
 * the nodes, ±8.1σ at 40 nodes, or is steep, or has a kink the caller did not declare) the ladder
 * gives up and the caller integrates adaptively.
 */
final class GaussHermiteLadder {
  /** The rungs: node counts of the Gauss–Hermite rules tried in turn. */
  static final int[] LADDER = {10, 20, 40};
  private static final double EPS = Math.ulp(1.0);
  /**
   * The ladder stops early when the last two rungs differ by more than this many times the
   * tolerance: doubling the nodes gains a factor e^{−0.6·d√n} (≈ 50 for tanh of a unit-variance
   * form at n = 20), so the next rung would very likely fail too and its evaluations be wasted
   * (measured on the gaussian-integration benchmark's E tanh·tanh·tanh in 3-D at 10⁻¹⁰: 1.28·10⁷
   * evaluations without this, 0.96·10⁷ with it, 1.15·10⁷ for the adaptive rule alone).
   */
  private static final double GIVE_UP = 1000;
  private static final double[][][] RULES = new double[LADDER.length][][];

  static {
    GaussIntegratorFactory factory = new GaussIntegratorFactory();
    for (int k = 0; k < LADDER.length; k++) {
      int n = LADDER[k];
      GaussIntegrator h = factory.hermite(n);
      double[][] rule = new double[2][n];
      for (int i = 0; i < n; i++) {
        // weight e^{−x²} → the standard normal density: x = √2·t, w/√π
        rule[0][i] = Math.sqrt(2) * h.getPoint(i);
        rule[1][i] = h.getWeight(i) / Math.sqrt(Math.PI);
      }
      RULES[k] = rule;
    }
  }

  private GaussHermiteLadder() {}

  /** Nodes and weights of E g(Z), Z ~ N(0, 1), of rung k. */
  static double[][] rule(int k) {
    return new double[][] {RULES[k][0].clone(), RULES[k][1].clone()};
  }

  /**
   * ∫ g φ over ℝ, or null when no rung reached max(absTol, relTol·|value|) (the evaluations
   * made are charged to the caller's effort by g).
   */
  static GaussKronrodLine.Outcome integrate(GaussKronrodLine.Function g, double absTol,
      double relTol) {
    double previous = Double.NaN;
    for (int k = 0; k < LADDER.length; k++) {
      double[] x = RULES[k][0];
      double[] w = RULES[k][1];
      int n = x.length;
      double[] v = new double[n];
      double[] e = new double[n];
      double[] fl = new double[n];
      g.evaluate(x.clone(), n, v, e, fl);
      double q = 0;
      double abs = 0;
      double inner = 0;
      double floor = 0;
      for (int i = 0; i < n; i++) {
        q += w[i] * v[i];
        abs += w[i] * Math.abs(v[i]);
        inner += w[i] * e[i];
        floor += w[i] * fl[i];
      }
      if (!Double.isFinite(q) || !Double.isFinite(abs)) {
        return null; // let the adaptive rule report where it overflows
      }
      if (k > 0) {
        double quadrature = Math.abs(q - previous);
        double rounding = 50 * EPS * abs + floor;
        double error = quadrature + inner + rounding;
        double allowed = Math.max(absTol, relTol * Math.abs(q));
        if (error <= allowed) {
          return new GaussKronrodLine.Outcome(q, quadrature, inner, rounding, 0, true,
              "Gauss–Hermite " + n);
        }
        if (quadrature > GIVE_UP * allowed) {
          return null; // the next rung would have to gain more than GIVE_UP: leave it
        }
      }
      previous = q;
    }
    return null;
  }
}
