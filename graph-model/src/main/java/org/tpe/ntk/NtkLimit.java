package org.tpe.ntk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.LimitException;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.Limits;
import org.tpe.limit.ProgressListener;
import org.tpe.model.Program;

/**
 * The infinite-width NTK of a network (TP II, "NTK of any architecture"; TP IIb Thm. 5.1):
 * derives the backward pass, instantiates forward and backward passes on the inputs, computes the
 * limits of that program with {@link Limits} (the deterministic engine, exact to ~1e-12, when the
 * backward pass is BP-like and the forward pass Gaussian; the particle engine, with standard
 * errors, when a matrix meets its transpose and ZDot does not vanish), and assembles Θ, each
 * parameter's term and the NNGP ({@link KernelTerms}); then, where TP IIb Prop. D.3 applies, the
 * same kernel as a sum over isomorphism classes of path pairs ({@link PathSum}), which must agree
 * with it to rounding.
 *
 * <p>Errors: each entry carries the error the limit engine reports for the second moments it
 * reads, propagated to first order and summed (a bound when the engine's are bounds). A term
 * whose width exponent is negative vanishes in the limit (reported as 0, with a note); a positive
 * one has no limit and is refused.
 */
public final class NtkLimit {
  private NtkLimit() {}

  /** {@link #compute(Program, LimitOptions, ProgressListener, CancellationToken)} by default. */
  public static NtkResult compute(Program network) {
    return compute(network, LimitOptions.defaults(), ProgressListener.NONE,
        CancellationToken.NONE);
  }

  /**
   * The NTK limit of {@code network}.
   *
   * @throws NtkException if the network is ill formed, has no finite kernel in its
   *     parametrization, or its limits cannot be computed
   * @throws CancellationException if cancelled
   */
  public static NtkResult compute(Program network, LimitOptions options,
      ProgressListener progress, CancellationToken cancel) {
    return compute(network, options, true, progress, cancel);
  }

  /**
   * The NTK limit of {@code network}, with its path form only when {@code pathForm} (the kernel
   * per parameter alone costs one limit computation; the path form a second one).
   *
   * @throws NtkException if the network is ill formed, has no finite kernel in its
   *     parametrization, or its limits cannot be computed
   * @throws CancellationException if cancelled
   */
  public static NtkResult compute(Program network, LimitOptions options, boolean pathForm,
      ProgressListener progress, CancellationToken cancel) {
    KernelTerms terms = KernelTerms.of(network);
    if (!terms.divergent().isEmpty()) {
      throw new NtkException(terms.divergent());
    }
    CoordinateStatistics stats;
    try {
      // only the pairs the kernels read (a deep MLP on 8 inputs: ≈ 1 500 of 2·10⁵)
      stats = Limits.compute(terms.instantiated.program(),
          org.tpe.limit.LimitRequest.pairs(terms.neededPairs()), options.withHistogramBins(0),
          java.util.Set.of(terms.net.readout().weights()), progress, cancel);
    } catch (LimitException e) {
      throw new NtkException(e.problems());
    }
    KernelTerms.Moments m = terms.moments(stats);
    int k = terms.inputs();
    List<String> notes = new ArrayList<>(terms.backward.notes());
    Map<String, Kernel> byParameter = new LinkedHashMap<>();
    Kernel total = Kernel.zero(k);
    for (KernelTerms.Parameter p : terms.parameters) {
      Kernel part;
      if (p.exponent() < -1e-12) {
        part = Kernel.zero(k);
        notes.add(p.name() + "'s term vanishes like n^" + KernelTerms.num(p.exponent())
            + " in " + terms.net.parametrizationOf(p.name()).text() + " parametrization");
      } else {
        part = terms.evaluate(p, m);
      }
      byParameter.put(p.name(), part);
      total = total.plus(part);
    }
    Kernel nngp;
    double s = terms.readoutScale;
    if (Math.abs(s - 0.5) < 1e-12) {
      nngp = terms.readoutKernel(m).times(terms.readoutVariance);
    } else {
      nngp = Kernel.zero(k);
      notes.add("the output f = n^-" + KernelTerms.num(s) + " vᵀx tends to 0, so the NNGP is 0"
          + " (the readout of " + terms.net.parametrizationOf(terms.net.readout().weights())
          .text() + " parametrization)");
    }
    PathForm form = pathForm
        ? PathSum.compute(terms, byParameter, total, options, progress, cancel) : null;
    if (form != null) {
      notes.add(form.note());
    }
    notes.add("limits: " + stats.method());
    notes.addAll(stats.notes());
    return new NtkResult(terms.net.inputs(), total, nngp, byParameter, terms.exponents(), form,
        "limit (" + stats.method() + ")", notes, 0, 0);
  }
}
