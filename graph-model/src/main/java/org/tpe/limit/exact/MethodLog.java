package org.tpe.limit.exact;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;

/**
 * Which methods computed each class of quantity (ZHat covariances, ZDot coefficients, second
 * moments, Moments): closed forms and quadratures counted, and the largest error, for the notes
 * {@code tpe limits} shows. Nested computations are attributed to the innermost class.
 */
final class MethodLog {
  /** The classes of quantities of the exact engine. */
  enum Quantity {
    ZHAT_COVARIANCE("ZHat covariances σ²E[Z^x Z^y]"),
    ZDOT_COEFFICIENT("ZDot right-hand sides E[Ẑ Z^x] (Stein form C⁺b)"),
    SECOND_MOMENT("second moments E[Z^a Z^b]"),
    MOMENT("Moments");

    final String text;

    Quantity(String text) {
      this.text = text;
    }
  }

  /** Counts of one class. */
  static final class Counts {
    long closed;
    long quadratures;
  }

  private record Frame(Quantity q, long closed, long quad) {}

  private final Map<Quantity, Counts> counts = new EnumMap<>(Quantity.class);
  private final Deque<Frame> stack = new ArrayDeque<>();

  void begin(Quantity q, ExactEngine e) {
    stack.push(new Frame(q, e.expectations.closedForms, e.integrator.quadratures));
  }

  void end(ExactEngine e) {
    Frame f = stack.pop();
    long dc = e.expectations.closedForms - f.closed;
    long dq = e.integrator.quadratures - f.quad;
    Counts c = counts.computeIfAbsent(f.q, k -> new Counts());
    c.closed += dc;
    c.quadratures += dq;
    // the outer frame must not count these again
    if (!stack.isEmpty()) {
      Frame outer = stack.pop();
      stack.push(new Frame(outer.q, outer.closed + dc, outer.quad + dq));
    }
  }

  /** Adds counts made elsewhere (another thread's integrations) to class {@code q}. */
  void add(Quantity q, long closed, long quadratures) {
    Counts c = counts.computeIfAbsent(q, k -> new Counts());
    c.closed += closed;
    c.quadratures += quadratures;
  }

  /** "ZHat covariances: 12 closed forms; second moments: 40 closed forms, 3 quadratures". */
  String summary() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<Quantity, Counts> e : counts.entrySet()) {
      Counts c = e.getValue();
      if (c.closed + c.quadratures == 0) {
        continue;
      }
      sb.append(sb.length() == 0 ? "" : "; ").append(e.getKey().text).append(": ");
      sb.append(c.quadratures == 0 ? "closed forms (" + c.closed + ")"
          : c.closed + " closed forms, " + c.quadratures + " by quadrature");
    }
    return sb.toString();
  }
}
