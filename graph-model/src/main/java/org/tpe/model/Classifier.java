package org.tpe.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tpe.expr.Expr;

/**
 * Decides which instruction an assignment {@code target := expr} is (DESIGN §4): an expression of
 * scalars only is a {@link ScalarOp}; an expression linear with constant coefficients in G-vars
 * only is a {@link LinComb}; anything else reading vectors is a {@link Nonlin} (Nonlin+ when it
 * also reads scalars). The parser and the editor both build instructions here, which is what makes
 * printing and parsing inverse to each other.
 */
public final class Classifier {
  private Classifier() {}

  /**
   * Classifies {@code target := expr} given the kinds of the names known so far ({@code null} for
   * an unknown name, which is treated as a vector so that validation can report it).
   */
  public static Instruction classify(String target, Expr expr, Function<String, VarKind> kinds) {
    List<String> refs = expr.references();
    boolean allScalar = true;
    boolean allG = !refs.isEmpty();
    for (String r : refs) {
      VarKind k = kinds.apply(r);
      if (k != VarKind.SCALAR) {
        allScalar = false;
      }
      if (k != VarKind.G) {
        allG = false;
      }
    }
    if (allScalar) {
      return new ScalarOp(target, expr);
    }
    if (allG) {
      Map<String, Double> terms = linearTerms(expr);
      if (terms != null && !terms.isEmpty()) {
        return new LinComb(target, terms.entrySet().stream()
            .map(e -> new LinComb.Term(e.getValue(), e.getKey())).toList());
      }
    }
    return new Nonlin(target, expr);
  }

  /**
   * The coefficients of {@code e} if it is a linear form Σ a_i v_i with constant a_i (no constant
   * term, no function calls on variables), in order of first appearance; otherwise null.
   */
  public static Map<String, Double> linearTerms(Expr e) {
    if (e instanceof Expr.Ref r) {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put(r.name(), 1.0);
      return m;
    }
    if (e instanceof Expr.Neg n) {
      return scale(linearTerms(n.operand()), -1);
    }
    if (e instanceof Expr.Bin b) {
      switch (b.op()) {
        case '+':
        case '-': {
          Map<String, Double> l = linearTerms(b.left());
          Map<String, Double> r = linearTerms(b.right());
          if (l == null || r == null) {
            return null;
          }
          double sign = b.op() == '+' ? 1 : -1;
          r.forEach((k, v) -> l.merge(k, sign * v, Double::sum));
          return l;
        }
        case '*':
          if (b.left().isConstant()) {
            return scale(linearTerms(b.right()), constant(b.left()));
          }
          if (b.right().isConstant()) {
            return scale(linearTerms(b.left()), constant(b.right()));
          }
          return null;
        case '/':
          if (b.right().isConstant()) {
            double c = constant(b.right());
            return c == 0 ? null : scale(linearTerms(b.left()), 1 / c);
          }
          return null;
        default:
          return null;
      }
    }
    return null;
  }

  private static double constant(Expr e) {
    return e.evaluate(Map.of());
  }

  private static Map<String, Double> scale(Map<String, Double> m, double c) {
    if (m == null || !Double.isFinite(c)) {
      return null;
    }
    m.replaceAll((k, v) -> v * c);
    return m;
  }
}
