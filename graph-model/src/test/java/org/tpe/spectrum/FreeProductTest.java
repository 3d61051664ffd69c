package org.tpe.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tpe.limit.CancellationToken;

/** The free multiplicative convolution against closed forms and an independent oracle. */
class FreeProductTest {
  static SpectralFactor.MarchenkoPastur wishart(double sigma2) {
    return new SpectralFactor.MarchenkoPastur("W", sigma2);
  }

  static SpectralFactor.DiscreteLaw bernoulli(double p) {
    return new SpectralFactor.DiscreteLaw("B", new double[] {1, 0}, new double[] {p, 1 - p},
        1 - p, 0, "exact");
  }

  /** (1/(Lk + 1)) C((L + 1)k, k), the moments of a product of L free Wisharts (Fuss–Catalan). */
  static double fussCatalan(int l, int k) {
    double c = 1;
    for (int j = 0; j < k; j++) {
      c = c * ((l + 1) * k - j) / (j + 1);
    }
    return c / (l * k + 1);
  }

  @Test
  void marchenkoPasturMomentsAreTheCatalanNumbers() {
    double[] m = FreeProduct.of(List.of(wishart(1))).moments(10);
    double[] catalan = {1, 2, 5, 14, 42, 132, 429, 1430, 4862, 16796};
    for (int k = 0; k < 10; k++) {
      assertEquals(catalan[k], m[k], 0, "τ_" + (k + 1));
    }
    // σ² scales the k-th moment by σ^{2k}
    double[] m2 = FreeProduct.of(List.of(wishart(1.5))).moments(5);
    for (int k = 0; k < 5; k++) {
      assertEquals(catalan[k] * Math.pow(1.5, k + 1), m2[k], 1e-13 * m2[k]);
    }
  }

  @Test
  void productOfLWishartsHasFussCatalanMomentsAndEdge() {
    for (int l = 1; l <= 6; l++) {
      FreeProduct mu = FreeProduct.of(Collections.nCopies(l, wishart(1)));
      double[] m = mu.moments(12);
      for (int k = 1; k <= 12; k++) {
        assertEquals(fussCatalan(l, k), m[k - 1], 1e-13 * fussCatalan(l, k), "L=" + l + " k=" + k);
      }
      double edge = Math.pow(l + 1, l + 1) / Math.pow(l, l);
      assertEquals(edge, mu.lambdaMax(), 1e-12 * edge, "λ_max for L = " + l);
    }
  }

  @Test
  void marchenkoPasturDensityIsTheClosedForm() {
    double s2 = 1.7;
    FreeProduct mu = FreeProduct.of(List.of(wishart(s2)));
    double[] grid = new double[97];
    for (int i = 0; i < grid.length; i++) {
      grid[i] = 4 * s2 * (i + 1) / 98.0;
    }
    double[] rho = mu.density(grid, CancellationToken.NONE).density();
    for (int i = 0; i < grid.length; i++) {
      double x = grid[i];
      double exact = Math.sqrt((4 * s2 - x) * x) / (2 * Math.PI * s2 * x);
      assertEquals(exact, rho[i], 1e-9 * exact, "ρ(" + x + ")");
    }
    // outside the support the density is 0 (up to the Cauchy smoothing η/(π d²))
    double[] out = mu.density(new double[] {4 * s2 * 1.01, 4 * s2 * 2}, CancellationToken.NONE)
        .density();
    assertEquals(0, out[0], 1e-6);
    assertEquals(0, out[1], 1e-9);
  }

  @Test
  void supportOfMarchenkoPasturIsZeroToFourSigmaSquared() {
    double s2 = 2;
    FreeProduct mu = FreeProduct.of(List.of(wishart(s2)));
    List<double[]> support = mu.support(grid(10 * s2, 50), CancellationToken.NONE);
    assertEquals(1, support.size());
    assertEquals(0, support.get(0)[0], 0);
    assertEquals(8, support.get(0)[1], 1e-8);
    assertEquals(8, mu.lambdaMax(), 1e-12);
  }

  static double[] grid(double top, int n) {
    double[] g = new double[n];
    for (int i = 0; i < n; i++) {
      g[i] = top * (i + 0.5) / n;
    }
    return g;
  }

  @Test
  void reluLikeProductsMatchTheNoncrossingPartitionOracle() {
    // W3 D2 W2 D1 W1 with Bernoulli D's (relu at σ² = 2): the two implementations share nothing
    List<SpectralFactor> factors = List.of(wishart(2), bernoulli(0.5), wishart(2),
        bernoulli(0.3), wishart(1.5));
    double[] series = FreeProduct.of(factors).moments(6);
    List<double[]> laws = new ArrayList<>();
    for (SpectralFactor f : factors) {
      double[] m = new double[6];
      for (int k = 1; k <= 6; k++) {
        m[k - 1] = f.moment(k);
      }
      laws.add(m);
    }
    double[] oracle = NoncrossingOracle.product(laws);
    for (int k = 0; k < 6; k++) {
      assertEquals(oracle[k], series[k], 1e-12 * oracle[k], "τ_" + (k + 1));
    }
    // a product of two free projections with traces p and q: τ((PQ)) = pq (trace property)
    assertEquals(0.15, FreeProduct.of(List.of(bernoulli(0.5), bernoulli(0.3))).moments(1)[0],
        1e-15);
  }

