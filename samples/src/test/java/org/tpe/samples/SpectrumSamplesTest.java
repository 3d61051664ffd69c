package org.tpe.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.Estimate;
import org.tpe.model.MatMul;
import org.tpe.model.MatrixInput;
import org.tpe.model.Program;
import org.tpe.spectrum.FiniteWidthJacobian;
import org.tpe.spectrum.FiniteWidthSpectrum;
import org.tpe.spectrum.FreeProduct;
import org.tpe.spectrum.Jacobian;
import org.tpe.spectrum.SpectralFactor;
import org.tpe.spectrum.SpectrumAnalysis;
import org.tpe.spectrum.SpectrumOptions;
import org.tpe.spectrum.SpectrumReport;

/**
 * The Jacobian-spectrum samples' facts (issue: Jacobian spectra), each against a value derived
 * here: Fuss–Catalan and Catalan moments and edges, τ_1 = Π σ_l² E[D_l²] and τ_2 by the
 * two-moment formula of free multiplicative convolution, the point mass of orthogonal linear
 * networks, and the finite-width spectrum at n = 1024 within derived spreads.
 */
class SpectrumSamplesTest {
  static SpectrumReport free(String sample, String from, int moments, boolean orthogonal) {
    return SpectrumAnalysis.run(Samples.get(sample).program(), SpectrumOptions.defaults()
        .withEnds(from, null).withMoments(moments).withWidth(0).withOrthogonal(orthogonal)
        .withGridPoints(40));
  }

  static double fussCatalan(int l, int k) {
    double c = 1;
    for (int j = 0; j < k; j++) {
      c = c * ((l + 1) * k - j) / (j + 1);
    }
    return c / (l * k + 1);
  }

  /**
   * For free positive a, b: τ(ab) = τ(a)τ(b) and τ((ab)²) = τ(a²)τ(b)² + τ(a)²τ(b²) −
   * τ(a)²τ(b)² (Nica–Speicher, Lecture 14, from the free cumulants κ₁, κ₂); folded over the
   * factors, the first two moments of their free product.
   */
  static double[] twoMoments(List<double[]> laws) {
    double a1 = laws.get(0)[0];
    double a2 = laws.get(0)[1];
    for (int i = 1; i < laws.size(); i++) {
      double b1 = laws.get(i)[0];
      double b2 = laws.get(i)[1];
      double m2 = a2 * b1 * b1 + a1 * a1 * b2 - a1 * a1 * b1 * b1;
      a1 *= b1;
      a2 = m2;
    }
    return new double[] {a1, a2};
  }

  @Test
  void linearNetworkHasFussCatalanMomentsAndEdge() {
    SpectrumReport r = free("spectrum-linear", null, 8, false);
    assertEquals("W3 · W2 · W1", r.jacobian().formula());
    for (int k = 1; k <= 8; k++) {
      double fc = fussCatalan(3, k);
      assertEquals(fc, r.free().moments().get(k - 1).value(), 1e-13 * fc, "τ_" + k);
    }
    assertEquals(256.0 / 27, r.free().lambdaMax(), 1e-12, "(L+1)^{L+1}/L^L, L = 3");
  }

  @Test
  void lastLayerAloneIsMarchenkoPasturWithCatalanMoments() {
    SpectrumReport r = free("spectrum-linear", "h2", 5, false);
    double[] catalan = {1, 2, 5, 14, 42};
    for (int k = 0; k < 5; k++) {
      assertEquals(catalan[k], r.free().moments().get(k).value(), 1e-13 * catalan[k]);
    }
    assertEquals(4, r.free().lambdaMax(), 1e-12);
  }

  @Test
  void orthogonalLinearNetworkIsThePointMassAtSigmaToThe2L() {
    SpectrumReport r = free("spectrum-linear", null, 4, true);
    assertTrue(r.free().pointMass());
    assertEquals(1, r.free().lambdaMax(), 1e-15, "σ^{2L} with σ² = 1");
    assertNull(r.program());
    FiniteWidthSpectrum f = FiniteWidthJacobian.compute(r.jacobian(), 256, 1, true,
        CancellationToken.NONE);
    for (double l : f.eigenvalues()) {
      assertEquals(1, l, 1e-11, "JᵀJ = I at every width");
    }
  }

