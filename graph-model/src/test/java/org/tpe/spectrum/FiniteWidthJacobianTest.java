package org.tpe.spectrum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tpe.limit.CancellationToken;

/** Singular values of an actual seeded network's Jacobian, against finite-n facts. */
class FiniteWidthJacobianTest {
  static FiniteWidthSpectrum run(org.tpe.model.Program p, int n, long seed, boolean orthogonal) {
    return FiniteWidthJacobian.compute(Jacobian.of(p, null, null), n, seed, orthogonal,
        CancellationToken.NONE);
  }

  @Test
  void traceOfALinearNetworkIsOneWithinItsDerivedSpread() {
    // T_L = (1/n)‖W_L ⋯ W_1‖_F², σ² = 1: given M = W_{L−1}⋯W_1 the rows of W_L M are Gaussian,
    // so Var(T_L | M) = 2 τ̂_2(M)/n², and τ_2 of a product of j Wisharts is j + 1: Var(T_L) =
    // 2 Σ_{j<L} (j + 1)/n² = L(L + 1)/n². 6 standard deviations: false failure ≈ 2·10⁻⁹.
    for (int depth : new int[] {1, 3}) {
      int n = 384;
      double tau1 = run(Networks.linear(depth, 1), n, 7, false).moments(1)[0];
      assertEquals(1, tau1, 6 * Math.sqrt(depth * (depth + 1.0)) / n, "depth " + depth);
    }
  }

  @Test
  void spectrumOfOneWishartFollowsMarchenkoPastur() {
    int n = 512;
    double s2 = 1.5;
    FiniteWidthSpectrum f = run(Networks.wishart(s2), n, 3, false);
    // Kolmogorov distance to the MP law F(x) = (2/π)(Θ + sinΘ cosΘ), Θ = arcsin √(x/4σ²): the
    // empirical distribution of a Wishart matrix is within O(1/n) (up to logs; Götze–Tikhomirov)
    double[] l = f.eigenvalues();
    double ks = 0;
    for (int i = 0; i < n; i++) {
      double t = Math.asin(Math.sqrt(Math.min(1, Math.max(0, l[i] / (4 * s2)))));
      double cdf = 2 / Math.PI * (t + Math.sin(t) * Math.cos(t));
      ks = Math.max(ks, Math.max(Math.abs(cdf - (i + 1.0) / n), Math.abs(cdf - (double) i / n)));
    }
    assertTrue(ks < 8.0 / n, "KS distance " + ks);
    // the largest eigenvalue: 4σ² + σ² 2^{4/3} n^{−2/3} TW₁ (Johnstone 2001), TW₁ mean −1.21, sd
    // 1.27: within 6 sd of the edge
    double tw = s2 * Math.pow(2, 4.0 / 3) * Math.pow(n, -2.0 / 3);
    assertEquals(4 * s2, f.lambdaMax(), tw * (1.21 + 6 * 1.27));
  }

  @Test
  void orthogonalLinearNetworkHasEveryEigenvalueAtSigmaToThe2L() {
    double s2 = 1.3;
    FiniteWidthSpectrum f = run(Networks.linear(3, s2), 200, 5, true);
    for (double l : f.eigenvalues()) {
      assertEquals(Math.pow(s2, 3), l, 1e-11);
    }
    assertTrue(f.orthogonal());
  }

  @Test
  void theSeedDeterminesTheSpectrum() {
    var p = Networks.mlp(3, "relu", 2, 1);
    FiniteWidthSpectrum a = run(p, 128, 11, false);
    FiniteWidthSpectrum b = run(p, 128, 11, false);
    FiniteWidthSpectrum c = run(p, 128, 12, false);
    assertArrayEquals(a.eigenvalues(), b.eigenvalues());
    assertFalse(Arrays.equals(a.eigenvalues(), c.eigenvalues()));
    assertEquals(128, a.eigenvalues().length);
  }

  @Test
  void reluHalvesTheRankOfJ() {
    // J = W2 diag(step(h1)) W1 has rank #{h1 > 0} ≈ n/2: that many eigenvalues are 0 (≤ 1e-20)
    int n = 256;
    FiniteWidthSpectrum f = run(Networks.mlp(2, "relu", 2, 1), n, 2, false);
    long zeros = Arrays.stream(f.eigenvalues()).filter(l -> l < 1e-20).count();
    // Binomial(n, 1/2): within 6 sd = 6·√n/2
    assertEquals(n / 2.0, zeros, 6 * Math.sqrt(n) / 2);
  }

  @Test
  void continuousHistogramLeavesTheZeroEigenvaluesOut() {
    FiniteWidthSpectrum f = run(Networks.mlp(3, "relu", 2, 1), 256, 4, false);
    org.tpe.limit.Histogram h = f.continuousHistogram(30, 1.05 * f.lambdaMax());
    double mass = 0;
    double[] e = h.edges();
    double[] d = h.density();
    for (int i = 0; i < d.length; i++) {
      mass += d[i] * (e[i + 1] - e[i]);
    }
    assertEquals(1 - f.fractionAtZero(), mass, 1e-12);
    assertTrue(f.fractionAtZero() > 0.3, "relu: about half the eigenvalues are 0");
  }

  @Test
  void aMomentInTheForwardPassIsHeldFixedAtItsFiniteWidthValue() {
    // y = h/√ν, ν = avg(h²) ≈ E h² = 1: J = V · ν̂^{−1/2} · W, so τ̂_1 = τ̂_1(VW)/ν̂ with ν̂ a
    // chi-square mean (sd √(2/n)) and τ̂_1(VW) within √6/n of 1 (the linear depth-2 spread)
    var p = org.tpe.format.TpParser.parse("input W : A(n, n) ~ N(0, 1/n)\n"
        + "input V : A(n, n) ~ N(0, 1/n)\ninput x : G(n) ~ N(0, 1)\nh := W x\n"
        + "ν := avg(h*h)\ny := h/sqrt(ν)\ng := V y\noutput g\n");
    int n = 400;
    double tau1 = run(p, n, 9, false).moments(1)[0];
    assertEquals(1, tau1, 6 * (Math.sqrt(2.0 / n) + Math.sqrt(6) / n));
  }

  @Test
  void widthsOutOfRangeAreRefused() {
    Jacobian j = Jacobian.of(Networks.wishart(1), null, null);
    assertThrows(SpectrumException.class,
        () -> FiniteWidthJacobian.compute(j, 1, 1, false, CancellationToken.NONE));
    SpectrumException e = assertThrows(SpectrumException.class,
        () -> FiniteWidthJacobian.compute(j, 100_000, 1, false, CancellationToken.NONE));
    assertTrue(e.getMessage().contains("between 2 and 4096"), e.getMessage());
  }

  @Test
  void histogramIsADensityOfTheEigenvalues() {
    FiniteWidthSpectrum f = run(Networks.wishart(1), 200, 1, false);
    org.tpe.limit.Histogram h = f.histogram(20, 1.05 * f.lambdaMax());
    double mass = 0;
    double[] e = h.edges();
    double[] d = h.density();
    for (int i = 0; i < d.length; i++) {
      mass += d[i] * (e[i + 1] - e[i]);
    }
    assertEquals(1, mass, 1e-12);
  }
}
