/**
 * The {@code .tp} text format (DESIGN §4): a paper-like notation of Tensor Programs (TP IIb §4),
 * parsed into {@link org.tpe.model.Program} with positions and printed back in normal form.
 */
package org.tpe.format;
