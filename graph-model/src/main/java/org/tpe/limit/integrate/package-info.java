/**
 * Expectations E f(Z), Z ~ N(0, I_r), with honest errors: the numerical end of the Master
 * Theorem (TP IIb Thm. 6.4), which turns every limit of a Netsor⊤ program into such an
 * expectation over the few base Gaussians (the initial Z's and the ZHat's of each MatMul) that it
 * reads.
 *
 * <ul>
 *   <li>{@link org.tpe.limit.integrate.GaussianIntegrand} (f, its kinks as {@link
 *       org.tpe.limit.integrate.Hyperplane}s, its {@link org.tpe.limit.integrate.Smoothness}),
 *       {@link org.tpe.limit.integrate.Tolerance}, {@link
 *       org.tpe.limit.integrate.IntegrationResult}, {@link
 *       org.tpe.limit.integrate.IntegrationFailure}: the contract;
 *   <li>{@link org.tpe.limit.integrate.NestedGaussKronrod}: 1–4 dimensions, adaptive
 *       Gauss–Kronrod over the whole line (no ±10σ cut: to ±37.5σ, where φ underflows, with the
 *       tails extrapolated into the error), split at the kinks and where kinks cross; its error
 *       is built from several estimates so that no one accident makes it small;
 *   <li>{@link org.tpe.limit.integrate.GaussHermiteLadder}: Gauss–Hermite rules of 10, 20, 40
 *       nodes, the cheap first try of the nested rule at each level of an analytic integrand,
 *       error the difference of two rungs;
 *   <li>{@link org.tpe.limit.integrate.RandomizedQuasiMonteCarlo}: scrambled Sobol points
 *       (Commons Math's Joe–Kuo numbers, Matoušek's linear scrambling), {@link
 *       org.tpe.limit.integrate.NormalQuantile} (Wichura's AS 241), error a 99 % Student-t
 *       half-width over independent randomizations;
 *   <li>{@link org.tpe.limit.integrate.GaussianExpectations#standard()}: the choice by
 *       dimension.
 * </ul>
 */
package org.tpe.limit.integrate;
