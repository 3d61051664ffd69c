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
