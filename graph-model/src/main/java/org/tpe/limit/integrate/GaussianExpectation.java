package org.tpe.limit.integrate;

import org.tpe.limit.CancellationToken;

/** A rule for E f(Z), Z ~ N(0, I_r). Implementations are immutable and thread safe. */
public interface GaussianExpectation {
  /**
   * E f(Z), Z ~ N(0, I_r), with error ≤ {@link Tolerance#allowedError} of the value. The error is
   * honest: deterministic rules report an estimate meant to bound the true error, randomized
   * quasi-Monte Carlo a confidence half-width stated in its Javadoc.
   *
   * @throws IntegrationFailure when the budget is exceeded, f is not finite somewhere, or f·φ is
   *     not integrable; the failure says which and what to do
   * @throws java.util.concurrent.CancellationException when {@code cancel} is cancelled
   */
  IntegrationResult integrate(GaussianIntegrand f, Tolerance tol, CancellationToken cancel);
}
