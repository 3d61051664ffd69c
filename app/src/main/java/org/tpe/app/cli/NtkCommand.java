package org.tpe.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.ProgressListener;
import org.tpe.model.Program;
import org.tpe.ntk.EmpiricalNtk;
import org.tpe.ntk.Kernel;
import org.tpe.ntk.NtkConvergence;
import org.tpe.ntk.NtkException;
import org.tpe.ntk.NtkFormats;
import org.tpe.ntk.NtkLimit;
import org.tpe.ntk.NtkResult;
import org.tpe.ntk.PathForm;
import org.tpe.sim.FiniteWidthSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tpe ntk FILE [--json|--csv] [--width N] [--widths …]}: the NTK of a network (TP II) —
 * in total, per parameter, with the NNGP beside it and, where TP IIb Prop. D.3 applies, per
 * isomorphism class of path pairs; optionally the empirical NTK at width N and its convergence
 * over widths (slope ≈ −1/2).
 */
@Command(name = "ntk", mixinStandardHelpOptions = true,
    description = "The neural tangent kernel of a network on its inputs: total, per parameter, "
        + "NNGP beside it, per path class (TP IIb Prop. D.3); --width N adds the empirical NTK "
        + "of a width-N network, --widths its convergence to the limit.")
final class NtkCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "the network (.tp)")
  Path file;

  @Option(names = "--json", description = "print JSON")
  boolean json;

  @Option(names = "--csv", description = "print CSV (" + NtkFormats.CSV_HEADER + ")")
  boolean csv;

  @Option(names = "--width", paramLabel = "N",
      description = "also the empirical NTK at width N: the mean over 4 independent networks"
          + " ± its standard error over seeds")
  Integer width;

  @Option(names = "--widths", paramLabel = "N", split = ",",
      description = "convergence of the empirical NTK to the limit over these widths")
  List<Integer> widths;

  @Option(names = "--seed", paramLabel = "S",
      description = "seed of the finite-width runs and of the particle engine (default "
          + "${DEFAULT-VALUE})")
  long seed = 1;

  @Option(names = "--seeds", paramLabel = "K",
      description = "seeds per width of the convergence sweep (default ${DEFAULT-VALUE})")
  int seeds = 1;

  @Option(names = "--samples", paramLabel = "N",
      description = "particles of the particle engine, if the limit needs it (default "
          + "${DEFAULT-VALUE})")
  int samples = LimitOptions.DEFAULT_SAMPLES;

  @Option(names = "--engine", paramLabel = "E",
      description = "limit engine: auto, exact, particle or quasi (particles from scrambled"
          + " Sobol points) (default ${DEFAULT-VALUE})")
  LimitOptions.Engine engine = LimitOptions.Engine.AUTO;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (json && csv) {
      throw new ParameterException(spec.commandLine(), "choose one of --json and --csv");
    }
    if (width != null && width < 2) {
      throw new ParameterException(spec.commandLine(), "--width must be at least 2: " + width);
    }
    if (widths != null && (widths.stream().distinct().count() < 2
        || widths.stream().anyMatch(w -> w < 2))) {
      throw new ParameterException(spec.commandLine(),
          "--widths needs at least two different widths, each at least 2: " + widths);
    }
    if (seeds < 1) {
      throw new ParameterException(spec.commandLine(), "--seeds must be at least 1: " + seeds);
    }
    LimitOptions options;
    try {
      options = LimitOptions.defaults().withEngine(engine).withSamples(samples).withSeed(seed);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--samples: " + e.getMessage());
    }
    Program network = ProgramFiles.parse(file);
    NtkResult limit;
    NtkResult finite = null;
    NtkConvergence sweep = null;
    int threads = Runtime.getRuntime().availableProcessors();
    try {
      limit = NtkLimit.compute(network, options, ProgressListener.NONE, CancellationToken.NONE);
      if (width != null) {
        finite = EmpiricalNtk.replicated(network, width, seed,
            FiniteWidthSimulator.DEFAULT_REPLICATES, threads, ProgressListener.NONE,
            CancellationToken.NONE);
      }
      if (widths != null) {
        List<Long> ss = new ArrayList<>();
        for (int i = 0; i < seeds; i++) {
          ss.add(seed + i);
        }
        sweep = NtkConvergence.run(network, limit, widths, ss, threads, ProgressListener.NONE,
            CancellationToken.NONE);
      }
    } catch (NtkException e) {
      throw new Rejected(ProgramFiles.format(file.toString(), e.problems()));
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? NtkFormats.json(limit, finite, sweep) : csv ? NtkFormats.csv(limit, finite)
        : table(network, limit, finite, sweep));
    out.flush();
    return 0;
  }

  /** The human-readable form. */
  static String table(Program network, NtkResult r, NtkResult finite, NtkConvergence sweep) {
    StringBuilder b = new StringBuilder();
    b.append("NTK").append(network.title().isEmpty() ? "" : " of \"" + network.title() + "\"")
        .append(" on inputs ").append(String.join(", ", r.inputs())).append('\n');
    b.append("method: ").append(r.method()).append('\n');
    for (String n : r.notes()) {
      b.append("  ").append(n).append('\n');
    }
    kernel(b, "Θ (NTK)", r.ntk(), r.inputs());
    kernel(b, "NNGP (output covariance)", r.nngp(), r.inputs());
    for (Map.Entry<String, Kernel> e : r.byParameter().entrySet()) {
      double ex = r.exponents().getOrDefault(e.getKey(), 0.0);
      kernel(b, "parameter " + e.getKey() + (ex == 0 ? "" : " (scales like n^" + ex + ")"),
          e.getValue(), r.inputs());
    }
    PathForm pf = r.pathForm();
    if (pf != null) {
      b.append("\npath form (TP IIb Prop. D.3): ").append(pf.applies() ? "applies" : "not"
          + " computed").append('\n');
      for (PathForm.Assumption a : pf.assumptions()) {
        b.append("  ").append(a.holds() ? "✓ " : "✗ ").append(a.name()).append(": ")
            .append(a.detail()).append('\n');
      }
      if (pf.applies()) {
        b.append(String.format("  Σ over classes − Θ: at most %.2g%n", pf.agreement()));
        for (PathForm.PathClass c : pf.classes().values()) {
          kernel(b, "class " + c.key().replace("^T", "ᵀ"), c.contribution(), r.inputs());
        }
      }
    }
    if (finite != null) {
      b.append("\nempirical NTK at width ").append(finite.width()).append(", seed ")
          .append(finite.seed()).append('\n');
      b.append("  ").append(finite.notes().get(finite.notes().size() - 1)).append('\n');
      kernel(b, "Θ_n", finite.ntk(), finite.inputs());
      for (Map.Entry<String, Kernel> e : finite.byParameter().entrySet()) {
        kernel(b, "parameter " + e.getKey(), e.getValue(), finite.inputs());
      }
    }
    if (sweep != null) {
      b.append("\nconvergence |Θ_n − Θ| (mean over ").append(sweep.seeds().size())
          .append(" seed(s))\n");
      List<String[]> rows = new ArrayList<>();
      List<String> head = new ArrayList<>(List.of("entry", "limit"));
      sweep.widths().forEach(w -> head.add("n=" + w));
      head.add("slope");
      rows.add(head.toArray(new String[0]));
      for (NtkConvergence.Entry e : sweep.entries()) {
        List<String> row = new ArrayList<>(List.of("Θ(" + e.a() + ", " + e.b() + ")",
            String.format("%.6g", e.limit())));
        e.distances().forEach(d -> row.add(String.format("%.2e", d)));
        row.add(e.fit() == null ? "exact" : e.fit().toString());
        rows.add(row.toArray(new String[0]));
      }
      TextTable.append(b, rows);
      b.append("pooled log-log slope: ").append(sweep.pooled() == null ? "none"
          : sweep.pooled() + " (Master Theorem: -1/2)").append('\n');
      sweep.notes().forEach(n -> b.append("  ").append(n).append('\n'));
    }
    return b.toString();
  }

  /** Appends {@code k} under {@code title} as a table over the inputs, each entry ± its error. */
  static void kernel(StringBuilder b, String title, Kernel k, List<String> inputs) {
    b.append('\n').append(title).append('\n');
    List<String[]> rows = new ArrayList<>();
    String[] head = new String[inputs.size() + 1];
    head[0] = "";
    for (int i = 0; i < inputs.size(); i++) {
      head[i + 1] = inputs.get(i);
    }
    rows.add(head);
    for (int a = 0; a < k.size(); a++) {
      String[] row = new String[k.size() + 1];
      row[0] = inputs.get(a);
      for (int c = 0; c < k.size(); c++) {
        row[c + 1] = k.error(a, c) == 0 ? String.format("%.10g", k.value(a, c))
            : String.format("%.6g ± %.2g", k.value(a, c), k.error(a, c));
      }
      rows.add(row);
    }
    TextTable.append(b, rows);
  }
}
