package org.tpe.limit.calculus;

import java.util.List;
import java.util.Objects;
import org.tpe.model.MatMul;

/**
 * One term of ZDot (TP IIb App. B, Def. B.3): for h = Wx and an earlier MatMul g = Wᵀy by the other
 * side of the same matrix, Ż^{h} contains σ_W² E[∂Z^x/∂Ẑ^{g}] Z^{y}. This record says whether the
 * coefficient is zero and why.
 *
 * @param matMul the MatMul h = Wx whose Ż this term belongs to
 * @param opposite the earlier MatMul g = Wᵀy
 * @param rule why the coefficient vanishes, or that it does not
 * @param witness for {@link Rule#PRESENT}: the dependence path x → … → g (variables), for
 *     {@link Rule#ODD_IN_READOUTS}: the readouts, for {@link Rule#INDEPENDENT}: empty
 */
public record ZDotTerm(MatMul matMul, MatMul opposite, Rule rule, List<String> witness) {
  /** Why the coefficient E[∂Z^x/∂Ẑ^{g}] is (or is not) zero. */
  public enum Rule {
    /** Z^x is not a function of Ẑ^{g} at all: the derivative is identically 0. */
    INDEPENDENT,
    /**
     * The program is BP-like: Z^x is an odd function of independent, symmetric readouts, so the
     * expected derivative is 0 (TP II, Thm. 4.3; seeds/004, Prop. 2).
     */
    ODD_IN_READOUTS,
    /** Z^x depends on Ẑ^{g}: the coefficient must be computed (Stein form, Remark B.6). */
    PRESENT
  }

  public ZDotTerm {
    Objects.requireNonNull(matMul, "matMul");
    Objects.requireNonNull(opposite, "opposite");
    Objects.requireNonNull(rule, "rule");
    witness = List.copyOf(witness);
  }

  /** Whether the coefficient is known to be 0 without computing it. */
  public boolean vanishes() {
    return rule != Rule.PRESENT;
  }

  /** A sentence: "h := W x reads x, which depends on g := W^T y (x ← a ← g)". */
  public String describe() {
    String h = matMul.target() + " := " + matMul.matrixWord() + " " + matMul.argument();
    String g = opposite.target() + " := " + opposite.matrixWord() + " " + opposite.argument();
    switch (rule) {
      case INDEPENDENT:
        return h + ": Z^" + matMul.argument() + " does not depend on Ẑ^" + opposite.target()
            + " (" + g + "), so this ZDot term is 0";
      case ODD_IN_READOUTS:
        return h + ": the term from " + g + " vanishes because Z^" + matMul.argument()
            + " is odd in the readouts " + String.join(", ", witness);
      default:
        return h + " reads " + matMul.argument() + ", which depends on " + g + " ("
            + String.join(" ← ", witness) + "), so Ż^" + matMul.target() + " has a term in Z^"
            + opposite.argument();
    }
  }
}
