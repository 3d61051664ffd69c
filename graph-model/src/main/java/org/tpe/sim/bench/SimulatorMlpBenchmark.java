package org.tpe.sim.bench;

import java.util.List;
import org.tpe.bench.Benchmark;
import org.tpe.bench.Timing;
import org.tpe.format.TpParser;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.model.Program;
import org.tpe.sim.FiniteWidthSimulator;
import org.tpe.sim.SimulationOptions;

/**
 * The finite-width simulator at n = 4096 on a depth-10 ReLU MLP on 2 inputs (issue 3): two
 * correlated initial G-vars h1, h1' (the first layer's preactivations), then nine layers
 * h^{l} = W^l relu(h^{l−1}) with W^l ~ N(0, 2/n): nine 4096×4096 Gaussian matrices drawn, 18
 * matrix-vector products, and the statistics of all 40 vectors (means, variances, 820 second
 * moments, histograms). {@code bench/mlp_numpy.py} does the same in NumPy, and {@code
 * bench/compare-numpy.sh} runs both and prints the ratio; target: within 2× of NumPy.
 */
public final class SimulatorMlpBenchmark implements Benchmark {
  /** Hidden layers (the initial G-vars count as the first). */
  public static final int DEPTH = 10;
  /** Width. */
  public static final int WIDTH = 4096;

  @Override
  public String name() {
    return "simulate-mlp";
  }

  @Override
  public String description() {
    return "finite-width run, n = " + WIDTH + ", depth-" + DEPTH
        + " ReLU MLP on 2 inputs (9 matrices); target within 2x of bench/mlp_numpy.py";
  }

  /** The program (same as bench/mlp_numpy.py). */
  public static Program program() {
    StringBuilder b = new StringBuilder("title \"depth-" + DEPTH + " ReLU MLP on two inputs\"\n");
    b.append("input h1 : G(n) ~ N(0, 1)\ninput h1' : G(n) ~ N(0, 1)\ncov(h1, h1') = 0.5\n");
    for (int l = 2; l <= DEPTH; l++) {
      b.append("input W").append(l).append(" : A(n, n) ~ N(0, 2/n)\n");
    }
    for (int l = 1; l <= DEPTH; l++) {
      if (l > 1) {
        b.append("h").append(l).append(" := W").append(l).append(" x").append(l - 1).append('\n');
        b.append("h").append(l).append("' := W").append(l).append(" x").append(l - 1)
            .append("'\n");
      }
      b.append("x").append(l).append(" := relu(h").append(l).append(")\n");
      b.append("x").append(l).append("' := relu(h").append(l).append("')\n");
    }
    return TpParser.parse(b.toString());
  }

  @Override
  public List<String> run() {
    Program p = program();
    CoordinateStatistics[] last = new CoordinateStatistics[1];
    long[] seed = {0};
    Timing.Result t = Timing.measure(() -> last[0] = FiniteWidthSimulator.simulate(p,
        SimulationOptions.of(WIDTH, ++seed[0])), 2, 7);
    int v = last[0].vectors().size();
    return List.of(t + " for " + v + " vectors, " + (DEPTH - 1) + " matrices on "
            + Runtime.getRuntime().availableProcessors() + " threads",
        String.format("java-median-ms %.1f", t.medianMs()),
        String.format("(1/n) x%d·x%d' = %.4f", DEPTH, DEPTH,
            last[0].secondMoment("x" + DEPTH, "x" + DEPTH + "'").value()));
  }
}
