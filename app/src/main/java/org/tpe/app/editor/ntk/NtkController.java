package org.tpe.app.editor.ntk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tpe.derive.BackwardPass;
import org.tpe.derive.DerivationException;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.ProgressListener;
import org.tpe.model.Problem;
import org.tpe.model.Program;
import org.tpe.ntk.Kernel;
import org.tpe.ntk.NtkException;
import org.tpe.ntk.NtkLimit;
import org.tpe.ntk.NtkResult;
import org.tpe.ntk.PathForm;

/**
 * What the NTK tab shows, computed without JavaFX: the kernel of the edited network in total, its
 * NNGP, each parameter's term and each path class's (TP IIb Prop. D.3), each class with the paths
 * to light on the canvas; the assumptions and notes; or why nothing can be computed. Also the
 * backward pass as a new document. Every method is a pure function of the program.
 */
public final class NtkController {
  private NtkController() {}

  /** One kernel to show: its label, what it is, the matrix, the paths to light (classes). */
  public record Entry(String label, String kind, Kernel kernel, List<List<String>> paths,
      double share) {
    public Entry {
      paths = paths.stream().map(List::copyOf).toList();
    }
  }

  /**
   * The tab's content.
   *
   * @param ok whether a kernel was computed
   * @param status one line: what was computed, or why not
   * @param inputs the input names (the heat maps' rows and columns)
   * @param entries total, NNGP, parameters, classes — in that order
   * @param details the path form's assumptions and the computation's notes
   */
  public record View(boolean ok, String status, List<String> inputs, List<Entry> entries,
      List<String> details) {
    public View {
      inputs = List.copyOf(inputs);
      entries = List.copyOf(entries);
      details = List.copyOf(details);
    }

    static View message(String status) {
      return new View(false, status, List.of(), List.of(), List.of());
    }
  }

  /** The view of {@code p}'s NTK; the limit engine with few particles (the tab is interactive). */
  public static View compute(Program p, ProgressListener progress, CancellationToken cancel) {
    if (p.network().isEmpty()) {
      return View.message("This program declares no network. Mark the trainable parameters, the"
          + " input layer and the readout in the inspector, and give the inputs below (or write"
          + " the declarations in the Text tab: param, embedding, readout, inputs, gram).");
    }
    NtkResult r;
    try {
      r = NtkLimit.compute(p, LimitOptions.defaults().withSamples(1 << 14)
          .withThreads(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()))),
          progress, cancel);
    } catch (NtkException e) {
      return View.message(describe(e.problems()));
    }
    return view(p, r);
  }

  /** The view of a computed result (the canvas shows the program's own vectors only). */
  static View view(Program p, NtkResult r) {
    List<Entry> entries = new ArrayList<>();
    double trace = trace(r.ntk());
    entries.add(new Entry("Θ, the NTK", "total", r.ntk(), List.of(), 1));
    entries.add(new Entry("NNGP (output covariance)", "nngp", r.nngp(), List.of(),
        share(r.nngp(), trace)));
    for (Map.Entry<String, Kernel> e : r.byParameter().entrySet()) {
      entries.add(new Entry("parameter " + e.getKey(), "parameter", e.getValue(), List.of(),
          share(e.getValue(), trace)));
    }
    List<String> details = new ArrayList<>();
    PathForm pf = r.pathForm();
    if (pf != null) {
      for (PathForm.PathClass c : pf.classes().values()) {
        List<List<String>> visible = new ArrayList<>();
        for (List<String> path : c.paths()) {
          // vectors the reduction inserted (identity Nonlins) are not on the canvas
          visible.add(path.stream().filter(p::isDefined).toList());
        }
        entries.add(new Entry("class " + c.key().replace("^T", "ᵀ"), "class", c.contribution(),
            visible, share(c.contribution(), trace)));
      }
      details.add("Path form (TP IIb Prop. D.3): " + pf.note()
          + (pf.applies() ? String.format("; Σ over classes − Θ ≤ %.1e", pf.agreement()) : ""));
      for (PathForm.Assumption a : pf.assumptions()) {
        details.add((a.holds() ? "✓ " : "✗ ") + a.name() + ": " + a.detail());
      }
    }
    details.addAll(r.notes());
    return new View(true, "NTK on inputs " + String.join(", ", r.inputs()) + " — " + r.method(),
        r.inputs(), entries, details);
  }

  private static double trace(Kernel k) {
    double t = 0;
    for (int a = 0; a < k.size(); a++) {
      t += k.value(a, a);
    }
    return t;
  }

  /** The fraction of Θ's trace that {@code k} carries. */
  private static double share(Kernel k, double total) {
    return total == 0 ? 0 : trace(k) / total;
  }

  private static String describe(List<Problem> problems) {
    if (problems.isEmpty()) {
      return "The NTK cannot be computed.";
    }
    Problem p = problems.get(0);
    return (p.pos() == null ? "" : org.tpe.app.editor.Where.of(p.pos()) + ": ") + p.message()
        + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more: see Problems)" : "");
  }

  /**
   * The backward pass of {@code p} as a new document (forward and backward passes, the network
   * declarations kept), or the reason it cannot be derived.
   */
  public static Derived backwardDocument(Program p) {
    try {
      BackwardPass.Result b = BackwardPass.derive(p);
      return new Derived(b.program(), String.join("; ", b.notes()));
    } catch (DerivationException e) {
      return new Derived(null, describe(e.problems()));
    }
  }

  /** A derived document, or null with the reason in {@code message}. */
  public record Derived(Program program, String message) {}

  // ---- heat map ------------------------------------------------------------------------------

  /** Colour of {@code v} on a scale of ±{@code max}: white at 0, red above, blue below (RGB). */
  public static double[] colour(double v, double max) {
    double t = max == 0 || !Double.isFinite(v) ? 0 : Math.max(-1, Math.min(1, v / max));
    double[] red = {0.839, 0.157, 0.157};
    double[] blue = {0.122, 0.435, 0.922};
    double[] end = t >= 0 ? red : blue;
    double s = Math.abs(t);
    return new double[] {1 + (end[0] - 1) * s, 1 + (end[1] - 1) * s, 1 + (end[2] - 1) * s};
  }

  /** The largest |entry| of {@code k}: the colour scale runs over ±this. */
  public static double scale(Kernel k) {
    return k.largestMagnitude();
  }

  /** A cell's text: the value, ± its error when it has one. */
  public static String cellText(Kernel k, int a, int b) {
    String v = number(k.value(a, b));
    return k.error(a, b) > 0 ? v + "\n± " + String.format("%.1g", k.error(a, b)) : v;
  }

  static String number(double v) {
    return Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v != 0) ? String.format("%.2e", v)
        : String.format("%.4g", v);
  }
}
