package org.tpe.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tpe.expr.Expr;
import org.tpe.expr.Fn;
import org.tpe.model.Instruction;
import org.tpe.model.LinComb;
import org.tpe.model.MatMul;
import org.tpe.model.MatrixInput;
import org.tpe.model.Moment;
import org.tpe.model.Nonlin;
import org.tpe.model.Program;
import org.tpe.model.ScalarInput;
import org.tpe.model.VectorInput;

/**
 * Small random well-formed programs (seeded) mixing every instruction, reduced or not, for the
 * reducer's and the path analysis' property tests; and a tiny interpreter that runs a program at
 * a small width with given random values, the independent oracle for "reduction keeps values".
 */
public final class RandomPrograms {
  private RandomPrograms() {}

  private static final Fn[] FNS = {Fn.TANH, Fn.RELU, Fn.SIN, Fn.SIGMOID};

  /** A random valid program with 1–3 matrices, 1–3 initial vectors and 3–14 instructions. */
  public static Program generate(Random r) {
    Program.Builder b = Program.builder();
    int nMat = 1 + r.nextInt(3);
    List<String> mats = new ArrayList<>();
    for (int i = 0; i < nMat; i++) {
      mats.add("W" + i);
      b.input(new MatrixInput("W" + i, 1.0));
    }
    List<String> g = new ArrayList<>();
    List<String> x = new ArrayList<>();
    List<String> vectors = new ArrayList<>();
    List<String> scalars = new ArrayList<>();
    int nIn = 1 + r.nextInt(3);
    for (int i = 0; i < nIn; i++) {
      b.input(VectorInput.of("u" + i));
      g.add("u" + i);
      vectors.add("u" + i);
    }
    if (r.nextInt(3) == 0) {
      b.input(new ScalarInput("θ", 0.5));
      scalars.add("θ");
    }
    int nIns = 3 + r.nextInt(12);
    for (int i = 0; i < nIns; i++) {
      String t = "v" + i;
      int kind = r.nextInt(10);
      Instruction ins;
      if (kind < 4) {
        String a = vectors.get(r.nextInt(vectors.size()));
        ins = new MatMul(t, mats.get(r.nextInt(mats.size())), r.nextBoolean(), a);
        g.add(t);
      } else if (kind < 6) {
        int k = 1 + r.nextInt(Math.min(3, g.size()));
        List<LinComb.Term> terms = new ArrayList<>();
        List<String> pool = new ArrayList<>(g);
        for (int j = 0; j < k; j++) {
          String a = pool.remove(r.nextInt(pool.size()));
          terms.add(new LinComb.Term(r.nextBoolean() ? 1.0 : -0.5, a));
        }
        ins = new LinComb(t, terms);
        g.add(t);
      } else if (kind < 9) {
        Expr e = Expr.call(FNS[r.nextInt(FNS.length)],
            Expr.ref(vectors.get(r.nextInt(vectors.size()))));
        if (r.nextBoolean()) {
          e = Expr.bin('+', e, Expr.ref(vectors.get(r.nextInt(vectors.size()))));
        }
        if (!scalars.isEmpty() && r.nextInt(3) == 0) {
          e = Expr.bin('*', Expr.ref(scalars.get(r.nextInt(scalars.size()))), e);
        }
        ins = new Nonlin(t, e);
        x.add(t);
      } else {
        String a = vectors.get(r.nextInt(vectors.size()));
        ins = new Moment(t, Expr.bin('*', Expr.ref(a), Expr.ref(a)));
        scalars.add(t);
        b.instruction(ins);
        continue;
      }
      b.instruction(ins);
      vectors.add(t);
    }
    int nOut = 1 + r.nextInt(2);
    for (int i = 0; i < nOut; i++) {
      List<String> pool = r.nextInt(4) == 0 && !scalars.isEmpty() ? scalars : vectors;
      String o = pool.get(r.nextInt(pool.size()));
      if (!b.outputs().contains(o)) {
        b.output(o);
      }
    }
    return b.build();
  }

  /** Random values for the inputs of {@code p} at width {@code n}: vectors, matrices, scalars. */
  public static Map<String, Object> inputs(Program p, int n, Random r) {
    Map<String, Object> v = new HashMap<>();
    for (var in : p.inputs()) {
      if (in instanceof VectorInput vi) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
          a[i] = r.nextGaussian();
        }
        v.put(vi.name(), a);
      } else if (in instanceof MatrixInput mi) {
        double[][] w = new double[n][n];
        for (double[] row : w) {
          for (int j = 0; j < n; j++) {
            row[j] = r.nextGaussian() / Math.sqrt(n);
          }
        }
        v.put(mi.name(), w);
      } else {
        ScalarInput s = (ScalarInput) in;
        v.put(s.name(), s.value());
      }
    }
    return v;
  }

  /**
   * Runs {@code p} on the given input values at width {@code n}; returns every variable's value
   * (double[] for vectors, Double for scalars). Each instruction is computed from its definition:
   * (W x)_α = Σ_β W_αβ x_β, LinComb term by term, Nonlin coordinatewise, Moment as the average.
   */
  public static Map<String, Object> run(Program p, Map<String, Object> inputs, int n) {
    Map<String, Object> v = new HashMap<>(inputs);
    for (Instruction ins : p.instructions()) {
      if (ins instanceof MatMul m) {
        double[][] w = (double[][]) v.get(m.matrix());
        double[] a = (double[]) v.get(m.argument());
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            out[i] += (m.transposed() ? w[j][i] : w[i][j]) * a[j];
          }
        }
        v.put(m.target(), out);
      } else if (ins instanceof LinComb l) {
        double[] out = new double[n];
        for (LinComb.Term t : l.terms()) {
          double[] a = (double[]) v.get(t.variable());
          for (int i = 0; i < n; i++) {
            out[i] += t.coefficient() * a[i];
          }
        }
        v.put(l.target(), out);
      } else if (ins instanceof Nonlin nl) {
        v.put(nl.target(), coordinatewise(nl.phi(), v, n));
      } else if (ins instanceof Moment mo) {
        double[] c = coordinatewise(mo.phi(), v, n);
        double s = 0;
        for (double d : c) {
          s += d;
        }
        v.put(mo.target(), s / n);
      } else {
        var so = (org.tpe.model.ScalarOp) ins;
        Map<String, Double> env = new HashMap<>();
        for (String a : so.arguments()) {
          env.put(a, (Double) v.get(a));
        }
        v.put(so.target(), so.f().evaluate(env));
      }
    }
    return v;
  }

  private static double[] coordinatewise(Expr phi, Map<String, Object> v, int n) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      Map<String, Double> env = new HashMap<>();
      for (String a : phi.references()) {
        Object val = v.get(a);
        env.put(a, val instanceof double[] arr ? arr[i] : (Double) val);
      }
      out[i] = phi.evaluate(env);
    }
    return out;
  }
}
