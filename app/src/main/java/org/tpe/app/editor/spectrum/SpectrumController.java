package org.tpe.app.editor.spectrum;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.Estimate;
import org.tpe.limit.Histogram;
import org.tpe.limit.LimitOptions;
import org.tpe.model.Program;
import org.tpe.spectrum.FreeSpectrum;
import org.tpe.spectrum.SpectrumAnalysis;
import org.tpe.spectrum.SpectrumException;
import org.tpe.spectrum.SpectrumOptions;
import org.tpe.spectrum.SpectrumReport;

/**
 * The Spectrum tab without a stage: which Jacobian J = ∂B/∂A to analyse (picked from the
 * canvas's selection or a list), the options (orthogonal weights, width, log scale), the
 * background computation by {@link SpectrumAnalysis} (a newer request cancels the running one)
 * and the immutable {@link View} the pane draws. Presentation only: every number comes from the
 * report. Listeners run on the {@code ui} executor.
 */
public final class SpectrumController {
  /** Widths offered for the finite-width histogram. */
  public static final List<Integer> WIDTHS = List.of(256, 512, 1024);
  /** Moments shown. */
  public static final int MOMENTS = 6;
  /** Particles for the program moments when the particle engine computes them. */
  public static final int SAMPLES = 1 << 14;
  /** Bins of the finite-width histogram. */
  public static final int BINS = 50;

  /** One row of the moments table: τ_k from the program, free probability and finite width. */
  public record Row(int k, String program, String free, String finite) {}

  /**
   * What the plot shows, in data coordinates: the free-probability density as a curve over the
   * finite-width histogram, on [0, xMax]; with {@code logY} the heights are log10 of the
   * densities (non-positive ones dropped).
   *
   * @param edges the support's edges, for marks on the axis
   */
  public record Plot(double[] curveX, double[] curveY, double[] barEdges, double[] barHeights,
      double xMax, double yMin, double yMax, boolean logY, double[] edges, String caption) {}

  /**
   * Everything the pane shows.
   *
   * @param vectors the program's vectors, for the start and end lists
   * @param from the start of J (as computed or asked), or null
   * @param to the end of J, or null
   * @param status what is happening ("computing…", "up to date", why not)
   * @param error why there is no spectrum (a bad pick, an invalid program), or null
   * @param plot the plot, or null
   */
  public record View(List<String> vectors, String from, String to, String jacobian,
      List<String> notes, List<Row> moments, String support, Plot plot, String status,
      String error) {}

  private final Executor worker;
  private final Executor ui;
  private final List<Consumer<View>> listeners = new ArrayList<>();
  private Program program;
  private String from;
  private String to;
  private String selected;
  private boolean orthogonal;
  private boolean logScale;
  private int width = 512;
  private SpectrumReport report;
  private String error;
  private String status = "no program";
  private CancellationToken running;
  private long generation;

  /**
   * @param worker runs the analyses (one at a time is enough: a newer one cancels the older)
   * @param ui runs the listeners (the JavaFX thread in the editor, the caller in tests)
   */
  public SpectrumController(Executor worker, Executor ui) {
    this.worker = worker;
    this.ui = ui;
  }

  /** Calls {@code l} with the new view after every change. */
  public void addListener(Consumer<View> l) {
    listeners.add(l);
  }

  /** Analyses {@code p} (the picked ends are kept when they are still vectors of it). */
  public void programChanged(Program p) {
    program = p;
    if (from != null && !p.vectors().contains(from)) {
      from = null;
    }
    if (to != null && !p.vectors().contains(to)) {
      to = null;
    }
    recompute();
  }

  /** The canvas's selection: one vector (or null). */
  public void selectionChanged(String name) {
    selected = name != null && program != null && program.vectors().contains(name) ? name : null;
    publish();
  }

  /** The selected vector, if one is selected. */
  public String selected() {
    return selected;
  }

  /** J's start becomes the selected vector. */
  public void useSelectionAsStart() {
    if (selected != null) {
      setStart(selected);
    }
  }

  /** J's end becomes the selected vector. */
  public void useSelectionAsEnd() {
    if (selected != null) {
      setEnd(selected);
    }
  }

  /** J's start (null: the first G-var). */
  public void setStart(String name) {
    from = name;
    recompute();
  }

  /** J's end (null: the last G-var). */
  public void setEnd(String name) {
    to = name;
    recompute();
  }

  public void setOrthogonal(boolean o) {
    orthogonal = o;
    recompute();
  }

  public void setWidth(int n) {
    width = n;
    recompute();
  }

  /** Log scale of the density axis (no recomputation). */
  public void setLogScale(boolean log) {
    logScale = log;
    publish();
  }

  /** Stops the running analysis, if any. */
  public void cancel() {
    if (running != null) {
      running.cancel();
    }
  }

