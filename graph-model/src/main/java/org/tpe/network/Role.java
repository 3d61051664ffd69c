package org.tpe.network;

/**
 * What a trainable parameter is in its network, which fixes its default exponents in every
 * named parametrization (TP IV's abc-parametrizations; seeds/004 eqs. (6)–(7)).
 */
public enum Role {
  /** An n×n matrix W of the program (a hidden layer): h = W x. */
  HIDDEN,
  /** An input layer U (n×d, outside the program): its embedding vectors are U ξ / √d. */
  INPUT,
  /** A trainable initial vector used as is (a bias): entries of order 1. */
  BIAS,
  /** The readout weights v of f = vᵀx / n^s. */
  READOUT;

  /** The word used in messages. */
  public String label() {
    return switch (this) {
      case HIDDEN -> "hidden matrix";
      case INPUT -> "input layer";
      case BIAS -> "bias";
      case READOUT -> "readout";
    };
  }
}
