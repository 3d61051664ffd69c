/**
 * Training in the infinite-width limit (TP IIb §5, App. D; seeds/004 eqs. (6)–(9); TP IV's abcd
 * classification): {@link org.tpe.train.UnrolledSgd} writes a whole SGD run as one Netsor⊤+
 * program (W_t x = W₀x − η Σ_{s<t} χ_s dh_s (x_sᵀx/n)), whose limit is read off the Master
 * Theorem; {@link org.tpe.train.TrainingAnalysis} reports f_t, the loss, the feature kernel and its
 * movement, kernel gradient descent with the NTK in the kernel {@link org.tpe.train.Regime} (TP IIb
 * Thm. 5.3, a built-in check), finite-width runs over seeds ({@link
 * org.tpe.train.FiniteWidthTraining}) and the {@link org.tpe.train.CoordinateCheck} of TP V.
 */
package org.tpe.train;
