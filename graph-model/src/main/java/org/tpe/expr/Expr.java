package org.tpe.expr;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An expression of the {@code .tp} language (DESIGN §4): numbers, names, {@code + - * / ^}, unary
 * minus and calls of the built-in {@link Fn functions}. An expression is data: it is evaluated by
 * {@link #evaluate(Map)} or compiled to a vectorised {@link VectorKernel}, never handed to a script
 * engine or compiler. Trees are immutable; their depth is bounded by the parser ({@link
 * #MAX_DEPTH}) so every recursive walk over them is safe.
 */
public sealed interface Expr permits Expr.Num, Expr.Ref, Expr.Neg, Expr.Bin, Expr.Call {

  /** Deepest tree the parser accepts; recursive algorithms over expressions rely on it. */
  int MAX_DEPTH = 1000;

  /** A numeric literal (printed as {@code pi} when it is π). */
  record Num(double value) implements Expr {
    public Num {
      value = value + 0.0; // no negative zero: -0.0 would print as 0 and not read back equal
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("number is not finite: " + value);
      }
    }
  }

  /** A reference to a vector or scalar variable by name. */
  record Ref(String name) implements Expr {
    public Ref {
      Objects.requireNonNull(name, "name");
    }
  }

  /** Unary minus. */
  record Neg(Expr operand) implements Expr {
    public Neg {
      Objects.requireNonNull(operand, "operand");
    }
  }

  /** A binary operation; {@code op} is one of {@code + - * / ^}. */
  record Bin(char op, Expr left, Expr right) implements Expr {
    public Bin {
      if ("+-*/^".indexOf(op) < 0) {
        throw new IllegalArgumentException("unknown operator " + op);
      }
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
    }
  }

  /** A call of a built-in function. */
  record Call(Fn fn, List<Expr> args) implements Expr {
    public Call {
      Objects.requireNonNull(fn, "fn");
      args = List.copyOf(args);
      if (args.size() != fn.arity()) {
        throw new IllegalArgumentException(
            fn.symbol() + " takes " + fn.arity() + " argument(s), not " + args.size());
      }
    }
  }

  // ---- convenience constructors ------------------------------------------------------------

  static Expr num(double v) {
    return new Num(v);
  }

  static Expr ref(String name) {
    return new Ref(name);
  }

  static Expr call(Fn fn, Expr... args) {
    return new Call(fn, List.of(args));
  }

  static Expr bin(char op, Expr l, Expr r) {
    return new Bin(op, l, r);
  }

  // ---- queries -------------------------------------------------------------------------------

  /** Names referenced, in order of first appearance. */
  default List<String> references() {
    List<String> all = new ArrayList<>(4);
    collectReferences(this, all);
    if (all.size() <= 1) {
      return all;
    }
    if (all.size() > 16) {
      return new ArrayList<>(new LinkedHashSet<>(all));
    }
    // the usual few references: a scan is cheaper than a hash set (this runs for every Nonlin
    // each time an analysis asks for its arguments)
    List<String> out = new ArrayList<>(all.size());
    for (String name : all) {
      if (!out.contains(name)) {
        out.add(name);
      }
    }
    return out;
  }

  private static void collectReferences(Expr e, List<String> out) {
    if (e instanceof Ref r) {
      out.add(r.name());
    } else if (e instanceof Neg n) {
      collectReferences(n.operand(), out);
    } else if (e instanceof Bin b) {
      collectReferences(b.left(), out);
      collectReferences(b.right(), out);
    } else if (e instanceof Call c) {
      for (Expr a : c.args()) {
        collectReferences(a, out);
      }
    }
  }

  /** Height of the tree (a leaf has depth 1). */
  default int depth() {
    if (this instanceof Neg n) {
      return 1 + n.operand().depth();
    } else if (this instanceof Bin b) {
      return 1 + Math.max(b.left().depth(), b.right().depth());
    } else if (this instanceof Call c) {
      int d = 0;
      for (Expr a : c.args()) {
        d = Math.max(d, a.depth());
      }
      return 1 + d;
    }
    return 1;
  }

  /** Functions called anywhere in the tree. */
  default Set<Fn> functions() {
    Set<Fn> out = new LinkedHashSet<>();
    collectFunctions(this, out);
    return out;
  }

  private static void collectFunctions(Expr e, Set<Fn> out) {
    if (e instanceof Neg n) {
      collectFunctions(n.operand(), out);
    } else if (e instanceof Bin b) {
      collectFunctions(b.left(), out);
      collectFunctions(b.right(), out);
    } else if (e instanceof Call c) {
      out.add(c.fn());
      for (Expr a : c.args()) {
        collectFunctions(a, out);
      }
    }
  }

  /** Replaces references by expressions (used by reduction to collapse Nonlins). */
  default Expr substitute(Map<String, Expr> by) {
    if (this instanceof Ref r) {
      Expr s = by.get(r.name());
      return s == null ? this : s;
    } else if (this instanceof Neg n) {
      return new Neg(n.operand().substitute(by));
    } else if (this instanceof Bin b) {
      return new Bin(b.op(), b.left().substitute(by), b.right().substitute(by));
    } else if (this instanceof Call c) {
      List<Expr> args = new ArrayList<>();
      for (Expr a : c.args()) {
        args.add(a.substitute(by));
      }
      return new Call(c.fn(), args);
    }
    return this;
  }

  /**
   * Evaluates at one point. Unknown names throw {@link IllegalArgumentException}. Costs one
   * tree walk; for many points use {@link VectorKernel}.
   */
  default double evaluate(Map<String, Double> values) {
    if (this instanceof Num n) {
      return n.value();
    } else if (this instanceof Ref r) {
      Double v = values.get(r.name());
      if (v == null) {
        throw new IllegalArgumentException("no value for " + r.name());
      }
      return v;
    } else if (this instanceof Neg n) {
      return -n.operand().evaluate(values);
    } else if (this instanceof Bin b) {
      return applyOp(b.op(), b.left().evaluate(values), b.right().evaluate(values));
    } else {
      Call c = (Call) this;
      if (c.fn().arity() == 1) {
        return c.fn().apply(c.args().get(0).evaluate(values));
      }
      return c.fn().apply(c.args().get(0).evaluate(values), c.args().get(1).evaluate(values));
    }
  }

  /** The arithmetic of {@link Bin}. */
  static double applyOp(char op, double a, double b) {
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        return a / b;
      default:
        return Math.pow(a, b);
    }
  }

  /** Whether the value is a compile-time constant (no references). */
  default boolean isConstant() {
    return references().isEmpty();
  }

  /** The canonical text of this expression (see {@link ExprPrinter}). */
  default String toText() {
    return ExprPrinter.print(this);
  }
}
