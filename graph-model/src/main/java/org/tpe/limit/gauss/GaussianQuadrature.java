package org.tpe.limit.gauss;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * Expectations E f(z) of a function of a standard Gaussian vector z ∈ ℝ^r (r ≤ 3), the
 * quadrature behind the deterministic limit engine (DESIGN §7).
 *
 * <p>Two rules:
 *
 * <ul>
 *   <li>{@link #adaptive} — nested adaptive Gauss–Kronrod (7/15 points) on [−{@value #CUTOFF},
 *       {@value #CUTOFF}] in every coordinate, with <em>breakpoints</em>: the caller names, per
 *       level, the points where f has a kink or a jump (for relu(a·z) the hyperplane a·z = 0), and
 *       every interval is split there first, so piecewise-smooth integrands converge like smooth
 *       ones. Kinks the caller does not know (relu of a nonlinear expression) are found by
 *       bisection. Accuracy: the returned error is the sum over the final intervals of
 *       QUADPACK's estimate from |K15 − G7| (conservative: usually above the true error) plus the
 *       Gaussian mass outside the cutoff (≈ 1.5·10⁻²³ times the size of f there). The default
 *       tolerance reaches ≈ 1e-12 relative in 1D and ≈ 1e-10 in 2D for polynomially bounded f.
 *       Cost: ≈ 15·(2·levels of bisection + 2·breakpoints) evaluations per dimension, so roughly
 *       10³ in 1D, 10⁵–10⁶ in 2D, 10⁷ in 3D (use Gauss–Hermite there when f is smooth).
 *   <li>{@link #hermite} — tensor Gauss–Hermite with n nodes per coordinate; exact for
 *       polynomials of degree 2n − 1 and geometrically convergent for f analytic in a strip. Its
 *       error is estimated by comparing with ⌈2n/3⌉ nodes. Not for kinks: relu with 80 nodes is
 *       only ≈ 2·10⁻³ relative (DESIGN §7).
 * </ul>
 *
 * <p>Non-finite values of f (overflow of exp, a pole) are reported as {@link
 * NonFiniteIntegrandException} with the point, never returned as NaN.
 *
 * <p>Superseded by {@link org.tpe.limit.integrate.GaussianExpectations#standard()}: this rule cuts
 * the line at ±{@value #CUTOFF}σ and its errors are not bounds. Measured: {@code adaptive} on E
 * e^{2b}, var b = 14, gives 1.43769e12 ± 9e-4 against e²⁸ = 1.44626e12; {@code hermite} with 48
 * nodes on the two-sample batch norm E[z₀(z₀ − m)/√(v + 10⁻⁸)] gives 0.55937 ± 0.0024 against
 * 0.56419.
 */
public final class GaussianQuadrature {
  /** Integration range per coordinate, in standard deviations. */
  public static final double CUTOFF = 10.0;

  private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);
  private static final int MAX_INTERVALS = 4000;

  /** A function of a point z ∈ ℝ^r. */
  @FunctionalInterface
  public interface Integrand {
    double value(double[] z);
  }

  /**
   * Breakpoints in coordinate {@code level} given the outer coordinates {@code z[0..level-1]}
   * (inner coordinates are unset); may return an empty array.
   */
  @FunctionalInterface
  public interface Breakpoints {
    double[] at(int level, double[] z);
  }

  /** The value and an estimate of its absolute error. */
  public record Result(double value, double error, String rule) {}

  /** Thrown when f is not finite at some point: overflow, a pole, a domain error. */
  public static final class NonFiniteIntegrandException extends RuntimeException {
    private final double[] point;

    NonFiniteIntegrandException(double[] point, double value) {
      super("the integrand is " + value + " at z = " + Arrays.toString(point));
      this.point = point.clone();
    }

    /** The standard-Gaussian coordinates where f was evaluated. */
    public double[] point() {
      return point.clone();
    }
  }

  /** Thrown when the adaptive rule cannot reach its tolerance (f is not integrable, or wild). */
  public static class NotConvergedException extends RuntimeException {
    NotConvergedException(String message) {
      super(message);
    }
  }

  /** Thrown when the adaptive rule would need more than its budget of evaluations. */
  public static final class BudgetExceededException extends NotConvergedException {
    BudgetExceededException(long budget) {
      super("more than " + budget + " integrand evaluations would be needed");
    }
  }

  /** Evaluations allowed to one call of {@link #adaptive} (≈ 0.1–1 s). */
  public static final long BUDGET = 3_000_000;

  private GaussianQuadrature() {}

  // Gauss–Kronrod 7/15 nodes and weights on [-1, 1] (QUADPACK qk15).
  private static final double[] XK = {0.991455371120812639206854697526329,
      0.949107912342758524526189684047851, 0.864864423359769072789712788640926,
      0.741531185599394439863864773280788, 0.586087235467691130294144845693013,
      0.405845151377397166906606412076961, 0.207784955007898467600689403773245, 0.0};
  private static final double[] WK = {0.022935322010529224963732008058970,
      0.063092092629978553290700663189204, 0.104790010322250183839876322541518,
      0.140653259715525918745189590510238, 0.169004726639267902826583426598550,
      0.190350578064785409913256402421014, 0.204432940075298892414161999234649,
      0.209482141084727828012999174891714};
  private static final double[] WG = {0.129484966168869693270611432679082,
      0.279705391489276667901467771423780, 0.381830050505118944950369775488975,
      0.417959183673469387755102040816327};

  /**
   * E f(z), z ~ N(0, I_r), by nested adaptive Gauss–Kronrod with breakpoints.
   *
   * @param r dimension, 1 to 3 (0 evaluates f once)
   * @param tolerance target absolute error, relative to max(1, |E f|)
   */
  public static Result adaptive(Integrand f, int r, Breakpoints breaks, double tolerance) {
    double[] z = new double[Math.max(r, 1)];
    if (r == 0) {
      double v = f.value(z);
      check(v, z);
      return new Result(v, 0, "exact (constant)");
    }
    double[] err = new double[1];
    long[] count = {0};
    Integrand counted = x -> {
      if (++count[0] > BUDGET) {
        throw new BudgetExceededException(BUDGET);
      }
      return f.value(x);
    };
    double v = level(counted, r, 0, z, breaks, tolerance, err);
    double tail = 2 * 7.6e-24 * r; // Gaussian mass beyond ±10 per coordinate
    return new Result(v, err[0] + tail * Math.max(1, Math.abs(v)),
        "adaptive Gauss–Kronrod (" + r + "D, kink-aware)");
  }

  private static double level(Integrand f, int r, int d, double[] z, Breakpoints breaks,
      double tol, double[] errOut) {
    List<Double> pts = new ArrayList<>();
    // Start from 8 pieces, not 1: on a single interval K15 and G7 can agree by accident.
    for (int i = 0; i < 8; i++) {
      pts.add(-CUTOFF + 2 * CUTOFF * i / 8);
    }
    for (double b : breaks.at(d, z)) {
      if (b > -CUTOFF && b < CUTOFF && Double.isFinite(b)) {
        pts.add(b);
      }
    }
    pts.add(CUTOFF);
    pts.sort(null);
    // Global adaptive: always split the interval with the largest error estimate, so that a
    // jump the caller did not announce is isolated by bisection without starving the rest.
    PriorityQueue<double[]> heap = new PriorityQueue<>((x, y) -> Double.compare(y[3], x[3]));
    double total = 0;
    double totalErr = 0;
    for (int i = 0; i + 1 < pts.size(); i++) {
      if (pts.get(i + 1) - pts.get(i) > 1e-14) {
        double[] iv = kronrod(f, r, d, z, breaks, tol, pts.get(i), pts.get(i + 1));
        heap.add(iv);
        total += iv[2];
        totalErr += iv[3];
      }
    }
    int intervals = heap.size();
    // Splitting reduces this level's own error (iv[3]) only, so that alone drives the loop; the
    // inner levels' errors (iv[4]) are added to the reported error.
    while (totalErr > tol * Math.max(1, Math.abs(total)) && intervals < MAX_INTERVALS) {
      double[] iv = heap.poll();
      double c = 0.5 * (iv[0] + iv[1]);
      if (!(c > iv[0] && c < iv[1])) {
        heap.add(iv);
        break; // cannot split further in floating point
      }
      double[] left = kronrod(f, r, d, z, breaks, tol, iv[0], c);
      double[] right = kronrod(f, r, d, z, breaks, tol, c, iv[1]);
      total += left[2] + right[2] - iv[2];
      totalErr += left[3] + right[3] - iv[3];
      heap.add(left);
      heap.add(right);
      intervals++;
    }
    // Recompute the sums to shed the rounding of the running updates.
    total = 0;
    totalErr = 0;
    double innerErr = 0;
    for (double[] iv : heap) {
      total += iv[2];
      totalErr += iv[3];
      innerErr += iv[4];
    }
    // Tails (outermost coordinate only: inner integrands at a far outer point may legitimately
    // live in their tails). A Gaussian-integrable f·φ decays at ±10 sd; if it is largest in the
    // intervals at the ends and they carry non-negligible mass, f grows like exp(z²/2) or faster
    // (E f = ∞) or so fast that truncating at 10 sd would be wrong.
    if (d == 0) {
      double peak = 0;
      double edgePeak = 0;
      double edgeMass = 0;
      for (double[] iv : heap) {
        peak = Math.max(peak, iv[5]);
        if (iv[0] <= -CUTOFF || iv[1] >= CUTOFF) {
          edgePeak = Math.max(edgePeak, iv[5]);
          edgeMass += Math.abs(iv[2]);
        }
      }
      if (peak > 0 && edgePeak >= 0.5 * peak && edgeMass > 1e-12 * Math.max(1, Math.abs(total))) {
        throw new NotConvergedException("the integrand does not decay in the Gaussian's tails: "
            + "f·φ is largest at ±" + CUTOFF + " standard deviations");
      }
    }
    if (totalErr > 1e3 * tol * Math.max(1, Math.abs(total))) {
      throw new NotConvergedException("adaptive quadrature did not converge after "
          + intervals + " intervals (error estimate " + String.format("%.3g", totalErr)
          + " for a value of " + String.format("%.6g", total) + ")");
    }
    totalErr += innerErr;
    errOut[0] = totalErr;
    return total;
  }

  /** {a, b, K15 estimate, its error, bound of the inner levels' errors, max |f·φ|} on [a, b]. */
  private static double[] kronrod(Integrand f, int r, int d, double[] z, Breakpoints breaks,
      double tol, double a, double b) {
    double c = 0.5 * (a + b);
    double h = 0.5 * (b - a);
    double k = 0;
    double g = 0;
    double innerMax = 0;
    double[] innerErr = new double[1];
    double[] fw = new double[15];
    for (int j = 0; j < 15; j++) {
      int idx = j < 8 ? j : 14 - j;
      double x = j < 8 ? c - h * XK[j] : c + h * XK[14 - j];
      z[d] = x;
      double fx;
      if (d + 1 == r) {
        fx = f.value(z);
        check(fx, z);
      } else {
        fx = level(f, r, d + 1, z, breaks, tol / 10, innerErr);
        z[d] = x;
        innerMax = Math.max(innerMax, innerErr[0]);
      }
      double w = fx * Math.exp(-0.5 * x * x) * INV_SQRT_2PI;
      fw[j] = w;
      k += WK[idx] * w;
      if (idx % 2 == 1) { // the Gauss nodes are the odd Kronrod ones
        g += WG[idx / 2] * w;
      }
    }
    // QUADPACK's error estimate: |K15 − G7| scaled by the variation of f on the interval,
    // err = resasc·min(1, (200|K15 − G7|/resasc)^1.5); far less pessimistic than |K15 − G7| for
    // smooth f, and equal to it for rough f.
    double mean = k / 2;
    double resasc = 0;
    for (int j = 0; j < 15; j++) {
      resasc += WK[j < 8 ? j : 14 - j] * Math.abs(fw[j] - mean);
    }
    resasc *= h;
    k *= h;
    g *= h;
    double diff = Math.abs(k - g);
    double err = resasc > 0 && diff > 0 ? resasc * Math.min(1, Math.pow(200 * diff / resasc, 1.5))
        : diff;
    // Inner errors integrate against at most the Gaussian mass of [a, b].
    double peak = 0;
    for (double w : fw) {
      peak = Math.max(peak, Math.abs(w));
    }
    return new double[] {a, b, k, err, innerMax * (b - a) * INV_SQRT_2PI, peak};
  }

  /**
   * E f(z), z ~ N(0, I_r), by tensor Gauss–Hermite with {@code n} nodes per coordinate; the error
   * is |Q_n − Q_m| with m = ⌈2n/3⌉ (an overestimate for analytic f, whose error falls
   * geometrically in n).
   */
  public static Result hermite(Integrand f, int r, int n) {
    double q = hermiteOnce(f, r, n);
    double q2 = hermiteOnce(f, r, (2 * n + 2) / 3);
    return new Result(q, Math.abs(q - q2), "Gauss–Hermite (" + r + "D, " + n + " nodes)");
  }

  private static final java.util.Map<Integer, double[][]> RULES =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Nodes and weights for E f(z), z ~ N(0,1): {nodes, weights}, weights summing to 1. */
  static double[][] rule(int n) {
    return RULES.computeIfAbsent(n, k -> {
      GaussIntegrator gi = new GaussIntegratorFactory().hermite(k);
      double[][] nw = new double[2][k];
      for (int i = 0; i < k; i++) {
        nw[0][i] = Math.sqrt(2) * gi.getPoint(i);
        nw[1][i] = gi.getWeight(i) / Math.sqrt(Math.PI);
      }
      return nw;
    });
  }

  private static double hermiteOnce(Integrand f, int r, int n) {
    double[][] nw = rule(n);
    double[] z = new double[r];
    int[] ix = new int[r];
    double sum = 0;
    int total = (int) Math.pow(n, r);
    for (int t = 0; t < total; t++) {
      int rem = t;
      double w = 1;
      for (int d = 0; d < r; d++) {
        ix[d] = rem % n;
        rem /= n;
        z[d] = nw[0][ix[d]];
        w *= nw[1][ix[d]];
      }
      double v = f.value(z);
      check(v, z);
      sum += w * v;
    }
    return sum;
  }

  private static void check(double v, double[] z) {
    if (!Double.isFinite(v)) {
      throw new NonFiniteIntegrandException(z, v);
    }
  }
}
