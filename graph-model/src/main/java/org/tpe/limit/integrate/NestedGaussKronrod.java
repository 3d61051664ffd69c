package org.tpe.limit.integrate;

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
 * nodes that no piece's two rules disagree on; declaring such features as kinks avoids it. The
 * error exceeds the tolerance only when it is at the rounding floor (E f cancels to far below
 * E|f|): the method then says "limited by rounding".
 *
 * <p><b>Cost.</b> About 200–600 evaluations in 1-D, their square in 2-D and cube in 3-D (10⁵
 * and 10⁷ at 10⁻¹⁰; fewer for smooth f); 4-D is allowed but costly. The outermost level's nodes
 * are integrated in parallel (results do not depend on the thread count). Inner levels are asked
 * for a tenth of their caller's tolerance; when that was not enough (E f cancels), the
 * integration is repeated once with an absolute inner tolerance derived from the first result.
 */
public final class NestedGaussKronrod implements GaussianExpectation {
  /** The largest dimension accepted. */
  public static final int MAX_DIMENSION = 4;

  /** Each level asks the next for this fraction of its own tolerance. */
  private static final double INNER = 10;

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
    GaussKronrodLine.Outcome o = run.level(0, new double[r], tol.absolute(), tol.relative(),
        tol.absolute() / INNER, tol.relative() / INNER);
    double allowed = tol.allowedError(o.value());
    if (o.error() > allowed && r > 1 && o.innerError() > allowed / INNER) {
      // E f cancels below the scale of the inner integrals: redo with absolute inner tolerances.
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

  /** One integration: the integrand, its breakpoint families, the shared budget. */
  private final class Run {
    final GaussianIntegrand f;
    final KinkProjection kinks;
    final Effort effort;
    final String method;
    final int r;

    Run(GaussianIntegrand f, KinkProjection kinks, Effort effort, String method) {
      this.f = f;
      this.kinks = kinks;
      this.effort = effort;
      this.method = method;
      this.r = f.dimension();
    }

    /**
     * ∫ over z_d (and, nested, z_{d+1} …) with z₀ … z_{d−1} fixed in {@code prefix}; the inner
     * levels get (innerAbs, innerRel) and pass on a tenth of it.
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
      return GaussKronrodLine.integrate(g, -rho, rho, breaks, abs, rel, effort,
          d == 0 ? method : null);
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
        IntStream nodes = IntStream.range(0, n);
        if (parallel && d == 0) {
          nodes = nodes.parallel();
        }
        nodes.forEach(i -> {
          double[] z = prefix.clone();
          z[d] = x[i];
          GaussKronrodLine.Outcome o = level(d + 1, z, innerAbs, innerRel, innerAbs / INNER,
              innerRel / INNER);
          values[i] = o.value();
          errors[i] = o.error();
          floors[i] = o.roundingError();
        });
      };
    }
  }
}
