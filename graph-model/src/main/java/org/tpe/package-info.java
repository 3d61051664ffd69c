/**
 * The Tensor Program Editor's model and mathematics, free of any user interface: programs of
 * Netsor, Netsor⊤ and Netsor⊤+ (TP I–III), their text format, validation, paths (TP IIb §5.1), the
 * Z-calculus and the Master Theorem's limits, derivations (backward pass, NTK, unrolled SGD,
 * Jacobians) and the finite-width simulator.
 */
package org.tpe;
