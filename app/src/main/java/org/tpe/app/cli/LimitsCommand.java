package org.tpe.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.Estimate;
import org.tpe.limit.LimitEngine;
import org.tpe.limit.LimitException;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.Limits;
import org.tpe.limit.StatisticsCsv;
import org.tpe.limit.StatisticsJson;
import org.tpe.limit.VectorStatistics;
import org.tpe.limit.exact.ExactLimitEngine;
import org.tpe.limit.exact.Explanation;
import org.tpe.limit.exact.SymbolicZ;
import org.tpe.validate.Validator;
import org.tpe.model.Program;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tpe limits FILE [--json|--csv] [--samples N] [--seed S] [--engine E] [--explain VAR]}:
 * Z statistics of every vector and θ̊ of every scalar (DESIGN §7–§8), with the engine, the method
 * of each class of quantity and the largest error estimate; or the derivation of one vector's Z.
 */
@Command(name = "limits", mixinStandardHelpOptions = true,
    description = "Infinite-width limits: mean and variance of Z^x for every vector, E[Z^a Z^b] "
        + "for every pair, and every scalar's limit, with the method used and ± errors.")
final class LimitsCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "the .tp file")
  Path file;

  @Option(names = "--json", description = "print JSON (DESIGN §8 shape, plus errors and notes)")
  boolean json;

  @Option(names = "--csv", description = "print CSV (quantity,a,b,kind,value,error)")
  boolean csv;

  @Option(names = "--samples", paramLabel = "N",
      description = "particles of the particle engine (default ${DEFAULT-VALUE})")
  int samples = LimitOptions.DEFAULT_SAMPLES;

  @Option(names = "--seed", paramLabel = "S", description = "seed (default ${DEFAULT-VALUE})")
  long seed = 1;

  @Option(names = "--engine", paramLabel = "E",
      description = "auto, exact or particle (default ${DEFAULT-VALUE})")
  LimitOptions.Engine engine = LimitOptions.Engine.AUTO;

  @Option(names = "--explain", paramLabel = "VAR",
      description = "print the symbolic Z of VAR: its ZHat covariance, ZDot coefficients and"
          + " second moment, as the Z-calculus derives them")
  String explain;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (json && csv) {
      throw new ParameterException(spec.commandLine(), "choose one of --json and --csv");
    }
    Program program = ProgramFiles.parse(file);
    if (explain != null) {
      return explain(program);
    }
    CoordinateStatistics s = compute(spec, file, program, engine, samples, seed);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.print(StatisticsJson.write(s));
    } else if (csv) {
      out.print(StatisticsCsv.write(s));
    } else {
      out.print(table(s));
    }
    out.flush();
    return 0;
  }

  private int explain(Program program) {
    if (!program.isDefined(explain) || !program.kindOf(explain).isVector()) {
      throw new Rejected(file + ": --explain " + explain + ": not a vector of the program");
    }
    CoordinateStatistics s = compute(spec, file, program, LimitOptions.Engine.EXACT, samples,
        seed);
    SymbolicZ z;
    try {
      z = ExactLimitEngine.symbolic(program, Validator.validate(program).calculus());
    } catch (LimitException e) {
      throw new Rejected(ProgramFiles.format(file.toString(), e.problems()));
    } catch (LimitEngine.EngineLimitException e) {
      throw new Rejected(file + ": " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    for (String line : Explanation.of(program, z, explain, s.secondMoment(explain, explain))) {
      out.println(line);
    }
    out.flush();
    return 0;
  }

  /**
   * The limits of {@code program} (read from {@code file}) with the command's options; a bad
   * option value is a usage error, a rejected program exit 1 with {@code file:line:col}.
   */
  static CoordinateStatistics compute(CommandSpec spec, Path file, Program program,
      LimitOptions.Engine engine, int samples, long seed) {
    LimitOptions options;
    try {
      options = LimitOptions.defaults().withEngine(engine).withSamples(samples).withSeed(seed);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--samples: " + e.getMessage());
    }
    try {
      return Limits.compute(program, options,
          new StderrProgress(spec.commandLine().getErr(), spec.name()), CancellationToken.NONE);
    } catch (LimitException e) {
      throw new Rejected(ProgramFiles.format(file.toString(), e.problems()));
    }
  }

  /** "3e-12 for E[a b]": the largest error estimate of the result, or empty when all are 0. */
  static String worstError(CoordinateStatistics s) {
    double worst = 0;
    String what = "";
    for (VectorStatistics v : s.vectors().values()) {
      if (v.variance().error() > worst) {
        worst = v.variance().error();
        what = "Var " + v.name();
      }
    }
    for (Map.Entry<String, Estimate> e : s.scalars().entrySet()) {
      if (e.getValue().error() > worst) {
        worst = e.getValue().error();
        what = e.getKey();
      }
    }
    for (Map.Entry<String, Map<String, Estimate>> row : s.secondMoments().entrySet()) {
      for (Map.Entry<String, Estimate> e : row.getValue().entrySet()) {
        if (e.getValue().error() > worst) {
          worst = e.getValue().error();
          what = "E[" + row.getKey() + " " + e.getKey() + "]";
        }
      }
    }
    return worst == 0 ? "" : String.format("%.2g for %s", worst, what);
  }

  /** The human-readable form: method and notes, then vectors, scalars and second moments. */
  static String table(CoordinateStatistics s) {
    StringBuilder b = new StringBuilder();
    b.append("method: ").append(s.method()).append('\n');
    String worst = worstError(s);
    if (!worst.isEmpty()) {
      b.append("  largest error estimate: ").append(worst).append('\n');
    }
    for (String n : s.notes()) {
      b.append("  ").append(n).append('\n');
    }
    if (!s.vectors().isEmpty()) {
      b.append('\n');
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"vector", "kind", "mean", "variance"});
      for (VectorStatistics v : s.vectors().values()) {
        rows.add(new String[] {v.name(), v.kind().label(), v.mean().toString(),
            v.variance().toString()});
      }
      TextTable.append(b, rows);
    }
    if (!s.scalars().isEmpty()) {
      b.append('\n');
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"scalar", "limit"});
      s.scalars().forEach((k, e) -> rows.add(new String[] {k, String.valueOf(e)}));
      TextTable.append(b, rows);
    }
    if (!s.secondMoments().isEmpty()) {
      b.append("\nsecond moments E[Z^a Z^b]\n");
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"a", "b", "E[Z^a Z^b]"});
      List<String> names = new ArrayList<>(s.secondMoments().keySet());
      for (int i = 0; i < names.size(); i++) {
        Map<String, Estimate> row = s.secondMoments().get(names.get(i));
        for (int j = i; j < names.size(); j++) {
          rows.add(new String[] {names.get(i), names.get(j),
              String.valueOf(row.get(names.get(j)))});
        }
      }
      TextTable.append(b, rows);
    }
    return b.toString();
  }
}
