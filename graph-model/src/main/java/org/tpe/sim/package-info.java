/**
 * The finite-width simulation of a program (DESIGN §7–§8): the program itself run at width n with
 * iid N(0, σ²/n) matrices and ZInit-distributed initial vectors, its coordinate statistics, and
 * convergence sweeps of simulated − limit against n (the Master Theorem's O(n^{-1/2}) rate).
 */
package org.tpe.sim;
