package org.tpe.spectrum;

import java.util.List;
import org.tpe.limit.Estimate;

/**
 * The limiting spectrum of JᵀJ by free probability (seeds/003): its factors, moments, the edges
 * of its support and its density on a grid.
 *
 * @param factors the free factors ⊠ multiplies
 * @param moments τ_1 … τ_K with error estimates (the factors' moment errors propagated:
 *     relative error ≈ k · Σᵢ εᵢ, plus rounding)
 * @param lambdaMax the right edge of the support
 * @param support the intervals where the density is positive
 * @param massAtZero the atom at 0
 * @param density ρ on the grid
 */
public record FreeSpectrum(List<SpectralFactor> factors, List<Estimate> moments,
    double lambdaMax, List<Interval> support, double massAtZero, FreeProduct.Density density) {
  public FreeSpectrum {
    factors = List.copyOf(factors);
    moments = List.copyOf(moments);
    support = List.copyOf(support);
  }

  /** An interval [lo, hi] of the support and μ's mass on it (≈ 10⁻³ relative). */
  public record Interval(double lo, double hi, double mass) {}

  /** Below this mass an interval of the support is a fragment, not part of the bulk. */
  public static final double FRAGMENT = 1e-3;

  /** The support's intervals of mass at least {@link #FRAGMENT}. */
  public List<Interval> bulk() {
    return support.stream().filter(i -> i.mass() >= FRAGMENT).toList();
  }

  /** ρ at the points {@code x} (the same Stieltjes inversion as {@link #density()}). */
  public FreeProduct.Density densityAt(double[] x, org.tpe.limit.CancellationToken cancel) {
    return FreeProduct.of(factors).density(x, cancel);
  }

  /** Whether the law is a point mass (orthogonal linear networks: δ at σ^{2L}). */
  public boolean pointMass() {
    return factors.stream().allMatch(f -> f instanceof SpectralFactor.PointMass);
  }
}
