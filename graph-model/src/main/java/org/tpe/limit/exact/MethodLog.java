package org.tpe.limit.exact;


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

  /**
   * An open class of quantity: the engine's counts when it began, and what the classes nested in
   * it counted (theirs, not its own).
   */
  private static final class Frame {
    Quantity q;
    long closed;
    long quad;
    long nestedClosed;
    long nestedQuad;
  }

  private final Counts[] counts = new Counts[Quantity.values().length];
  /** The open frames, {@code depth} of them, the innermost last; kept for reuse when closed. */
  private Frame[] stack = new Frame[4];
  private int depth;

  void begin(Quantity q, ExactEngine e) {
    if (depth == stack.length) {
      stack = java.util.Arrays.copyOf(stack, 2 * depth);
    }
    Frame f = stack[depth];
    if (f == null) {
      f = new Frame();
      stack[depth] = f;
    }
    depth++;
    f.q = q;
    f.closed = e.expectations.closedForms;
    f.quad = e.integrator.quadratures;
    f.nestedClosed = 0;
    f.nestedQuad = 0;
  }

  void end(ExactEngine e) {
    Frame f = stack[--depth];
    // everything counted since the frame began, of which the nested classes have theirs
    long dc = e.expectations.closedForms - f.closed;
    long dq = e.integrator.quadratures - f.quad;
    add(f.q, dc - f.nestedClosed, dq - f.nestedQuad);
    // the enclosing frames must not count any of these again
    if (depth > 0) {
      Frame outer = stack[depth - 1];
      outer.nestedClosed += dc;
      outer.nestedQuad += dq;
    }
  }

  /**
   * Counts one closed form of class {@code q} computed without a frame of its own (as if {@link
   * #begin begun} and {@link #end ended} around it): the enclosing frame does not count it.
   */
  void closedForm(Quantity q, ExactEngine e) {
    e.expectations.closedForms++;
    add(q, 1, 0);
    if (depth > 0) {
      stack[depth - 1].nestedClosed++;
    }
  }

  /** Adds counts made elsewhere (another thread's integrations) to class {@code q}. */
  void add(Quantity q, long closed, long quadratures) {
    Counts c = counts[q.ordinal()];
    if (c == null) {
      c = new Counts();
      counts[q.ordinal()] = c;
    }
    c.closed += closed;
    c.quadratures += quadratures;
  }

  /** "ZHat covariances: 12 closed forms; second moments: 40 closed forms, 3 quadratures". */
  String summary() {
    StringBuilder sb = new StringBuilder();
    for (Quantity q : Quantity.values()) {
      Counts c = counts[q.ordinal()];
      if (c == null || c.closed + c.quadratures == 0) {
        continue;
      }
      sb.append(sb.length() == 0 ? "" : "; ").append(q.text).append(": ");
      sb.append(c.quadratures == 0 ? "closed forms (" + c.closed + ")"
          : c.closed + " closed forms, " + c.quadratures + " by quadrature");
    }
    return sb.toString();
  }
}
