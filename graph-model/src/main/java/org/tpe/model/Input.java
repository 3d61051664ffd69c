package org.tpe.model;

/** An initial variable of the program: a matrix, a vector or a scalar (DESIGN §3, ZInit). */
public sealed interface Input extends Statement permits MatrixInput, VectorInput, ScalarInput {
  /** The kind of the declared variable. */
  VarKind kind();
}
