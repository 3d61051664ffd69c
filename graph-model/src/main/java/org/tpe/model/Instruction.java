package org.tpe.model;

import java.util.List;

/**
 * A step of the program (DESIGN §3): {@link MatMul}, {@link LinComb}, {@link Nonlin} (Nonlin+ when
 * it reads scalars), {@link Moment} or {@link ScalarOp}.
 */
public sealed interface Instruction extends Statement
    permits MatMul, LinComb, Nonlin, Moment, ScalarOp {

  /**
   * Every variable the instruction reads, in order of first appearance (for a MatMul: the matrix,
   * then the vector).
   */
  List<String> arguments();

  /** The kind of the variable the instruction creates. */
  VarKind resultKind();

  /** Calls the visitor's method for this kind of instruction. */
  <R> R accept(InstructionVisitor<R> visitor);

  /** The paper's name of the instruction (MatMul, LinComb, Nonlin, Moment, ScalarOp). */
  default String instructionName() {
    return getClass().getSimpleName();
  }
}
