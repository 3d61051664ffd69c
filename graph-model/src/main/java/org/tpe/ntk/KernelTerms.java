package org.tpe.ntk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tpe.derive.BackwardPass;
import org.tpe.derive.DerivationException;
import org.tpe.derive.Instantiation;
import org.tpe.limit.Estimate;
import org.tpe.model.Instruction;
import org.tpe.model.MatMul;
import org.tpe.model.Problem;
import org.tpe.model.Program;
import org.tpe.model.VectorInput;
import org.tpe.network.Network;
import org.tpe.network.NetworkValidator;
import org.tpe.network.Parametrization;
import org.tpe.network.Role;

/**
 * The NTK of a network as second moments of its backward pass on all inputs (TP II; seeds/004
 * eqs. (17)–(20), (27)–(28); DESIGN §9): Θ(ξ_a, ξ_b) = Σ over parameters P of n^{e_P} times
 *
 * <ul>
 *   <li>a matrix W used by MatMuls u: Σ_{u, u'} E[Z^{L_u(ξ_a)} Z^{L_{u'}(ξ_b)}] E[Z^{R_u(ξ_a)}
 *       Z^{R_{u'}(ξ_b)}] with (L, R) = (dh, x) for h = W x and (y, dg) for g = Wᵀ y, since
 *       ∇_w f = Σ_u L_u R_uᵀ/n (weight sharing: every pair of uses, in RNNs, tied autoencoders
 *       and attention);
 *   <li>an input layer U with embedding vectors e_t = U ξ_t/√d: Σ_{t, s} E[Z^{de_t(ξ_a)}
 *       Z^{de_s(ξ_b)}] G[(a, t), (b, s)];
 *   <li>a bias b: E[Z^{db(ξ_a)} Z^{db(ξ_b)}];
 *   <li>the readout weights v of f = vᵀx/√n: E[Z^{x(ξ_a)} Z^{x(ξ_b)}];
 * </ul>
 *
 * where dy is the scaled gradient of {@link BackwardPass} and n^{e_P} the width exponent of the
 * parameter's parametrization ({@link Parametrization#kernelExponent}; 0 in NTK parametrization).
 * The NNGP, the covariance of the outputs, is σ_v² n^{1−2s} E[Z^{x(ξ_a)} Z^{x(ξ_b)}] for f =
 * n^{−s} vᵀx. The second moments are read from any source (the limit, a finite-width run): this
 * class is the one place where the kernel is assembled from them.
 */
final class KernelTerms {
  /** A product of second moments of copies on inputs a and b. */
  sealed interface Term permits Product, GramWeighted, Single {}

  /** E[Z^{la(ξ_a)} Z^{lb(ξ_b)}] E[Z^{ra(ξ_a)} Z^{rb(ξ_b)}]. */
  record Product(String la, String lb, String ra, String rb) implements Term {}

  /** E[Z^{la(ξ_a)} Z^{lb(ξ_b)}] G[(a, ta), (b, tb)]. */
  record GramWeighted(String la, String lb, int ta, int tb) implements Term {}

  /** E[Z^{x(ξ_a)} Z^{y(ξ_b)}]. */
  record Single(String x, String y) implements Term {}

  /** One trainable parameter's part of the kernel. */
  record Parameter(String name, Role role, double exponent, List<Term> terms) {}

  /** E[Z^{x(ξ_a)} Z^{y(ξ_b)}] from some source; x, y are names of the network program. */
  interface Moments {
    Estimate of(String x, int a, String y, int b);

    /**
     * The entries a ≤ b of the k×k block E[Z^{x(ξ_a)} Z^{y(ξ_b)}], values in {@code
     * values[a][b]}, errors in {@code errors[a][b]} (the kernels are symmetric, so only these are
     * read; a source that holds whole blocks returns them at once).
     */
    default void block(String x, String y, int k, double[][] values, double[][] errors) {
      for (int a = 0; a < k; a++) {
        for (int b = a; b < k; b++) {
          Estimate e = of(x, a, y, b);
          values[a][b] = e.value();
          errors[a][b] = e.error();
        }
      }
    }
  }

  final Program network;
  final Network net;
  final BackwardPass.Result backward;
  /** The backward pass on all inputs, made on first use (the block path never needs it). */
  private Instantiation.Result instantiated;
  final List<Parameter> parameters;
  final double readoutScale;
  final double readoutVariance;

  private KernelTerms(Program network, BackwardPass.Result backward, List<Parameter> parameters,
      double readoutScale, double readoutVariance) {
    this.network = network;
    this.net = network.network();
    this.backward = backward;
    this.parameters = parameters;
    this.readoutScale = readoutScale;
    this.readoutVariance = readoutVariance;
  }

