package org.tpe.limit.exact;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.tpe.expr.Expr;
import org.tpe.expr.Fn;

/**
 * Expands an expression over the base Gaussians into a sum of products (TP IIb App. B: every
 * expectation of the Z-calculus is one over the few base Gaussians it reads): each term is a
 * coefficient times <em>atoms</em> ψ(ℓ) of linear forms ℓ, ψ ∈ {id, relu, step, erf, exp} (whose
 * expectations have closed forms: moments of Gaussians, arc-cosine and erf kernels, Stein's
 * lemma, exponential tilting), times <em>opaque</em> factors (any other expression, integrated
 * numerically). Distributing a product is bounded by {@link #MAX_TERMS}: beyond it the product
 * stays one opaque factor, so the expansion never explodes.
 */
final class Expansion {
  /** Largest number of terms a product is distributed into. */
  static final int MAX_TERMS = 256;

  /** ψ(ℓ) with ψ one of id, relu, step, erf, exp. */
  record Atom(Fn psi, Lin lin) {}

  /** coef · Π atoms · Π opaque factors. */
  record Term(double coef, List<Atom> atoms, List<Expr> opaque) {
    Term times(Term o) {
      List<Atom> a = new ArrayList<>(atoms);
      a.addAll(o.atoms);
      List<Expr> x = new ArrayList<>(opaque);
      x.addAll(o.opaque);
      return new Term(coef * o.coef, a, x);
    }

    Term scaled(double s) {
      return new Term(coef * s, atoms, opaque);
    }
  }

  /** Thrown when a constant part of an expression is not finite. */
  static final class NonFiniteConstant extends RuntimeException {
    NonFiniteConstant(String message) {
      super(message);
    }
  }

  private final ToIntFunction<String> baseIndex;

  /** {@code baseIndex}: the index of a base Gaussian by name, or -1 for any other name. */
  Expansion(ToIntFunction<String> baseIndex) {
    this.baseIndex = baseIndex;
  }

  static boolean atomFunction(Fn f) {
    return f == Fn.ID || f == Fn.RELU || f == Fn.STEP || f == Fn.ERF || f == Fn.EXP;
  }

  /** The linear form of e over the base Gaussians, or null if e is not linear. */
  Lin linear(Expr e) {
    return Lin.of(e, name -> {
      int g = baseIndex.applyAsInt(name);
      return g < 0 ? null : Lin.unit(g);
    });
  }

  /** The expansion of e. */
  List<Term> expand(Expr e) {
    if (e.isConstant()) {
      double v = e.evaluate(Map.of());
      if (!Double.isFinite(v)) {
        throw new NonFiniteConstant("the constant " + e.toText() + " is " + v);
      }
      return List.of(new Term(v, List.of(), List.of()));
    }
    Lin l = linear(e);
    if (l != null) {
      return List.of(new Term(1, List.of(new Atom(Fn.ID, l)), List.of()));
    }
    if (e instanceof Expr.Neg n) {
      return scale(expand(n.operand()), -1);
    } else if (e instanceof Expr.Bin b) {
      switch (b.op()) {
        case '+':
        case '-': {
          List<Term> out = new ArrayList<>(expand(b.left()));
          out.addAll(scale(expand(b.right()), b.op() == '-' ? -1 : 1));
          return out;
        }
        case '*': {
          List<Term> p = multiply(expand(b.left()), expand(b.right()));
          if (p != null) {
            return p;
          }
          break;
        }
        case '/':
          if (b.right().isConstant()) {
            double d = b.right().evaluate(Map.of());
            if (d != 0 && Double.isFinite(d)) {
              return scale(expand(b.left()), 1 / d);
            }
          }
          break;
        default:
          if (b.right().isConstant()) {
            double k = b.right().evaluate(Map.of());
            if (k == Math.rint(k) && k >= 1 && k <= 8) {
              List<Term> base = expand(b.left());
              List<Term> acc = base;
              for (int i = 1; i < k && acc != null; i++) {
                acc = multiply(acc, base);
              }
              if (acc != null) {
                return acc;
              }
            }
          }
      }
    } else if (e instanceof Expr.Call c && c.fn() != Fn.ID && atomFunction(c.fn())) {
      Lin arg = linear(c.args().get(0));
      if (arg != null) {
        return List.of(new Term(1, List.of(new Atom(c.fn(), arg)), List.of()));
      }
    }
    return List.of(new Term(1, List.of(), List.of(e)));
  }

  static List<Term> scale(List<Term> ts, double s) {
    List<Term> out = new ArrayList<>(ts.size());
    for (Term t : ts) {
      out.add(t.scaled(s));
    }
    return out;
  }

  /** The distributed product, or null when it would have more than {@value #MAX_TERMS} terms. */
  static List<Term> multiply(List<Term> a, List<Term> b) {
    if ((long) a.size() * b.size() > MAX_TERMS) {
      return null;
    }
    List<Term> out = new ArrayList<>(a.size() * b.size());
    for (Term x : a) {
      for (Term y : b) {
        out.add(x.times(y));
      }
    }
    return out;
  }
}
