/**
 * Speed benchmarks of training in the infinite-width limit and at finite width ({@code tpe bench
 * train-mup-limit}, {@code tpe bench train-finite-4096}).
 */
package org.tpe.train.bench;
