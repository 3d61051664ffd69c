package org.tpe.limit.calculus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tpe.expr.Derivative;
import org.tpe.expr.Expr;
import org.tpe.expr.VectorKernel;
import org.tpe.model.Instruction;
import org.tpe.model.InstructionVisitor;
import org.tpe.model.LinComb;
import org.tpe.model.MatMul;
import org.tpe.model.Moment;
import org.tpe.model.Nonlin;
import org.tpe.model.Program;
import org.tpe.model.ScalarOp;
import org.tpe.model.VarKind;

/**
 * The one coordinate interpreter of a Tensor Program on arrays of n coordinates (DESIGN §3):
 * LinComb, Nonlin(+), Moment ((1/n) Σ_α, with its standard error √(Var/n)) and ScalarOp (with the
 * delta-method error of its arguments), shared by the finite-width simulator (coordinates of the
 * vectors at width n) and the particle engine (samples of Z^x). MatMul is the only step that
 * differs between them and is delegated to a {@link MatMulStrategy}. Non-finite results are a
 * {@link Failure} naming the variable.
 */
public final class CoordinateInterpreter implements InstructionVisitor<Void> {
  /** Computes h = Wx (or Wᵀx) from the interpreter's current vectors. */
  @FunctionalInterface
  public interface MatMulStrategy {
    double[] apply(MatMul m, CoordinateInterpreter state);
  }

  /** A vector or scalar is not finite; names it. */
  public static final class Failure extends RuntimeException {
    private final String variable;

    Failure(String variable, String message) {
      super(message);
      this.variable = variable;
    }

    public String variable() {
      return variable;
    }
  }

  private final Program program;
  private final int n;
  private final MatMulStrategy matMul;
  private final String where;
  private final Map<String, double[]> vectors = new HashMap<>();
  private final Map<String, Double> scalars = new HashMap<>();
  private final Map<String, Double> scalarErrors = new HashMap<>();

  /**
   * @param n coordinates per vector
   * @param where how messages name the coordinates ("at width 4096", "for some particles")
   */
  public CoordinateInterpreter(Program program, int n, MatMulStrategy matMul, String where) {
    this.program = program;
    this.n = n;
    this.matMul = matMul;
    this.where = where;
  }

  public int n() {
    return n;
  }

  /** The coordinates of a vector (not a copy: the interpreter's own array), or null. */
  public double[] vector(String name) {
    return vectors.get(name);
  }

  /** Stores a vector's coordinates (first definition wins). */
  public void putVector(String name, double[] x) {
    vectors.putIfAbsent(name, x);
  }

  public Double scalar(String name) {
    return scalars.get(name);
  }

  /** The standard error of a scalar (0 for initial scalars). */
  public double scalarError(String name) {
    return scalarErrors.getOrDefault(name, 0.0);
  }

  /** Sets an initial scalar. */
  public void putScalar(String name, double value) {
    scalars.putIfAbsent(name, value);
    scalarErrors.putIfAbsent(name, 0.0);
  }

  /** Executes one instruction. */
  public void execute(Instruction ins) {
    ins.accept(this);
  }

  @Override
  public Void visitMatMul(MatMul m) {
    double[] y = matMul.apply(m, this);
    checkFinite(m.target(), y);
    putVector(m.target(), y);
    return null;
  }

  @Override
  public Void visitLinComb(LinComb lc) {
    double[] y = new double[n];
    for (LinComb.Term t : lc.terms()) {
      double c = t.coefficient();
      double[] x = vectors.get(t.variable());
      for (int a = 0; a < n; a++) {
        y[a] += c * x[a];
      }
    }
    checkFinite(lc.target(), y);
    putVector(lc.target(), y);
    return null;
  }

  @Override
  public Void visitNonlin(Nonlin nl) {
    double[] y = evaluate(nl.phi());
    checkFinite(nl.target(), y);
    putVector(nl.target(), y);
    return null;
  }

