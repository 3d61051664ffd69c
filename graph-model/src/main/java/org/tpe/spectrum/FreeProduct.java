package org.tpe.spectrum;

import java.util.ArrayList;
import java.util.List;
import org.tpe.limit.CancellationToken;

/**
 * The free multiplicative convolution μ = ν₁ ⊠ ⋯ ⊠ ν_m of laws on [0, ∞) (Voiculescu; seeds/003:
 * the spectrum of JᵀJ for an MLP is ⊠ over layers of the laws of W_lᵀW_l and D_l², since they are
 * asymptotically free, Collins–Hayase 2022). Its S-transform is the product S_μ = Π S_{νᵢ}, where
 * S(z) = (1 + z)/z · χ(z) and χ = ψ^{⟨−1⟩} inverts ψ(z) = Σ_{k≥1} m_k z^k = ∫ zt/(1 − zt) dν.
 *
 * <ul>
 *   <li>{@link #moments}: τ_1 … τ_K by Lagrange inversion of truncated power series, [w^n] ψ_μ =
 *       (1/n) [z^{n−1}] h_μ(z)^n with h_μ(z) = z/χ_μ(z) = Π hᵢ(z) / (1 + z)^{m−1}; exact algebra, so
 *       the only errors are the factors' moment errors and rounding (≈ K·10⁻¹⁶ relative for
 *       positive series such as Fuss–Catalan). O(m K² + K³).
 *   <li>{@link #density}: Stieltjes inversion. For z = λ + iη, w = ψ_μ(1/z) = z G(z) − 1 solves
 *       z · w · S_μ(w) = 1 + w; it is found by Newton's method continued from |z| ≫ λ_max (where
 *       the moment series gives w) down to η = {@value #ETA} λ_max along the vertical line over
 *       λ, each factor's χᵢ(w) solved by an inner Newton iteration (so the branch is the one
 *       analytic in the upper half-plane, Im G &lt; 0). ρ(λ) = −Im G(λ + iη)/π minus the atom at
 *       0. Accuracy: Newton to 10⁻¹⁴ relative in w; the density is smoothed by a Cauchy kernel of
 *       width η, so it is accurate to ≈ 10⁻⁹ relative away from the edges of the support and
 *       from a singularity at 0, and to O(η/d) at a distance d from them (each Newton step is
 *       checked to stay on the Nevanlinna branch, Im G &lt; 0, and a secant predictor follows the
 *       root where two roots meet, as at λ → 0 for Marchenko–Pastur);
 *       discrete factors ({@link SpectralFactor.DiscreteLaw}) represent their law exactly in its
 *       moments but only approximately in ψ near the support (see {@link DerivativeLaw}).
 *   <li>{@link #lambdaMax}: the right edge, 1/χ_μ(w*) at the first critical point w* &gt; 0 of χ_μ
 *       on the real axis (for Marchenko–Pastur w* = 1 and λ_max = 4σ²), to ≈ 10⁻¹² relative.
 *   <li>{@link #support}: the intervals where the density is positive, from the grid and a
 *       bisection of each edge; interior points are told from exterior ones by how Im w scales
 *       with η (constant inside the support, ∝ η outside). Where a continuous factor is
 *       represented by a quadrature rule and no Marchenko–Pastur factor smooths the product
 *       (orthogonal weights), the far lower tail of μ — mass ≈ 10⁻⁴ — shows the rule's atoms as
 *       narrow fragments; {@link #mass} tells them from the bulk.
 *   <li>{@link #massAtZero}: μ({0}) = max νᵢ({0}) (Bercovici–Voiculescu); μ may have atoms away
 *       from 0 too (free products of projections), which the density does not show: compare
 *       {@link Density#mass()} + the atom at 0 with 1.
 * </ul>
 *
 * Immutable and thread safe.
 */
public final class FreeProduct {
  /** η of the Stieltjes inversion, relative to λ_max. */
  public static final double ETA = 1e-10;

  /**
   * The density on a grid.
   *
   * @param x the points λ (copied)
   * @param density ρ(λ) of the absolutely continuous part (NaN where the solver failed)
   * @param eta the imaginary part used
   */
  public record Density(double[] x, double[] density, double eta) {
    public Density {
      x = x.clone();
      density = density.clone();
    }

    @Override
    public double[] x() {
      return x.clone();
    }

    @Override
    public double[] density() {
      return density.clone();
    }

    /** ∫ ρ by the trapezoid rule on the grid (from 0): the mass the grid sees. */
    public double mass() {
      double m = 0;
      double px = 0;
      double pd = density.length == 0 ? 0 : density[0];
      for (int i = 0; i < x.length; i++) {
        m += 0.5 * (density[i] + pd) * (x[i] - px);
        px = x[i];
        pd = density[i];
      }
      return m;
    }
  }

  private final List<SpectralFactor> factors;

  private FreeProduct(List<SpectralFactor> factors) {
    this.factors = List.copyOf(factors);
  }

