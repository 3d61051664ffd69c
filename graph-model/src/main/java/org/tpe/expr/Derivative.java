package org.tpe.expr;

import java.util.List;

/**
 * Symbolic differentiation of expressions, with light simplification (0 and 1 are folded away).
 * Derivatives of non-smooth built-ins are taken almost everywhere: {@code relu' = step}, {@code
 * step' = sign' = 0}, {@code abs' = sign}. Those a.e. derivatives are what the derivative form of
 * ZDot needs; where a function has jumps (step, sign) the Stein form must be used instead, which
 * is why {@link Fn#pseudoLipschitz()} is reported to the user.
 */
public final class Derivative {
  private Derivative() {}

  private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);
  private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);

  /** ∂e/∂name. */
  public static Expr of(Expr e, String name) {
    if (e instanceof Expr.Num) {
      return zero();
    } else if (e instanceof Expr.Ref r) {
      return new Expr.Num(r.name().equals(name) ? 1 : 0);
    } else if (e instanceof Expr.Neg n) {
      return neg(of(n.operand(), name));
    } else if (e instanceof Expr.Bin b) {
      Expr l = b.left();
      Expr r = b.right();
      Expr dl = of(l, name);
      Expr dr = of(r, name);
      switch (b.op()) {
        case '+':
          return add(dl, dr);
        case '-':
          return sub(dl, dr);
        case '*':
          return add(mul(dl, r), mul(l, dr));
        case '/':
          return sub(div(dl, r), div(mul(l, dr), mul(r, r)));
        default:
          if (isZero(dr)) {
            // d(l^c) = c l^(c-1) dl
            return mul(mul(r, pow(l, sub(r, one()))), dl);
          }
          // d(l^r) = l^r (dr log l + r dl / l)
          return mul(e, add(mul(dr, call(Fn.LOG, l)), div(mul(r, dl), l)));
      }
    }
    Expr.Call c = (Expr.Call) e;
    Expr a = c.args().get(0);
    if (c.fn().arity() == 2) {
      Expr b = c.args().get(1);
      Expr da = of(a, name);
      Expr db = of(b, name);
      switch (c.fn()) {
        case MIN:
          return add(mul(call(Fn.STEP, sub(b, a)), da), mul(call(Fn.STEP, sub(a, b)), db));
        case MAX:
          return add(mul(call(Fn.STEP, sub(a, b)), da), mul(call(Fn.STEP, sub(b, a)), db));
        default:
          return of(new Expr.Bin('^', a, b), name);
      }
    }
    Expr da = of(a, name);
    if (isZero(da)) {
      return zero();
    }
    return mul(outerDerivative(c.fn(), a), da);
  }

  /** f'(a) for a one-argument built-in. */
  static Expr outerDerivative(Fn fn, Expr a) {
    switch (fn) {
      case RELU:
        return call(Fn.STEP, a);
      case STEP:
      case SIGN:
        return zero();
      case ABS:
        return call(Fn.SIGN, a);
      case TANH:
        return sub(one(), pow(call(Fn.TANH, a), new Expr.Num(2)));
      case ERF:
        return mul(new Expr.Num(TWO_OVER_SQRT_PI), call(Fn.EXP, neg(pow(a, new Expr.Num(2)))));
      case SIGMOID:
        return mul(call(Fn.SIGMOID, a), sub(one(), call(Fn.SIGMOID, a)));
      case GELU:
        // d/dx x Φ(x) = Φ(x) + x φ(x)
        return add(
            mul(new Expr.Num(0.5),
                add(one(), call(Fn.ERF, mul(a, new Expr.Num(Math.sqrt(0.5)))))),
            mul(mul(a, new Expr.Num(INV_SQRT_2PI)),
                call(Fn.EXP, mul(new Expr.Num(-0.5), pow(a, new Expr.Num(2))))));
      case SOFTPLUS:
        return call(Fn.SIGMOID, a);
      case SIN:
        return call(Fn.COS, a);
      case COS:
        return neg(call(Fn.SIN, a));
      case EXP:
        return call(Fn.EXP, a);
      case LOG:
        return div(one(), a);
      case SQRT:
        return div(new Expr.Num(0.5), call(Fn.SQRT, a));
      case ID:
        return one();
      default:
        throw new IllegalArgumentException(fn.symbol());
    }
  }

  private static Expr zero() {
    return new Expr.Num(0);
  }

  private static Expr one() {
    return new Expr.Num(1);
  }

  static boolean isZero(Expr e) {
    return e instanceof Expr.Num n && n.value() == 0;
  }

  static boolean isOne(Expr e) {
    return e instanceof Expr.Num n && n.value() == 1;
  }

  private static Expr call(Fn fn, Expr a) {
    return new Expr.Call(fn, List.of(a));
  }

  /** -a, folding numbers and double negation. */
  public static Expr neg(Expr a) {
    if (a instanceof Expr.Num n) {
      return new Expr.Num(-n.value() + 0.0);
    }
    if (a instanceof Expr.Neg n) {
      return n.operand();
    }
    return new Expr.Neg(a);
  }

  /** a + b, folding 0 and numbers. */
  public static Expr add(Expr a, Expr b) {
    if (isZero(a)) {
      return b;
    }
    if (isZero(b)) {
      return a;
    }
    if (a instanceof Expr.Num x && b instanceof Expr.Num y) {
      return new Expr.Num(x.value() + y.value());
    }
    return new Expr.Bin('+', a, b);
  }

  /** a − b, folding 0 and numbers. */
  public static Expr sub(Expr a, Expr b) {
    if (isZero(b)) {
      return a;
    }
    if (isZero(a)) {
      return neg(b);
    }
    if (a instanceof Expr.Num x && b instanceof Expr.Num y) {
      return new Expr.Num(x.value() - y.value());
    }
    return new Expr.Bin('-', a, b);
  }

  /** a · b, folding 0, 1 and numbers. */
  public static Expr mul(Expr a, Expr b) {
    if (isZero(a) || isZero(b)) {
      return zero();
    }
    if (isOne(a)) {
      return b;
    }
    if (isOne(b)) {
      return a;
    }
    if (a instanceof Expr.Num x && b instanceof Expr.Num y) {
      return new Expr.Num(x.value() * y.value());
    }
    return new Expr.Bin('*', a, b);
  }

  static Expr div(Expr a, Expr b) {
    if (isZero(a)) {
      return zero();
    }
    if (isOne(b)) {
      return a;
    }
    return new Expr.Bin('/', a, b);
  }

  static Expr pow(Expr a, Expr b) {
    if (isZero(b)) {
      return one();
    }
    if (isOne(b)) {
      return a;
    }
    return new Expr.Bin('^', a, b);
  }
}
