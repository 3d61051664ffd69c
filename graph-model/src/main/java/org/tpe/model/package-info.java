/**
 * The program model of a Tensor Program (TP I §2, TP IIb §4 and Def. 5.4; DESIGN §3): initial
 * variables (A-vars, initial G-vars with ZInit's mean and covariance, scalars θ), the instructions
 * MatMul, LinComb, Nonlin(+), Moment and ScalarOp, G-vars and X-vars, and an exhaustive
 * {@link org.tpe.model.InstructionVisitor} over the sealed instruction types.
 */
package org.tpe.model;
