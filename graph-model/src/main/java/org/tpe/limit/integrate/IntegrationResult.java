package org.tpe.limit.integrate;

/**
 * E f(Z) as computed: the value, its error (what it means is stated by the rule that made it:
 * an estimate meant to bound the error for the deterministic rules, a confidence half-width for
 * randomized quasi-Monte Carlo), the rule's name and how many evaluations of f it took.
 */
public record IntegrationResult(double value, double error, String method, long evaluations) {
  public IntegrationResult {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite: " + value);
    }
    if (!(error >= 0)) {
      throw new IllegalArgumentException("error must be a number ≥ 0: " + error);
    }
    if (method == null || method.isBlank()) {
      throw new IllegalArgumentException("a result names its method");
    }
    if (evaluations < 0) {
      throw new IllegalArgumentException("evaluations must be ≥ 0: " + evaluations);
    }
  }

  @Override
  public String toString() {
    return String.format("%.15g ± %.2g (%s, %d evaluations)", value, error, method, evaluations);
  }
}
