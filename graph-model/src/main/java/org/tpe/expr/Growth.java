package org.tpe.expr;

import java.util.Objects;

/**
 * What the Master Theorems need to know of a nonlinearity φ as a function of its vector
 * arguments (scalars held fixed), decided by {@link GrowthAnalysis} from the expression tree.
 *
 * <ul>
 *   <li>{@link Grade#POLYNOMIALLY_BOUNDED}: |φ(x)| ≤ C(1 + ‖x‖^p) — the hypothesis of the Netsor
 *       and Netsor⊤ Master Theorems (TP II Thm. 4.3; seeds/004, Def. "polynomially bounded").
 *   <li>{@link Grade#PSEUDO_LIPSCHITZ}: |φ(x) − φ(y)| ≤ C‖x − y‖(1 + ‖x‖^p + ‖y‖^p) — the
 *       hypothesis of the Netsor⊤+ Master Theorem (TP IIb Thm. B.4) under which ZDot holds in its
 *       derivative form.
 *   <li>{@link Grade#SMOOTH}: infinitely differentiable with pseudo-Lipschitz derivatives.
 * </ul>
 *
 * @param grade the strongest of the classes that holds
 * @param bounded whether φ is bounded (a stronger fact, e.g. for exp(−x²))
 * @param reason why the next stronger class fails (empty for {@link Grade#SMOOTH})
 */
public record Growth(Grade grade, boolean bounded, String reason) {
  /** Classes of functions, each contained in the previous one. */
  public enum Grade {
    /** Grows faster than any polynomial, or has a pole or a domain boundary. */
    NOT_POLYNOMIALLY_BOUNDED,
    /** Polynomially bounded, not pseudo-Lipschitz (e.g. step, sign: jumps). */
    POLYNOMIALLY_BOUNDED,
    /** Pseudo-Lipschitz, not smooth (e.g. relu, abs: kinks). */
    PSEUDO_LIPSCHITZ,
    /** C^∞ with pseudo-Lipschitz derivatives. */
    SMOOTH
  }

  public Growth {
    Objects.requireNonNull(grade, "grade");
    Objects.requireNonNull(reason, "reason");
  }

  public boolean polynomiallyBounded() {
    return grade.compareTo(Grade.POLYNOMIALLY_BOUNDED) >= 0;
  }

  public boolean pseudoLipschitz() {
    return grade.compareTo(Grade.PSEUDO_LIPSCHITZ) >= 0;
  }

  public boolean smooth() {
    return grade == Grade.SMOOTH;
  }
}
