package org.tpe.sim;

import org.tpe.limit.Estimate;

/**
 * The estimate of a finite-width quantity from R independent replicates x_1 … x_R (runs with
 * independent seeds, {@link FiniteWidthSimulator#replicateSeed}): the mean x̄ with error s/√R,
 * s² = Σ (x_r − x̄)² / (R − 1) the sample variance — the standard error of x̄ over seeds, an
 * honest estimate of its seed-to-seed fluctuation (not including any O(1/n) bias of E x against
 * the limit). For Gaussian x_r, (x̄ − E x)/(s/√R) is Student-t with R − 1 degrees of freedom.
 * One replicate cannot estimate its own fluctuation: R = 1 gives error NaN (unknown).
 */
public final class ReplicateMean {
  private ReplicateMean() {}

  /**
   * x̄ ± s/√R of {@code xs} (summed in order, so the same values give the same bits).
   *
   * @throws IllegalArgumentException if {@code xs} is empty
   */
  public static Estimate of(double[] xs) {
    int r = xs.length;
    if (r == 0) {
      throw new IllegalArgumentException("no replicates");
    }
    double sum = 0;
    for (double x : xs) {
      sum += x;
    }
    double mean = sum / r;
    if (r == 1) {
      return new Estimate(mean, Double.NaN);
    }
    double ss = 0;
    for (double x : xs) {
      ss += (x - mean) * (x - mean);
    }
    return new Estimate(mean, Math.sqrt(ss / (r - 1) / r));
  }
}