  /** The laws' (m_1, m_2) along J: Wisharts (σ², 2σ⁴), D²'s from {@code d2}. */
  static List<double[]> factorMoments(Program p, Jacobian j, boolean orthogonal,
      java.util.function.Function<String, double[]> d2) {
    List<double[]> laws = new ArrayList<>();
    for (Jacobian.Step s : j.steps()) {
      if (s.instruction() instanceof MatMul mm) {
        double s2 = ((MatrixInput) p.definition(mm.matrix())).sigma2();
        laws.add(orthogonal ? new double[] {s2, s2 * s2} : new double[] {s2, 2 * s2 * s2});
      } else if (!s.partials().isEmpty()) {
        laws.add(d2.apply(s.target()));
      }
    }
    return laws;
  }

  @Test
  void deepReluKeepsTauOneAtTwoAndHasTheFreeSecondMoment() {
    SpectrumReport r = free("spectrum-relu", null, 2, false);
    Program p = Samples.get("spectrum-relu").program();
    // D_l² = step(h_l), h_l ~ N(0, ·): Bernoulli(1/2), m_1 = m_2 = 1/2
    double[] m = twoMoments(factorMoments(p, r.jacobian(), false, x -> new double[] {0.5, 0.5}));
    assertEquals(2, m[0], 1e-15, "σ^{2L}/2^{L−1} = 2^5/2^4");
    assertEquals(m[0], r.free().moments().get(0).value(), 1e-13);
    assertEquals(m[1], r.free().moments().get(1).value(), 1e-12 * m[1]);
    assertEquals(0.5, r.free().massAtZero(), 1e-15);
  }

  /** q_{l+1} = σ_w² (2/π) arcsin(2q_l/(1 + 2q_l)) + σ_b² (Williams' erf kernel), q_0 = 0.25. */
  static double[] erfVariances(double q0, double sw2, double sb2, int layers) {
    double[] q = new double[layers];
    q[0] = q0;
    for (int l = 1; l < layers; l++) {
      q[l] = sw2 * 2 / Math.PI * Math.asin(2 * q[l - 1] / (1 + 2 * q[l - 1])) + sb2;
    }
    return q;
  }

  /** E[erf′(h)^{2k}] = (4/π)^k/√(1 + 4kq) for h ~ N(0, q). */
  static double erfD2(double q, int k) {
    return Math.pow(4 / Math.PI, k) / Math.sqrt(1 + 4 * k * q);
  }

  @ParameterizedTest(name = "orthogonal={0}")
  @ValueSource(booleans = {false, true})
  void erfAtCriticalityHasTauOneEqualToTheProductOfChis(boolean orthogonal) {
    SpectrumReport r = free("spectrum-erf", null, 2, orthogonal);
    Program p = Samples.get("spectrum-erf").program();
    double[] q = erfVariances(0.25, 1.11072, 0.009699, 4);
    int[] layer = {0};
    double[] m = twoMoments(factorMoments(p, r.jacobian(), orthogonal, x -> {
      double ql = q[layer[0]++];
      return new double[] {erfD2(ql, 1), erfD2(ql, 2)};
    }));
    // at the fixed point χ = σ_w² (4/π)/√(1 + 4q*) = 1 up to the 6 digits of σ_w², σ_b²
    assertEquals(1, m[0], 1e-5);
    assertEquals(m[0], r.free().moments().get(0).value(), 1e-11);
    assertEquals(m[1], r.free().moments().get(1).value(), 1e-10 * m[1]);
  }

  @Test
  void orthogonalErfIsConcentratedAndGaussianErfSpreads() {
    SpectrumReport o = free("spectrum-orthogonal", null, 2, true);
    SpectrumReport g = free("spectrum-orthogonal", null, 2, false);
    Program p = Samples.get("spectrum-orthogonal").program();
    double[] q = erfVariances(0.02, 0.81621, 0.00000987, 6);
    for (boolean orth : new boolean[] {true, false}) {
      int[] layer = {0};
      double[] m = twoMoments(factorMoments(p, o.jacobian(), orth, x -> {
        double ql = q[layer[0]++];
        return new double[] {erfD2(ql, 1), erfD2(ql, 2)};
      }));
      SpectrumReport r = orth ? o : g;
      assertEquals(m[0], r.free().moments().get(0).value(), 1e-11);
      assertEquals(m[1], r.free().moments().get(1).value(), 1e-10 * m[1]);
    }
    // dynamical isometry: variance τ_2 − τ_1² is small with orthogonal W, large without
    double vo = o.free().moments().get(1).value() - 1;
    double vg = g.free().moments().get(1).value() - 1;
    assertTrue(vo < 0.02 && vg > 5, vo + " " + vg);
    assertTrue(o.free().lambdaMax() < 1.3 && g.free().lambdaMax() > 10);
  }