  @Test
  void oracleReproducesCatalanNumbers() {
    // the oracle itself: the product of two free semicircle-squared… checked on MP = 1 ⊠ MP
    double[] mp = {1, 2, 5, 14, 42};
    double[] one = {1, 1, 1, 1, 1};
    double[] m = NoncrossingOracle.product(one, mp);
    for (int k = 0; k < 5; k++) {
      assertEquals(mp[k], m[k], 1e-12);
    }
    double[] fc = NoncrossingOracle.product(mp, mp);
    for (int k = 1; k <= 5; k++) {
      assertEquals(fussCatalan(2, k), fc[k - 1], 1e-9);
    }
  }

  @Test
  void orthogonalLinearNetworkIsThePointMassAtSigmaToThe2L() {
    double s2 = 1.3;
    FreeProduct mu = FreeProduct.of(Collections.nCopies(4,
        new SpectralFactor.PointMass("O", s2)));
    assertTrue(mu.isPointMass());
    assertEquals(Math.pow(s2, 4), mu.lambdaMax(), 1e-14);
    double[] m = mu.moments(5);
    for (int k = 1; k <= 5; k++) {
      assertEquals(Math.pow(s2, 4 * k), m[k - 1], 1e-13 * m[k - 1]);
    }
    assertEquals(0, mu.massAtZero());
  }

  @Test
  void atomAtZeroIsTheLargestAtomOfTheFactors() {
    FreeProduct mu = FreeProduct.of(List.of(wishart(2), bernoulli(0.5), wishart(2),
        bernoulli(0.3)));
    assertEquals(0.7, mu.massAtZero(), 0);
    assertFalse(mu.isZero());
    // the density and the atom carry (almost) all mass: the grid misses only the integrable
    // singularity at 0 (ρ ~ λ^{-1/2}…) between 0 and its first point
    FreeProduct.Density d = mu.density(grid(1.05 * mu.lambdaMax(), 800), CancellationToken.NONE);
    assertEquals(1, d.mass() + mu.massAtZero(), 0.03);
  }

  @Test
  void massOfTheSupportIsOneUpToTheSmoothedSingularityAtZero() {
    CancellationToken none = CancellationToken.NONE;
    assertEquals(1, FreeProduct.of(List.of(wishart(1))).mass(0, 4, none), 1e-4);
    // three Wisharts: ρ ~ λ^{−3/4} at 0; below η ≈ 1e-9 the smoothed density misses ≈ 0.3 %
    FreeProduct fc = FreeProduct.of(Collections.nCopies(3, wishart(1)));
    double m = fc.mass(0, fc.lambdaMax(), none);
    assertTrue(m < 1 && m > 0.99, "mass " + m);
    // relu: the continuous part carries 1 − (the atom at 0)
    FreeProduct relu = FreeProduct.of(List.of(wishart(2), bernoulli(0.5), wishart(2)));
    assertEquals(0.5, relu.mass(0, relu.lambdaMax(), none), 0.01);
  }

  @Test
  void densityNearZeroFollowsTheBranchOfTheStieltjesTransform() {
    // Marchenko–Pastur at λ → 0, where both roots of the quadratic meet: ρ = √(4λ − λ²)/(2πλ).
    // The other root gives ρ = 0 there; the Cauchy smoothing of width η = 1e-10·λ_max costs
    // O(η/λ) relative next to the singularity at 0.
    double[] x = {1e-8, 1e-6, 1e-4};
    double eta = FreeProduct.ETA * 4;
    double[] rho = FreeProduct.of(List.of(wishart(1))).density(x, CancellationToken.NONE)
        .density();
    for (int i = 0; i < x.length; i++) {
      double exact = Math.sqrt((4 - x[i]) * x[i]) / (2 * Math.PI * x[i]);
      assertEquals(exact, rho[i], Math.max(1e-9, eta / x[i]) * exact, "ρ(" + x[i] + ")");
    }
  }

  @Test
  void densityMomentsAgreeWithSeriesMoments() {
    // a smooth factor (the law of erf′(Z)², Z ~ N(0, 0.3)) between two Wisharts; ∫ λ^k ρ by the
    // trapezoid rule on a fine grid (error O(h^{3/2}) at the square-root edges: ≈ 1e-4 here)
    SpectralFactor.DiscreteLaw erf = DerivativeLaw.of("erf′²",
        org.tpe.format.TpParser.parseExpression("2/sqrt(pi)*exp(-h^2)"), "h", 0, 0.3);
    FreeProduct mu = FreeProduct.of(List.of(wishart(1.2), erf, wishart(1.2)));
    double top = 1.02 * mu.lambdaMax();
    FreeProduct.Density d = mu.density(grid(top, 4000), CancellationToken.NONE);
    double[] x = d.x();
    double[] rho = d.density();
    double[] series = mu.moments(3);
    for (int k = 1; k <= 3; k++) {
      double s = 0;
      for (int i = 0; i < x.length; i++) {
        s += Math.pow(x[i], k) * rho[i] * top / x.length;
      }
      assertEquals(series[k - 1], s, 3e-4 * series[k - 1], "τ_" + k);
    }
  }
}
