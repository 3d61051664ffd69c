package org.tpe.limit.calculus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Which Master Theorem gives the limits of a program, and which of its hypotheses hold, with
 * witnesses. One record for the validator (which prints it) and the engines (which consume it).
 *
 * @param theorem the theorem that applies
 * @param hypotheses its hypotheses, each holding or failing with a witness
 */
public record MasterTheorem(Theorem theorem, List<Hypothesis> hypotheses) {

  /** The theorems of the series. */
  public enum Theorem {
    /**
     * No ZDot term is present (Netsor, or Netsor⊤ where no MatMul's argument reads the other side
     * of its matrix): every G-var is Gaussian (TP I, Netsor Master Theorem; seeds/004).
     */
    NETSOR("Netsor Master Theorem (TP I): no ZDot term, every G-var is Gaussian"),
    /** BP-like Netsor⊤: every Ż vanishes (TP II, Thm. 4.3; seeds/004, Prop. 2). */
    NETSOR_T_BP_LIKE("Netsor⊤ Master Theorem for BP-like programs (TP II): every ZDot term"
        + " vanishes, every G-var is Gaussian"),
    /** General Netsor⊤(+): ZDot terms are present (TP IIb Thm. B.4; TP III). */
    NETSOR_T_GENERAL("general Netsor⊤+ Master Theorem (TP IIb Thm. B.4): ZDot terms are"
        + " present, G-vars need not be Gaussian");

    private final String text;

    Theorem(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  /** The hypotheses the theorems name. */
  public enum Kind {
    /** ZInit: the initial covariance is a Gaussian's (PSD). */
    INITIAL_GAUSSIAN,
    /** Every nonlinearity is polynomially bounded (TP II Thm. 4.3, TP IIb Thm. B.4). */
    POLYNOMIALLY_BOUNDED,
    /**
     * Every nonlinearity is pseudo-Lipschitz: the hypothesis of TP IIb Thm. B.4 and of the
     * derivative form of ZDot; where it fails the Stein form (Remark B.6) is used.
     */
    PSEUDO_LIPSCHITZ,
    /** The program is BP-like (only for {@link Theorem#NETSOR_T_BP_LIKE}). */
    BP_LIKE
  }

  /**
   * @param kind which hypothesis
   * @param holds whether it holds
   * @param variable the witness: the variable whose statement breaks it (null when it holds)
   * @param reason why it fails, or what establishes it
   */
  public record Hypothesis(Kind kind, boolean holds, String variable, String reason) {
    public Hypothesis {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(reason, "reason");
    }
  }

  public MasterTheorem {
    Objects.requireNonNull(theorem, "theorem");
    hypotheses = List.copyOf(hypotheses);
  }

  /** Whether every G-var is Gaussian under this theorem (no ZDot term to compute). */
  public boolean gaussian() {
    return theorem != Theorem.NETSOR_T_GENERAL;
  }

  /** The failing hypotheses. */
  public List<Hypothesis> failing() {
    List<Hypothesis> out = new ArrayList<>();
    for (Hypothesis h : hypotheses) {
      if (!h.holds()) {
        out.add(h);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** The hypothesis of the given kind, or null. */
  public Hypothesis hypothesis(Kind kind) {
    for (Hypothesis h : hypotheses) {
      if (h.kind() == kind) {
        return h;
      }
    }
    return null;
  }

  /** One sentence: the theorem, and the hypotheses that fail. */
  public String sentence() {
    StringBuilder sb = new StringBuilder(theorem.text());
    for (Hypothesis h : failing()) {
      sb.append("; ").append(h.reason());
    }
    return sb.toString();
  }
}
