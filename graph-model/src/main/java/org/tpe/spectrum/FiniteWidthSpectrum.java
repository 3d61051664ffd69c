package org.tpe.spectrum;

import java.util.Arrays;
import org.tpe.limit.Histogram;

/**
 * The eigenvalues λ₁ ≤ … ≤ λ_n of JᵀJ (the squared singular values of J) of one seeded network at
 * width n, and what is read off them: the empirical moments (1/n) tr((JᵀJ)^k) = (1/n) Σ λᵢ^k, the
 * largest eigenvalue and a histogram of the empirical spectral distribution. Immutable.
 *
 * <p>How far these are from the limit: for Gaussian W alone, a linear eigenvalue statistic Σ
 * f(λᵢ) fluctuates by O(1) (Bai–Silverstein), so a moment is off by O(1/n); when J contains D's
 * their fraction of active coordinates fluctuates by O(n^{-1/2}), and so do the moments. The
 * largest eigenvalue converges to λ_max of the support (the edge), with fluctuations O(n^{-2/3}).
 *
 * @param width n
 * @param seed the seed of the network
 * @param orthogonal whether its matrices were Haar orthogonal
 * @param eigenvalues λ₁ ≤ … ≤ λ_n (copied)
 * @param derivatives the diagonals of the D's, by the Nonlin step's target (copied)
 */
public record FiniteWidthSpectrum(int width, long seed, boolean orthogonal,
    double[] eigenvalues, java.util.Map<String, double[]> derivatives) {
  public FiniteWidthSpectrum {
    eigenvalues = eigenvalues.clone();
    java.util.Map<String, double[]> d = new java.util.LinkedHashMap<>();
    derivatives.forEach((k, v) -> d.put(k, v.clone()));
    derivatives = java.util.Collections.unmodifiableMap(d);
  }

  /**
   * For each Nonlin step x = φ(g) of J with one argument on the path, the diagonal of its D =
   * diag(∂φ/∂g) in this network (a copy): the finite-width counterpart of the law of D² (for relu,
   * which coordinates are active).
   */
  @Override
  public java.util.Map<String, double[]> derivatives() {
    java.util.Map<String, double[]> d = new java.util.LinkedHashMap<>();
    derivatives.forEach((k, v) -> d.put(k, v.clone()));
    return d;
  }

  @Override
  public double[] eigenvalues() {
    return eigenvalues.clone();
  }

  /** (1/n) Σ λᵢ^k for k = 1 … K ({@code [k − 1]}). */
  public double[] moments(int k) {
    double[] m = new double[k];
    for (double l : eigenvalues) {
      double p = 1;
      for (int j = 0; j < k; j++) {
        p *= l;
        m[j] += p;
      }
    }
    for (int j = 0; j < k; j++) {
      m[j] /= eigenvalues.length;
    }
    return m;
  }

  /**
   * The fraction of eigenvalues below 10⁻⁹ λ_max: the finite-width counterpart of the atom at 0
   * (a relu layer's D has rank ≈ n/2, so JᵀJ has ≈ n/2 eigenvalues that are 0 up to rounding,
   * ≈ 10⁻¹⁶ λ_max).
   */
  public double fractionAtZero() {
    double cut = 1e-9 * lambdaMax();
    long c = java.util.Arrays.stream(eigenvalues).filter(l -> l <= cut).count();
    return (double) c / eigenvalues.length;
  }

  /** The largest eigenvalue. */
  public double lambdaMax() {
    return eigenvalues[eigenvalues.length - 1];
  }

  /**
   * The histogram of the eigenvalues above the zero cut of {@link #fractionAtZero()}, as a density
   * whose mass is their fraction: the counterpart of the limit's absolutely continuous part (the
   * atom at 0 left out), to draw under the free-probability density.
   */
  public Histogram continuousHistogram(int bins, double max) {
    double cut = 1e-9 * lambdaMax();
    double[] rest = java.util.Arrays.stream(eigenvalues).filter(l -> l > cut).toArray();
    Histogram h = Histogram.of(rest, 0, max, bins);
    double share = (double) rest.length / eigenvalues.length;
    double[] d = h.density();
    for (int i = 0; i < d.length; i++) {
      d[i] *= share;
    }
    return new Histogram(h.edges(), d);
  }

  /** The histogram (as a density) of the eigenvalues on [0, max] with {@code bins} bins. */
  public Histogram histogram(int bins, double max) {
    return Histogram.of(eigenvalues, 0, max, bins);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FiniteWidthSpectrum f && width == f.width && seed == f.seed
        && orthogonal == f.orthogonal && Arrays.equals(eigenvalues, f.eigenvalues);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(eigenvalues) + 31 * Long.hashCode(seed) + width;
  }

  @Override
  public String toString() {
    return "FiniteWidthSpectrum[n=" + width + ", seed=" + seed + (orthogonal ? ", orthogonal"
        : "") + ", λ_max=" + lambdaMax() + "]";
  }
}
