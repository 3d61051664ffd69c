package org.tpe.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.Estimate;
import org.tpe.limit.LimitEngine;
import org.tpe.limit.LimitException;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.LimitRequest;
import org.tpe.limit.Limits;
import org.tpe.limit.SecondMoments;
import org.tpe.limit.StatisticsCsv;
import org.tpe.limit.StatisticsJson;
import org.tpe.limit.VectorStatistics;
import org.tpe.model.Program;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tpe limits FILE [--json|--csv] [--pairs SEL|--outputs-only] [--histograms] [--samples N]
 * [--seed S] [--engine E] [--tolerance T] [--explain VAR]}: Z statistics of every vector and θ̊ of every scalar
 * (DESIGN §7–§8), with the engine, the method of each class of quantity and the largest error
 * estimate; or the derivation of one vector's Z. Second moments of every pair by default (or
 * those {@code --pairs} / {@code --outputs-only} select), histograms only with {@code
 * --histograms}; JSON and CSV are written streaming from the dense table.
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
      description = "auto, exact, particle or quasi (particles from scrambled Sobol points)"
          + " (default ${DEFAULT-VALUE})")
  LimitOptions.Engine engine = LimitOptions.Engine.AUTO;

  @Option(names = "--tolerance", paramLabel = "T",
      description = "accuracy wanted of the exact engine's numbers, relative to their scale"
          + " (e.g. 1e-4: cheaper 3-D and 4-D integrals); the error reached is printed with"
          + " every number (default: the engine's, 1e-12 to 1e-7 per integral)")
  double tolerance = 0;

  @Option(names = "--pairs", paramLabel = "SEL", split = ",",
      description = "second moments only for these: V (a vector; every pair among the vectors"
          + " listed), a pattern with * (s*: every vector whose name starts with s), A:B (one"
          + " pair); e.g. --pairs 's*' is the kernel of the s vectors")
  List<String> pairs;

  @Option(names = "--outputs-only", description = "report the outputs only (their statistics"
      + " and the second moments among them)")
  boolean outputsOnly;

  @Option(names = "--histograms", description = "also compute each reported vector's density"
      + " (a histogram; exact draws for non-Gaussian vectors)")
  boolean histograms;

  @Option(names = "--explain", paramLabel = "VAR",
      description = "print the derivation of VAR as the Z-calculus makes it: a vector's ZHat"
          + " covariance, ZDot coefficients and second moment, a scalar's Moment integral, a"
          + " matrix's MatMuls")
  String explain;

  @Spec CommandSpec spec;

  /**
   * The streams of a command read by {@link #quick} (null under picocli, whose command line has
   * them).
   */
  PrintWriter out;
  PrintWriter err;

  /**
   * The command for the common arguments, read without picocli, or null for anything else
   * (which picocli reads, with its messages): one {@code FILE} and at most once each {@code
   * --json}, {@code --csv}, {@code --outputs-only}, {@code --histograms} and {@code --pairs SEL}
   * (SEL without quotes or empty items), not both of an exclusive pair, no argument starting
   * with {@code -} or {@code @} otherwise. Building picocli's model of the command line reads
   * the commands' annotations through reflection and generated proxy classes, ≈ 50 ms of CPU
   * in a JVM that has just started: a quarter of {@code tpe limits --pairs} on the 200-token RNN.
   * LimitsCommandTest checks that picocli reads every such argument list to the same fields.
   */
  static LimitsCommand quick(List<String> args) {
    LimitsCommand c = new LimitsCommand();
    boolean pairsSeen = false;
    String fileArg = null;
    for (int k = 0; k < args.size(); k++) {
      String a = args.get(k);
      switch (a) {
        case "--json" -> {
          if (c.json) {
            return null;
          }
          c.json = true;
        }
        case "--csv" -> {
          if (c.csv) {
            return null;
          }
          c.csv = true;
        }
        case "--outputs-only" -> {
          if (c.outputsOnly) {
            return null;
          }
          c.outputsOnly = true;
        }
        case "--histograms" -> {
          if (c.histograms) {
            return null;
          }
          c.histograms = true;
        }
        case "--pairs" -> {
          if (pairsSeen || k + 1 == args.size()) {
            return null;
          }
          String v = args.get(++k);
          if (v.isEmpty() || v.startsWith("-") || v.startsWith("@") || v.indexOf('"') >= 0) {
            return null;
          }
          List<String> items = List.of(v.split(",", -1));
          if (items.contains("")) {
            return null;
          }
          c.pairs = new ArrayList<>(items);
          pairsSeen = true;
        }
        default -> {
          if (fileArg != null || a.isEmpty() || a.startsWith("-") || a.startsWith("@")) {
            return null;
          }
          fileArg = a;
        }
      }
    }
    if (fileArg == null || c.json && c.csv || c.pairs != null && c.outputsOnly) {
      return null;
    }
    try {
      c.file = Path.of(fileArg);
    } catch (java.nio.file.InvalidPathException e) {
      return null;
    }
    return c;
  }

  private PrintWriter out() {
    return spec != null ? spec.commandLine().getOut() : out;
  }

  private PrintWriter err() {
    return spec != null ? spec.commandLine().getErr() : err;
  }

  @Override
  public Integer call() {
    if (json && csv) {
      throw new ParameterException(spec.commandLine(), "choose one of --json and --csv");
    }
    if (pairs != null && outputsOnly) {
      throw new ParameterException(spec.commandLine(),
          "choose one of --pairs and --outputs-only");
    }
    Program program = ProgramFiles.parse(file);
    if (explain != null) {
      return explain(program);
    }
    LimitRequest request = pairs != null ? PairSelection.request(file, program, pairs)
        : outputsOnly ? LimitRequest.outputs() : LimitRequest.all();
    CoordinateStatistics s = compute(spec, err(), "limits", file, program,
        request.withHistograms(histograms), engine, samples, seed, tolerance);
    PrintWriter out = out();
    try {
      if (json && out instanceof TpeCommand.ProcessOut p) {
        // the process's stdout: UTF-8 bytes straight to the stream (no encoder on 19 MB)
        p.flush();
        StatisticsJson.write(s, p.bytes());
      } else if (json) {
        StatisticsJson.write(s, out);
      } else if (csv) {
        StatisticsCsv.write(s, out);
      } else {
        out.print(table(s));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a PrintWriter does not throw
    }
    out.flush();
    return 0;
  }

  private int explain(Program program) {
    if (!program.isDefined(explain)) {
      throw new Rejected(file + ": --explain " + explain + ": not a variable of the program");
    }
    // every pair: a derivation names the second moments of the variable's arguments too
    CoordinateStatistics s = compute(spec, file, program, LimitRequest.all().withHistograms(false),
        LimitOptions.Engine.EXACT, samples, seed, tolerance);
    org.tpe.limit.exact.Derivation d;
    try {
      d = org.tpe.app.editor.explain.Explainer.explanation(program, s).derive(explain);
    } catch (LimitException e) {
      throw new Rejected(ProgramFiles.format(file.toString(), e.problems()));
    } catch (LimitEngine.EngineLimitException e) {
      throw new Rejected(file + ": " + e.getMessage());
    }
    PrintWriter out = out();
    for (String line : d.lines()) {
      out.println(line);
    }
    out.flush();
    return 0;
  }

  /**
   * The limit options of a command: a bad --samples or --tolerance is a usage error that names
   * the option.
   */
  static LimitOptions options(CommandSpec spec, LimitOptions.Engine engine, int samples,
      long seed, double tolerance) {
    if (!(tolerance >= 0 && tolerance < 1)) {
      throw new ParameterException(spec.commandLine(), "--tolerance must be a number in (0, 1),"
          + " e.g. 1e-4 (or 0 for the engine's defaults): " + tolerance);
    }
    try {
      return LimitOptions.defaults().withEngine(engine).withSamples(samples).withSeed(seed)
          .withTolerance(tolerance);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--samples: " + e.getMessage());
    }
  }

  /**
   * What {@code request} asks of the limits of {@code program} (read from {@code file}) with the
   * command's options; a bad option value is a usage error, a rejected program exit 1 with
   * {@code file:line:col}.
   */
  static CoordinateStatistics compute(CommandSpec spec, Path file, Program program,
      LimitRequest request, LimitOptions.Engine engine, int samples, long seed,
      double tolerance) {
    return compute(spec, spec.commandLine().getErr(), spec.name(), file, program, request,
        engine, samples, seed, tolerance);
  }

  /**
   * {@link #compute(CommandSpec, Path, Program, LimitRequest, LimitOptions.Engine, int, long,
   * double)} with progress on {@code err} for {@code tpe command}; {@code spec} is null for a
   * command read by {@link #quick}, whose option values are the defaults (never a usage error).
   */
  static CoordinateStatistics compute(CommandSpec spec, PrintWriter err, String command,
      Path file, Program program, LimitRequest request, LimitOptions.Engine engine, int samples,
      long seed, double tolerance) {
    LimitOptions options = options(spec, engine, samples, seed, tolerance);
    try {
      return Limits.compute(program, request, options, Set.of(),
          new StderrProgress(err, command), CancellationToken.NONE);
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
    SecondMoments t = s.secondMomentTable();
    int wi = -1;
    int wj = -1;
    for (int i = 0; i < t.names().size(); i++) {
      for (int j = 0; j <= i; j++) {
        if (t.has(i, j) && t.error(i, j) > worst) {
          worst = t.error(i, j);
          wi = i;
          wj = j;
        }
      }
    }
    if (wi >= 0) {
      what = "E[" + t.names().get(wj) + " " + t.names().get(wi) + "]";
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
    SecondMoments t = s.secondMomentTable();
    if (t.pairCount() > 0) {
      b.append("\nsecond moments E[Z^a Z^b]\n");
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"a", "b", "E[Z^a Z^b]"});
      List<String> names = t.names();
      for (int i = 0; i < names.size(); i++) {
        for (int j = i; j < names.size(); j++) {
          if (t.has(i, j)) {
            rows.add(new String[] {names.get(i), names.get(j),
                new Estimate(t.value(i, j), t.error(i, j)).toString()});
          }
        }
      }
      TextTable.append(b, rows);
    }
    return b.toString();
  }
}
