package org.tpe.limit.exact;

import java.util.ArrayList;
import java.util.List;
import org.tpe.limit.gauss.GaussianQuadrature;

/**
 * The one place where the exact engine calls a Gaussian integrator: E f(z), z ~ N(0, I_r), with
 * the kinks of f given as hyperplanes a·z + c = 0 (the shape of the integration layer's {@code
 * GaussianExpectation}; today backed by {@link GaussianQuadrature}: kink-aware adaptive
 * Gauss–Kronrod, target 1e-13 relative in 1-D, 1e-11 in 2-D, 1e-7 in 3-D, or Gauss–Hermite for
 * smooth integrands in 2-D and 3-D, each with its error estimate).
 */
final class Quadrature {
  private Quadrature() {}

  /** f(z) for z ∈ R^r; may be called from several threads. */
  @FunctionalInterface
  interface Integrand {
    double value(double[] z);
  }

  /** a·z + c = 0, where f or f' jumps. */
  record Hyperplane(double[] normal, double offset) {}

  /** The value and its error estimate. */
  record Result(double value, double error, String rule) {}

  static Result integrate(Integrand f, int r, List<Hyperplane> kinks, boolean smooth,
      String owner, Object what) {
    if (r == 0) {
      double v = f.value(new double[0]);
      if (!Double.isFinite(v)) {
        throw new ExactFailure(owner, what + " is " + v + " (overflow or a domain error)",
            false);
      }
      return new Result(v, 0, "exact (constant)");
    }
    GaussianQuadrature.Integrand g = f::value;
    GaussianQuadrature.Breakpoints breaks = (level, z) -> {
      List<Double> pts = new ArrayList<>();
      for (Hyperplane h : kinks) {
        double[] row = h.normal();
        double big = 0;
        for (int j = 0; j < r; j++) {
          big = Math.max(big, Math.abs(row[j]));
        }
        int last = -1;
        for (int j = 0; j < r; j++) {
          if (Math.abs(row[j]) > 1e-12 * big) {
            last = j;
          }
        }
        if (last == level) {
          double v = h.offset();
          for (int j = 0; j < level; j++) {
            v += row[j] * z[j];
          }
          pts.add(-v / row[level]);
        }
      }
      return pts.stream().mapToDouble(Double::doubleValue).toArray();
    };
    GaussianQuadrature.Result res;
    try {
      if (smooth && kinks.isEmpty()) {
        // Gauss–Hermite converges geometrically for analytic f: raise the nodes until the
        // estimate |Q_n − Q_{2n/3}| meets the target (1e-13 relative in 1-D, 1e-10 above),
        // keeping the best; fall back to adaptive Gauss–Kronrod in 1-D and 2-D
        int[] ladder = r == 1 ? new int[] {64, 96, 144} : r == 2 ? new int[] {48, 72, 108}
            : new int[] {24, 36, 54};
        double target = r == 1 ? 1e-13 : 1e-10;
        res = null;
        for (int nodes : ladder) {
          GaussianQuadrature.Result q = GaussianQuadrature.hermite(g, r, nodes);
          if (res == null || q.error() < res.error()) {
            res = q;
          }
          if (res.error() <= target * Math.max(1, Math.abs(res.value()))) {
            break;
          }
        }
        if (res.error() > target * Math.max(1, Math.abs(res.value())) && r == 1) {
          GaussianQuadrature.Result q = GaussianQuadrature.adaptive(g, r, breaks, 1e-13);
          if (q.error() < res.error()) {
            res = q;
          }
        } else if (res.error() > 1e-9 * Math.max(1, Math.abs(res.value())) && r == 2) {
          GaussianQuadrature.Result q = GaussianQuadrature.adaptive(g, r, breaks, 1e-11);
          if (q.error() < res.error()) {
            res = q;
          }
        }
      } else {
        res = GaussianQuadrature.adaptive(g, r, breaks, r <= 1 ? 1e-13 : r == 2 ? 1e-11 : 1e-7);
      }
    } catch (GaussianQuadrature.NonFiniteIntegrandException e) {
      throw new ExactFailure(owner, what + " cannot be computed: the integrand is not finite"
          + " (overflow of exp, a pole or a domain error) at some Gaussian value", false);
    } catch (GaussianQuadrature.BudgetExceededException e) {
      throw new ExactFailure(owner, what + " is too costly for the exact engine (" + r
          + "-dimensional integral: " + e.getMessage() + ")", true);
    } catch (GaussianQuadrature.NotConvergedException e) {
      throw new ExactFailure(owner, what + " does not converge: is the function integrable"
          + " against a Gaussian? (" + e.getMessage() + ")", false);
    }
    return new Result(res.value(), res.error(), res.rule());
  }
}
