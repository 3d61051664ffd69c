package org.tpe.limit.integrate;

/**
 * What an integrand's author knows of its regularity. The deterministic rules use it to decide
 * how much to trust a single piece: with {@link #UNKNOWN} every first piece of the innermost
 * coordinate is verified by one bisection (the first partition there costs three times as much:
 * each piece and its two halves), which keeps an undeclared kink near a piece's end from hiding;
 * with the other two the author promises that every kink is declared.
 */
public enum Smoothness {
  /** Analytic in a neighbourhood of ℝ^r (polynomials, exp, tanh, erf and their compositions). */
  ANALYTIC,
  /** Smooth except across the hyperplanes of {@link GaussianIntegrand#kinks()}, all declared. */
  PIECEWISE_SMOOTH,
  /** Nothing is known (always safe). */
  UNKNOWN
}
