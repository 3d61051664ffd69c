/**
 * Expressions of nonlinearities φ (DESIGN §4): trees, vectorised kernels, symbolic derivatives,
 * and the growth classes the Master Theorems assume (polynomially bounded, pseudo-Lipschitz; TP II
 * Thm. 4.3, TP IIb Thm. B.4).
 */
package org.tpe.expr;
