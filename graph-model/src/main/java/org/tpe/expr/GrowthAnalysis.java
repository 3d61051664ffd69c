package org.tpe.expr;

import java.util.Set;
import org.tpe.expr.Growth.Grade;

/**
 * Decides the {@link Growth} class of φ(x₁…x_k; θ…) from its expression tree, by interval
 * arithmetic over all real vector arguments (scalars are constants of unknown value) and the
 * rules of composition: sums and products keep the weaker class of their parts; a bounded
 * function of anything is polynomially bounded; exp(e) is bounded when e is bounded above
 * (exp(−x²), exp(−|x|), exp(−relu(x)), exp(sin x)) and polynomially bounded when e grows at most
 * logarithmically (exp(log(1 + x²))); log and 1/(·) are polynomially bounded when their argument
 * stays away from 0; relu, abs, min and max have kinks (pseudo-Lipschitz, not smooth); step and
 * sign jump (polynomially bounded, not pseudo-Lipschitz).
 *
 * <p>The analysis is sound in one direction: a class it reports holds. It may report a weaker
 * class than the truth where interval arithmetic loses information (exp(x·exp(−x²)) is bounded
 * but reported as not polynomially bounded); the reason then says which subexpression it could
 * not bound. Cost: one walk of the tree.
 */
public final class GrowthAnalysis {
  private final Set<String> scalars;

  private GrowthAnalysis(Set<String> scalars) {
    this.scalars = scalars;
  }

  /**
   * The class of {@code phi} as a function of its references other than {@code scalars}.
   */
  public static Growth of(Expr phi, Set<String> scalars) {
    Info i = new GrowthAnalysis(scalars).walk(phi);
    return new Growth(i.grade, Double.isFinite(i.lo) && Double.isFinite(i.hi), i.reason);
  }

  /** What is known of a subexpression: its range, class, and whether it grows like a log. */
  private record Info(double lo, double hi, Grade grade, String reason, boolean constant,
      boolean logGrowth) {
    boolean bounded() {
      return Double.isFinite(lo) && Double.isFinite(hi);
    }

    Info withRange(double l, double h) {
      return new Info(l, h, grade, reason, constant, logGrowth || (Double.isFinite(l)
          && Double.isFinite(h)));
    }

    Info capped(Grade g, String why) {
      return grade.compareTo(g) <= 0 ? this : new Info(lo, hi, g, why, constant, logGrowth);
    }
  }

  private static final double INF = Double.POSITIVE_INFINITY;
  /** The range of a scalar of unknown value: finite, so θ·tanh(x) stays bounded. */
  private static final double BIG = Double.MAX_VALUE;

  private static Info constant(double lo, double hi) {
    return new Info(lo, hi, Grade.SMOOTH, "", true, true);
  }

  private static Info weaker(Info a, Info b) {
    return a.grade.compareTo(b.grade) <= 0 ? a : b;
  }

  private Info walk(Expr e) {
    if (e instanceof Expr.Num n) {
      return constant(n.value(), n.value());
    } else if (e instanceof Expr.Ref r) {
      return scalars.contains(r.name()) ? constant(-BIG, BIG)
          : new Info(-INF, INF, Grade.SMOOTH, "", false, false);
    } else if (e instanceof Expr.Neg n) {
      Info a = walk(n.operand());
      return new Info(-a.hi, -a.lo, a.grade, a.reason, a.constant, a.logGrowth);
    } else if (e instanceof Expr.Bin b) {
      return binary(b);
    }
    return call((Expr.Call) e);
  }

  private Info binary(Expr.Bin b) {
    Info l = walk(b.left());
    Info r = walk(b.right());
    boolean constant = l.constant && r.constant;
    if (constant) {
      return constant(-BIG, BIG);
    }
    Info w = weaker(l, r);
    switch (b.op()) {
      case '+':
        return new Info(l.lo + r.lo, l.hi + r.hi, w.grade, w.reason, false,
            l.logGrowth && r.logGrowth);
      case '-':
        return new Info(l.lo - r.hi, l.hi - r.lo, w.grade, w.reason, false,
            l.logGrowth && r.logGrowth);
      case '*': {
        double[] range = b.left().equals(b.right()) ? square(l) : product(l, r);
        boolean log = (l.constant && r.logGrowth) || (r.constant && l.logGrowth)
            || (l.bounded() && r.bounded());
        return new Info(range[0], range[1], w.grade, w.reason, false, log);
      }
      case '/':
        return quotient(b, l, r);
      default:
        return power(b, l, r);
    }
  }

  private static double[] square(Info a) {
    double m = Math.max(Math.abs(a.lo), Math.abs(a.hi));
    double lo = a.lo <= 0 && a.hi >= 0 ? 0 : Math.min(a.lo * a.lo, a.hi * a.hi);
    return new double[] {lo, m * m};
  }

