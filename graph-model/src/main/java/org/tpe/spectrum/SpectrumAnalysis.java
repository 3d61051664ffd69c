package org.tpe.spectrum;

import java.util.ArrayList;
import java.util.List;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.Estimate;
import org.tpe.limit.LimitException;
import org.tpe.limit.Limits;
import org.tpe.limit.ProgressListener;
import org.tpe.model.MatMul;
import org.tpe.model.Program;

/**
 * The spectrum of JᵀJ for a drawn network three ways (issue: Jacobian spectra; seeds/004
 * "Intermedia 2", seeds/003):
 *
 * <ol>
 *   <li>τ_1 … τ_K from the limit of the {@link JacobianProgram} (the Tensor Programs way);
 *   <li>the free-probability law — moments, λ_max, support, density — when {@link
 *       FreeProbabilityModel} applies;
 *   <li>the eigenvalues of JᵀJ of one seeded network at width n ({@link FiniteWidthJacobian}).
 * </ol>
 *
 * Each part that cannot be computed for this program says why in the report; bad input (ends
 * that are not connected, too many moments, a bad width) is a {@link SpectrumException}. Pure:
 * the report depends only on the program and the options.
 */
public final class SpectrumAnalysis {
  private SpectrumAnalysis() {}

  /** {@link #run(Program, SpectrumOptions, ProgressListener, CancellationToken)} without either. */
  public static SpectrumReport run(Program program, SpectrumOptions options) {
    return run(program, options, ProgressListener.NONE, CancellationToken.NONE);
  }

  /**
   * Analyses the spectrum of JᵀJ of {@code program}.
   *
   * @throws SpectrumException for bad input, with every problem's position
   * @throws java.util.concurrent.CancellationException if {@code cancel} was cancelled
   */
  public static SpectrumReport run(Program program, SpectrumOptions options,
      ProgressListener progress, CancellationToken cancel) {
    Jacobian j = Jacobian.of(program, options.from(), options.to());
    int k = options.moments();
    ProgramMoments pm = null;
    String programNote = null;
    if (options.orthogonal()) {
      programNote = "not computed: the Master Theorem's limits are for Gaussian matrices, and"
          + " the limit engine would treat an orthogonal W as Gaussian";
      JacobianProgram.checkRange(k);
    } else {
      progress.progress(0, "the Jacobian program's limit");
      pm = ProgramMoments.compute(j, k, options.limits(),
          (f, m) -> progress.progress(0.5 * f, m), cancel);
    }
    cancel.check();
    progress.progress(0.5, "free probability");
    FreeProbabilityModel model;
    FreeSpectrum free = null;
    String freeNote = null;
    try {
      model = FreeProbabilityModel.of(j, forwardLimits(j, options, cancel),
          options.orthogonal());
    } catch (LimitException e) {
      model = new FreeProbabilityModel(List.of(), "the forward pass's limit failed: "
          + e.getMessage(), null);
    }
    if (model.applicable()) {
      free = free(model, k, options, cancel);
    } else {
      freeNote = "not applicable: " + model.notApplicable();
    }
    FiniteWidthSpectrum finite = null;
    if (options.width() > 0) {
      progress.progress(0.7, "singular values at width " + options.width());
      finite = FiniteWidthJacobian.compute(j, options.width(), options.seed(),
          options.orthogonal(), cancel);
    }
    progress.progress(1, "done");
    return new SpectrumReport(j, k, pm, programNote, model, free, freeNote, finite, options);
  }

  /** The forward pass's limits, or null when the model will not read them. */
  private static CoordinateStatistics forwardLimits(Jacobian j, SpectrumOptions options,
      CancellationToken cancel) {
    Program f = j.forwardProgram();
    boolean transposed = f.instructions().stream()
        .anyMatch(i -> i instanceof MatMul mm && mm.transposed());
    boolean reads = j.steps().stream().anyMatch(s -> !s.partials().isEmpty());
    if (transposed || !reads || !j.isChain()) {
      return null;
    }
    return Limits.compute(f, options.limits().withHistogramBins(0), ProgressListener.NONE,
        cancel);
  }

  private static FreeSpectrum free(FreeProbabilityModel model, int k, SpectrumOptions options,
      CancellationToken cancel) {
    FreeProduct mu = FreeProduct.of(model.factors());
    double[] tau = mu.moments(k);
    double eps = 0;
    for (SpectralFactor f : model.factors()) {
      if (f instanceof SpectralFactor.DiscreteLaw d) {
        eps += d.relativeError();
      }
    }
    List<Estimate> moments = new ArrayList<>();
    for (int m = 1; m <= k; m++) {
      double rel = m * eps + 4e-16 * m * model.factors().size();
      moments.add(new Estimate(tau[m - 1], Math.abs(tau[m - 1]) * rel));
    }
    double lmax = mu.lambdaMax();
    double top = mu.isPointMass() || mu.isZero() ? Math.max(1, 1.5 * lmax) : 1.1 * lmax;
    int g = options.gridPoints();
    double[] grid = new double[g];
    for (int i = 0; i < g; i++) {
      grid[i] = top * (i + 0.5) / g;
    }
    FreeProduct.Density density = mu.density(grid, cancel);
    List<FreeSpectrum.Interval> support = new ArrayList<>();
    for (double[] iv : mu.support(grid, cancel)) {
      support.add(new FreeSpectrum.Interval(iv[0], iv[1], mu.mass(iv[0], iv[1], cancel)));
    }
    return new FreeSpectrum(model.factors(), moments, lmax, support, mu.massAtZero(), density);
  }
}
