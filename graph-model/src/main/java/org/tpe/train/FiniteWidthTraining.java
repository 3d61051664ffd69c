package org.tpe.train;

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
 */
public final class FiniteWidthTraining {
  private FiniteWidthTraining() {}

  /** A run: its program and what it computed. */
  public record Run(UnrolledSgd.Result program, TrainingTrajectory trajectory) {}

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
    UnrolledSgd.Result r;
    try {
      r = UnrolledSgd.atWidth(network, n);
    } catch (DerivationException e) {
      throw new TrainingException(e.problems());
    }
    CoordinateStatistics st;
    try {
      st = FiniteWidthSimulator.simulate(r.program(), new SimulationOptions(n, seed, threads,
          bins), progress, cancel);
    } catch (SimulationException e) {
      throw new TrainingException(e.problems().isEmpty() ? List.of(Problem.error(e.getMessage(),
          null, null)) : e.problems());
    }
    return new Run(r, TrainingTrajectory.of(r, st, seed));
  }
}
