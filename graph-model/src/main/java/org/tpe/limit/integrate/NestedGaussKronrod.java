package org.tpe.limit.integrate;

import java.util.function.IntConsumer;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import java.util.stream.IntStream;
import org.tpe.limit.CancellationToken;

/**
 * E f(Z), Z ~ N(0, I_r), r = 1 … {@value #MAX_DIMENSION}, by nested one-dimensional adaptive
 * Gauss–Kronrod ({@link GaussKronrodLine}): the outer rule in z₀ integrates the inner integral
 * over z₁ …, each level globally adaptive, over the whole ball |z| ≤ {@value
 * GaussKronrodLine#RANGE} (outside it φ_r &lt; 10⁻³⁰⁵; the tails are extrapolated into the
 * error), with every level split at the kinks of f and at the points where two kinks cross
 * ({@link KinkProjection}), so that products of relus and steps along any hyperplanes converge
 * like smooth integrands.
 *
 * <p><b>Error.</b> The reported error is the sum of each level's |K21 − G10| estimates, the inner
 * levels' errors integrated by the outer rule, rounding (50ε∫|f|φ per piece) and the extrapolated
 * tails. It is meant as a bound: the tests check that it covers the true error of integrands with
 * known values (polynomials, exponentials, kinks, steep smooth steps, arc-cosine and erf kernels).
 * Like every rule that samples f, it can be fooled by a feature narrower than the spacing of its
 * nodes (≈ 0.05σ near the first cuts): measured, two undeclared kink lines crossing near the
 * inner axis (relu(q₁·z + 0.15)·step(q₂·z) at 94°) leave at some outer nodes a sliver of width
 * 0.02 that no node sees, and the 2-D result was off by 1.7·10⁻⁷ with 2·10⁻⁸ claimed. Declared
 * kinks are split at exactly, so this cannot happen to them: declare every kink you know. The
 * error exceeds the tolerance only when it is at the rounding floor (E f cancels to far below
 * E|f|): the method then says "limited by rounding".
 *
 * With {@link Smoothness#UNKNOWN} the innermost level's first pieces are verified by one
 * bisection (see {@link Smoothness}): undeclared kinks of f live there; integrated over the
 * innermost coordinate they leave at most a jump of a second derivative, which the null rules of
 * the outer levels see.
 *
 * <p><b>Analytic integrands</b> ({@link Smoothness#ANALYTIC}, no kinks) first try, at every level
 * and every outer node, the {@link GaussHermiteLadder} (10, 20, then 40 Gauss–Hermite nodes,
 * stopping when two rungs agree to the level's tolerance), and only where it does not agree the
 * adaptive rule below. Measured on the gaussian-integration benchmark's E[tanh·tanh·tanh] of
 * three linear forms in 3-D: without it 4.5, 4.7, 8.4 and 11.5·10⁶ evaluations at 10⁻⁴, 10⁻⁶,
 * 10⁻⁷, 10⁻¹⁰ (at loose tolerances, the first partition 168³), with it 0.7, 1.6, 5.1 and
 * 9.6·10⁶; E[e^{a·z}] and E[cos(a·z)] 2.7·10⁴; the sgd-step-mup sample's thirteen 3-D integrals
 * fit the exact engine's budget. (Genz–Malik degree-7/5 cubature
 * over the mapped cube was measured too and rejected: 3.3·10⁶ evaluations at 10⁻⁶ and 3.3·10⁷ at
 * 10⁻⁸ on the same integrand.)
 *
 * <p><b>Cost.</b> About 200–600 evaluations in 1-D, their square in 2-D and cube in 3-D (10⁵
 * and 10⁷ at 10⁻¹⁰; fewer for smooth f); 4-D is allowed but costly. The outermost level's nodes
 * are integrated in parallel (results do not depend on the thread count). Inner levels are asked
 * for a thirtieth of their caller's tolerance (relaxed where the outer weight is tiny); when that was not enough (E f cancels), the
 * integration is repeated once with an absolute inner tolerance derived from the first result.
 */
public final class NestedGaussKronrod implements GaussianExpectation {
  /** The largest dimension accepted. */
  public static final int MAX_DIMENSION = 4;

  /**
   * Each level asks the next for this fraction of its own tolerance: the outer rule's estimates
   * see the inner errors as noise (they are kept from splitting on it by the noise floors, but
   * the integrated inner errors still count against the tolerance). Measured on E tanh·tanh·tanh
   * in 3-D at 10⁻⁷ and 10⁻⁹: 10 took 1.5·10⁷ and 0.9·10⁷ evaluations, 30 took 0.8·10⁷ and
   * 1.0·10⁷, 100 took 0.9·10⁷ and 1.1·10⁷.
   */
  private static final double INNER = 30;
  /**
   * What a level trying the Gauss–Hermite ladder asks of the levels inside it, as a fraction of
   * its own tolerance: the ladder makes no splitting decisions, so the integrated inner errors
   * only need to leave room for its own rung difference (measured on E tanh·tanh·tanh in 3-D:
   * 30 took 4.8, 10.0, 26.8·10⁵ evaluations at 10⁻⁴, 10⁻⁶, 10⁻⁸, and 4 took 3.8, 6.7, 21.8·10⁵).
   */
  static final double LADDER_INNER = 4;

