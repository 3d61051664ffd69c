package org.tpe.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.StatisticsCsv;
import org.tpe.limit.StatisticsJson;
import org.tpe.model.Program;
import org.tpe.sim.FiniteWidthSimulator;
import org.tpe.sim.SimulationException;
import org.tpe.sim.SimulationOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tpe simulate FILE --width N [--seed S] [--json|--csv]}: the statistics of {@code tpe
 * limits} measured on one finite-width run (DESIGN §7–§8), same table, same JSON keys.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Run the program at width N (seeded): coordinate mean and variance of every "
        + "vector, (1/n) Σ x_α y_α for every pair, every scalar, with CLT standard errors.")
final class SimulateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "the .tp file")
  Path file;

  @Option(names = "--width", paramLabel = "N", required = true,
      description = "the width n (≥ 2); matrices are n×n")
  int width;

  @Option(names = "--seed", paramLabel = "S", description = "seed (default ${DEFAULT-VALUE})")
  long seed = 1;

  @Option(names = "--threads", paramLabel = "T",
      description = "worker threads (default: all cores; the numbers do not depend on it)")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--json", description = "print JSON (DESIGN §8 shape, plus errors and notes)")
  boolean json;

  @Option(names = "--csv", description = "print CSV (quantity,a,b,kind,value,error)")
  boolean csv;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (json && csv) {
      throw new ParameterException(spec.commandLine(), "choose one of --json and --csv");
    }
    SimulationOptions options;
    try {
      options = new SimulationOptions(width, seed, threads, SimulationOptions.DEFAULT_BINS);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Program program = ProgramFiles.parse(file);
    CoordinateStatistics s;
    try {
      s = FiniteWidthSimulator.simulate(program, options,
          new StderrProgress(spec.commandLine().getErr(), "simulate"), CancellationToken.NONE);
    } catch (SimulationException e) {
      throw new Rejected(ProgramFiles.format(file.toString(), e.problems()));
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? StatisticsJson.write(s) : csv ? StatisticsCsv.write(s)
        : LimitsCommand.table(s));
    out.flush();
    return 0;
  }
}
