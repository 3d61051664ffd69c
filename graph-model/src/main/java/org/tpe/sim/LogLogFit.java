package org.tpe.sim;

/**
 * A least-squares line log|error| = intercept + slope · log n, with the slope's standard error
 * (classical OLS: residual variance over the spread of log n). By the Master Theorem's
 * fluctuation scale a finite-width error shrinks like n^{-1/2}, so the slope should be near −1/2.
 *
 * @param slope fitted exponent of n
 * @param slopeError its standard error (NaN with fewer than 3 points)
 * @param points number of (width, error) points fitted
 */
public record LogLogFit(double slope, double slopeError, int points) {
  @Override
  public String toString() {
    return Double.isNaN(slopeError) ? String.format("%.3f", slope)
        : String.format("%.3f ± %.3f", slope, slopeError);
  }
}
