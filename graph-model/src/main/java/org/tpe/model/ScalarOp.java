package org.tpe.model;

import java.util.List;
import java.util.Objects;
import org.tpe.expr.Expr;

/** {@code θ := f(θ1, …, θl)}: a function of scalars only. Creates a scalar. */
public record ScalarOp(String target, Expr f) implements Instruction {
  public ScalarOp {
    Statement.checkName(target);
    Objects.requireNonNull(f, "f");
  }

  @Override
  public List<String> arguments() {
    return f.references();
  }

  @Override
  public VarKind resultKind() {
    return VarKind.SCALAR;
  }

  @Override
  public <R> R accept(InstructionVisitor<R> visitor) {
    return visitor.visitScalarOp(this);
  }
}
