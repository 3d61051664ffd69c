package org.tpe.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.Estimate;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.ProgressListener;
import org.tpe.model.Program;
import org.tpe.ntk.Kernel;
import org.tpe.sim.FiniteWidthSimulator;
import org.tpe.train.CoordinateCheck;
import org.tpe.train.TrainingAnalysis;
import org.tpe.train.TrainingException;
import org.tpe.train.TrainingFormats;
import org.tpe.train.TrainingOverrides;
import org.tpe.train.TrainingReport;
import org.tpe.train.TrainingTrajectory;
import org.tpe.train.UnrolledSgd;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tpe train FILE [--steps T] [--lr η] [--param ntk|sp|mup] [--widths …] [--tolerance T]
 * [--json|--csv]}:
 * SGD on a network in the infinite-width limit and at finite widths (TP IIb §5, App. D; TP IV) —
 * the limit trajectory of f on every input, the loss and the feature kernel's movement; in the
 * kernel regime kernel gradient descent with the NTK, which the limit must match; the runs at
 * every width with their distance to the limit (or to kernel gradient descent from their own
 * f_0) and its log-log slope; the coordinate check.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "SGD on a network: the infinite-width limit (feature learning in μP, kernel "
        + "gradient descent in NTK parametrization), finite-width runs with --widths, and the "
        + "coordinate check.")
