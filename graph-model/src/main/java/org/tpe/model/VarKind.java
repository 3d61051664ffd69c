package org.tpe.model;

/** The kinds of variables of a Tensor Program (DESIGN §3; TP IIb Def. 5.4). */
public enum VarKind {
  /** A-var: an n×n matrix with iid N(0, σ²/n) entries. */
  A,
  /** G-var: an initial vector, a MatMul result, or a LinComb of G-vars; roughly Gaussian. */
  G,
  /** X-var (H-var in TP I): a vector made by a Nonlin. */
  X,
  /** A scalar converging to a deterministic limit θ̊. */
  SCALAR;

  /** Whether this kind is an n-vector (G or X). */
  public boolean isVector() {
    return this == G || this == X;
  }

  /** The name used in messages and JSON ("A", "G", "X", "scalar"). */
  public String label() {
    return this == SCALAR ? "scalar" : name();
  }
}
