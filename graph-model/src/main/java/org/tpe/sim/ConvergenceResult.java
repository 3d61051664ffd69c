package org.tpe.sim;

import java.util.List;
import java.util.Objects;

/**
 * What {@link ConvergenceSweep} found: for each quantity (a vector's mean or variance, a second
 * moment E[Z^a Z^b], a scalar) its limit and the mean over seeds of |simulated − limit| at each
 * width, with a fitted log-log slope per quantity and one pooled over all quantities. Immutable.
 *
 * @param limitMethod the method of the limit compared against
 * @param widths the widths run, increasing
 * @param seeds the seeds run at every width
 * @param quantities one entry per quantity, in program order
 * @param pooled slope fitted to all quantities at once, each with its own intercept (fixed effects);
 *     null when no quantity has a nonzero error
 * @param notes sentences for the user (quantities left out of the fit and why)
 */
public record ConvergenceResult(String limitMethod, List<Integer> widths, List<Long> seeds,
    List<Quantity> quantities, LogLogFit pooled, List<String> notes) {

  public ConvergenceResult {
    Objects.requireNonNull(limitMethod, "limitMethod");
    widths = List.copyOf(widths);
    seeds = List.copyOf(seeds);
    quantities = List.copyOf(quantities);
    notes = List.copyOf(notes);
  }

  /** Two-sided level of {@link #band}. */
  public static final double BAND_LEVEL = 0.95;

  /**
   * The fitted |simulated − limit| of {@code q} at width {@code n}: its least-squares line in
   * log-log coordinates, which passes through the mean of its points (log nᵢ, log errorᵢ) with
   * slope {@code q.fit().slope()}; NaN when {@code q} has no fit.
   */
  public double fitted(Quantity q, double n) {
    if (q.fit() == null) {
      return Double.NaN;
    }
    double[] c = centroid(q);
    return Math.exp(c[1] + q.fit().slope() * (Math.log(n) - c[0]));
  }

  /**
   * The pointwise {@value #BAND_LEVEL} confidence band of the fitted line at width {@code n},
   * {lower, upper}: in log coordinates ± t_{m−2} σ̂ √(1/m + (log n − mean log n)²/Sxx) for m widths,
   * σ̂ the residual standard deviation (classical OLS, Gaussian residuals); null with fewer than 3
   * widths or no fit.
   */
  public double[] band(Quantity q, double n) {
    LogLogFit f = q.fit();
    int m = widths.size();
    if (f == null || m < 3 || Double.isNaN(f.slopeError())) {
      return null;
    }
    double[] c = centroid(q);
    double sxx = 0;
    for (int w : widths) {
      sxx += (Math.log(w) - c[0]) * (Math.log(w) - c[0]);
    }
    double sigma = f.slopeError() * Math.sqrt(sxx);
    double t = new org.apache.commons.math3.distribution.TDistribution(null, m - 2)
        .inverseCumulativeProbability(0.5 + BAND_LEVEL / 2);
    double x = Math.log(n) - c[0];
    double half = t * sigma * Math.sqrt(1.0 / m + x * x / sxx);
    double y = c[1] + f.slope() * x;
    return new double[] {Math.exp(y - half), Math.exp(y + half)};
  }

  /** (mean log n, mean log error) of the quantity's points. */
  private double[] centroid(Quantity q) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < widths.size(); i++) {
      mx += Math.log(widths.get(i));
      my += Math.log(q.errors().get(i));
    }
    return new double[] {mx / widths.size(), my / widths.size()};
  }

  /**
   * One quantity.
   *
   * @param quantity "mean", "variance", "second_moment" or "scalar"
   * @param a the vector or scalar
   * @param b the second vector of a second moment, else ""
   * @param limit its limit value
   * @param limitError the limit's own error estimate (a floor under the measured errors)
   * @param errors mean over seeds of |simulated − limit|, one per width
   * @param fit the log-log fit of {@code errors}; null when the quantity is exact at some width
   */
  public record Quantity(String quantity, String a, String b, double limit, double limitError,
      List<Double> errors, LogLogFit fit) {
    public Quantity {
      errors = List.copyOf(errors);
    }

    /** "mean(x)", "E[x y]", "θ" — how the quantity reads in a table. */
    public String label() {
      return switch (quantity) {
        case "mean" -> "mean(" + a + ")";
        case "variance" -> "var(" + a + ")";
        case "second_moment" -> "E[" + a + " " + b + "]";
        default -> a;
      };
    }
  }
}
