package org.tpe.limit.exact;

import java.util.Arrays;
import java.util.function.Function;
import org.tpe.expr.Expr;
import org.tpe.expr.Fn;

/**
 * A linear form c + Σ coef[i]·B_{idx[i]} over the base Gaussians B (initial Z's and Ẑ's; TP IIb
 * App. B, Def. B.3), idx increasing. Immutable (the arrays are never changed after construction).
 * Used by the exact engine's expansion and by the NTK's kernel recursion, which index their base
 * Gaussians each their own way.
 */
public record Lin(int[] idx, double[] coef, double c) {
  public static Lin constant(double c) {
    return new Lin(new int[0], new double[0], c);
  }

  public static Lin unit(int i) {
    return new Lin(new int[] {i}, new double[] {1}, 0);
  }

  /**
   * The linear form of {@code e}, each reference's form given by {@code leaf} (null: not linear
   * in it), or null if e is not linear: numbers, references, −, +, −, products with a constant
   * factor, quotients by a non-zero constant and id(·); powers are not read as linear.
   */
  public static Lin of(Expr e, Function<String, Lin> leaf) {
    if (e instanceof Expr.Num n) {
      return constant(n.value());
    } else if (e instanceof Expr.Ref r) {
      return leaf.apply(r.name());
    } else if (e instanceof Expr.Neg n) {
      Lin l = of(n.operand(), leaf);
      return l == null ? null : l.times(-1);
    } else if (e instanceof Expr.Bin b) {
      if (b.op() == '^') {
        return null;
      }
      Lin l = of(b.left(), leaf);
      Lin r = l == null ? null : of(b.right(), leaf);
      if (r == null) {
        return null;
      }
      switch (b.op()) {
        case '+':
          return l.plus(r, 1);
        case '-':
          return l.plus(r, -1);
        case '*':
          return l.isConstant() ? r.times(l.c()) : r.isConstant() ? l.times(r.c()) : null;
        default:
          return r.isConstant() && r.c() != 0 ? l.times(1 / r.c()) : null;
      }
    } else if (e instanceof Expr.Call c && c.fn() == Fn.ID) {
      return of(c.args().get(0), leaf);
    }
    return null;
  }

  public boolean isConstant() {
    return idx.length == 0;
  }

  /**
   * this + s·o: the two increasing index lists merged, a base in both getting coef + s·o.coef,
   * and bases whose coefficient comes out 0 dropped.
   */
  public Lin plus(Lin o, double s) {
    int[] ii = new int[idx.length + o.idx.length];
    double[] cc = new double[ii.length];
    int k = 0;
    int i = 0;
    int j = 0;
    while (i < idx.length || j < o.idx.length) {
      int a = i < idx.length ? idx[i] : Integer.MAX_VALUE;
      int b = j < o.idx.length ? o.idx[j] : Integer.MAX_VALUE;
      int base = Math.min(a, b);
      double v = a < b ? coef[i++] : a > b ? s * o.coef[j++] : coef[i++] + s * o.coef[j++];
      if (v != 0) {
        ii[k] = base;
        cc[k++] = v;
      }
    }
    return new Lin(Arrays.copyOf(ii, k), Arrays.copyOf(cc, k), c + s * o.c);
  }

  /** s·this. */
  public Lin times(double s) {
    if (s == 0) {
      return constant(0);
    }
    double[] cc = coef.clone();
    for (int i = 0; i < cc.length; i++) {
      cc[i] *= s;
    }
    return new Lin(idx, cc, c * s);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Lin l && Arrays.equals(idx, l.idx) && Arrays.equals(coef, l.coef)
        && c == l.c;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(idx) + Arrays.hashCode(coef)) + Double.hashCode(c);
  }
}
