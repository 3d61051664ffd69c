package org.tpe.model;

import java.util.List;
import java.util.Objects;
import org.tpe.expr.Expr;

/**
 * {@code x := φ(g1, …, gk)} applied coordinatewise; a Nonlin+ when φ also reads scalars. The
 * arguments are the names φ references, in order of first appearance. Creates an X-var.
 */
public record Nonlin(String target, Expr phi) implements Instruction {
  public Nonlin {
    Statement.checkName(target);
    Objects.requireNonNull(phi, "phi");
  }

  @Override
  public List<String> arguments() {
    return phi.references();
  }

  @Override
  public VarKind resultKind() {
    return VarKind.X;
  }

  @Override
  public <R> R accept(InstructionVisitor<R> visitor) {
    return visitor.visitNonlin(this);
  }
}
