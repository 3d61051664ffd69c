package org.tpe.expr;

import java.util.function.Predicate;

/**
 * Whether a Nonlin's φ is affine in the vectors it reads (TP I §2, Nonlin: φ(x¹, …, xᵏ; θ) with
 * scalars θ as constants): sums, differences, scalar multiples and quotients by scalars of
 * vectors, the identity; anything else that reads a vector — a product of two vectors, a quotient
 * by a vector, a power, any other function — makes it nonlinear. An affine φ of jointly Gaussian
 * Z's is Gaussian, so its expectations are Gaussian moments at any depth.
 */
public final class Linearity {
  private Linearity() {}

  /** Whether {@code e} is affine in the names for which {@code isVector} holds. */
  public static boolean isAffine(Expr e, Predicate<String> isVector) {
    return !nonlinear(e, isVector);
  }

  private static boolean nonlinear(Expr e, Predicate<String> isVector) {
    if (e instanceof Expr.Call c) {
      return c.fn() != Fn.ID && c.args().stream().anyMatch(a -> reads(a, isVector))
          || c.args().stream().anyMatch(a -> nonlinear(a, isVector));
    } else if (e instanceof Expr.Bin b) {
      boolean l = reads(b.left(), isVector);
      boolean r = reads(b.right(), isVector);
      boolean here = switch (b.op()) {
        case '+', '-' -> false;
        case '*' -> l && r;
        case '/' -> r;
        default -> l || r; // a power of a vector, or a vector exponent
      };
      return here || nonlinear(b.left(), isVector) || nonlinear(b.right(), isVector);
    } else if (e instanceof Expr.Neg n) {
      return nonlinear(n.operand(), isVector);
    }
    return false;
  }

  private static boolean reads(Expr e, Predicate<String> isVector) {
    return e.references().stream().anyMatch(isVector);
  }
}
