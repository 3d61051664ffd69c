package org.tpe.train;

import java.util.List;
import org.tpe.limit.Estimate;
import org.tpe.ntk.Kernel;
import org.tpe.sim.LogLogFit;

/**
 * Everything {@code tpe train} and the editor's Training tab show about one network's training
 * ({@link TrainingAnalysis}): the regime; the limit trajectory when it exists (else why not); in
 * the kernel regime the NTK, the kernel-gradient-descent prediction from the limit's f_0 and how
 * well the limit matches it (TP IIb Thm. 5.3, a built-in check); the finite-width runs, each with
 * its reference (the limit for feature learning, kernel gradient descent from the run's own f_0
 * in the kernel regime); the convergence of the runs to their references over widths; the
 * coordinate check. Immutable.
 *
 * @param regime the network's regime in its parametrization
 * @param schedule the unrolled program of the limit (or of the first run when there is no limit)
 * @param limit the limit trajectory, or null
 * @param noLimit why there is no limit trajectory, or null
 * @param ntk Θ over the schedule's inputs in the kernel regime, else null
 * @param kernelGd kernel gradient descent from the limit's f_0 (kernel regime, limit computed)
 * @param agreement the check of the limit against kernel gradient descent, or null
 * @param runs the finite-width runs, by width then seed (each one seed: errors unknown)
 * @param means per width, increasing, the mean of its runs over the seeds ± the standard error
 *     over seeds s/√K (unknown with one seed): the finite-width figures to show
 * @param references for every run, the trajectory it should approach (null entries when none)
 * @param convergence the distances of the runs to their references, or null
 * @param check the coordinate check, or null without runs
 * @param notes sentences for the user
 */
public record TrainingReport(Regime regime, UnrolledSgd.Result schedule,
    TrainingTrajectory limit, String noLimit, Kernel ntk, Estimate[][] kernelGd,
    Agreement agreement, List<TrainingTrajectory> runs, List<TrainingTrajectory> means,
    List<Estimate[][]> references,
    Convergence convergence, CoordinateCheck check, List<String> notes) {

  public TrainingReport {
    runs = List.copyOf(runs);
    means = List.copyOf(means);
    references = references.stream().map(TrainingReport::copy).toList();
    kernelGd = kernelGd == null ? null : copy(kernelGd);
    notes = List.copyOf(notes);
  }

  private static Estimate[][] copy(Estimate[][] m) {
    if (m == null) {
      return null;
    }
    Estimate[][] c = new Estimate[m.length][];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i].clone();
    }
    return c;
  }

  @Override
  public Estimate[][] kernelGd() {
    return copy(kernelGd);
  }

  @Override
  public List<Estimate[][]> references() {
    return references.stream().map(TrainingReport::copy).toList();
  }

  /**
   * The limit against kernel gradient descent: the largest |f_t^limit − f_t^GD| over steps and
   * inputs, and the largest allowance (the limit's error plus the prediction's at that entry,
   * times 4, plus 1e-9): the check holds when every distance is within its allowance. An entry
   * whose stated error is unbounded (± ∞: the engine could not propagate it) cannot fail, so
   * {@code unbounded} counts those entries: with any, the check is only partial.
   *
   * @param distance the largest distance
   * @param allowance the allowance at the entry of the largest distance
   * @param holds every distance within its allowance
   * @param unbounded the number of entries whose allowance is not finite
   */
  public record Agreement(double distance, double allowance, boolean holds, int unbounded) {
    /** "agree", "DISAGREE", or "agree where … bounded" when some errors are unbounded. */
    public String verdict() {
      if (!holds) {
        return "DISAGREE";
      }
      return unbounded == 0 ? "agree" : "agree within the stated errors, but " + unbounded
          + " stated error" + (unbounded == 1 ? " is" : "s are") + " unbounded (± ∞), so those"
          + " entries are not checked";
    }
  }

  /**
   * The runs' distance to their references: for every width the mean over seeds of |f_t − f_t^ref|
   * per (step, input) entry, pooled log-log slope (≈ −1/2 by the Master Theorem's fluctuations).
   *
   * @param widths the widths, increasing
   * @param entries one per (step, input) entry whose distances are all positive
   * @param pooled the pooled slope over the entries (null with fewer than two widths)
   * @param reference what the runs are compared with ("limit", "kernel gradient descent")
   */
  public record Convergence(List<Integer> widths, List<Entry> entries, LogLogFit pooled,
      String reference) {
    public Convergence {
      widths = List.copyOf(widths);
      entries = List.copyOf(entries);
    }
  }

  /** f_t on input {@code input}: mean distance at each width and the fitted slope. */
  public record Entry(int step, String input, List<Double> distances, LogLogFit fit) {
    public Entry {
      distances = List.copyOf(distances);
    }
  }
}
