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
import org.tpe.limit.Estimate;
import org.tpe.sim.FiniteWidthSimulator;
import org.tpe.sim.ReplicateMean;
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
 * One draw's errors ({@link #compute}) are the simulator's within-draw coordinate standard errors
 * √(Var/n) propagated to first order; they treat the coordinates as independent although they
 * share the matrices, so they understate the seed-to-seed fluctuation of Θ_n. {@link #replicated}
 * gives the honest error: the mean of R independent draws ± its standard error s/√R ({@link
 * ReplicateMean}; not including the O(1/n) bias).
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
      stats = FiniteWidthSimulator.simulate(terms.instantiated().program(),
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
        + " draw of the network; ± is the within-draw coordinate standard error, which treats"
        + " the coordinates as independent and understates the seed-to-seed fluctuation");
    return new NtkResult(terms.net.inputs(), total, nngp, byParameter, terms.exponents(), null,
        stats.method(), notes, n, seed);
  }

  /**
   * The empirical NTK averaged over {@code replicates} independent networks of width {@code n}
   * (seeds {@link FiniteWidthSimulator#replicateSeed}(seed, r), run one after the other): every
   * entry of Θ_n, of the NNGP and of each parameter's term is the mean over the draws ± its
   * standard error s/√R ({@link ReplicateMean}), the seed-to-seed fluctuation of the mean; the
   * O(1/n) bias against the limit is not included. R = 1 is one draw ({@link #compute}) with its
   * errors unknown (NaN). Cost: R runs.
   *
   * @throws IllegalArgumentException if {@code replicates < 1}
   * @throws NtkException as {@link #compute}
   */
  public static NtkResult replicated(Program network, int n, long seed, int replicates,
      int threads, ProgressListener progress, CancellationToken cancel) {
    if (replicates < 1) {
      throw new IllegalArgumentException("replicates must be at least 1: " + replicates);
    }
    List<NtkResult> rs = new ArrayList<>();
    for (int r = 0; r < replicates; r++) {
      double base = (double) r / replicates;
      rs.add(compute(network, n, FiniteWidthSimulator.replicateSeed(seed, r), threads,
          (f, m) -> progress.progress(base + f / replicates, m), cancel));
    }
    NtkResult first = rs.get(0);
    Map<String, Kernel> byParameter = new LinkedHashMap<>();
    for (String p : first.byParameter().keySet()) {
      byParameter.put(p, mean(rs.stream().map(x -> x.byParameter().get(p)).toList()));
    }
    List<String> notes = new ArrayList<>(first.notes().subList(0, first.notes().size() - 1));
    notes.add("finite width n = " + n + ": the mean over " + replicates + " independent draws of"
        + " the network (seeds derived from " + seed + ") ± "
        + (replicates == 1 ? "unknown (?): one draw cannot estimate its seed-to-seed fluctuation"
        : "its standard error s/√" + replicates + " over seeds; the O(1/n) bias is not included"));
    return new NtkResult(first.inputs(), mean(rs.stream().map(NtkResult::ntk).toList()),
        mean(rs.stream().map(NtkResult::nngp).toList()), byParameter, first.exponents(), null,
        first.method() + " replicates=" + replicates, notes, n, seed);
  }

  /** Entrywise {@link ReplicateMean} of kernels of one size. */
  private static Kernel mean(List<Kernel> ks) {
    int k = ks.get(0).size();
    double[][] v = new double[k][k];
    double[][] e = new double[k][k];
    double[] xs = new double[ks.size()];
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        for (int r = 0; r < xs.length; r++) {
          xs[r] = ks.get(r).value(a, b);
        }
        Estimate m = ReplicateMean.of(xs);
        v[a][b] = m.value();
        e[a][b] = m.error();
      }
    }
    return new Kernel(v, e);
  }
}