final class TrainCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "the network with its training"
      + " setup (.tp)")
  Path file;

  @Mixin TrainingOptions training;

  @Option(names = "--widths", paramLabel = "N", split = ",",
      description = "also run SGD at these widths, with the coordinate check")
  List<Integer> widths = new ArrayList<>();

  @Option(names = "--seed", paramLabel = "S", description = "first seed of the finite-width runs,"
      + " and the particle engine's seed (default ${DEFAULT-VALUE})")
  long seed = 1;

  @Option(names = "--seeds", paramLabel = "K", description = "seeds S … S+K−1 at every width;"
      + " the figures are the mean over them ± the standard error over seeds (K = 1: unknown)"
      + " (default ${DEFAULT-VALUE})")
  int seeds = FiniteWidthSimulator.DEFAULT_REPLICATES;

  @Option(names = "--samples", paramLabel = "N", description = "particles of the particle engines,"
      + " if the limit needs them (with --tolerance: the first try) (default ${DEFAULT-VALUE})")
  int samples = LimitOptions.DEFAULT_SAMPLES;

  @Option(names = "--engine", paramLabel = "E",
      description = "limit engine: auto, exact, particle or quasi (particles from scrambled"
          + " Sobol points) (default ${DEFAULT-VALUE})")
  LimitOptions.Engine engine = LimitOptions.Engine.AUTO;

  @Option(names = "--tolerance", paramLabel = "T",
      description = "accuracy wanted of the limit, relative to each number's scale (e.g. 1e-4):"
          + " the exact engine's integrals, or, where quasi-random particles are chosen"
          + " (feature learning over 2+ steps), more particles until every f_t and loss is"
          + " within it; the error reached is printed (default: the engine's)")
  double tolerance = 0;

  @Option(names = "--bins", paramLabel = "K", description = "with --json: a K-bin histogram of"
      + " every forward vector's coordinates at every step, in the limit and at every width"
      + " (default ${DEFAULT-VALUE}: none)")
  int bins = 0;

  @Option(names = "--json", description = "print JSON")
  boolean json;

  @Option(names = "--csv", description = "print CSV (" + TrainingFormats.CSV_HEADER + ")")
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
    if (bins < 0 || bins > 1000) {
      throw new ParameterException(spec.commandLine(), "--bins must be 0 … 1000: " + bins);
    }
    if (widths.stream().anyMatch(w -> w < 2)) {
      throw new ParameterException(spec.commandLine(), "--widths must be at least 2: " + widths);
    }
    LimitOptions options = LimitsCommand.options(spec, engine, samples, seed, tolerance)
        .withHistogramBins(json ? bins : 0);
    TrainingOverrides o = training.overrides(spec, file);
    Program network = o.applyTo(ProgramFiles.parse(file));
    List<Long> ss = new ArrayList<>();
    for (int i = 0; i < seeds; i++) {
      ss.add(seed + i);
    }
    TrainingReport r;
    try {
      r = TrainingAnalysis.run(network, new TrainingAnalysis.Options(true, widths, ss, options,
          Runtime.getRuntime().availableProcessors(), json ? bins : 0), ProgressListener.NONE,
          CancellationToken.NONE);
    } catch (TrainingException e) {
      throw new Rejected(ProgramFiles.format(file.toString(), e.problems()));
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? TrainingFormats.json(r) : csv ? TrainingFormats.csv(r) : table(network, r));
    out.flush();
    return 0;
  }

  /** The human-readable form. */
  static String table(Program network, TrainingReport r) {
    StringBuilder b = new StringBuilder();
    UnrolledSgd.Result s = r.schedule();
    b.append("SGD on ").append(network.title().isEmpty() ? "the network" : "\"" + network.title()
        + "\"").append(": ").append(s.steps()).append(" step").append(s.steps() == 1 ? "" : "s")
        .append(", η = ").append(number(s.learningRate())).append(", loss ")
        .append(s.loss().keyword()).append(", examples ");
    List<String> ex = new ArrayList<>();
    s.examples().forEach(a -> ex.add(s.inputs().get(a) + " (y = " + number(s.labels().get(a))
        + ")"));
    b.append(String.join(", ", ex));
    if (s.inputs().size() > s.examples().size()) {
      b.append("; test ").append(String.join(", ", s.inputs().subList(s.examples().size(),
          s.inputs().size())));
    }
    b.append('\n').append("regime: ").append(r.regime().kind().label()).append('\n');
    for (String n : r.notes()) {
      b.append("  ").append(n).append('\n');
    }
    if (r.limit() != null) {
      b.append("\nlimit (").append(r.limit().method()).append(")\n");
      r.limit().notes().forEach(n -> b.append("  ").append(n).append('\n'));
      trajectory(b, r.limit(), r.kernelGd());
      NtkCommand.kernel(b, "feature kernel movement K_t − K_0 of " + s.readout() + " at step "
          + s.steps(), r.limit().movement(s.steps()), s.inputs());
    } else {
      b.append("\nno limit trajectory: ").append(r.noLimit()).append('\n');
    }
    if (r.agreement() != null) {
      b.append(String.format("%nlimit vs kernel gradient descent (TP IIb Thm. 5.3): largest"
          + " distance %.2g, allowed %.2g: %s%n", r.agreement().distance(),
          r.agreement().allowance(), r.agreement().verdict()));
    }
    for (TrainingTrajectory t : r.means()) {
      b.append("\nwidth ").append(t.width()).append(", ").append(t.replicates() == 1 ? "seed "
          + t.seed() + " (one run: ± unknown, use --seeds K ≥ 2)" : "mean over " + t.replicates()
          + " seeds " + t.seed() + "…" + (t.seed() + t.replicates() - 1) + " ± the standard error"
          + " over seeds").append('\n');
      trajectory(b, t, null);
    }
    TrainingReport.Convergence c = r.convergence();
    if (c != null) {
      b.append("\ndistance of f_t to ").append(c.reference()).append(" (mean over seeds)\n");
      List<String[]> rows = new ArrayList<>();
      List<String> head = new ArrayList<>(List.of("entry"));
      c.widths().forEach(w -> head.add("n=" + w));
      head.add("slope");
      rows.add(head.toArray(new String[0]));
      for (TrainingReport.Entry e : c.entries()) {
        List<String> row = new ArrayList<>(List.of("f_" + e.step() + "(" + e.input() + ")"));
        e.distances().forEach(d -> row.add(String.format("%.2e", d)));
        row.add(e.fit() == null ? "—" : e.fit().toString());
        rows.add(row.toArray(new String[0]));
      }
      TextTable.append(b, rows);
      b.append("pooled log-log slope: ").append(c.pooled() == null ? "none" : c.pooled()
          + " (Master Theorem: -1/2)").append('\n');
    }
    CoordinateCheck cc = r.check();
    if (cc != null) {
      b.append("\ncoordinate check: size of each vector's coordinates on ").append(cc.input())
          .append(" against the width\n");
      List<String[]> rows = new ArrayList<>();
      List<String> head = new ArrayList<>(List.of("quantity", "step"));
      cc.widths().forEach(w -> head.add("n=" + w));
      head.add("slope");
      rows.add(head.toArray(new String[0]));
      for (CoordinateCheck.Row row : cc.rows()) {
        List<String> cells = new ArrayList<>(List.of(row.quantity().equals(CoordinateCheck.OUTPUT)
            ? "|f|" : row.quantity(), String.valueOf(row.step())));
        row.sizes().forEach(x -> cells.add(String.format("%.4g", x)));
        cells.add(row.fit() == null ? "—" : row.fit().toString());
        rows.add(cells.toArray(new String[0]));
      }
      TextTable.append(b, rows);
      cc.notes().forEach(n -> b.append("  ").append(n).append('\n'));
    }
    return b.toString();
  }

  private static void trajectory(StringBuilder b, TrainingTrajectory t, Estimate[][] gd) {
    List<String[]> rows = new ArrayList<>();
    List<String> head = new ArrayList<>(List.of("step"));
    for (String in : t.inputs()) {
      head.add("f(" + in + ")");
      if (gd != null) {
        head.add("kernel GD");
      }
    }
    head.add("loss");
    head.add("max |K_t − K_0|");
    rows.add(head.toArray(new String[0]));
    for (int s = 0; s <= t.steps(); s++) {
      List<String> row = new ArrayList<>(List.of(String.valueOf(s)));
      for (int in = 0; in < t.inputs().size(); in++) {
        row.add(t.output(s, in).toString());
        if (gd != null) {
          row.add(gd[s][in].toString());
        }
      }
      row.add(t.loss(s).toString());
      Kernel m = t.movement(s);
      double worst = 0;
      double err = 0;
      for (int a = 0; a < m.size(); a++) {
        for (int c = 0; c < m.size(); c++) {
          if (Math.abs(m.value(a, c)) >= worst) {
            worst = Math.abs(m.value(a, c));
            err = m.error(a, c);
          }
        }
      }
      row.add(new Estimate(worst, err).toString());
      rows.add(row.toArray(new String[0]));
    }
    TextTable.append(b, rows);
  }

  private static String number(double v) {
    return org.tpe.expr.ExprPrinter.number(v);
  }
}
