package org.tpe.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** {@code h := a1*g1 + … + ak*gk} with constant coefficients and G-var arguments. */
public record LinComb(String target, List<Term> terms) implements Instruction {

  /** One summand {@code coefficient * variable}. */
  public record Term(double coefficient, String variable) {
    public Term {
      Objects.requireNonNull(variable, "variable");
      coefficient = coefficient + 0.0;
      if (!Double.isFinite(coefficient)) {
        throw new IllegalArgumentException("coefficient of " + variable + " is not finite");
      }
    }
  }

  public LinComb {
    Statement.checkName(target);
    terms = List.copyOf(terms);
    if (terms.isEmpty()) {
      throw new IllegalArgumentException("a LinComb needs at least one term");
    }
  }

  /** The distinct variables, in order of first appearance (linear in the number of terms). */
  @Override
  public List<String> arguments() {
    Set<String> out = new LinkedHashSet<>();
    for (Term t : terms) {
      out.add(t.variable());
    }
    return new ArrayList<>(out);
  }

  /** The coefficient of {@code variable} (summed over repeated terms; 0 if absent). */
  public double coefficientOf(String variable) {
    double c = 0;
    for (Term t : terms) {
      if (t.variable().equals(variable)) {
        c += t.coefficient();
      }
    }
    return c;
  }

  @Override
  public VarKind resultKind() {
    return VarKind.G;
  }

  @Override
  public <R> R accept(InstructionVisitor<R> visitor) {
    return visitor.visitLinComb(this);
  }
}
