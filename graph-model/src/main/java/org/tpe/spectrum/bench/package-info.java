/** The Jacobian-spectrum benchmark (seeds/004 "Intermedia 2"; seeds/003): its three methods timed. */
package org.tpe.spectrum.bench;
