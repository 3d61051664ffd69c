/**
 * The neural tangent kernel of any drawn architecture (TP II; TP IIb §5.1, App. D.2, Prop. D.3):
 * {@link org.tpe.ntk.NtkLimit} derives the backward pass on every input, reads the limit of each
 * parameter's gradient inner product off the Master Theorem (a matrix W used by hᵢ = W xᵢ
 * contributes Σᵢⱼ E[Z^{dhᵢ} Z^{dh̄ⱼ}] E[Z^{xᵢ} Z^{x̄ⱼ}], weight sharing included) and the NNGP
 * beside it; {@link org.tpe.ntk.PathSum} writes it as a sum over pairs of isomorphic paths (Eqs.
 * 95–96) where the proposition's assumptions hold; {@link org.tpe.ntk.EmpiricalNtk} is the
 * finite-width kernel of a seeded network and {@link org.tpe.ntk.NtkConvergence} its approach
 * to the limit (slope ≈ −1/2).
 */
package org.tpe.ntk;
