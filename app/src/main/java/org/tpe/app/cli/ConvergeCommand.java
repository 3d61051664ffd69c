package org.tpe.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.LimitRequest;
import org.tpe.model.Program;
import org.tpe.sim.ConvergenceFormats;
import org.tpe.sim.ConvergenceResult;
import org.tpe.sim.ConvergenceSweep;
import org.tpe.sim.SimulationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tpe converge FILE [--widths 256,512,…] [--seed S] [--seeds K] [--json|--csv]}: the
 * limit (as {@code tpe limits} computes it) against finite-width runs, |simulated − limit| per
 * quantity and width, and the fitted log-log slope (≈ −1/2 by the Master Theorem).
 */
@Command(name = "converge", mixinStandardHelpOptions = true,
    description = "Compare finite-width runs with the infinite-width limit: |simulated − limit| "
        + "per quantity and width, and the fitted log-log slope (expected ≈ -1/2).")
final class ConvergeCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "the .tp file")
  Path file;

  @Option(names = "--widths", paramLabel = "N", split = ",",
      description = "widths to run (default 256,512,1024,2048,4096,8192)")
  List<Integer> widths = new ArrayList<>(ConvergenceSweep.DEFAULT_WIDTHS);

  @Option(names = "--seed", paramLabel = "S",
      description = "first seed of the simulations, and the particle engine's seed (default "
          + "${DEFAULT-VALUE})")
  long seed = 1;

  @Option(names = "--seeds", paramLabel = "K",
      description = "seeds S, S+1, …, S+K-1 at every width; errors are averaged over them "
          + "(default ${DEFAULT-VALUE})")
  int seeds = 1;

  @Option(names = "--samples", paramLabel = "N",
      description = "particles of the particle engine, if the limit needs it (default "
          + "${DEFAULT-VALUE})")
  int samples = LimitOptions.DEFAULT_SAMPLES;

  @Option(names = "--engine", paramLabel = "E",
      description = "limit engine: auto, exact, particle or quasi (particles from scrambled"
          + " Sobol points) (default ${DEFAULT-VALUE})")
  LimitOptions.Engine engine = LimitOptions.Engine.AUTO;

  @Option(names = "--json", description = "print JSON")
  boolean json;

  @Option(names = "--csv", description = "print CSV (quantity,a,b,limit,limit_error,width,error)")
  boolean csv;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (json && csv) {
      throw new ParameterException(spec.commandLine(), "choose one of --json and --csv");
    }
    if (seeds < 1) {
      throw new ParameterException(spec.commandLine(), "--seeds must be at least 1: " + seeds);
    }
    if (widths.stream().distinct().count() < 2 || widths.stream().anyMatch(w -> w < 2)) {
      throw new ParameterException(spec.commandLine(),
          "--widths needs at least two different widths, each at least 2: " + widths);
    }
    Program program = ProgramFiles.parse(file);
    CoordinateStatistics limit =
        LimitsCommand.compute(spec, file, program,
            LimitRequest.all().withHistograms(false), engine, samples, seed, 0);
    List<Long> seedList = new ArrayList<>();
    for (int i = 0; i < seeds; i++) {
      seedList.add(seed + i);
    }
    ConvergenceResult r;
    try {
      r = ConvergenceSweep.run(program, limit, widths, seedList,
          Runtime.getRuntime().availableProcessors(),
          new StderrProgress(spec.commandLine().getErr(), "converge"), CancellationToken.NONE);
    } catch (SimulationException e) {
      throw new Rejected(ProgramFiles.format(file.toString(), e.problems()));
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? ConvergenceFormats.json(r) : csv ? ConvergenceFormats.csv(r) : table(r));
    out.flush();
    return 0;
  }

  /** Human-readable: one row per quantity, its limit, the distance at each width, the slope. */
  static String table(ConvergenceResult r) {
    StringBuilder b = new StringBuilder();
    b.append("limit: ").append(r.limitMethod()).append('\n');
    for (String n : r.notes()) {
      b.append("  ").append(n).append('\n');
    }
    List<String[]> rows = new ArrayList<>();
    List<String> head = new ArrayList<>(List.of("quantity", "limit"));
    r.widths().forEach(w -> head.add("n=" + w));
    head.add("slope");
    rows.add(head.toArray(new String[0]));
    for (ConvergenceResult.Quantity q : r.quantities()) {
      List<String> row = new ArrayList<>(List.of(q.label(), String.format("%.6g", q.limit())));
      q.errors().forEach(e -> row.add(String.format("%.2e", e)));
      row.add(q.fit() == null ? "exact" : q.fit().toString());
      rows.add(row.toArray(new String[0]));
    }
    b.append('\n');
    TextTable.append(b, rows);
    b.append('\n').append("pooled log-log slope: ")
        .append(r.pooled() == null ? "none (every quantity is exact)" : r.pooled() + " over "
            + r.pooled().points() + " points (Master Theorem: -1/2)")
        .append('\n');
    return b.toString();
  }
}