  @Override
  public Void visitMoment(Moment mo) {
    double[] y = evaluate(mo.phi());
    double mean = average(y);
    double var = 0;
    for (double v : y) {
      var += (v - mean) * (v - mean);
    }
    var /= n;
    if (!Double.isFinite(mean)) {
      throw new Failure(mo.target(), "the Moment " + mo.target() + " is not a finite number "
          + where + " (" + mean + "): its function overflows or is undefined on some"
          + " coordinates");
    }
    scalars.putIfAbsent(mo.target(), mean);
    scalarErrors.putIfAbsent(mo.target(), Math.sqrt(var / n));
    return null;
  }

  @Override
  public Void visitScalarOp(ScalarOp so) {
    Map<String, Double> env = new HashMap<>();
    for (String r : so.f().references()) {
      env.put(r, scalars.get(r));
    }
    double v = so.f().evaluate(env);
    if (!Double.isFinite(v)) {
      throw new Failure(so.target(), "the scalar " + so.target() + " := " + so.f().toText()
          + " is " + v + " " + where + " (a function is evaluated outside its domain or"
          + " overflows)");
    }
    // delta method: the scalar's error from its arguments' errors, as if independent
    double var = 0;
    for (String r : so.f().references()) {
      double e = scalarErrors.getOrDefault(r, 0.0);
      if (e > 0) {
        double d = partial(so.f(), r, env);
        var += d * d * e * e;
      }
    }
    scalars.putIfAbsent(so.target(), v);
    scalarErrors.putIfAbsent(so.target(), Double.isNaN(var) ? Double.POSITIVE_INFINITY
        : Math.sqrt(var));
    return null;
  }

  /** ∂f/∂θ at {@code env}: symbolic, or a central difference where no symbolic rule exists. */
  private static double partial(Expr f, String theta, Map<String, Double> env) {
    try {
      return Derivative.of(f, theta).evaluate(env);
    } catch (IllegalArgumentException noRule) {
      double x = env.get(theta);
      double h = 1e-6 * Math.max(1, Math.abs(x));
      Map<String, Double> e = new HashMap<>(env);
      e.put(theta, x + h);
      double up = f.evaluate(e);
      e.put(theta, x - h);
      return (up - f.evaluate(e)) / (2 * h);
    }
  }

  /** φ on every coordinate, φ's vector arguments read coordinatewise and scalars as constants. */
  public double[] evaluate(Expr phi) {
    List<String> vecNames = new ArrayList<>();
    List<String> scalarNames = new ArrayList<>();
    for (String r : phi.references()) {
      if (program.kindOf(r) == VarKind.SCALAR) {
        scalarNames.add(r);
      } else {
        vecNames.add(r);
      }
    }
    VectorKernel kernel = VectorKernel.compile(phi, vecNames, scalarNames);
    double[][] in = new double[vecNames.size()][];
    for (int i = 0; i < in.length; i++) {
      in[i] = vectors.get(vecNames.get(i));
    }
    double[] th = new double[scalarNames.size()];
    for (int i = 0; i < th.length; i++) {
      th[i] = scalars.get(scalarNames.get(i));
    }
    double[] out = new double[n];
    kernel.evaluate(in, th, out);
    return out;
  }

  /** (1/n) Σ_α x_α, summed in blocks of 1024 so that rounding stays O(√n ε) in practice. */
  public static double average(double[] x) {
    double total = 0;
    for (int from = 0; from < x.length; from += 1024) {
      double s = 0;
      int to = Math.min(x.length, from + 1024);
      for (int a = from; a < to; a++) {
        s += x[a];
      }
      total += s;
    }
    return total / x.length;
  }

  /** Throws a {@link Failure} naming {@code name} when some coordinate is not finite. */
  public void checkFinite(String name, double[] x) {
    int bad = 0;
    for (double v : x) {
      if (!Double.isFinite(v)) {
        bad++;
      }
    }
    if (bad > 0) {
      throw new Failure(name, "vector " + name + " is not finite on " + bad + " of its " + n
          + " coordinates " + where + ": a function overflows (exp, pow, division by 0) or"
          + " is undefined (log or sqrt of a negative number) there");
    }
  }
}
