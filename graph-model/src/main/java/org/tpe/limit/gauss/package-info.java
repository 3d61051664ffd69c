/**
 * Gaussian integrals in closed form (arc-cosine kernels, Williams' erf kernel, Stein's lemma,
 * the normal CDF), exact to rounding; numerical integration is {@link org.tpe.limit.integrate}.
 */
package org.tpe.limit.gauss;
