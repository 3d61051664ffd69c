package org.tpe.spectrum;

import java.util.List;

/**
 * Everything {@link SpectrumAnalysis} found for one program: the Jacobian, its moments from the
 * Tensor Program, the free-probability law and the finite-width spectrum. A part that was not
 * computed is null, and its note says why.
 *
 * @param jacobian J = ∂to/∂from
 * @param moments K, the number of moments asked
 * @param program τ_1 … τ_K from the Jacobian program's limit, or null
 * @param programNote why {@code program} is null, or null
 * @param model whether free probability applies, and its factors
 * @param free the free-probability law, or null
 * @param freeNote why {@code free} is null, or null
 * @param finite the finite-width spectrum, or null
 * @param options what was asked
 */
public record SpectrumReport(Jacobian jacobian, int moments, ProgramMoments program,
    String programNote, FreeProbabilityModel model, FreeSpectrum free, String freeNote,
    FiniteWidthSpectrum finite, SpectrumOptions options) {

  /**
   * The eigenvalue range to plot and histogram: [0, 1.1 · the largest of λ_max (free
   * probability) and the largest finite-width eigenvalue], or [0, 1.5 · λ] for a point mass.
   */
  public double range() {
    double top = 0;
    if (free != null) {
      top = Math.max(top, free.lambdaMax() * (free.pointMass() ? 1.5 / 1.1 : 1));
    }
    if (finite != null) {
      top = Math.max(top, finite.lambdaMax());
    }
    return top > 0 ? 1.1 * top : 1;
  }

  /** Sentences for the user: the method of each part, or why it is missing. */
  public List<String> notes() {
    java.util.List<String> out = new java.util.ArrayList<>();
    out.add(jacobian.describe());
    out.add(program != null ? "program moments: limit of (JᵀJ)^k v by the " + program.method()
        + " engine (" + program.program().program().vectors().size() + " vectors)"
        : "program moments: " + programNote);
    out.add(free != null ? "free probability: S-transform product of " + free.factors().size()
        + (free.factors().size() == 1 ? " factor" : " factors")
        + ", density by Stieltjes inversion (η = " + FreeProduct.ETA + " λ_max)"
        : "free probability: " + freeNote);
    out.add(finite != null ? "finite width: singular values of J at n = " + finite.width()
        + ", seed " + finite.seed() + (finite.orthogonal() ? ", Haar-orthogonal matrices" : "")
        : "finite width: not computed (width 0)");
    return out;
  }
}
