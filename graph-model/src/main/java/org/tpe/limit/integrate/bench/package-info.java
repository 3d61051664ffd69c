/** The speed measurement of the Gaussian integrators, run by {@code tpe bench}. */
package org.tpe.limit.integrate.bench;
