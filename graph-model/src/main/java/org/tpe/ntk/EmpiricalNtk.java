package org.tpe.ntk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.ProgressListener;
import org.tpe.model.Program;
import org.tpe.sim.FiniteWidthSimulator;
import org.tpe.sim.SimulationException;
import org.tpe.sim.SimulationOptions;

/**
 * The empirical NTK of the actual network at width n (Jacot et al. 2018; seeds/004 eq. (16)):
 * Θ_n(ξ_a, ξ_b) = Σ_P n^{-c_P} ⟨∇_{w_P} f(ξ_a), ∇_{w_P} f(ξ_b)⟩ for one seeded draw of the
 * parameters. The forward and backward passes on all inputs are run by {@link
 * FiniteWidthSimulator} (the same draws for the same seed), and the gradient inner products are
 * exact products of its coordinate averages: ∇_w f = Σ_u dh_u x_uᵀ / n for a matrix, so
 * ⟨∇_w f(ξ), ∇_w f(ξ̄)⟩ = Σ_{u, u'} (dh_u·dh̄_{u'}/n)(x_u·x̄_{u'}/n) — no sampling error beyond
 * the draw itself. An input layer's embedding vectors are drawn with the Gram matrix's
 * covariance, exactly as U ξ_t/√d is for a Gaussian U; its term uses the Gram entries
 * G[(a, t), (b, s)] for ξ_{a,t}·ξ_{b,s}/d.
 *
 * <p>Moment scalars are held at their values in the backward pass (as in the limit): the
 * omitted gradient through a Moment is O(n^{-1/2}) and vanishes in the limit (TP IIb App. D.4.5).
 * The reported errors are the simulator's coordinate standard errors √(Var/n) propagated to
 * first order: the scale of the distance to the limit, not an error of the finite-width value.
 * The NNGP column is the output covariance over the readout weights given the rest of the draw,
 * σ_v² n^{1−2s} x·x̄/n.
 */
public final class EmpiricalNtk {
  private EmpiricalNtk() {}

  /** At width {@code n} with seed {@code seed}, on all cores. */
  public static NtkResult compute(Program network, int n, long seed) {
    return compute(network, n, seed, Runtime.getRuntime().availableProcessors(),
        ProgressListener.NONE, CancellationToken.NONE);
  }

  /**
   * The empirical NTK of {@code network} at width {@code n}.
   *
   * @throws NtkException if the network is ill formed or the run fails (e.g. the width does not
   *     fit in memory)
   * @throws CancellationException if cancelled
   */
  public static NtkResult compute(Program network, int n, long seed, int threads,
      ProgressListener progress, CancellationToken cancel) {
    KernelTerms terms = KernelTerms.of(network);
    CoordinateStatistics stats;
    try {
      stats = FiniteWidthSimulator.simulate(terms.instantiated.program(),
          new SimulationOptions(n, seed, threads, 0), progress, cancel);
    } catch (SimulationException e) {
      throw new NtkException(e.problems());
    } catch (IllegalArgumentException e) {
      throw new NtkException(List.of(org.tpe.model.Problem.error(e.getMessage(), null, null)));
    }
    KernelTerms.Moments m = terms.moments(stats);
    int k = terms.inputs();
    Map<String, Kernel> byParameter = new LinkedHashMap<>();
    Kernel total = Kernel.zero(k);
    for (KernelTerms.Parameter p : terms.parameters) {
      Kernel part = terms.evaluate(p, m).times(Math.pow(n, p.exponent()));
      byParameter.put(p.name(), part);
      total = total.plus(part);
    }
    Kernel nngp = terms.readoutKernel(m).times(terms.readoutVariance
        * Math.pow(n, 1 - 2 * terms.readoutScale));
    List<String> notes = new ArrayList<>(terms.backward.notes());
    notes.add("finite width n = " + n + ", seed " + seed + ": the gradient inner products of one"
        + " draw of the network; ± is the coordinate standard error, the scale of the distance"
        + " to the limit");
    return new NtkResult(terms.net.inputs(), total, nngp, byParameter, terms.exponents(), null,
        stats.method(), notes, n, seed);
  }
}