  /**
   * Derives the backward pass of {@code network} (on one input) and lists the kernel's terms; the
   * instantiation on the inputs is made when {@link #instantiated()} is first asked for.
   *
   * @throws NtkException if the program or its declarations are ill formed
   */
  static KernelTerms of(Program network) {
    BackwardPass.Result bw;
    try {
      bw = BackwardPass.derive(network);
    } catch (DerivationException e) {
      throw new NtkException(e.problems());
    }
    Network net = network.network();
    Network.Readout ro = net.readout();
    double s = net.parametrizationOf(ro.weights()).exponents(Role.READOUT).initScale();
    // each matrix's uses (L, R) in program order, made in one pass over the instructions
    Map<String, List<String[]>> usesOf = new java.util.HashMap<>();
    for (Instruction in : network.instructions()) {
      if (in instanceof MatMul m) {
        String d = bw.gradient(m.target());
        if (d != null) {
          usesOf.computeIfAbsent(m.matrix(), x -> new ArrayList<>()).add(m.transposed()
              ? new String[] {m.argument(), d} : new String[] {d, m.argument()});
        }
      }
    }
    List<Parameter> ps = new ArrayList<>();
    for (String name : net.paramNames()) {
      Role role = NetworkValidator.roleOf(network, name);
      Parametrization.Abc abc = net.parametrizationOf(name).exponents(role);
      double e = Parametrization.kernelExponent(role, abc, s);
      List<Term> terms = new ArrayList<>();
      switch (role) {
        case HIDDEN -> {
          List<String[]> uses = usesOf.getOrDefault(name, List.of());
          for (String[] u : uses) {
            for (String[] w : uses) {
              terms.add(new Product(u[0], w[0], u[1], w[1]));
            }
          }
        }
        case INPUT -> {
          List<String> tokens = net.embeddingNamed(name).tokens();
          for (int t = 0; t < tokens.size(); t++) {
            for (int r = 0; r < tokens.size(); r++) {
              String dt = bw.gradient(tokens.get(t));
              String dr = bw.gradient(tokens.get(r));
              if (dt != null && dr != null) {
                terms.add(new GramWeighted(dt, dr, t + 1, r + 1));
              }
            }
          }
        }
        case BIAS -> {
          String d = bw.gradient(name);
          if (d != null) {
            terms.add(new Single(d, d));
          }
        }
        case READOUT -> terms.add(new Single(ro.vector(), ro.vector()));
        default -> throw new IllegalStateException(role.toString());
      }
      ps.add(new Parameter(name, role, e, terms));
    }
    double var = ((VectorInput) network.definition(ro.weights())).variance();
    return new KernelTerms(network, bw, ps, s, var);
  }

  /**
   * The backward pass instantiated on the inputs ({@link Instantiation}), made once.
   *
   * @throws NtkException if a copy's name collides with a name of the program
   */
  synchronized Instantiation.Result instantiated() {
    if (instantiated == null) {
      try {
        instantiated = Instantiation.on(backward);
      } catch (DerivationException e) {
        throw new NtkException(e.problems());
      }
    }
    return instantiated;
  }

  /** G[(a, t), (b, s)] by index ((a·T + t − 1), (b·T + s − 1)), read from the rows once. */
  private double[][] gram;

