/** Benchmarks of the finite-width simulator. */
package org.tpe.sim.bench;
