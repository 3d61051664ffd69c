/**
 * The exact limit engine (TP IIb App. B, Def. B.3 and Remark B.6): every vector's Z as a symbolic
 * expression over the base Gaussians (ZInit and ZHat), ZDot written out with coefficients in the
 * Stein form C⁺b, and every expectation reduced to an integral over the few base Gaussians it
 * reads — closed forms first (Wick, arc-cosine, erf, Stein), then quadrature: nested whole-line
 * Gauss–Kronrod split at the kinks in 1–3 dimensions (analytic integrands try a Gauss–Hermite
 * ladder first at every level), scrambled-Sobol randomized quasi-Monte Carlo above — with honest
 * errors, propagated through MatMul and Moments, and a user's accuracy target ({@code
 * LimitOptions.tolerance}) setting each integral's tolerance ({@link
 * org.tpe.limit.exact.SymbolicZ} is the public form).
 */
package org.tpe.limit.exact;
