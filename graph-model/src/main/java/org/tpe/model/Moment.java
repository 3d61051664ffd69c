package org.tpe.model;

import java.util.List;
import java.util.Objects;
import org.tpe.expr.Expr;

/** {@code θ := avg(φ(g1, …, gk; θ…))} = (1/n) Σ_α φ(…)_α. Creates a scalar. */
public record Moment(String target, Expr phi) implements Instruction {
  public Moment {
    Statement.checkName(target);
    Objects.requireNonNull(phi, "phi");
  }

  @Override
  public List<String> arguments() {
    return phi.references();
  }

  @Override
  public VarKind resultKind() {
    return VarKind.SCALAR;
  }

  @Override
  public <R> R accept(InstructionVisitor<R> visitor) {
    return visitor.visitMoment(this);
  }
}
