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
 *
 * <p>Cost: one bottom-up walk of the expression tree (constants are folded on the way up with
 * exactly the arithmetic of {@link Expr#evaluate}, so a coefficient is bit for bit the value the
 * expression would compute).
 */
public final class Classifier {
  private Classifier() {}

  /**
   * A linear combination whose coefficient is not a finite double ({@code 5*u*.7e308}): the
   * program cannot be represented, so it is refused rather than turned into something else.
   */
  public static final class CoefficientOverflowException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String variable;

    CoefficientOverflowException(String variable) {
      super("the coefficient of " + variable + " in this linear combination is not a finite"
          + " number (the product or sum of its constants overflows a double, beyond ±1.8e308)");
      this.variable = variable;
    }

    /** The variable whose coefficient overflows. */
    public String variable() {
      return variable;
    }
  }

  /**
   * Classifies {@code target := expr} given the kinds of the names known so far ({@code null} for
   * an unknown name, which is treated as a vector so that validation can report it).
   *
   * @throws CoefficientOverflowException if {@code expr} is a linear combination of G-vars one of
   *     whose coefficients is infinite
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
        for (Map.Entry<String, Double> t : terms.entrySet()) {
          if (!Double.isFinite(t.getValue())) {
            throw new CoefficientOverflowException(t.getKey());
          }
        }
        return new LinComb(target, terms.entrySet().stream()
            .map(e -> new LinComb.Term(e.getValue(), e.getKey())).toList());
      }
    }
    return new Nonlin(target, expr);
  }

  /**
   * The coefficients of {@code e} if it is a linear form Σ a_i v_i with constant a_i (no constant
   * term, no function calls on variables), in order of first appearance; otherwise null. A
   * coefficient may come out infinite when the constants overflow ({@link #classify} refuses
   * that); a constant that is itself infinite, such as a division by 0, makes {@code e} non-linear.
   */
  public static Map<String, Double> linearTerms(Expr e) {
    Form f = form(e);
    return f == null || f.terms == null ? null : f.terms;
  }

  /** A constant (terms null) or a linear form (terms non-null); null stands for neither. */
  private record Form(double value, Map<String, Double> terms) {
    static Form constant(double v) {
      return new Form(v, null);
    }

    boolean isConstant() {
      return terms == null;
    }
  }

  private static Form form(Expr e) {
    if (e instanceof Expr.Num n) {
      return Form.constant(n.value());
    }
    if (e instanceof Expr.Ref r) {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put(r.name(), 1.0);
      return new Form(0, m);
    }
    if (e instanceof Expr.Neg n) {
      Form f = form(n.operand());
      return f == null ? null : f.isConstant() ? Form.constant(-f.value) : scale(f, -1);
    }
    if (e instanceof Expr.Call c) {
      double[] args = new double[c.args().size()];
      for (int i = 0; i < args.length; i++) {
        if (readsAVariable(c.args().get(i))) {
          // a function of a variable (relu(h), erf(g + u)): not linear, and its argument's form
          // is not constant, so not worth building
          return null;
        }
        Form f = form(c.args().get(i));
        if (f == null || !f.isConstant()) {
          return null;
        }
        args[i] = f.value;
      }
      return Form.constant(args.length == 1 ? c.fn().apply(args[0])
          : c.fn().apply(args[0], args[1]));
    }
    Expr.Bin b = (Expr.Bin) e;
    Form l = form(b.left());
    Form r = form(b.right());
    if (l == null || r == null) {
      return null;
    }
    if (l.isConstant() && r.isConstant()) {
      return Form.constant(Expr.applyOp(b.op(), l.value, r.value));
    }
    switch (b.op()) {
      case '+':
      case '-': {
        if (l.isConstant() || r.isConstant()) {
          return null; // a constant term: affine, not linear
        }
        double sign = b.op() == '+' ? 1 : -1;
        Map<String, Double> m = l.terms;
        r.terms.forEach((k, v) -> m.merge(k, sign * v, Double::sum));
        return l;
      }
      case '*':
        return l.isConstant() ? scale(r, l.value) : r.isConstant() ? scale(l, r.value) : null;
      case '/':
        return r.isConstant() && r.value != 0 ? scale(l, 1 / r.value) : null;
      default:
        return null;
    }
  }

  /** Whether {@code e} reads a variable (the first one found ends the walk). */
  private static boolean readsAVariable(Expr e) {
    if (e instanceof Expr.Ref) {
      return true;
    }
    if (e instanceof Expr.Neg n) {
      return readsAVariable(n.operand());
    }
    if (e instanceof Expr.Bin b) {
      return readsAVariable(b.left()) || readsAVariable(b.right());
    }
    if (e instanceof Expr.Call c) {
      for (Expr a : c.args()) {
        if (readsAVariable(a)) {
          return true;
        }
      }
    }
    return false;
  }

  private static Form scale(Form f, double c) {
    if (!Double.isFinite(c)) {
      return null;
    }
    f.terms.replaceAll((k, v) -> v * c);
    return f;
  }
}
