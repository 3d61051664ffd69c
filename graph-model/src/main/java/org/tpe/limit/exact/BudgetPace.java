package org.tpe.limit.exact;

import java.util.Locale;

/**
 * Stops early a run of the exact engine that its budget of operations ({@link Quadrature.Budget})
 * cannot finish, when another engine can take over: the operations the requested quantities have
 * cost so far, extrapolated linearly to all of them, plus what building the symbolic Z cost, must
 * fit in the budget. So a program whose every quantity is an expensive integral (a chain of 40
 * Nonlins sin(x)·x: each second moment a 1-D quadrature of thousands of operations per
 * evaluation) goes to the particle engine after a small part of the budget, instead of spending
 * all of it (seconds) before it falls back anyway.
 *
 * <p>The pace is only judged once the quantities have cost {@link #FLOOR_FRACTION} of the budget
 * (below that an extrapolation from a few integrals says little, and the run is cheap anyway).
 * Quantities that are closed forms or already cached count as done at no cost, so a run whose
 * later quantities are cheaper than its first is stopped only if its first ones alone are
 * expensive; one whose later quantities are dearer (higher-dimensional pairs) is projected
 * short, and its budget still bounds it. The check is made by the one thread that computes the
 * vectors' own moments, in program order, so whether a run stops depends only on the program and
 * the request.
 */
final class BudgetPace {
  /** The share of the budget the quantities must have cost before their pace is judged. */
  static final double FLOOR_FRACTION = 1.0 / 50;

  private final Quadrature.Budget budget;
  private final long quantities;
  private final long spentBefore;

  /**
   * @param budget the run's budget, after the symbolic Z was built (what it spent is sunk)
   * @param quantities how many quantities the run computes in all (means, second moments)
   */
  BudgetPace(Quadrature.Budget budget, long quantities) {
    this.budget = budget;
    this.quantities = Math.max(1, quantities);
    this.spentBefore = spent(budget);
  }

  private static long spent(Quadrature.Budget b) {
    return b.total() - b.left(1);
  }

  /**
   * Throws an engine limit if, {@code done} quantities in, the pace says the run would need more
   * than its budget.
   *
   * @param next the vector whose quantities come next (named by the failure)
   */
  void check(long done, String next) {
    long cost = spent(budget) - spentBefore;
    if (done <= 0 || cost < FLOOR_FRACTION * budget.total()) {
      return;
    }
    double projected = spentBefore + (double) cost * quantities / done;
    if (projected > budget.total()) {
      throw new ExactFailure(next, String.format(Locale.ROOT, "at the pace of its first %d of %d"
          + " quantities (%.2g operations), the exact engine would need about %.2g operations,"
          + " beyond its budget of %.2g, so it stops early (asked for by name, it runs to its"
          + " budget)", done, quantities, (double) cost, projected, (double) budget.total()),
          true);
    }
  }
}