  private final boolean parallel;


  /** The rule with its outermost level in parallel. */
  public NestedGaussKronrod() {
    this(true);
  }

  /** The rule, with its outermost level in parallel or not (the results are the same). */
  public NestedGaussKronrod(boolean parallel) {
    this.parallel = parallel;
  }

  @Override
  public IntegrationResult integrate(GaussianIntegrand f, Tolerance tol,
      CancellationToken cancel) {
    int r = f.dimension();
    if (r < 1 || r > MAX_DIMENSION) {
      throw new IllegalArgumentException("nested Gauss–Kronrod integrates 1 to " + MAX_DIMENSION
          + " dimensions, not " + r);
    }
    KinkProjection kinks = KinkProjection.of(f.kinks(), r);
    Effort effort = new Effort(tol.maxEvaluations(), cancel);
    String method = "adaptive Gauss–Kronrod G10K21" + (r > 1 ? " nested " + r + "-D" : " 1-D")
        + (f.kinks().isEmpty() ? "" : ", split at " + f.kinks().size() + " kink"
            + (f.kinks().size() == 1 ? "" : "s"));
    Run run = new Run(f, kinks, effort, method);
    // Inner levels get an absolute floor from a pilot estimate of |E f|, so that an inner
    // integral far smaller than the whole (a sliver between two close kinks) is not computed to
    // a relative accuracy that f's own rounding near its kinks does not allow.
    double floor = r > 1 ? Math.max(tol.absolute(), tol.relative() * pilot(f, effort))
        : tol.absolute();
    GaussKronrodLine.Outcome o = run.level(0, new double[r], tol.absolute(), tol.relative(),
        floor / INNER, tol.relative() / INNER);
    double allowed = tol.allowedError(o.value());
    if (o.error() > allowed && r > 1 && o.innerError() > allowed / (2 * INNER)) {
      // E f cancels below the scale of the inner integrals (or the pilot over-estimated it):
      // redo with absolute inner tolerances from the first result.
      o = run.level(0, new double[r], tol.absolute(), tol.relative(), allowed / INNER, 0);
      allowed = tol.allowedError(o.value());
    }
    IntegrationResult result = new IntegrationResult(o.value(), o.error(), method,
        effort.used());
    if (o.error() > allowed) {
      if (o.error() <= 8 * o.roundingError()) {
        return new IntegrationResult(o.value(), o.error(), method + ", limited by rounding",
            effort.used());
      }
      if (!o.decays() || o.tailError() > allowed / 2) {
        throw new IntegrationFailure(IntegrationFailure.Reason.NOT_INTEGRABLE, String.format(
            "f·φ does not decay by ±%s standard deviations (the tails beyond are estimated at"
                + " %.3g): E f is probably infinite (f grows like e^{z²/2})",
            GaussKronrodLine.RANGE, o.tailError()), null, null).withBestEstimate(result);
      }
      throw new IntegrationFailure(IntegrationFailure.Reason.NOT_CONVERGED, String.format(
          "adaptive quadrature stopped at error %.3g, above the %.3g asked: the integrand"
              + " has a singularity or a feature it cannot resolve (worst piece of z0: %s; tail"
              + " estimate %.2g)", o.error(), allowed, o.worst(), o.tailError()), null, null)
          .withBestEstimate(result);
    }
    return result;
  }

  /**
   * How much looser the inner integral at an outer node x may be: its error enters the outer
   * integral multiplied by φ(x), so max(1, e^{x²/2}/30) keeps ∫φ(x)·τ·relax(x)dx ≤ 2τ over
   * [−37.5, 37.5] (2·37.5/(30√(2π)) ≤ 1) while far nodes (|x| ≥ 2.6) need little accuracy.
   * Relative inner tolerances relaxed this way could leave the sum large if the inner values
   * grow like e^{x²/2}·φ; the second, absolute pass then repairs it, and honesty never depends
   * on it (the inner errors are integrated, not assumed).
   */
  static double relaxation(double x) {
    return Math.max(1, Math.exp(0.5 * x * x) / 30);
  }

  /**
   * |E f| by tensor Gauss–Hermite with {@value #PILOT_NODES} nodes per coordinate (6^r
   * evaluations): only a scale for the inner tolerances, never part of the result. Too small
   * costs time, too large is caught by the second pass; both are harmless to the error.
   */
  private static double pilot(GaussianIntegrand f, Effort effort) {
    int r = f.dimension();
    double[][] rule = pilotRule();
    int total = 1;
    for (int i = 0; i < r; i++) {
      total *= PILOT_NODES;
    }
    effort.charge(total);
    double[] pts = new double[total * r];
    double[] w = new double[total];
    for (int t = 0; t < total; t++) {
      int rem = t;
      w[t] = 1;
      for (int d = 0; d < r; d++) {
        pts[t * r + d] = rule[0][rem % PILOT_NODES];
        w[t] *= rule[1][rem % PILOT_NODES];
        rem /= PILOT_NODES;
      }
    }
    double[] v = new double[total];
    f.values(pts, total, v);
    double sum = 0;
    for (int t = 0; t < total; t++) {
      if (!Double.isFinite(v[t])) {
        throw IntegrationFailure.nonFinite(java.util.Arrays.copyOfRange(pts, t * r, t * r + r),
            v[t]);
      }
      sum += w[t] * v[t];
    }
    return Math.abs(sum);
  }