  private static double mul(double x, double y) {
    return x == 0 || y == 0 ? 0 : x * y;
  }

  private static double[] product(Info a, Info b) {
    double[] p = {mul(a.lo, b.lo), mul(a.lo, b.hi), mul(a.hi, b.lo), mul(a.hi, b.hi)};
    double lo = INF;
    double hi = -INF;
    for (double v : p) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return new double[] {lo, hi};
  }

  private Info quotient(Expr.Bin b, Info num, Info den) {
    if (den.constant) {
      // division by a constant scales: the class of the numerator, its range scaled
      if (b.right().isConstant()) {
        double d = b.right().evaluate(java.util.Map.of());
        if (d != 0 && Double.isFinite(d)) {
          double x = num.lo / d;
          double y = num.hi / d;
          return new Info(Math.min(x, y), Math.max(x, y), num.grade, num.reason, false,
              num.logGrowth);
        }
      }
      return new Info(-INF, INF, num.grade, num.reason, false, num.logGrowth);
    }
    boolean away = den.lo > 0 || den.hi < 0;
    if (!away) {
      return new Info(-INF, INF, Grade.NOT_POLYNOMIALLY_BOUNDED, "1/(" + b.right().toText()
          + ") has a pole where " + b.right().toText() + " = 0", false, false);
    }
    double m = Math.min(Math.abs(den.lo), Math.abs(den.hi));
    double[] inv = den.lo > 0 ? new double[] {1 / den.hi, 1 / den.lo}
        : new double[] {1 / den.hi, 1 / den.lo};
    Info recip = new Info(Math.min(inv[0], inv[1]), Math.max(inv[0], inv[1]), den.grade,
        den.reason, false, true);
    Info w = weaker(num, recip);
    double[] range = product(num, recip);
    return new Info(range[0], range[1], w.grade, w.reason, false,
        num.bounded() || (num.logGrowth && m > 0));
  }

  private Info power(Expr.Bin b, Info base, Info exp) {
    if (!exp.constant || !b.right().isConstant()) {
      return new Info(-INF, INF, Grade.NOT_POLYNOMIALLY_BOUNDED, "the power " + b.toText()
          + " has a vector in its exponent, which may grow faster than any polynomial", false,
          false);
    }
    double k = b.right().evaluate(java.util.Map.of());
    return powerOf(b.toText(), base, k);
  }

  private static Info powerOf(String text, Info base, double k) {
    if (k == Math.rint(k) && k >= 0) {
      double[] range = k == 0 ? new double[] {1, 1} : k % 2 == 0 ? square(base)
          : new double[] {Math.pow(base.lo, k), Math.pow(base.hi, k)};
      if (k % 2 == 0 && k > 2) {
        range = new double[] {Math.pow(range[0], k / 2), Math.pow(range[1], k / 2)};
      }
      return new Info(range[0], range[1], base.grade, base.reason, false, base.bounded());
    }
    if (k == Math.rint(k)) {
      // a negative integer power: 1/base^|k|
      if (!(base.lo > 0 || base.hi < 0)) {
        return new Info(-INF, INF, Grade.NOT_POLYNOMIALLY_BOUNDED, text + " has a pole where"
            + " its base is 0", false, false);
      }
      return new Info(-INF, INF, base.grade, base.reason, false, true);
    }
    if (base.lo < 0) {
      return new Info(-INF, INF, Grade.NOT_POLYNOMIALLY_BOUNDED, text + " is undefined where"
          + " its base is negative (a non-integer power)", false, false);
    }
    Info r = new Info(Math.pow(base.lo, k), Math.pow(base.hi, k), base.grade, base.reason, false,
        base.bounded());
    if (base.lo > 0) {
      return r;
    }
    if (k < 0) {
      return new Info(-INF, INF, Grade.NOT_POLYNOMIALLY_BOUNDED, text + " has a pole where"
          + " its base is 0", false, false);
    }
    return k < 1 ? r.capped(Grade.POLYNOMIALLY_BOUNDED, text + " is not Lipschitz where its base"
        + " is 0") : r.capped(Grade.PSEUDO_LIPSCHITZ, text + " is not smooth where its base is 0");
  }