  private void recompute() {
    cancel();
    if (program == null || program.statements().isEmpty()) {
      report = null;
      error = "The program is empty.";
      status = "not computed";
      publish();
      return;
    }
    CancellationToken token = new CancellationToken();
    running = token;
    long gen = ++generation;
    Program p = program;
    SpectrumOptions options = SpectrumOptions.defaults().withEnds(from, to).withMoments(MOMENTS)
        .withWidth(width).withOrthogonal(orthogonal)
        .withLimits(LimitOptions.defaults().withSamples(SAMPLES).withHistogramBins(0)
            .withThreads(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()))));
    status = "computing the spectrum…";
    publish();
    worker.execute(() -> {
      SpectrumReport r = null;
      String e = null;
      try {
        r = SpectrumAnalysis.run(p, options, org.tpe.limit.ProgressListener.NONE, token);
      } catch (SpectrumException x) {
        e = x.problems().get(0).message();
      } catch (CancellationException x) {
        return;
      } catch (RuntimeException x) {
        e = "the spectrum could not be computed: " + x.getMessage();
      }
      SpectrumReport done = r;
      String failed = e;
      ui.execute(() -> {
        if (gen != generation) {
          return; // superseded
        }
        report = done;
        error = failed;
        status = failed == null ? "up to date" : "not computed";
        publish();
      });
    });
  }

  /** The current view. */
  public View view() {
    List<String> vectors = program == null ? List.of() : program.vectors();
    if (report == null) {
      return new View(vectors, from, to, "", List.of(), List.of(), "", null, status, error);
    }
    SpectrumReport r = report;
    List<Row> rows = new ArrayList<>();
    double[] fm = r.finite() == null ? null : r.finite().moments(r.moments());
    for (int k = 1; k <= r.moments(); k++) {
      rows.add(new Row(k, r.program() == null ? "—" : est(r.program().moments().get(k - 1)),
          r.free() == null ? "—" : est(r.free().moments().get(k - 1)),
          fm == null ? "—" : fmt(fm[k - 1])));
    }
    return new View(vectors, r.jacobian().from(), r.jacobian().to(), r.jacobian().describe(),
        r.notes().subList(1, r.notes().size()), rows, support(r),
        plot(r), status, null);
  }

  private static String support(SpectrumReport r) {
    FreeSpectrum f = r.free();
    StringBuilder b = new StringBuilder();
    if (f != null) {
      b.append("λ_max = ").append(fmt(f.lambdaMax()));
      if (f.pointMass()) {
        b.append(" (a point mass: every eigenvalue of JᵀJ)");
      } else {
        List<String> ivs = new ArrayList<>();
        for (FreeSpectrum.Interval iv : f.bulk()) {
          ivs.add("[" + fmt(iv.lo()) + ", " + fmt(iv.hi()) + "]");
        }
        b.append("; support ").append(String.join(" ∪ ", ivs));
        if (f.massAtZero() > 0) {
          b.append("; atom at 0 of mass ").append(fmt(f.massAtZero()));
        }
      }
    }
    if (r.finite() != null) {
      b.append(b.length() == 0 ? "" : "\n").append("largest eigenvalue at n = ")
          .append(r.finite().width()).append(": ").append(fmt(r.finite().lambdaMax()));
      if (f != null && f.massAtZero() > 0) {
        b.append("; fraction of zero eigenvalues ").append(fmt(r.finite().fractionAtZero()));
      }
    }
    return b.toString();
  }

  private Plot plot(SpectrumReport r) {
    double xMax = r.range();
    double[] cx = new double[0];
    double[] cy = new double[0];
    double[] edges = new double[0];
    if (r.free() != null && !r.free().pointMass()) {
      double[] x = r.free().density().x();
      double[] d = r.free().density().density();
      List<double[]> pts = new ArrayList<>();
      for (int i = 0; i < x.length; i++) {
        if (Double.isFinite(d[i]) && (!logScale || d[i] > 0)) {
          pts.add(new double[] {x[i], logScale ? Math.log10(d[i]) : d[i]});
        }
      }
      cx = pts.stream().mapToDouble(p -> p[0]).toArray();
      cy = pts.stream().mapToDouble(p -> p[1]).toArray();
      edges = r.free().bulk().stream().flatMapToDouble(iv -> java.util.stream.DoubleStream.of(
          iv.lo(), iv.hi())).toArray();
    } else if (r.free() != null) {
      edges = new double[] {r.free().lambdaMax()};
    }
    double[] be = new double[0];
    double[] bh = new double[0];
    if (r.finite() != null) {
      Histogram h = r.finite().continuousHistogram(BINS, xMax);
      be = h.edges();
      bh = h.density();
      if (logScale) {
        for (int i = 0; i < bh.length; i++) {
          bh[i] = bh[i] > 0 ? Math.log10(bh[i]) : Double.NaN;
        }
      }
    }
    // the density of a deep network's spectrum diverges at 0: scale the axis to the 97th
    // percentile of what is drawn (the few higher values are clipped at the top)
    List<Double> ys = new ArrayList<>();
    for (double[] arr : new double[][] {cy, bh}) {
      for (double y : arr) {
        if (Double.isFinite(y)) {
          ys.add(y);
        }
      }
    }
    ys.sort(null);
    double lo = ys.isEmpty() ? 0 : ys.get(0);
    double hi = ys.isEmpty() ? 1 : ys.get(Math.min(ys.size() - 1, (int) (0.97 * ys.size())));
    hi = logScale ? hi + 0.3 : 1.3 * hi;
    if (!(hi > lo)) {
      lo = 0;
      hi = Math.max(1, hi);
    }
    double yMin = logScale ? Math.max(lo, hi - 8) : 0;
    String caption = (r.free() == null ? "" : "curve: free probability")
        + (r.finite() == null ? "" : (r.free() == null ? "" : "; ") + "bars: eigenvalues of JᵀJ"
        + " at n = " + r.finite().width() + (r.finite().orthogonal() ? " (orthogonal W)" : "")
        + (r.finite().fractionAtZero() > 0 ? ", the zero ones (the atom at 0) left out" : ""))
        + (logScale ? "; log10 density" : "");
    return new Plot(cx, cy, be, bh, xMax, yMin, hi, logScale, edges, caption);
  }

  private static String est(Estimate e) {
    return e.error() <= 1e-9 * Math.abs(e.value()) ? fmt(e.value()) : fmt(e.value()) + " ± "
        + String.format("%.1g", e.error());
  }

  static String fmt(double v) {
    return Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v != 0) ? String.format("%.3e", v)
        : String.format("%.5g", v);
  }

  private void publish() {
    View v = view();
    for (Consumer<View> l : listeners) {
      l.accept(v);
    }
  }
}
