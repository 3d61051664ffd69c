package org.tpe.limit.exact;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tpe.expr.Expr;
import org.tpe.expr.Fn;

/**
 * What the integration rules must know of an integrand's expression tree, read off the tree: its
 * kinks (relu, step, sign, abs of a linear form ℓ: the hyperplane ℓ = 0; min and max of two:
 * ℓ₁ = ℓ₂), its steep points (ℓ² under a denominator, a root, a log or a non-integer power:
 * x/√(x² + ε) turns within √ε), whether it is analytic (only smooth functions, no division or
 * power that could blow up), and its cost (the nodes of the tree: the operations of one
 * evaluation). {@link GroupIntegrator} declares these to {@link Quadrature}.
 */
final class IntegrandShape {
  private static final Set<Fn> SMOOTH = EnumSet.of(Fn.TANH, Fn.ERF, Fn.SIGMOID, Fn.GELU,
      Fn.SOFTPLUS, Fn.SIN, Fn.COS, Fn.EXP, Fn.ID);

  private final Expansion expansion;

  IntegrandShape(Expansion expansion) {
    this.expansion = expansion;
  }

  /** Whether φ is analytic on the whole line. */
  static boolean smooth(Fn f) {
    return SMOOTH.contains(f);
  }

  /** Whether e is built of smooth functions only, with no division or power that may blow up. */
  static boolean smooth(Expr e) {
    for (Fn f : e.functions()) {
      if (!SMOOTH.contains(f)) {
        return false;
      }
    }
    return !hasDivisionOrPower(e);
  }

  private static boolean hasDivisionOrPower(Expr e) {
    if (e instanceof Expr.Bin b) {
      if (b.op() == '/' && !b.right().isConstant()) {
        return true;
      }
      if (b.op() == '^') {
        if (!b.right().isConstant()) {
          return true;
        }
        double k = b.right().evaluate(Map.of());
        if (k != Math.rint(k) || k < 0) {
          return true;
        }
      }
      return hasDivisionOrPower(b.left()) || hasDivisionOrPower(b.right());
    } else if (e instanceof Expr.Neg n) {
      return hasDivisionOrPower(n.operand());
    } else if (e instanceof Expr.Call c) {
      return c.args().stream().anyMatch(IntegrandShape::hasDivisionOrPower);
    }
    return false;
  }

  /**
   * The kinks of e: relu, step, sign, abs of a linear form ℓ (the hyperplane ℓ = 0), min and max
   * of two (ℓ₁ = ℓ₂); {@code undeclared[0]} is set when a non-smooth function has an argument
   * that is not linear (its kink is not a hyperplane, and is left to the rule to find).
   */
  void collectKinks(Expr e, List<Lin> out, boolean[] undeclared) {
    if (e instanceof Expr.Call c) {
      Fn fn = c.fn();
      if (fn == Fn.RELU || fn == Fn.STEP || fn == Fn.SIGN || fn == Fn.ABS) {
        Lin l = expansion.linear(c.args().get(0));
        if (l == null) {
          undeclared[0] = true;
        } else if (!l.isConstant() && !out.contains(l)) {
          out.add(l);
        }
      } else if (fn == Fn.MIN || fn == Fn.MAX) {
        Lin a = expansion.linear(c.args().get(0));
        Lin b = expansion.linear(c.args().get(1));
        if (a != null && b != null) {
          Lin d = a.plus(b, -1);
          if (!d.isConstant() && !out.contains(d)) {
            out.add(d);
          }
        } else {
          undeclared[0] = true;
        }
      }
      for (Expr a : c.args()) {
        collectKinks(a, out, undeclared);
      }
    } else if (e instanceof Expr.Bin b) {
      collectKinks(b.left(), out, undeclared);
      collectKinks(b.right(), out, undeclared);
    } else if (e instanceof Expr.Neg n) {
      collectKinks(n.operand(), out, undeclared);
    }
  }

  /**
   * The steep points of e: a linear form ℓ squared (ℓ^2, ℓ*ℓ) inside a denominator, a sqrt, a
   * log or a non-integer power, where x/√(x² + ε) turns from −1 to 1 within √ε: the hyperplane
   * ℓ = 0 is declared so that the rules split there (batch and layer norm with a small ε).
   */
  void collectSteep(Expr e, boolean inside, List<Lin> out) {
    if (e instanceof Expr.Bin b) {
      if (inside && (b.op() == '^' || b.op() == '*')) {
        Lin l = expansion.linear(b.left());
        boolean square = b.op() == '^' ? b.right().isConstant()
            && b.right().evaluate(Map.of()) == 2 : b.left().equals(b.right());
        if (square && l != null && !l.isConstant()) {
          if (!out.contains(l)) {
            out.add(l);
          }
          return;
        }
      }
      boolean fractional = b.op() == '^' && !(b.right().isConstant()
          && isNaturalPower(b.right().evaluate(Map.of())));
      collectSteep(b.left(), inside || fractional, out);
      collectSteep(b.right(), inside || b.op() == '/', out);
    } else if (e instanceof Expr.Neg n) {
      collectSteep(n.operand(), inside, out);
    } else if (e instanceof Expr.Call c) {
      boolean in = inside || c.fn() == Fn.SQRT || c.fn() == Fn.LOG || c.fn() == Fn.POW;
      for (Expr a : c.args()) {
        collectSteep(a, in, out);
      }
    }
  }

  /**
   * The nodes of e's tree: the operations of one evaluation of its compiled form (also the size
   * the exact engine keeps per vector).
   */
  static int nodes(Expr e) {
    if (e instanceof Expr.Neg n) {
      return 1 + nodes(n.operand());
    } else if (e instanceof Expr.Bin b) {
      return 1 + nodes(b.left()) + nodes(b.right());
    } else if (e instanceof Expr.Call c) {
      int s = 1;
      for (Expr a : c.args()) {
        s += nodes(a);
      }
      return s;
    }
    return 1;
  }

  private static boolean isNaturalPower(double k) {
    return k == Math.rint(k) && k >= 0;
  }

  static boolean divides(List<Expr> xs) {
    for (Expr x : xs) {
      if (hasDivisionOrPower(x)) {
        return true;
      }
      for (Fn f : x.functions()) {
        if (f == Fn.SQRT || f == Fn.LOG || f == Fn.POW) {
          return true;
        }
      }
    }
    return false;
  }
}
