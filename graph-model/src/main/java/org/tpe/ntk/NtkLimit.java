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
 * derives the backward pass and computes the second moments its kernel reads ({@link KernelTerms})
 * by one of two routes, then assembles Θ, each parameter's term and the NNGP; then, where TP IIb
 * Prop. D.3 applies, the same kernel as a sum over isomorphism classes of path pairs ({@link
 * PathSum}), which must agree with it to rounding.
 *
 * <ul>
 *   <li>{@link Route#BLOCKS}, the default wherever it applies: {@link KernelRecursion} on the
 *       single-input program, one k×k block per pair of vectors by closed forms (TP II's kernel
 *       recursions) — when every ZDot term vanishes (the backward pass is BP-like, the forward
 *       pass Gaussian), no Moment or scalar op is computed and every expectation has a closed
 *       form; errors 0;
 *   <li>{@link Route#INSTANTIATED}, otherwise: the backward pass instantiated on the inputs and
 *       its limits computed by {@link Limits} (the deterministic engine, exact to ~1e-12, when the
 *       backward pass is BP-like and the forward pass Gaussian; the particle engine, with
 *       standard errors, when a matrix meets its transpose and ZDot does not vanish). The notes
 *       say which route was taken and why.
 * </ul>
 *
 * <p>Errors: each entry carries the error the limit engine reports for the second moments it
 * reads, propagated to first order and summed (a bound when the engine's are bounds). A term
 * whose width exponent is negative vanishes in the limit (reported as 0, with a note); a positive
 * one has no limit and is refused.
 */
public final class NtkLimit {
  private NtkLimit() {}

  /** How the second moments are computed. */
  public enum Route {
    /** {@link #BLOCKS} where it applies, else {@link #INSTANTIATED}. */
    AUTO,
    /** On the single-input program, a k×k block per pair ({@link KernelRecursion}). */
    BLOCKS,
    /** The backward pass instantiated on the k inputs, through the limit engines. */
    INSTANTIATED
  }

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
    return compute(network, options, pathForm, Route.AUTO, progress, cancel);
  }

  /**
   * The NTK limit of {@code network} by {@code route} ({@link Route#AUTO}: the block route when
   * it applies and the options ask for a deterministic engine, AUTO or EXACT; a particle engine
   * asked for by name takes the instantiated route).
   *
   * @throws NtkException if the network is ill formed, has no finite kernel in its
   *     parametrization, or its limits cannot be computed, or if {@link Route#BLOCKS} is asked for
   *     and does not apply (the message says why)
   * @throws CancellationException if cancelled
   */
  public static NtkResult compute(Program network, LimitOptions options, boolean pathForm,
      Route route, ProgressListener progress, CancellationToken cancel) {
    KernelTerms terms = KernelTerms.of(network);
    if (!terms.divergent().isEmpty()) {
      throw new NtkException(terms.divergent());
    }
    List<String> notes = new ArrayList<>(terms.backward.notes());
    Assembly done = null;
    String method = null;
    List<String> limitNotes = new ArrayList<>();
    boolean deterministic = options.engine() == LimitOptions.Engine.AUTO
        || options.engine() == LimitOptions.Engine.EXACT;
    if (route == Route.BLOCKS || (route == Route.AUTO && deterministic)) {
      try {
        KernelRecursion blocks = KernelRecursion.of(terms, cancel);
        done = assemble(terms, blocks);
        method = "limit (k×k kernel blocks, closed forms)";
        limitNotes.add("limits: the second moments computed on the single-input program, one "
            + terms.inputs() + "×" + terms.inputs() + " block per pair of vectors by closed forms"
            + " (" + blocks.closedForms() + " entries; TP II's kernel recursions, exact to"
            + " rounding): every ZDot term vanishes, so every G-var is Gaussian");
      } catch (KernelRecursion.Refused e) {
        if (route == Route.BLOCKS) {
          throw new NtkException(List.of(org.tpe.model.Problem.error("the NTK cannot be computed"
              + " as k×k kernel blocks: " + e.getMessage(), null, null)));
        }
        limitNotes.add("limits of the backward pass instantiated on the " + terms.inputs()
            + " inputs, not k×k kernel blocks: " + e.getMessage());
      }
    } else if (route == Route.AUTO) {
      limitNotes.add("limits of the backward pass instantiated on the " + terms.inputs()
          + " inputs: the " + options.engine().name().toLowerCase() + " engine is asked for");
    }
    if (done == null) {
      CoordinateStatistics stats;
      try {
        // only the pairs the kernels read (a deep MLP on 8 inputs: ≈ 1 500 of 2·10⁵)
        stats = Limits.compute(terms.instantiated().program(),
            org.tpe.limit.LimitRequest.pairs(terms.neededPairs()), options.withHistogramBins(0),
            java.util.Set.of(terms.net.readout().weights()), progress, cancel);
      } catch (LimitException e) {
        throw new NtkException(e.problems());
      }
      done = assemble(terms, terms.moments(stats));
      method = "limit (" + stats.method() + ")";
      limitNotes.add("limits: " + stats.method());
      limitNotes.addAll(stats.notes());
    }
    notes.addAll(done.notes);
    PathForm form = pathForm
        ? PathSum.compute(terms, done.byParameter, done.total, options, progress, cancel) : null;
    if (form != null) {
      notes.add(form.note());
    }
    notes.addAll(limitNotes);
    return new NtkResult(terms.net.inputs(), done.total, done.nngp, done.byParameter,
        terms.exponents(), form, method, notes, 0, 0);
  }

  /** Θ, its parts and the NNGP from one source of moments. */
  private record Assembly(Kernel total, Kernel nngp, Map<String, Kernel> byParameter,
      List<String> notes) {}

  private static Assembly assemble(KernelTerms terms, KernelTerms.Moments m) {
    int k = terms.inputs();
    List<String> notes = new ArrayList<>();
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
    return new Assembly(total, nngp, byParameter, notes);
  }
}
