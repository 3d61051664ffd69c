package org.tpe.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.tpe.derive.DerivationException;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.ProgressListener;
import org.tpe.model.Problem;
import org.tpe.model.Program;
import org.tpe.sim.FiniteWidthSimulator;
import org.tpe.sim.SimulationException;
import org.tpe.sim.SimulationOptions;

/**
 * SGD on a network at one width and seed: the unrolled program at width n ({@link
 * UnrolledSgd#atWidth}, exact SGD on the width-n network in every parametrization) run by {@link
 * FiniteWidthSimulator} — the matrices, the initial vectors (embeddings correlated by the Gram
 * matrix) and so the whole run are fixed by the seed. Cost: the simulator's (n² per matrix drawn,
 * 2n² per MatMul; T² k MatMuls for T steps on k inputs).
 *
 * <p>A run's numbers are random through its seed; their error is the spread over independent
 * seeds ({@link #replicated}: the mean over K seeds ± s/√K, {@link
 * FiniteWidthSimulator#overSeeds}). One run alone reports its errors as unknown.
 */
public final class FiniteWidthTraining {
  private FiniteWidthTraining() {}

  /** A run: its program and what it computed (errors unknown: one seed). */
  public record Run(UnrolledSgd.Result program, TrainingTrajectory trajectory) {}

  /**
   * Runs at one width with several seeds.
   *
   * @param runs one trajectory per seed, in the seeds' order (errors unknown)
   * @param mean the mean over the seeds ± its standard error s/√K (unknown for K = 1)
   */
  public record Replicates(UnrolledSgd.Result program, List<TrainingTrajectory> runs,
      TrainingTrajectory mean) {
    public Replicates {
      runs = List.copyOf(runs);
    }
  }

  /**
   * Trains {@code network} at width {@code n} with seed {@code seed}.
   *
   * @param bins histogram bins of every vector (0: none)
   * @throws TrainingException if the network is ill formed or the run fails (a width that does
   *     not fit in memory, a number that overflows: standard parametrization at large widths)
   * @throws CancellationException if cancelled
   */
  public static Run run(Program network, int n, long seed, int threads, int bins,
      ProgressListener progress, CancellationToken cancel) {
    Replicates r = replicated(network, n, List.of(seed), threads, bins, progress, cancel);
    return new Run(r.program(), r.runs().get(0));
  }

  /**
   * Trains {@code network} at width {@code n} once per seed, and combines the runs.
   *
   * @param seeds at least one seed
   * @param bins histogram bins of every vector (0: none; the mean's are the first seed's)
   * @throws TrainingException as {@link #run}
   * @throws CancellationException if cancelled
   */
  public static Replicates replicated(Program network, int n, List<Long> seeds, int threads,
      int bins, ProgressListener progress, CancellationToken cancel) {
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("at least one seed");
    }
    UnrolledSgd.Result r;
    try {
      r = UnrolledSgd.atWidth(network, n);
    } catch (DerivationException e) {
      throw new TrainingException(e.problems());
    }
    List<CoordinateStatistics> sts = new ArrayList<>();
    List<TrainingTrajectory> runs = new ArrayList<>();
    for (int i = 0; i < seeds.size(); i++) {
      long seed = seeds.get(i);
      double base = (double) i / seeds.size();
      String which = seeds.size() == 1 ? "" : "seed " + seed + ": ";
      CoordinateStatistics st;
      try {
        st = FiniteWidthSimulator.simulate(r.program(), new SimulationOptions(n, seed, threads,
            bins), (f, m) -> progress.progress(base + f / seeds.size(), which + m), cancel);
      } catch (SimulationException e) {
        throw new TrainingException(e.problems().isEmpty() ? List.of(Problem.error(
            e.getMessage(), null, null)) : e.problems());
      }
      sts.add(st);
      runs.add(TrainingTrajectory.of(r, FiniteWidthSimulator.overSeeds(r.program(), n,
          List.of(seed), List.of(st)), seed, 1));
    }
    TrainingTrajectory mean = seeds.size() == 1 ? runs.get(0) : TrainingTrajectory.of(r,
        FiniteWidthSimulator.overSeeds(r.program(), n, seeds, sts), seeds.get(0), seeds.size());
    return new Replicates(r, runs, mean);
  }
}
