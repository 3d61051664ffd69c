package org.tpe.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.tpe.expr.ExprPrinter;
import org.tpe.model.Program;
import org.tpe.network.Network;
import org.tpe.network.NetworkValidator;
import org.tpe.network.Parametrization;
import org.tpe.network.Role;

/**
 * Which infinite-width limit SGD has in a network's parametrization (TP IV §3, the dichotomy of
 * abc-parametrizations; TP IVb §2.4–2.5; seeds/004 "Do we update maximally?"), read off the width
 * exponents of every parameter's update ({@link Parametrization#updateExponent}) and of the
 * output ({@link Parametrization#outputExponent}):
 *
 * <ul>
 *   <li>{@link Kind#FEATURE_LEARNING} — every exponent is ≤ 0: the program of the SGD run holds
 *       only order-1 vectors and scalars and is itself a Tensor Program with a limit; terms with a
 *       negative exponent vanish. μP (every exponent 0) is the maximal case: every layer's
 *       features move by Θ(1) (seeds/004 eq. (4)).
 *   <li>{@link Kind#KERNEL} — the output is an order-1 Gaussian process sample (exponent 1/2,
 *       the readout has a + b = 1/2) and every update is O(n^{-1/2}) per coordinate: the features
 *       do not move in the limit, and the function follows kernel gradient descent with the NTK
 *       (TP IIb Thm. 5.3; NTK parametrization). The limit program tracks the scaled changes
 *       √n (x_t − x_0) (TP IIb App. D.1).
 *   <li>{@link Kind#NO_LIMIT} — anything else: some change grows with the width (standard
 *       parametrization with a width-independent learning rate: ΔW x ~ n^{1/2}, the output's
 *       change ~ n), so only finite widths can be run; {@link #witness()} says which.
 * </ul>
 *
 * @param kind the regime
 * @param outputExponent 1 − s for the readout's a + b = s
 * @param updateExponents every trainable parameter's update exponent, in declaration order
 * @param witness for {@link Kind#NO_LIMIT}: the parameter whose change grows; else null
 * @param reason one sentence for the user
 */
public record Regime(Kind kind, double outputExponent, Map<String, Double> updateExponents,
    String witness, String reason) {

  /** The regimes. */
  public enum Kind {
    FEATURE_LEARNING("feature learning"),
    KERNEL("kernel (neural tangent)"),
    NO_LIMIT("no infinite-width limit");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** The words used in messages and tables. */
    public String label() {
      return label;
    }
  }

  /** Exponents closer than this are equal (they are sums of halves and user-given decimals). */
  static final double TOLERANCE = 1e-9;

  public Regime {
    Objects.requireNonNull(kind, "kind");
    updateExponents = Collections.unmodifiableMap(new LinkedHashMap<>(updateExponents));
  }

  /** The regime of {@code network}'s trainable parameters in their parametrizations. */
  public static Regime of(Program network) {
    Network net = network.network();
    Network.Readout ro = net.readout();
    double s = net.parametrizationOf(ro.weights()).exponents(Role.READOUT).initScale();
    double out = Parametrization.outputExponent(s);
    Map<String, Double> ex = new LinkedHashMap<>();
    for (String name : net.paramNames()) {
      Role role = NetworkValidator.roleOf(network, name);
      ex.put(name, Parametrization.updateExponent(role,
          net.parametrizationOf(name).exponents(role), s));
    }
    String worst = null;
    double max = Double.NEGATIVE_INFINITY;
    for (Map.Entry<String, Double> e : ex.entrySet()) {
      if (e.getValue() > max) {
        max = e.getValue();
        worst = e.getKey();
      }
    }
    if (out <= TOLERANCE && max <= TOLERANCE) {
      return new Regime(Kind.FEATURE_LEARNING, out, ex, null, max >= -TOLERANCE
          ? "every update is of order 1 in the program (" + (Math.abs(out) < TOLERANCE
              ? "maximal update: the features of every trained layer move" : "the output tends"
              + " to 0") + "); the unrolled program is a Tensor Program with a limit"
          : "every update vanishes like n^" + num(max) + " or faster: the limit stays at"
              + " initialisation");
    }
    if (Math.abs(out - 0.5) < TOLERANCE && max <= -0.5 + TOLERANCE) {
      return new Regime(Kind.KERNEL, out, ex, null, "the output is an order-1 Gaussian process"
          + " sample and every update is O(n^-1/2) per coordinate: the features do not move and"
          + " f follows kernel gradient descent with the NTK (TP IIb Thm. 5.3)");
    }
    String what;
    Role role = max > TOLERANCE ? NetworkValidator.roleOf(network, worst) : null;
    if (role != null) {
      what = "the update of " + worst + " (" + role.label() + ", " + net.parametrizationOf(worst)
          .text() + ") changes " + (role == Role.READOUT ? "the readout weights" : "the vectors"
          + " it produces") + " by n^" + num(max) + " per coordinate";
    } else if (out > 0.5 + TOLERANCE) {
      what = "the output f = n^" + num(out) + " · avg(v x) is not bounded at initialisation";
    } else {
      what = "the output f = n^" + num(out) + " · avg(v x) and the updates (largest: " + worst
          + ", n^" + num(max) + " per coordinate) are neither the kernel scaling (output n^1/2,"
          + " updates n^-1/2) nor all of order 1";
    }
    return new Regime(Kind.NO_LIMIT, out, ex, worst, what + ": the SGD run has no"
        + " infinite-width limit the program can express (TP IV: standard parametrization with a"
        + " width-independent learning rate blows up); use ntk or mup, or give a learning-rate"
        + " exponent c with abc(a, b, c)");
  }

  static String num(double v) {
    return ExprPrinter.number(Math.abs(v - Math.rint(v * 4) / 4) < TOLERANCE
        ? Math.rint(v * 4) / 4 : v);
  }
}
