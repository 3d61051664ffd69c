package org.tpe.limit.integrate;

/** What an integrand's author knows of its regularity (a hint; never needed for correctness). */
public enum Smoothness {
  /** Analytic in a neighbourhood of ℝ^r (polynomials, exp, tanh, erf and their compositions). */
  ANALYTIC,
  /** Smooth except across the hyperplanes of {@link GaussianIntegrand#kinks()}. */
  PIECEWISE_SMOOTH,
  /** Nothing is known. */
  UNKNOWN
}