  private Info call(Expr.Call c) {
    Info a = walk(c.args().get(0));
    if (c.fn().arity() == 2) {
      Info b = walk(c.args().get(1));
      if (a.constant && b.constant) {
        return constant(-BIG, BIG);
      }
      Info w = weaker(a, b);
      switch (c.fn()) {
        case MIN:
          return new Info(Math.min(a.lo, b.lo), Math.min(a.hi, b.hi), w.grade, w.reason, false,
              a.logGrowth && b.logGrowth).capped(Grade.PSEUDO_LIPSCHITZ, c.toText()
              + " has a kink where its arguments are equal");
        case MAX:
          return new Info(Math.max(a.lo, b.lo), Math.max(a.hi, b.hi), w.grade, w.reason, false,
              a.logGrowth && b.logGrowth).capped(Grade.PSEUDO_LIPSCHITZ, c.toText()
              + " has a kink where its arguments are equal");
        default: // POW
          if (!b.constant || !c.args().get(1).isConstant()) {
            return new Info(-INF, INF, Grade.NOT_POLYNOMIALLY_BOUNDED, "the power " + c.toText()
                + " has a vector in its exponent, which may grow faster than any polynomial",
                false, false);
          }
          return powerOf(c.toText(), a, c.args().get(1).evaluate(java.util.Map.of()));
      }
    }
    if (a.constant) {
      return constant(-BIG, BIG);
    }
    String t = c.toText();
    switch (c.fn()) {
      case RELU:
        return a.withRange(Math.max(0, a.lo), Math.max(0, a.hi)).capped(Grade.PSEUDO_LIPSCHITZ,
            "relu has a kink at 0");
      case ABS: {
        double lo = a.lo <= 0 && a.hi >= 0 ? 0 : Math.min(Math.abs(a.lo), Math.abs(a.hi));
        return a.withRange(lo, Math.max(Math.abs(a.lo), Math.abs(a.hi)))
            .capped(Grade.PSEUDO_LIPSCHITZ, "abs has a kink at 0");
      }
      case STEP:
        return boundedOf(a, 0, 1).capped(Grade.POLYNOMIALLY_BOUNDED, "step jumps at 0 (not"
            + " pseudo-Lipschitz)");
      case SIGN:
        return boundedOf(a, -1, 1).capped(Grade.POLYNOMIALLY_BOUNDED, "sign jumps at 0 (not"
            + " pseudo-Lipschitz)");
      case TANH:
        return boundedOf(a, Math.tanh(a.lo), Math.tanh(a.hi));
      case ERF:
        return boundedOf(a, Fn.erf(a.lo), Fn.erf(a.hi));
      case SIGMOID:
        return boundedOf(a, Fn.SIGMOID.apply(a.lo), Fn.SIGMOID.apply(a.hi));
      case SIN:
      case COS:
        return boundedOf(a, -1, 1);
      case GELU:
        return a.withRange(-0.17, Math.max(0, a.hi));
      case SOFTPLUS:
        return a.withRange(0, Fn.SOFTPLUS.apply(a.hi));
      case ID:
        return a;
      case EXP:
        return exp(t, a);
      case LOG:
        return log(t, a);
      default: // SQRT
        return powerOf(t, a, 0.5);
    }
  }

  /** A bounded smooth function of {@code a}: bounded whatever a is, so polynomially bounded. */
  private static Info boundedOf(Info a, double lo, double hi) {
    Grade g = a.grade.compareTo(Grade.POLYNOMIALLY_BOUNDED) < 0 ? Grade.POLYNOMIALLY_BOUNDED
        : a.grade;
    return new Info(lo, hi, g, a.reason, false, true);
  }

  private static Info exp(String t, Info a) {
    double lo = Math.exp(a.lo);
    double hi = Math.exp(a.hi);
    if (Double.isFinite(a.hi)) {
      hi = Math.min(hi, BIG); // exp of a finite (if unknown) bound is finite
      return boundedOf(a, lo, hi);
    }
    if (a.logGrowth && a.grade != Grade.NOT_POLYNOMIALLY_BOUNDED) {
      return new Info(lo, hi, a.grade, a.reason, false, false);
    }
    String arg = t.substring(4, t.length() - 1);
    return new Info(lo, hi, Grade.NOT_POLYNOMIALLY_BOUNDED, a.grade
        == Grade.NOT_POLYNOMIALLY_BOUNDED ? a.reason : t + " grows faster than any polynomial"
        + " (" + arg + " is not bounded above)", false, false);
  }

  private static Info log(String t, Info a) {
    if (!(a.lo > 0)) {
      return new Info(-INF, Math.log(a.hi), Grade.NOT_POLYNOMIALLY_BOUNDED, t + " is unbounded"
          + (a.lo < 0 ? " (and undefined)" : "") + " where its argument reaches 0", false, false);
    }
    return new Info(Math.log(a.lo), Math.log(a.hi), a.grade == Grade.NOT_POLYNOMIALLY_BOUNDED
        ? Grade.NOT_POLYNOMIALLY_BOUNDED : a.grade, a.reason, false,
        a.grade != Grade.NOT_POLYNOMIALLY_BOUNDED);
  }
}
