/**
 * Jacobian spectra (seeds/004 "Intermedia 2", eqs. (29)–(33); seeds/003, Collins–Hayase 2022):
 * the input-output {@link org.tpe.spectrum.Jacobian} J = ∂B/∂A of a program and the spectrum of
 * JᵀJ three ways — the moments τ_k as second moments of the Netsor⊤ {@link
 * org.tpe.spectrum.JacobianProgram} (JᵀJ)^k v ({@link org.tpe.spectrum.ProgramMoments}), the
 * free multiplicative convolution of the laws of W_lᵀW_l and D_l² ({@link
 * org.tpe.spectrum.FreeProbabilityModel}, {@link org.tpe.spectrum.FreeProduct}: S-transforms,
 * Stieltjes inversion), and the singular values of a seeded finite-width network ({@link
 * org.tpe.spectrum.FiniteWidthJacobian}); {@link org.tpe.spectrum.SpectrumAnalysis} runs all three.
 */
package org.tpe.spectrum;
