package org.tpe.spectrum;

import org.tpe.limit.LimitOptions;

/**
 * What {@link SpectrumAnalysis} computes.
 *
 * @param from the start vector of J, or null for the program's first G-var
 * @param to the end vector of J, or null for its last G-var
 * @param moments K: τ_1 … τ_K are computed three ways (1 ≤ K ≤ {@link
 *     JacobianProgram#MAX_MOMENTS}, and within the program size the limit engine takes)
 * @param width n of the finite-width network (0: none)
 * @param seed the finite-width network's seed
 * @param orthogonal every matrix σ·(Haar orthogonal) instead of Gaussian: free probability with
 *     S = 1/σ² and orthogonal matrices at finite width; the program moments are then not computed
 *     (the Master Theorem is for Gaussian matrices)
 * @param gridPoints points of the density grid (≥ 2)
 * @param limits options of the limit engine for the Jacobian program
 */
public record SpectrumOptions(String from, String to, int moments, int width, long seed,
    boolean orthogonal, int gridPoints, LimitOptions limits) {
  /** Default number of moments. */
  public static final int DEFAULT_MOMENTS = 6;
  /** Default width of the finite-width network. */
  public static final int DEFAULT_WIDTH = 1024;
  /** Default number of density points. */
  public static final int DEFAULT_GRID = 200;

  public SpectrumOptions {
    if (gridPoints < 2) {
      throw new IllegalArgumentException("the density grid needs at least 2 points: "
          + gridPoints);
    }
    if (width < 0) {
      throw new IllegalArgumentException("the width must not be negative: " + width);
    }
    if (limits == null) {
      throw new IllegalArgumentException("limit options must be given");
    }
  }

  /** Default ends, {@value #DEFAULT_MOMENTS} moments, width {@value #DEFAULT_WIDTH}, seed 1. */
  public static SpectrumOptions defaults() {
    return new SpectrumOptions(null, null, DEFAULT_MOMENTS, DEFAULT_WIDTH, 1, false,
        DEFAULT_GRID, LimitOptions.defaults().withHistogramBins(0));
  }

  public SpectrumOptions withEnds(String start, String end) {
    return new SpectrumOptions(start, end, moments, width, seed, orthogonal, gridPoints, limits);
  }

  public SpectrumOptions withMoments(int k) {
    return new SpectrumOptions(from, to, k, width, seed, orthogonal, gridPoints, limits);
  }

  public SpectrumOptions withWidth(int n) {
    return new SpectrumOptions(from, to, moments, n, seed, orthogonal, gridPoints, limits);
  }

  public SpectrumOptions withSeed(long s) {
    return new SpectrumOptions(from, to, moments, width, s, orthogonal, gridPoints, limits);
  }

  public SpectrumOptions withOrthogonal(boolean o) {
    return new SpectrumOptions(from, to, moments, width, seed, o, gridPoints, limits);
  }

  public SpectrumOptions withGridPoints(int g) {
    return new SpectrumOptions(from, to, moments, width, seed, orthogonal, g, limits);
  }

  public SpectrumOptions withLimits(LimitOptions l) {
    return new SpectrumOptions(from, to, moments, width, seed, orthogonal, gridPoints, l);
  }
}
