/**
 * The exact limit engine (TP IIb App. B, Def. B.3 and Remark B.6): every vector's Z as a symbolic
 * expression over the base Gaussians (ZInit and ZHat), ZDot written out with coefficients in the
 * Stein form C⁺b, and every expectation reduced to an integral over the few base Gaussians it
 * reads — closed forms first, then quadrature — with honest errors ({@link
 * org.tpe.limit.exact.SymbolicZ} is the public form).
 */
package org.tpe.limit.exact;
