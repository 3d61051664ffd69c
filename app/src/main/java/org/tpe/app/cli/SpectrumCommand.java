package org.tpe.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tpe.limit.Estimate;
import org.tpe.limit.Histogram;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.ProgressListener;
import org.tpe.limit.CancellationToken;
import org.tpe.model.Program;
import org.tpe.spectrum.FreeProduct;
import org.tpe.spectrum.FreeSpectrum;
import org.tpe.spectrum.SpectralFactor;
import org.tpe.spectrum.SpectrumAnalysis;
import org.tpe.spectrum.SpectrumCsv;
import org.tpe.spectrum.SpectrumException;
import org.tpe.spectrum.SpectrumJson;
import org.tpe.spectrum.SpectrumOptions;
import org.tpe.spectrum.SpectrumReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tpe spectrum FILE [--from A --to B] [--moments K] [--width N] [--orthogonal]
 * [--json|--csv]}: the spectrum of JᵀJ for J = ∂B/∂A three ways — moments from the Tensor
 * Program's limit, the free-probability law (moments, λ_max, support, density), and the
 * eigenvalues of a seeded network at width N.
 */
@Command(name = "spectrum", mixinStandardHelpOptions = true,
    description = {"The spectrum of JᵀJ for the Jacobian J = ∂B/∂A of a drawn network "
        + "(seeds/004 \"Intermedia 2\", seeds/003).",
        "Computed three ways: its moments from the limit of the Netsor⊤ program (JᵀJ)^k v, "
        + "the free-probability law (with λ_max, the support and the density), and the singular "
        + "values of a seeded network at width N."})
final class SpectrumCommand implements Callable<Integer> {
  /** Rows of the density table in the text output. */
  static final int TEXT_ROWS = 20;

  @Parameters(index = "0", paramLabel = "FILE", description = "the .tp file")
  Path file;

  @Mixin JacobianEnds ends = new JacobianEnds();

  @Option(names = "--moments", paramLabel = "K",
      description = "moments τ_1 … τ_K (default ${DEFAULT-VALUE})")
  int moments = SpectrumOptions.DEFAULT_MOMENTS;

  @Option(names = "--width", paramLabel = "N",
      description = "width of the finite-width network, 0 for none (default ${DEFAULT-VALUE})")
  int width = SpectrumOptions.DEFAULT_WIDTH;

  @Option(names = "--seed", paramLabel = "S",
      description = "seed of the finite-width network (default ${DEFAULT-VALUE})")
  long seed = 1;

  @Option(names = "--orthogonal",
      description = "every matrix σ·(Haar orthogonal) instead of Gaussian (dynamical isometry)")
  boolean orthogonal;

  @Option(names = "--grid", paramLabel = "P",
      description = "points of the density grid (default ${DEFAULT-VALUE})")
  int grid = SpectrumOptions.DEFAULT_GRID;

  @Option(names = "--samples", paramLabel = "N",
      description = "particles, if the limit engine is the particle engine (default "
          + "${DEFAULT-VALUE})")
  int samples = LimitOptions.DEFAULT_SAMPLES;

  @Option(names = "--json", description = "print JSON")
  boolean json;

  @Option(names = "--csv", description = "print CSV (quantity,k,x,method,value,error)")
  boolean csv;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (json && csv) {
      throw new ParameterException(spec.commandLine(), "choose one of --json and --csv");
    }
    SpectrumOptions options;
    try {
      options = SpectrumOptions.defaults().withEnds(ends.from, ends.to).withMoments(moments)
          .withWidth(width).withSeed(seed).withOrthogonal(orthogonal).withGridPoints(grid)
          .withLimits(LimitOptions.defaults().withHistogramBins(0).withSamples(samples));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Program program = ProgramFiles.parse(file);
    SpectrumReport r;
    try {
      r = SpectrumAnalysis.run(program, options, ProgressListener.NONE, CancellationToken.NONE);
    } catch (SpectrumException e) {
      throw new Rejected(ProgramFiles.format(file.toString(), e.problems()));
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? SpectrumJson.write(r) : csv ? SpectrumCsv.write(r) : text(r));
    out.flush();
    return 0;
  }

