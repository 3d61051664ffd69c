package org.tpe.limit.integrate;

import java.util.ArrayList;
import java.util.List;

/**
 * Where each level of a nested integration over z₀ (outermost) … z_{r−1} (innermost) is not
 * smooth, given the integrand's kink hyperplanes.
 *
 * <p>The innermost integrand is non-smooth, in z_{r−1}, where a hyperplane with a non-zero last
 * coefficient is crossed. The integral over z_{r−1} is then a function of z₀ … z_{r−2} that is
 * smooth except (i) across the hyperplanes that do not involve z_{r−1} and (ii) where two of the
 * crossing points coincide (their difference, a hyperplane in one dimension less). The same
 * elimination repeats down to z₀. With k kinks this gives O(k²) derived hyperplanes per level; at
 * most {@value #MAX_PER_LEVEL} are kept per level (adaptive bisection finds the rest).
 *
 * <p>A hyperplane that is <em>steep</em> in z_d — nearly parallel to the z_d axis, |a_d| below
 * {@value #STEEP} of its largest outer coefficient — makes the integral over z_d smooth but
 * with a transition of width about 17·|a_d|/|a_{<d}| in the outer variables, while its crossing
 * point sweeps through the bulk of N(0, 1): too narrow for the outer rule's nodes to see, so its
 * error estimate would miss it (measured: kinks at 10⁻³ rad from an axis, off by 1e-7 with 1e-11
 * claimed). For such a hyperplane the outer levels also get the places where its crossing point
 * is at z_d = t for t in {@link #SWEEP}: between two of them the outer integrand is as smooth as
 * the inner one over [t_i, t_{i+1}], and beyond ±8.5 the Gaussian weight is below 10⁻¹⁶.
 */
final class KinkProjection {
  static final int MAX_PER_LEVEL = 64;
  private static final double SMALL = 1e-12;
  static final double STEEP = 0.1;
  private static final double[] SWEEP = {0, -1, 1, -2, 2, -3, 3, -4.5, 4.5, -6, 6, -8.5, 8.5};

  /** levels[d]: rows {a₀ … a_d, c} with a_d ≠ 0, the breakpoints in z_d. */
  private final double[][][] levels;
  private final int count;

  private KinkProjection(double[][][] levels, int count) {
    this.levels = levels;
    this.count = count;
  }

  static KinkProjection of(List<Hyperplane> kinks, int r) {
    List<double[]> current = new ArrayList<>();
    for (Hyperplane h : kinks) {
      double[] row = new double[r + 1];
      for (int i = 0; i < r; i++) {
        row[i] = h.coefficient(i);
      }
      row[r] = h.offset();
      addDistinct(current, row, r);
    }
    double[][][] levels = new double[r][][];
    int count = 0;
    for (int d = r - 1; d >= 0; d--) {
      List<double[]> here = new ArrayList<>();
      List<double[]> carried = new ArrayList<>();
      for (double[] h : current) {
        double scale = scale(h, d + 1);
        if (scale == 0) {
          continue; // c = 0 everywhere or nowhere: no kink left
        }
        if (Math.abs(h[d]) > SMALL * scale) {
          here.add(h);
        } else {
          addDistinct(carried, drop(h, d), d);
        }
      }
      for (int i = 0; i < here.size() && d > 0; i++) {
        for (int j = i + 1; j < here.size(); j++) {
          double[] p = here.get(i);
          double[] q = here.get(j);
          double[] diff = new double[d + 1];
          for (int t = 0; t < d; t++) {
            diff[t] = p[t] / p[d] - q[t] / q[d];
          }
          diff[d] = p[d + 1] / p[d] - q[d + 1] / q[d];
          double size = Math.max(scale(p, d + 1) / Math.abs(p[d]), scale(q, d + 1) / Math.abs(q[d]));
          if (scale(diff, d) > SMALL * size) { // not parallel: the crossing points do meet
            addDistinct(carried, diff, d);
          }
        }
      }
      for (int i = 0; i < here.size() && d > 0; i++) {
        double[] h = here.get(i);
        if (Math.abs(h[d]) < STEEP * scale(h, d)) {
          for (double t : SWEEP) { // a_{<d}·z + a_d·t + c = 0: the crossing point at z_d = t
            double[] at = drop(h, d);
            at[d] = h[d + 1] + h[d] * t;
            addDistinct(carried, at, d);
          }
        }
      }
      levels[d] = here.toArray(new double[0][]);
      count += here.size();
      current = carried.size() > MAX_PER_LEVEL ? carried.subList(0, MAX_PER_LEVEL) : carried;
    }
    return new KinkProjection(levels, count);
  }

  /** The breakpoints in z_d given z₀ … z_{d−1}. */
  double[] breakpoints(int d, double[] z) {
    double[][] rows = levels[d];
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      double[] h = rows[i];
      double v = h[d + 1];
      for (int j = 0; j < d; j++) {
        v += h[j] * z[j];
      }
      out[i] = -v / h[d];
    }
    return out;
  }

  /** How many breakpoint families there are over all levels. */
  int count() {
    return count;
  }

  /** max |h_i| over the first n coefficients. */
  private static double scale(double[] h, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s = Math.max(s, Math.abs(h[i]));
    }
    return s;
  }

  /** h without coefficient d (which is negligible): a hyperplane in z₀ … z_{d−1}. */
  private static double[] drop(double[] h, int d) {
    double[] out = new double[d + 1];
    System.arraycopy(h, 0, out, 0, d);
    out[d] = h[d + 1];
    return out;
  }

  /** Adds h (coefficients 0 … n−1, offset at n), normalised, unless already present. */
  private static void addDistinct(List<double[]> list, double[] h, int n) {
    double s = scale(h, n);
    if (s == 0) {
      return;
    }
    int lead = 0;
    for (int i = 0; i < n; i++) {
      if (Math.abs(h[i]) == s) {
        lead = i;
        break;
      }
    }
    double[] u = new double[n + 1];
    double f = 1 / h[lead];
    for (int i = 0; i <= n; i++) {
      u[i] = h[i] * f;
    }
    for (double[] v : list) {
      boolean same = true;
      for (int i = 0; i <= n && same; i++) {
        same = Math.abs(u[i] - v[i]) <= SMALL * Math.max(1, Math.abs(u[i]));
      }
      if (same) {
        return;
      }
    }
    list.add(u);
  }
}