  private static final int PILOT_NODES = 6;
  /**
   * The ladder of {@link GaussHermiteLadder} is tried only where the ball leaves the line at
   * least this half-width (its largest node is at 8.1σ).
   */
  private static final double HERMITE_REACH = 9;

  /** Nodes and weights of E g(Z), Z ~ N(0, 1), from Commons Math's Hermite rule (weight e^{−x²}). */
  private static double[][] pilotRule() {
    GaussIntegrator h = new GaussIntegratorFactory().hermite(PILOT_NODES);
    double[][] rule = new double[2][PILOT_NODES];
    for (int i = 0; i < PILOT_NODES; i++) {
      rule[0][i] = Math.sqrt(2) * h.getPoint(i);
      rule[1][i] = h.getWeight(i) / Math.sqrt(Math.PI);
    }
    return rule;
  }

  /** One integration: the integrand, its breakpoint families, the shared budget. */
  private final class Run {
    final GaussianIntegrand f;
    final KinkProjection kinks;
    final Effort effort;
    final String method;
    final int r;
    final boolean verify;
    final boolean hermite;

    Run(GaussianIntegrand f, KinkProjection kinks, Effort effort, String method) {
      this.f = f;
      this.kinks = kinks;
      this.effort = effort;
      this.method = method;
      this.r = f.dimension();
      this.verify = f.smoothness() == Smoothness.UNKNOWN;
      this.hermite = f.smoothness() == Smoothness.ANALYTIC && f.kinks().isEmpty();
    }

    /**
     * ∫ over z_d (and, nested, z_{d+1} …) with z₀ … z_{d−1} fixed in {@code prefix}; the inner
     * levels get (innerAbs, innerRel) and pass on a thirtieth of it.
     */
    GaussKronrodLine.Outcome level(int d, double[] prefix, double abs, double rel,
        double innerAbs, double innerRel) {
      double rest = GaussKronrodLine.RANGE * GaussKronrodLine.RANGE;
      for (int j = 0; j < d; j++) {
        rest -= prefix[j] * prefix[j];
      }
      if (rest <= 0) {
        return GaussKronrodLine.Outcome.ZERO; // outside the ball: φ_r < 1e-305
      }
      double rho = Math.sqrt(rest);
      double[] breaks = kinks.breakpoints(d, prefix);
      GaussKronrodLine.Function g = d == r - 1 ? innermost(prefix)
          : inner(d, prefix, innerAbs, innerRel);
      if (hermite && rho >= HERMITE_REACH) {
        GaussKronrodLine.Function gl = d == r - 1 ? g
            : inner(d, prefix, Math.max(abs, innerAbs * INNER) / LADDER_INNER,
                rel / LADDER_INNER);
        GaussKronrodLine.Outcome h = GaussHermiteLadder.integrate(gl, abs, rel);
        if (h != null) {
          return h;
        }
      }
      return GaussKronrodLine.integrate(g, -rho, rho, breaks, abs, rel, verify && d == r - 1,
          effort, d == 0 ? method : null);
    }

    private GaussKronrodLine.Function innermost(double[] prefix) {
      int last = r - 1;
      return (x, n, values, errors, floors) -> {
        effort.charge(n);
        double[] pts = new double[n * r];
        for (int i = 0; i < n; i++) {
          System.arraycopy(prefix, 0, pts, i * r, last);
          pts[i * r + last] = x[i];
        }
        f.values(pts, n, values);
        for (int i = 0; i < n; i++) {
          if (!Double.isFinite(values[i])) {
            double[] z = new double[r];
            System.arraycopy(pts, i * r, z, 0, r);
            throw IntegrationFailure.nonFinite(z, values[i]);
          }
        }
      };
    }

    private GaussKronrodLine.Function inner(int d, double[] prefix, double innerAbs,
        double innerRel) {
      return (x, n, values, errors, floors) -> {
        IntConsumer node = i -> {
          double[] z = prefix.clone();
          z[d] = x[i];
          double relax = relaxation(x[i]);
          GaussKronrodLine.Outcome o = level(d + 1, z, innerAbs * relax, innerRel * relax,
              innerAbs * relax / INNER, innerRel * relax / INNER);
          values[i] = o.value();
          errors[i] = o.error();
          floors[i] = o.roundingError();
        };
        if (parallel && d == 0) {
          IntStream.range(0, n).parallel().forEach(node);
        } else {
          for (int i = 0; i < n; i++) {
            node.accept(i);
          }
        }
      };
    }
  }
}
