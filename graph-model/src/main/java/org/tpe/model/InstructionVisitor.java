package org.tpe.model;

/**
 * One method per kind of {@link Instruction}: an interpreter implements all of them, so a new kind
 * of instruction is a compile error in every interpreter instead of a silently skipped step.
 *
 * @param <R> what a visit returns
 */
public interface InstructionVisitor<R> {
  R visitMatMul(MatMul m);

  R visitLinComb(LinComb l);

  R visitNonlin(Nonlin n);

  R visitMoment(Moment m);

  R visitScalarOp(ScalarOp s);
}
