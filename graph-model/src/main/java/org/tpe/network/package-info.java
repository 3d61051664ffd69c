/**
 * Networks in the language (TP II §3; TP IV §3 / seeds/004 eqs. (6)–(7)): which statements are the
 * forward pass of one input, which matrices and vectors are trainable parameters with their
 * {@link org.tpe.network.Parametrization} (NTK, standard, μP or explicit abc exponents), the
 * readout f = vᵀx/√n, the inputs ξ₁…ξ_k by their dimension-normalised Gram matrix, and the
 * {@link org.tpe.network.Training} setup (labels, loss, learning rate, steps, batch); {@link
 * org.tpe.network.NetworkValidator} and {@link org.tpe.network.TrainingValidator} check them with
 * line:col messages.
 */
package org.tpe.network;
