package org.tpe.ntk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The NTK as a sum over isomorphism classes of path pairs (TP IIb §5.1, App. D.2, Prop. D.3,
 * Eqs. (95)–(96)), with the proposition's assumptions and whether each holds.
 *
 * @param assumptions Setup D.1's assumptions A1–A4, the Netsor program, the derivatives'
 *     growth and the Simple GIA Check, each with whether it holds here (relaxations of App. D.4
 *     count as holding and say so)
 * @param applies whether the path form was computed: every assumption holds or is relaxed
 * @param classes the contribution of each isomorphism class, keyed by its word (the
 *     parameter where the path starts, then the matrices along it; {@code v} alone is the
 *     readout's term), in the order found; empty when the form does not apply
 * @param agreement the largest |Σ over classes − Θ| over the kernel's entries (NaN when the form
 *     does not apply): both computations of the same limit, to be 0 up to rounding
 * @param note one sentence: why the form applies or which assumption fails
 */
public record PathForm(List<Assumption> assumptions, boolean applies,
    Map<String, PathClass> classes, double agreement, String note) {

  /** One assumption of Prop. D.3 and its verdict on this network. */
  public record Assumption(String name, boolean holds, String detail) {}

  /**
   * An isomorphism class of path pairs: its word, its kernel contribution, and up to {@link
   * PathSum#SHOWN_PATHS} member paths of the (reduced) one-input program for display.
   */
  public record PathClass(List<String> word, Kernel contribution, List<List<String>> paths) {
    public PathClass {
      word = List.copyOf(word);
      paths = paths.stream().map(List::copyOf).toList();
    }

    /** The word as a key: letters separated by spaces ({@code U W2 W3}). */
    public String key() {
      return String.join(" ", word);
    }
  }

  public PathForm {
    assumptions = List.copyOf(assumptions);
    classes = Collections.unmodifiableMap(new LinkedHashMap<>(classes));
  }
}
