/**
 * Gaussian integrals: closed forms (arc-cosine kernels, Williams' erf kernel, Stein's lemma) and
 * kink-aware quadrature against the standard normal density, each with its error.
 */
package org.tpe.limit.gauss;