  /** ⊠ of {@code factors} (at least one). */
  public static FreeProduct of(List<SpectralFactor> factors) {
    if (factors.isEmpty()) {
      throw new IllegalArgumentException("a free product needs at least one factor");
    }
    return new FreeProduct(factors);
  }

  public List<SpectralFactor> factors() {
    return factors;
  }

  /** Whether μ = δ_0 (some factor has mean 0). */
  public boolean isZero() {
    return factors.stream().anyMatch(f -> f.moment(1) == 0);
  }

  /** Whether every factor is a point mass, so μ is the point mass at their product. */
  public boolean isPointMass() {
    return factors.stream().allMatch(f -> f instanceof SpectralFactor.PointMass);
  }

  /** μ({0}) = max over the factors of νᵢ({0}). */
  public double massAtZero() {
    double m = 0;
    for (SpectralFactor f : factors) {
      m = Math.max(m, f.massAtZero());
    }
    return isZero() ? 1 : m;
  }

  /** A bound on the support: Π of the factors' largest points (‖ab‖ ≤ ‖a‖‖b‖). */
  public double supportBound() {
    double b = 1;
    for (SpectralFactor f : factors) {
      b *= f.supportMax();
    }
    return b;
  }

  /** τ_1 … τ_K of μ ({@code [k − 1]} holds τ_k). */
  public double[] moments(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("at least one moment: " + k);
    }
    if (isZero()) {
      return new double[k];
    }
    double[] h = new double[k + 1];
    h[0] = 1;
    for (SpectralFactor f : factors) {
      h = PowerSeries.multiply(h, lagrangeKernel(f, k));
    }
    // divide by (1 + z)^{m−1}
    double[] onePlusZInverse = new double[k + 1];
    for (int j = 0; j <= k; j++) {
      onePlusZInverse[j] = (j % 2 == 0) ? 1 : -1;
    }
    for (int i = 1; i < factors.size(); i++) {
      h = PowerSeries.multiply(h, onePlusZInverse);
    }
    double[] psi = PowerSeries.inverseFromH(h);
    double[] out = new double[k];
    System.arraycopy(psi, 1, out, 0, k);
    return out;
  }

  /** hᵢ(z) = z/χᵢ(z) to degree k. */
  private static double[] lagrangeKernel(SpectralFactor f, int k) {
    double[] h = new double[k + 1];
    if (f instanceof SpectralFactor.MarchenkoPastur mp) {
      h[0] = mp.sigma2(); // σ²(1 + z)²
      if (k >= 1) {
        h[1] = 2 * mp.sigma2();
      }
      if (k >= 2) {
        h[2] = mp.sigma2();
      }
      return h;
    }
    if (f instanceof SpectralFactor.PointMass pm) {
      h[0] = pm.value(); // c(1 + z)
      if (k >= 1) {
        h[1] = pm.value();
      }
      return h;
    }
    double[] psiOverZ = new double[k + 1]; // ψ(z)/z = Σ m_{j+1} z^j
    for (int j = 0; j <= k; j++) {
      psiOverZ[j] = f.moment(j + 1);
    }
    // z/χ(z) with χ = ψ^{⟨−1⟩}: Lagrange gives χ; then invert χ/z
    double[] psi = new double[k + 2];
    System.arraycopy(psiOverZ, 0, psi, 1, k + 1);
    double[] chi = PowerSeries.inverse(psi);
    double[] chiOverZ = new double[k + 1];
    System.arraycopy(chi, 1, chiOverZ, 0, k + 1);
    return PowerSeries.reciprocal(chiOverZ);
  }

  /**
   * The right edge of the support of μ (for a point mass, its location).
   *
   * @throws ArithmeticException if the real solver fails (it should not for laws on [0, ∞))
   */
  public double lambdaMax() {
    if (isZero()) {
      return 0;
    }
    if (isPointMass()) {
      return supportBound();
    }
    StieltjesSolver s = new StieltjesSolver(factors);
    double prev = Double.NaN;
    double prevW = 0;
    double w = 1e-8;
    double last = Double.NaN;
    for (int j = 0; j <= 400; j++, w *= Math.pow(10, 0.05)) {
      double g = s.logDerivative(w);
      if (!Double.isNaN(prev) && prev > 0 && g <= 0) {
        double lo = prevW;
        double hi = w;
        for (int it = 0; it < 200 && hi / lo > 1 + 1e-15; it++) {
          double mid = Math.sqrt(lo * hi);
          if (s.logDerivative(mid) > 0) {
            lo = mid;
          } else {
            hi = mid;
          }
        }
        double ws = Math.sqrt(lo * hi);
        return 1 / s.chiReal(ws);
      }
      prev = g;
      prevW = w;
      last = w;
    }
    // χ increases for ever: its supremum is the limit at w → ∞
    return 1 / s.chiReal(last);
  }

  /**
   * ρ on {@code grid} (points λ &gt; 0).
   *
   * @throws java.util.concurrent.CancellationException if {@code cancel} is cancelled
   */
  public Density density(double[] grid, CancellationToken cancel) {
    double[] rho = new double[grid.length];
    if (isZero() || isPointMass()) {
      return new Density(grid, rho, 0);
    }
    double scale = lambdaMax();
    double eta = ETA * scale;
    StieltjesSolver s = new StieltjesSolver(factors);
    double a0 = massAtZero();
    double[] m = moments(8);
    for (int i = 0; i < grid.length; i++) {
      cancel.check();
      double lambda = grid[i];
      Cx w = s.continued(lambda, new double[] {eta}, m, scale)[0];
      if (w == null) {
        rho[i] = Double.NaN;
        continue;
      }
      Cx z = new Cx(lambda, eta);
      Cx g = w.plus(1).div(z).minus(Cx.real(a0).div(z));
      rho[i] = Math.max(0, -g.im() / Math.PI);
    }
    return new Density(grid, rho, eta);
  }

  /**
   * The intervals [a, b] where μ has a positive density, found on {@code grid} and refined by
   * bisection to ≈ 10⁻⁹ λ_max (a left edge below the first grid point is searched down to 0).
   */
  public List<double[]> support(double[] grid, CancellationToken cancel) {
    List<double[]> out = new ArrayList<>();
    if (isZero() || isPointMass() || grid.length == 0) {
      return out;
    }
    double scale = lambdaMax();
    StieltjesSolver s = new StieltjesSolver(factors);
    double[] m = moments(8);
    boolean[] in = new boolean[grid.length];
    for (int i = 0; i < grid.length; i++) {
      cancel.check();
      in[i] = s.inside(grid[i], m, scale);
    }
    Double start = null;
    if (in[0]) {
      double tiny = grid[0] * 1e-9;
      start = s.inside(tiny, m, scale) ? 0.0 : edge(s, tiny, grid[0], m, scale, false);
    }
    for (int i = 1; i < grid.length; i++) {
      cancel.check();
      if (in[i] && !in[i - 1]) {
        start = edge(s, grid[i - 1], grid[i], m, scale, false);
      } else if (!in[i] && in[i - 1]) {
        out.add(new double[] {start, edge(s, grid[i - 1], grid[i], m, scale, true)});
        start = null;
      }
    }
    if (start != null) {
      out.add(new double[] {start, Math.max(scale, grid[grid.length - 1])});
    }
    return out;
  }

  /**
   * μ's mass on [lo, hi]: ∫ ρ by the tanh-sinh rule (Takahasi–Mori; 41 points, step 0.15 on
   * [−3, 3]), which integrates the algebraic singularities at the edges of a support (λ^{−1/2}
   * at 0 for Marchenko–Pastur, λ^{−L/(L+1)} for a product of L Wisharts, square roots at the
   * right edge); for telling the bulk from fragments of tiny mass. Accuracy: 10⁻⁵ for
   * Marchenko–Pastur; a singularity λ^{−α} at 0 keeps mass ∝ η^{1−α} below the smoothing scale
   * η, which the smoothed density misses: 0.25 % for three Wisharts (α = 3/4), more for deeper
   * products.
   */
  public double mass(double lo, double hi, CancellationToken cancel) {
    if (!(hi > lo)) {
      return 0;
    }
    double h = 0.15;
    int half = 20;
    double[] x = new double[2 * half + 1];
    double[] w = new double[x.length];
    double c = 0.5 * (lo + hi);
    double r = 0.5 * (hi - lo);
    for (int i = -half; i <= half; i++) {
      double t = i * h;
      double u = 0.5 * Math.PI * Math.sinh(t);
      double ch = Math.cosh(u);
      // x = c + r tanh(u), written as lo + r(1 + tanh u) = lo + r e^u/cosh u for u < 0 and
      // hi − r(1 − tanh u) = hi − r e^{−u}/cosh u for u ≥ 0: no cancellation near the ends
      x[i + half] = i < 0 ? lo + r * Math.exp(u) / ch : hi - r * Math.exp(-u) / ch;
      w[i + half] = h * r * 0.5 * Math.PI * Math.cosh(t) / (ch * ch);
    }
    double[] rho = density(x, cancel).density();
    double m = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] > lo && x[i] < hi && !Double.isNaN(rho[i])) {
        m += w[i] * rho[i];
      }
    }
    return m;
  }

  /** Bisects the edge in [a, b]: inside at a when {@code insideAtA}, else inside at b. */
  private static double edge(StieltjesSolver s, double a, double b, double[] m, double scale,
      boolean insideAtA) {
    for (int it = 0; it < 36 && b - a > 1e-12 * scale; it++) {
      double mid = 0.5 * (a + b);
      if (s.inside(mid, m, scale) == insideAtA) {
        a = mid;
      } else {
        b = mid;
      }
    }
    return 0.5 * (a + b);
  }
}
