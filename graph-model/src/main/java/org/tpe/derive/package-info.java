/**
 * Programs derived from programs, written as ordinary Netsor⊤ programs: {@link
 * org.tpe.derive.Instantiation} copies a forward pass on every input, sharing matrices (the primes
 * of TP IIb's examples); {@link org.tpe.derive.BackwardPass} is reverse mode over the program
 * (dx += Wᵀdh, dg += dx ⊙ ∂φ/∂g, Moment scalars held fixed as TP IIb App. D.4 prescribes), with
 * {@link org.tpe.derive.LocalDerivative} the one home of the chain rule's local factors.
 */
package org.tpe.derive;