  /**
   * The width-1024 ReLU network against the limit. Unconditionally, τ_1 = σ^{2L} Π_l p_l with
   * p_l the active fraction of layer l, Binomial(n, 1/2)/n (sd 1/(2√n)), independent across the
   * L − 1 = 4 layers to leading order: sd(τ̂_1)/τ_1 = √(L−1)/√n = 6.25 %; we allow 6 sd plus the
   * O(1/n) Wishart spread. Conditionally on the network's own D's, the free product with the
   * empirical laws of its D² (Bernoulli(p̂_l)) leaves only the Gaussian matrices' spread, O(1/n):
   * for a linear network sd(τ̂_1)/τ_1 = √(L(L+1))/n (derived in FiniteWidthJacobianTest), and a
   * k-th moment, a degree-k polynomial in the matrices' trace statistics, spreads at most ≈ k
   * times more; 8 of those (and a rank-one correction per layer, k·L/n) bound it.
   */
  @Test
  void reluAtWidth1024MatchesTheLimitWithinTheDerivedSpreads() {
    Program p = Samples.get("spectrum-relu").program();
    SpectrumReport r = free("spectrum-relu", null, 3, false);
    int n = 1024;
    FiniteWidthSpectrum f = FiniteWidthJacobian.compute(r.jacobian(), n, 1, false,
        CancellationToken.NONE);
    int layers = 5;
    double tau1 = r.free().moments().get(0).value();
    double spread = Math.sqrt(layers - 1.0) / Math.sqrt(n) + Math.sqrt(layers * (layers + 1.0)) / n;
    assertEquals(tau1, f.moments(1)[0], 6 * spread * tau1, "τ̂_1 at n = 1024");
    List<SpectralFactor> conditioned = new ArrayList<>();
    for (Jacobian.Step s : r.jacobian().steps()) {
      if (s.instruction() instanceof MatMul mm) {
        conditioned.add(new SpectralFactor.MarchenkoPastur(mm.matrix(),
            ((MatrixInput) p.definition(mm.matrix())).sigma2()));
      } else {
        double[] d = f.derivatives().get(s.target());
        double active = 0;
        for (double v : d) {
          active += v * v;
        }
        double pl = active / n;
        conditioned.add(new SpectralFactor.DiscreteLaw("empirical " + s.target(),
            new double[] {1, 0}, new double[] {pl, 1 - pl}, 1 - pl, 0, "the network's own D"));
      }
    }
    double[] predicted = FreeProduct.of(conditioned).moments(3);
    double[] measured = f.moments(3);
    for (int k = 1; k <= 3; k++) {
      double tol = (8 * k * Math.sqrt(layers * (layers + 1.0)) + k * layers) / n;
      assertEquals(predicted[k - 1], measured[k - 1], tol * predicted[k - 1], "τ̂_" + k
          + " given the D's");
    }
    // half of the eigenvalues are 0: the atom at 0, within 6 sd of Binomial(n, 1/2)/n
    assertEquals(r.free().massAtZero(), f.fractionAtZero(), 6 * 0.5 / Math.sqrt(n));
  }

  /** Program moments (the limit engine) against free probability, within the engine's errors. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"spectrum-linear", "spectrum-relu", "spectrum-erf"})
  void programMomentsAgreeWithFreeProbabilityWithinTheEnginesErrors(String sample) {
    SpectrumReport r = free(sample, null, 4, false);
    for (int k = 1; k <= 4; k++) {
      Estimate prog = r.program().moments().get(k - 1);
      double tau = r.free().moments().get(k - 1).value();
      // particle engine: 16 batches, t with 15 dof, ≈ 2e-5 false failures per check at 6 se
      assertTrue(Math.abs(prog.value() - tau) <= 6 * prog.error() + 1e-8 * tau,
          sample + " τ_" + k + ": program " + prog + ", free " + tau);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"spectrum-linear", "spectrum-relu", "spectrum-erf"})
  void programMomentsEqualFreeProbabilityTo1e8(String sample) {
    SpectrumReport r = free(sample, null, 6, false);
    for (int k = 1; k <= 6; k++) {
      double tau = r.free().moments().get(k - 1).value();
      assertEquals(tau, r.program().moments().get(k - 1).value(), 1e-8 * tau,
          sample + " τ_" + k + " (" + r.program().method() + ")");
    }
  }
}
