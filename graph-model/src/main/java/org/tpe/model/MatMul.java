package org.tpe.model;

import java.util.List;

/** {@code h := W x} or, with {@code transposed}, {@code h := W^T x}. Creates a G-var. */
public record MatMul(String target, String matrix, boolean transposed, String argument)
    implements Instruction {
  public MatMul {
    Statement.checkName(target);
    Statement.checkName(matrix);
    Statement.checkName(argument);
  }

  /** The matrix as written on a path's word: {@code W} or {@code W^T}. */
  public String matrixWord() {
    return transposed ? matrix + "^T" : matrix;
  }

  @Override
  public List<String> arguments() {
    return List.of(matrix, argument);
  }

  @Override
  public VarKind resultKind() {
    return VarKind.G;
  }

  @Override
  public <R> R accept(InstructionVisitor<R> visitor) {
    return visitor.visitMatMul(this);
  }
}