  /** The human-readable report. */
  static String text(SpectrumReport r) {
    StringBuilder b = new StringBuilder();
    List<String> notes = r.notes();
    b.append(notes.get(0)).append('\n');
    for (String n : notes.subList(1, notes.size())) {
      b.append("  ").append(n).append('\n');
    }
    b.append('\n');
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"k", "program" + (r.program() == null ? "" : " (" + r.program()
        .method() + ")"), "free probability", r.finite() == null ? "finite width"
        : "finite width n = " + r.finite().width()});
    double[] fm = r.finite() == null ? null : r.finite().moments(r.moments());
    for (int k = 1; k <= r.moments(); k++) {
      rows.add(new String[] {Integer.toString(k),
          r.program() == null ? "—" : est(r.program().moments().get(k - 1)),
          r.free() == null ? "—" : est(r.free().moments().get(k - 1)),
          fm == null ? "—" : num(fm[k - 1])});
    }
    TextTable.append(b, rows);
    FreeSpectrum f = r.free();
    if (f != null) {
      b.append("\nfree factors of JᵀJ (⊠):\n");
      for (SpectralFactor sf : f.factors()) {
        b.append("  ").append(sf.label()).append(sf instanceof SpectralFactor.DiscreteLaw d
            ? "; " + d.accuracy() : "").append('\n');
      }
    }
    b.append('\n').append("λ_max: ").append(f == null ? "—" : num(f.lambdaMax())
        + (f.pointMass() ? " (a point mass: every eigenvalue)" : " (right edge of the support)"))
        .append(r.finite() == null ? "" : "; largest eigenvalue at n = " + r.finite().width()
        + ": " + num(r.finite().lambdaMax())).append('\n');
    if (f != null && !f.pointMass()) {
      List<String> ivs = new ArrayList<>();
      for (FreeSpectrum.Interval iv : f.bulk()) {
        ivs.add("[" + num(iv.lo()) + ", " + num(iv.hi()) + "]");
      }
      int fragments = f.support().size() - f.bulk().size();
      double fragmentMass = f.support().stream().filter(i -> i.mass() < FreeSpectrum.FRAGMENT)
          .mapToDouble(FreeSpectrum.Interval::mass).sum();
      b.append("support: ").append(String.join(" ∪ ", ivs)).append(fragments == 0 ? ""
          : " (and " + fragments + " fragments of total mass " + num(fragmentMass)
          + ": a tail resolved only to the D-laws' quadrature atoms)").append("; atom at 0: ")
          .append(num(f.massAtZero())).append(r.finite() == null || f.massAtZero() == 0 ? ""
          : " (at n = " + r.finite().width() + ", a fraction " + num(r.finite().fractionAtZero())
          + " of the eigenvalues is 0; the histogram below leaves them out)").append('\n');
      b.append(density(r, f));
    }
    return b.toString();
  }

  /** The density at the centres of TEXT_ROWS bins beside the finite-width histogram. */
  private static String density(SpectrumReport r, FreeSpectrum f) {
    double top = r.range();
    double[] centres = new double[TEXT_ROWS];
    for (int i = 0; i < TEXT_ROWS; i++) {
      centres[i] = top * (i + 0.5) / TEXT_ROWS;
    }
    FreeProduct.Density d = f.densityAt(centres, CancellationToken.NONE);
    Histogram h = r.finite() == null ? null : r.finite().continuousHistogram(TEXT_ROWS, top);
    StringBuilder b = new StringBuilder("\ndensity of the spectrum (" + f.density().x().length
        + " points with --json or --csv)\n");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"λ", "ρ(λ) free probability", h == null ? ""
        : "histogram n = " + r.finite().width()});
    for (int i = 0; i < TEXT_ROWS; i++) {
      rows.add(new String[] {num(centres[i]), num(d.density()[i]),
          h == null ? "" : num(h.density()[i])});
    }
    TextTable.append(b, rows);
    return b.toString();
  }

  private static String est(Estimate e) {
    return e.error() == 0 ? num(e.value()) : String.format("%.8g ± %.2g", e.value(), e.error());
  }

  private static String num(double v) {
    return String.format("%.6g", v);
  }
}
