package org.tpe.limit.calculus;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tpe.expr.Expr;
import org.tpe.expr.Fn;
import org.tpe.model.Instruction;
import org.tpe.model.LinComb;
import org.tpe.model.MatMul;
import org.tpe.model.Nonlin;
import org.tpe.model.Program;
import org.tpe.model.VarKind;

/**
 * The parity of every vector of a program under the sign flip R → −R of a set of initial vectors
 * (the readouts of TP II's BP-like definition), decided symbolically: a MatMul and a LinComb are
 * linear; a product of an odd and an even factor is odd; tanh, erf, sin, sign and id are odd
 * functions, abs and cos even; anything else of an odd argument has no parity. Scalars are
 * constants (they are deterministic in the limit).
 */
final class Parity {
  /** Parity under R → −R. */
  enum Kind {
    /** Does not depend on R at all. */
    FREE,
    /** Depends on R, unchanged by the flip. */
    EVEN,
    /** Depends on R, negated by the flip. */
    ODD,
    /** Neither. */
    NONE
  }

  private final Map<String, Kind> kinds = new HashMap<>();
  /** For a vector that is EVEN or NONE: the statement where its parity was lost. */
  private final Map<String, String> breakers = new HashMap<>();

  private Parity() {}

  static Parity of(Program p, Set<String> readouts) {
    Parity out = new Parity();
    for (var v : p.vectorInputs()) {
      out.kinds.put(v.name(), readouts.contains(v.name()) ? Kind.ODD : Kind.FREE);
    }
    for (Instruction ins : p.instructions()) {
      if (!ins.resultKind().isVector() || out.kinds.containsKey(ins.target())) {
        continue;
      }
      Kind k;
      if (ins instanceof MatMul m) {
        k = out.kind(m.argument());
      } else if (ins instanceof LinComb l) {
        k = null;
        for (LinComb.Term t : l.terms()) {
          k = sum(k, out.kind(t.variable()));
        }
      } else {
        k = out.walk(((Nonlin) ins).phi(), p);
      }
      out.kinds.put(ins.target(), k);
      if (k == Kind.EVEN || k == Kind.NONE) {
        String inherited = null;
        for (String a : ins.arguments()) {
          Kind ka = out.kinds.get(a);
          if (ka == k && out.breakers.containsKey(a)) {
            inherited = out.breakers.get(a);
            break;
          }
        }
        out.breakers.put(ins.target(), inherited != null ? inherited : ins.target());
      }
    }
    return out;
  }

  Kind kind(String vector) {
    Kind k = kinds.get(vector);
    return k == null ? Kind.FREE : k;
  }

  /** Where the parity of {@code vector} was lost, or null. */
  String breaker(String vector) {
    return breakers.get(vector);
  }

  private Kind walk(Expr e, Program p) {
    if (e instanceof Expr.Num) {
      return Kind.FREE;
    } else if (e instanceof Expr.Ref r) {
      VarKind vk = p.kindOf(r.name());
      return vk != null && vk.isVector() ? kind(r.name()) : Kind.FREE;
    } else if (e instanceof Expr.Neg n) {
      return walk(n.operand(), p);
    } else if (e instanceof Expr.Bin b) {
      Kind l = walk(b.left(), p);
      Kind r = walk(b.right(), p);
      switch (b.op()) {
        case '+':
        case '-':
          return sum(l, r);
        case '*':
        case '/':
          return product(l, r);
        default:
          if (r != Kind.FREE || !b.right().isConstant()) {
            return l == Kind.FREE && r == Kind.FREE ? Kind.FREE : Kind.NONE;
          }
          double k = b.right().evaluate(Map.of());
          return power(l, k);
      }
    }
    Expr.Call c = (Expr.Call) e;
    List<Expr> args = c.args();
    if (c.fn().arity() == 2) {
      Kind a = walk(args.get(0), p);
      Kind b = walk(args.get(1), p);
      if (c.fn() == Fn.POW && b == Kind.FREE && args.get(1).isConstant()) {
        return power(a, args.get(1).evaluate(Map.of()));
      }
      if (a == Kind.FREE && b == Kind.FREE) {
        return Kind.FREE;
      }
      return (a == Kind.FREE || a == Kind.EVEN) && (b == Kind.FREE || b == Kind.EVEN) ? Kind.EVEN
          : Kind.NONE;
    }
    Kind a = walk(args.get(0), p);
    if (a == Kind.FREE || a == Kind.EVEN) {
      return a;
    }
    if (a == Kind.NONE) {
      return Kind.NONE;
    }
    switch (c.fn()) {
      case TANH:
      case ERF:
      case SIN:
      case SIGN:
      case ID:
        return Kind.ODD;
      case ABS:
      case COS:
        return Kind.EVEN;
      default:
        return Kind.NONE;
    }
  }

  private static Kind power(Kind base, double k) {
    if (base == Kind.FREE || base == Kind.EVEN) {
      return base;
    }
    if (base == Kind.ODD && k == Math.rint(k)) {
      return ((long) k) % 2 == 0 ? Kind.EVEN : Kind.ODD;
    }
    return Kind.NONE;
  }

  /** Parity of a + b: a free (even) part added to an odd one leaves no parity. */
  static Kind sum(Kind a, Kind b) {
    if (a == null) {
      return b;
    }
    if (a == b) {
      return a;
    }
    boolean evenA = a == Kind.FREE || a == Kind.EVEN;
    boolean evenB = b == Kind.FREE || b == Kind.EVEN;
    return evenA && evenB ? Kind.EVEN : Kind.NONE;
  }

  static Kind product(Kind a, Kind b) {
    if (a == Kind.NONE || b == Kind.NONE) {
      return Kind.NONE;
    }
    if (a == Kind.FREE) {
      return b;
    }
    if (b == Kind.FREE) {
      return a;
    }
    return a == b ? Kind.EVEN : Kind.ODD;
  }
}
