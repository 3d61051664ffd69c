/** Benchmarks of the limit engines. */
package org.tpe.limit.bench;
