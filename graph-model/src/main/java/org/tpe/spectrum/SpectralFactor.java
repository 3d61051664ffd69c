package org.tpe.spectrum;

import java.util.Arrays;

/**
 * One free factor of the spectrum of JᵀJ (seeds/003: μ_{JᵀJ} = ⊠ of the laws of W_lᵀW_l and of
 * D_l², which are asymptotically free by Collins–Hayase 2022): a probability law on [0, ∞) given
 * by its moments and its S-transform S(z) = (1 + z)/z · ψ^{⟨−1⟩}(z), ψ(z) = Σ_{k≥1} m_k z^k.
 * Immutable.
 */
public sealed interface SpectralFactor
    permits SpectralFactor.MarchenkoPastur, SpectralFactor.PointMass, SpectralFactor.DiscreteLaw {

  /** What the factor is and where it comes from, e.g. "W2ᵀW2: Marchenko–Pastur, σ² = 2". */
  String label();

  /** ∫ t^k dν(t), k ≥ 0. */
  double moment(int k);

  /** ν({0}). */
  double massAtZero();

  /** The largest point of the support. */
  double supportMax();

  /**
   * The law of WᵀW for an n×n W with iid N(0, σ²/n) entries as n → ∞: Marchenko–Pastur with
   * ratio 1 scaled by σ², moments σ^{2k} C_k (Catalan numbers), support [0, 4σ²], S(z) = 1/(σ²(1 +
   * z)) (seeds/003, Voiculescu).
   */
  record MarchenkoPastur(String label, double sigma2) implements SpectralFactor {
    public MarchenkoPastur {
      if (!(sigma2 > 0) || !Double.isFinite(sigma2)) {
        throw new IllegalArgumentException("σ² must be positive and finite: " + sigma2);
      }
    }

    @Override
    public double moment(int k) {
      // C_k = C(2k, k)/(k + 1) by the product Π_{j=2..k} (k + j)/j, exact for k ≤ 30 in doubles
      double c = 1;
      for (int j = 2; j <= k; j++) {
        c = c * (k + j) / j;
      }
      return Math.pow(sigma2, k) * c;
    }

    @Override
    public double massAtZero() {
      return 0;
    }

    @Override
    public double supportMax() {
      return 4 * sigma2;
    }
  }

  /**
   * The point mass δ_c: WᵀW = σ² I for W = σ O with O Haar orthogonal (S = 1/σ², the
   * dynamical-isometry factor of seeds/003), a LinComb's constant a² or φ′² of a linear φ.
   */
  record PointMass(String label, double value) implements SpectralFactor {
    public PointMass {
      if (!(value >= 0) || !Double.isFinite(value)) {
        throw new IllegalArgumentException("a point mass must be at a finite t ≥ 0: " + value);
      }
    }

    @Override
    public double moment(int k) {
      return k == 0 ? 1 : Math.pow(value, k);
    }

    @Override
    public double massAtZero() {
      return value == 0 ? 1 : 0;
    }

    @Override
    public double supportMax() {
      return value;
    }
  }

  /**
   * A law given by finitely many atoms t_i ≥ 0 with weights p_i (summing to 1 up to the
   * truncation stated in {@code accuracy}): the law of D² = φ′(Z)² by a quadrature rule
   * ({@link DerivativeLaw}), or Bernoulli for relu.
   *
   * @param label what the law is
   * @param atoms the points t_i (copied)
   * @param weights their masses p_i (copied)
   * @param massAtZero ν({0}) of the law it represents (kept exactly: the atoms may put a tiny
   *     rounding error there)
   * @param relativeError an estimate of the relative error of the moments m_1 … m_K (K ≤
   *     {@link DerivativeLaw#MAX_MOMENT}) of the atoms as moments of the law they represent
   * @param accuracy how well the atoms represent the law, for the user
   */
  record DiscreteLaw(String label, double[] atoms, double[] weights, double massAtZero,
      double relativeError, String accuracy) implements SpectralFactor {
    public DiscreteLaw {
      atoms = atoms.clone();
      weights = weights.clone();
      if (atoms.length == 0 || atoms.length != weights.length) {
        throw new IllegalArgumentException("a discrete law needs as many weights as atoms (>0)");
      }
      for (int i = 0; i < atoms.length; i++) {
        if (!(atoms[i] >= 0) || !Double.isFinite(atoms[i]) || !(weights[i] >= 0)) {
          throw new IllegalArgumentException("atom " + atoms[i] + " with weight " + weights[i]
              + " is not a point of [0, ∞) with a non-negative mass");
        }
      }
    }

    @Override
    public double[] atoms() {
      return atoms.clone();
    }

    @Override
    public double[] weights() {
      return weights.clone();
    }

    @Override
    public double moment(int k) {
      double m = 0;
      for (int i = 0; i < atoms.length; i++) {
        m += weights[i] * Math.pow(atoms[i], k);
      }
      return m;
    }

    @Override
    public double supportMax() {
      return Arrays.stream(atoms).max().orElse(0);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof DiscreteLaw d && label.equals(d.label) && Arrays.equals(atoms, d.atoms)
          && Arrays.equals(weights, d.weights) && massAtZero == d.massAtZero
          && relativeError == d.relativeError && accuracy.equals(d.accuracy);
    }

    @Override
    public int hashCode() {
      return 31 * label.hashCode() + Arrays.hashCode(atoms) + 7 * Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
      return "DiscreteLaw[" + label + ", " + atoms.length + " atoms]";
    }
  }
}
