/** The benchmark harness behind {@code tpe bench}. */
package org.tpe.bench;