  /** {@link Network#gramEntry}, from a table made on first use. */
  synchronized double gram(int a, int t, int b, int s) {
    int tokens = net.tokenCount();
    if (t > tokens || s > tokens) {
      return net.gramEntry(a, t, b, s); // NaN: more tokens than the rows have
    }
    if (gram == null) {
      int n = inputs() * tokens;
      double[][] g = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          g[i][j] = net.gramEntry(i / tokens, i % tokens + 1, j / tokens, j % tokens + 1);
        }
      }
      gram = g;
    }
    return gram[a * tokens + t - 1][b * tokens + s - 1];
  }

  /** k, the number of inputs. */
  int inputs() {
    return net.inputs().size();
  }

  /** The moments of a run of the instantiated backward program, by copy name. */
  Moments moments(org.tpe.limit.CoordinateStatistics stats) {
    org.tpe.limit.SecondMoments table = stats.secondMomentTable();
    Instantiation.Result instantiated = instantiated();
    // each name's copies' rows in the table, looked up once per name
    Map<String, int[]> rows = new java.util.HashMap<>();
    java.util.function.Function<String, int[]> rowsOf = x -> {
      int[] r = new int[inputs()];
      for (int a = 0; a < r.length; a++) {
        r[a] = table.indexOf(instantiated.copy(x, a));
      }
      return r;
    };
    return (x, a, y, b) -> {
      int i = rows.computeIfAbsent(x, rowsOf)[a];
      int j = rows.computeIfAbsent(y, rowsOf)[b];
      Estimate e = i < 0 || j < 0 || !table.has(i, j) ? null
          : new Estimate(table.value(i, j), table.error(i, j));
      if (e == null) {
        throw new IllegalStateException("no second moment of " + instantiated.copy(x, a) + " and "
            + instantiated.copy(y, b));
      }
      return e;
    };
  }

  /**
   * The second moments of the instantiated program that the kernels read ({@link #evaluate} of
   * every parameter with a non-negative exponent, and {@link #readoutKernel}), found by running
   * that assembly once against a recorder: so the limits compute these pairs and no others.
   */
  java.util.Set<org.tpe.limit.LimitRequest.Pair> neededPairs() {
    java.util.Set<org.tpe.limit.LimitRequest.Pair> out = new java.util.LinkedHashSet<>();
    Instantiation.Result instantiated = instantiated();
    Moments record = (x, a, y, b) -> {
      out.add(new org.tpe.limit.LimitRequest.Pair(instantiated.copy(x, a),
          instantiated.copy(y, b)));
      return Estimate.exact(0);
    };
    for (Parameter p : parameters) {
      if (p.exponent() >= -1e-12) {
        evaluate(p, record);
      }
    }
    readoutKernel(record);
    return out;
  }

  /**
   * Parameter {@code p}'s kernel (without its width factor n^{e}), term by term, each term from
   * whole k×k blocks of moments ({@link Moments#block}).
   */
  Kernel evaluate(Parameter p, Moments m) {
    int k = inputs();
    double[][] v = new double[k][k];
    double[][] err = new double[k][k];
    double[][] lv = new double[k][k];
    double[][] le = new double[k][k];
    double[][] rv = new double[k][k];
    double[][] re = new double[k][k];
    for (Term t : p.terms()) {
      if (t instanceof Product pr) {
        m.block(pr.la(), pr.lb(), k, lv, le);
        m.block(pr.ra(), pr.rb(), k, rv, re);
        for (int a = 0; a < k; a++) {
          for (int b = a; b < k; b++) {
            // x·y with the first-order error |x| e_y + |y| e_x + e_x e_y (as product())
            v[a][b] += lv[a][b] * rv[a][b];
            err[a][b] += Math.abs(lv[a][b]) * re[a][b] + Math.abs(rv[a][b]) * le[a][b]
                + le[a][b] * re[a][b];
          }
        }
      } else if (t instanceof GramWeighted g) {
        m.block(g.la(), g.lb(), k, lv, le);
        for (int a = 0; a < k; a++) {
          for (int b = a; b < k; b++) {
            double gram = gram(a, g.ta(), b, g.tb());
            v[a][b] += lv[a][b] * gram;
            err[a][b] += le[a][b] * Math.abs(gram);
          }
        }
      } else {
        Single s = (Single) t;
        m.block(s.x(), s.y(), k, lv, le);
        for (int a = 0; a < k; a++) {
          for (int b = a; b < k; b++) {
            v[a][b] += lv[a][b];
            err[a][b] += le[a][b];
          }
        }
      }
    }
    // a kernel is symmetric (the terms' sum over pairs of uses lists each pair both ways):
    // Θ(ξ_b, ξ_a) = Θ(ξ_a, ξ_b), computed for a ≤ b
    for (int a = 0; a < k; a++) {
      for (int b = a + 1; b < k; b++) {
        v[b][a] = v[a][b];
        err[b][a] = err[a][b];
      }
    }
    return Kernel.owning(v, err);
  }

  /** x·y with the first-order error |x| e_y + |y| e_x + e_x e_y (a bound when both are). */
  static double[] product(Estimate x, Estimate y) {
    return new double[] {x.value() * y.value(), Math.abs(x.value()) * y.error()
        + Math.abs(y.value()) * x.error() + x.error() * y.error()};
  }

  /** E[Z^{x(ξ_a)} Z^{x(ξ_b)}] for the readout's vector x (times σ_v² n^{1−2s}: the NNGP). */
  Kernel readoutKernel(Moments m) {
    return evaluate(new Parameter(net.readout().weights(), Role.READOUT, 0,
        List.of(new Single(net.readout().vector(), net.readout().vector()))), m);
  }

  /**
   * Parameters whose kernel term grows with the width (exponent > 0): the NTK has no finite
   * limit. Empty in NTK parametrization and in μP.
   */
  List<Problem> divergent() {
    List<Problem> out = new ArrayList<>();
    for (Parameter p : parameters) {
      if (p.exponent() > 1e-12) {
        out.add(Problem.error("the NTK has no finite limit in this parametrization: the term of "
            + p.name() + " (" + p.role().label() + ", " + net.parametrizationOf(p.name()).text()
            + ") grows like n^" + num(p.exponent()) + " (TP IV: the learning rate of a "
            + p.role().label() + " in standard parametrization must shrink like 1/n); use ntk or"
            + " mup, or give the exponents abc(a, b, c) with a larger c", null, p.name()));
      }
    }
    return out;
  }

  /** The parameters' width exponents, in order. */
  Map<String, Double> exponents() {
    Map<String, Double> m = new LinkedHashMap<>();
    parameters.forEach(p -> m.put(p.name(), p.exponent()));
    return m;
  }

  static String num(double v) {
    return org.tpe.expr.ExprPrinter.number(v);
  }
}
