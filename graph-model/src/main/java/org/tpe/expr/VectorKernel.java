package org.tpe.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * An expression compiled for evaluation over many coordinates at once: the tree is flattened to
 * a post-order list of operations that run block by block ({@value #BLOCK} coordinates at a time)
 * so that intermediate values stay in cache. This is what the limit engine and the simulator call
 * on 10⁵–10⁶ values. Results are bit-for-bit those of {@link Expr#evaluate} on each coordinate.
 *
 * <p>A kernel is immutable and thread safe: every call allocates its own small scratch space, so
 * threads may evaluate disjoint ranges of the same arrays in parallel.
 */
public final class VectorKernel {
  static final int BLOCK = 512;

  private enum Kind { CONST, VEC, SCALAR, NEG, BIN, FN1, FN2 }

  private record Op(Kind kind, int a, int b, char op, Fn fn, double constant) {}

  private final List<String> vectorNames;
  private final List<String> scalarNames;
  private final Op[] ops;

  private VectorKernel(List<String> vectorNames, List<String> scalarNames, Op[] ops) {
    this.vectorNames = vectorNames;
    this.scalarNames = scalarNames;
    this.ops = ops;
  }

  /**
   * Compiles {@code e}; every name it references must be in {@code vectorNames} (read
   * coordinatewise) or {@code scalarNames} (a constant for the whole call).
   *
   * @throws IllegalArgumentException if a name is in neither list
   */
  public static VectorKernel compile(Expr e, List<String> vectorNames, List<String> scalarNames) {
    List<Op> ops = new ArrayList<>();
    List<String> v = List.copyOf(vectorNames);
    List<String> s = List.copyOf(scalarNames);
    flatten(e, v, s, ops);
    return new VectorKernel(v, s, ops.toArray(new Op[0]));
  }

  /** Names of the vector inputs, in the order {@link #evaluate} expects their arrays. */
  public List<String> vectorNames() {
    return vectorNames;
  }

  /** Names of the scalar inputs, in the order {@link #evaluate} expects their values. */
  public List<String> scalarNames() {
    return scalarNames;
  }

  private static int flatten(Expr e, List<String> v, List<String> s, List<Op> ops) {
    Op op;
    if (e instanceof Expr.Num n) {
      op = new Op(Kind.CONST, 0, 0, ' ', null, n.value());
    } else if (e instanceof Expr.Ref r) {
      int i = v.indexOf(r.name());
      if (i >= 0) {
        op = new Op(Kind.VEC, i, 0, ' ', null, 0);
      } else {
        int j = s.indexOf(r.name());
        if (j < 0) {
          throw new IllegalArgumentException("no input named " + r.name());
        }
        op = new Op(Kind.SCALAR, j, 0, ' ', null, 0);
      }
    } else if (e instanceof Expr.Neg n) {
      op = new Op(Kind.NEG, flatten(n.operand(), v, s, ops), 0, ' ', null, 0);
    } else if (e instanceof Expr.Bin b) {
      int l = flatten(b.left(), v, s, ops);
      int r = flatten(b.right(), v, s, ops);
      op = new Op(Kind.BIN, l, r, b.op(), null, 0);
    } else {
      Expr.Call c = (Expr.Call) e;
      int a = flatten(c.args().get(0), v, s, ops);
      if (c.fn().arity() == 2) {
        int b = flatten(c.args().get(1), v, s, ops);
        op = new Op(Kind.FN2, a, b, ' ', c.fn(), 0);
      } else {
        op = new Op(Kind.FN1, a, 0, ' ', c.fn(), 0);
      }
    }
    ops.add(op);
    return ops.size() - 1;
  }

  /** Evaluates on all coordinates: {@code out[α] = e(vectors[·][α]; scalars)}. */
  public void evaluate(double[][] vectors, double[] scalars, double[] out) {
    evaluate(vectors, scalars, out, 0, out.length);
  }

  /** Evaluates on coordinates {@code from} (inclusive) to {@code to} (exclusive). */
  public void evaluate(double[][] vectors, double[] scalars, double[] out, int from, int to) {
    if (vectors.length != vectorNames.size() || scalars.length != scalarNames.size()) {
      throw new IllegalArgumentException("expected " + vectorNames.size() + " vectors and "
          + scalarNames.size() + " scalars");
    }
    double[][] buf = new double[ops.length][BLOCK];
    for (int start = from; start < to; start += BLOCK) {
      int len = Math.min(BLOCK, to - start);
      for (int k = 0; k < ops.length; k++) {
        run(ops[k], buf, k, vectors, scalars, start, len);
      }
      System.arraycopy(buf[ops.length - 1], 0, out, start, len);
    }
  }

  private static void run(Op op, double[][] buf, int k, double[][] vectors, double[] scalars,
      int start, int len) {
    double[] o = buf[k];
    switch (op.kind) {
      case CONST:
        java.util.Arrays.fill(o, 0, len, op.constant);
        return;
      case SCALAR:
        java.util.Arrays.fill(o, 0, len, scalars[op.a]);
        return;
      case VEC:
        System.arraycopy(vectors[op.a], start, o, 0, len);
        return;
      case NEG: {
        double[] a = buf[op.a];
        for (int i = 0; i < len; i++) {
          o[i] = -a[i];
        }
        return;
      }
      case BIN: {
        double[] a = buf[op.a];
        double[] b = buf[op.b];
        switch (op.op) {
          case '+':
            for (int i = 0; i < len; i++) {
              o[i] = a[i] + b[i];
            }
            return;
          case '-':
            for (int i = 0; i < len; i++) {
              o[i] = a[i] - b[i];
            }
            return;
          case '*':
            for (int i = 0; i < len; i++) {
              o[i] = a[i] * b[i];
            }
            return;
          case '/':
            for (int i = 0; i < len; i++) {
              o[i] = a[i] / b[i];
            }
            return;
          default:
            for (int i = 0; i < len; i++) {
              o[i] = Math.pow(a[i], b[i]);
            }
            return;
        }
      }
      case FN1: {
        double[] a = buf[op.a];
        switch (op.fn) {
          case RELU:
            for (int i = 0; i < len; i++) {
              o[i] = a[i] > 0 ? a[i] : 0.0;
            }
            return;
          case ID:
            System.arraycopy(a, 0, o, 0, len);
            return;
          case TANH:
            for (int i = 0; i < len; i++) {
              o[i] = Math.tanh(a[i]);
            }
            return;
          case STEP:
            for (int i = 0; i < len; i++) {
              o[i] = a[i] > 0 ? 1.0 : 0.0;
            }
            return;
          case EXP:
            for (int i = 0; i < len; i++) {
              o[i] = Math.exp(a[i]);
            }
            return;
          default:
            Fn fn = op.fn;
            for (int i = 0; i < len; i++) {
              o[i] = fn.apply(a[i]);
            }
            return;
        }
      }
      default: {
        double[] a = buf[op.a];
        double[] b = buf[op.b];
        Fn fn = op.fn;
        for (int i = 0; i < len; i++) {
          o[i] = fn.apply(a[i], b[i]);
        }
      }
    }
  }
}
