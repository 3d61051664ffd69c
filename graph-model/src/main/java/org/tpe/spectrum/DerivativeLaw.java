package org.tpe.spectrum;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.tpe.expr.Expr;
import org.tpe.expr.Fn;
import org.tpe.expr.VectorKernel;

/**
 * The law of D² = d(Z)², Z ~ N(μ, σ²), for the diagonal D = diag(d(h)) of a Nonlin's derivative
 * d = ∂φ/∂h evaluated on a Gaussian G-var (seeds/003: the law ν of D_l², which enters μ_{JᵀJ} =
 * ⊠ …; for relu, d = step and ν is Bernoulli(P(h &gt; 0))), as a {@link
 * SpectralFactor.DiscreteLaw}.
 *
 * <p><b>Method.</b> E f(d(Z)²) is integrated over [μ − {@value #CUT}σ, μ + {@value #CUT}σ] by
 * 16-point Gauss–Legendre panels, split at every kink or jump of d (the zeros of the arguments of
 * step, sign, abs, relu, min and max in d, located by a sign scan and bisection), and the panels
 * halved until the moments E d^{2k}, k ≤ {@value #MAX_MOMENT}, change by less than 10⁻¹³
 * relative. Equal values are merged (relu's d² takes only the values 0 and 1: the law is then
 * exact, two atoms). A law with more distinct values than {@value #NODES} is replaced by its
 * {@value #NODES}-point Gauss rule (the Stieltjes procedure with full reorthogonalisation, then
 * Golub–Welsch), which has the same moments up to order 2·{@value #NODES} − 1 and whose
 * ψ(ζ) = ∫ ζt/(1 − ζt) dν is the [{@value #NODES} − 1/{@value #NODES}] Padé approximant of the
 * true ψ — accurate away from the support of ν, the region the Stieltjes inversion visits.
 *
 * <p>Values of d² that underflow to 0 (e^{−2h²} beyond |h| ≈ 19) count as the atom at 0, which
 * changes no moment and no transform by more than 10⁻³⁰⁰.
 *
 * <p>Accuracy: the moments' relative error is estimated by the last halving and the Gauss
 * compression (≈ 10⁻¹⁴ for erf′, tanh′ and relu′); a d² whose moments up to {@value
 * #MAX_MOMENT} live beyond {@value #CUT}σ (d not polynomially bounded, e.g. exp) is refused.
 */
public final class DerivativeLaw {
  /** Size of the Gauss rule a continuous law is compressed to. */
  public static final int NODES = 32;
  /** Highest moment the rule is checked for (2·NODES − 1). */
  public static final int MAX_MOMENT = 2 * NODES - 1;
  /** Half-width of the integration range in standard deviations. */
  static final double CUT = 20;

  private static final double[][] LEGENDRE = legendre(16);

  private DerivativeLaw() {}

  /**
   * The law of {@code d}² with {@code d} an expression of the one vector {@code g} (scalars
   * already replaced by numbers), for Z^g ~ N(mean, variance).
   *
   * @throws IllegalArgumentException if the law cannot be integrated to its stated accuracy
   *     (heavy tails, a non-finite value), with a message for the user
   */
  public static SpectralFactor.DiscreteLaw of(String label, Expr d, String g, double mean,
      double variance) {
    VectorKernel k = VectorKernel.compile(new Expr.Bin('*', d, d), List.of(g), List.of());
    if (!(variance > 0)) {
      double v = eval(k, new double[] {mean})[0];
      check(v, mean, label);
      return new SpectralFactor.DiscreteLaw(label, new double[] {v}, new double[] {1},
          v == 0 ? 1 : 0, 0, "a point mass: " + g + " has variance 0");
    }
    double s = Math.sqrt(variance);
    double lo = mean - CUT * s;
    double hi = mean + CUT * s;
    double[] breaks = kinks(d, g, lo, hi);
    double[][] rule = null;
    double[] moments = null;
    double change = Double.NaN;
    for (int level = 0; level < 8; level++) {
      double[][] r = rule(k, mean, s, breaks, s / (2 << level), label);
      double[] m = moments(r[0], r[1]);
      if (moments != null) {
        change = 0;
        for (int j = 0; j < m.length; j++) {
          change = Math.max(change, Math.abs(m[j] - moments[j]) / Math.max(m[j], 1e-300));
        }
        if (change < 1e-13) {
          rule = r;
          moments = m;
          break;
        }
      }
      rule = r;
      moments = m;
    }
    tailCheck(rule, moments, mean, s, label, d, g);
    if (!(change < 1e-8)) {
      throw new IllegalArgumentException("the law of (" + d.toText() + ")² for " + g + " ~ N("
          + fmt(mean) + ", " + fmt(variance) + ") cannot be integrated to 1e-8 (its moments"
          + " change by " + fmt(change) + " between refinements)");
    }
    double[][] merged = merge(rule[0], rule[1]);
    double zero = 0;
    int positive = 0;
    for (int i = 0; i < merged[0].length; i++) {
      if (merged[0][i] == 0) {
        zero += merged[1][i];
      } else {
        positive++;
      }
    }
    // zeros that carry no mass are underflow in the far tails (e^{−2h²} at 20σ), not an atom
    if (zero < 1e-30) {
      zero = 0;
    }
    double[] x = new double[positive];
    double[] w = new double[positive];
    for (int i = 0, j = 0; i < merged[0].length; i++) {
      if (merged[0][i] != 0) {
        x[j] = merged[0][i];
        w[j++] = merged[1][i];
      }
    }
    double err = Math.max(change, 1e-15);
    String how;
    if (positive > NODES) {
      double[][] gauss = gauss(x, w, NODES);
      double[] mg = moments(gauss[0], gauss[1]);
      double[] mf = moments(x, w);
      for (int j = 0; j < mf.length; j++) {
        err = Math.max(err, Math.abs(mg[j] - mf[j]) / mf[j]);
      }
      x = gauss[0];
      w = gauss[1];
      how = NODES + "-point Gauss rule of the law (moments to order " + MAX_MOMENT
          + " kept; relative error ≈ " + fmt(err) + ")";
    } else {
      how = positive + (zero > 0 ? 1 : 0) + " atoms (exact up to " + fmt(err) + ")";
    }
    if (zero > 0) {
      double[] x2 = Arrays.copyOf(x, x.length + 1);
      double[] w2 = Arrays.copyOf(w, w.length + 1);
      w2[x.length] = zero;
      x = x2;
      w = w2;
    }
    return new SpectralFactor.DiscreteLaw(label, x, w, zero, err, how);
  }

  /** Points in (lo, hi) where d may have a kink or a jump. */
  static double[] kinks(Expr d, String g, double lo, double hi) {
    List<Expr> args = new ArrayList<>();
    collectKinkArguments(d, args);
    List<Double> out = new ArrayList<>();
    int n = 4000;
    for (Expr a : args) {
      VectorKernel k = VectorKernel.compile(a, List.of(g), List.of());
      double[] z = new double[n + 1];
      for (int i = 0; i <= n; i++) {
        z[i] = lo + (hi - lo) * i / n;
      }
      double[] v = eval(k, z);
      for (int i = 0; i < n; i++) {
        if (v[i] == 0) {
          out.add(z[i]);
        } else if (Math.signum(v[i]) * Math.signum(v[i + 1]) < 0) {
          double a0 = z[i];
          double b0 = z[i + 1];
          double fa = v[i];
          for (int it = 0; it < 200 && b0 - a0 > 1e-15 * Math.max(1, Math.abs(a0)); it++) {
            double mid = 0.5 * (a0 + b0);
            double fm = eval(k, new double[] {mid})[0];
            if (Math.signum(fm) == Math.signum(fa)) {
              a0 = mid;
              fa = fm;
            } else {
              b0 = mid;
            }
          }
          out.add(0.5 * (a0 + b0));
        }
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).sorted().distinct().toArray();
  }

  private static void collectKinkArguments(Expr e, List<Expr> out) {
    if (e instanceof Expr.Neg n) {
      collectKinkArguments(n.operand(), out);
    } else if (e instanceof Expr.Bin b) {
      collectKinkArguments(b.left(), out);
      collectKinkArguments(b.right(), out);
    } else if (e instanceof Expr.Call c) {
      Fn f = c.fn();
      if (f == Fn.STEP || f == Fn.SIGN || f == Fn.ABS || f == Fn.RELU) {
        out.add(c.args().get(0));
      } else if (f == Fn.MIN || f == Fn.MAX) {
        out.add(new Expr.Bin('-', c.args().get(0), c.args().get(1)));
      }
      for (Expr a : c.args()) {
        collectKinkArguments(a, out);
      }
    }
  }

  /** {values of d², weights}: Gauss–Legendre panels of width ≤ h between the breakpoints. */
  private static double[][] rule(VectorKernel k, double mean, double s, double[] breaks,
      double h, String label) {
    List<Double> pts = new ArrayList<>();
    pts.add(mean - CUT * s);
    for (double b : breaks) {
      pts.add(b);
    }
    pts.add(mean + CUT * s);
    List<double[]> panels = new ArrayList<>();
    for (int i = 0; i + 1 < pts.size(); i++) {
      double a = pts.get(i);
      double b = pts.get(i + 1);
      int pieces = (int) Math.ceil((b - a) / h);
      for (int p = 0; p < pieces; p++) {
        panels.add(new double[] {a + (b - a) * p / pieces, a + (b - a) * (p + 1) / pieces});
      }
    }
    int q = LEGENDRE[0].length;
    double[] z = new double[panels.size() * q];
    double[] w = new double[z.length];
    for (int p = 0; p < panels.size(); p++) {
      double a = panels.get(p)[0];
      double b = panels.get(p)[1];
      for (int j = 0; j < q; j++) {
        double x = 0.5 * (a + b) + 0.5 * (b - a) * LEGENDRE[0][j];
        double u = (x - mean) / s;
        z[p * q + j] = x;
        w[p * q + j] = 0.5 * (b - a) * LEGENDRE[1][j] * Math.exp(-0.5 * u * u)
            / (s * Math.sqrt(2 * Math.PI));
      }
    }
    double[] v = eval(k, z);
    for (int i = 0; i < v.length; i++) {
      check(v[i], z[i], label);
    }
    return new double[][] {v, w, z};
  }

  /** Refuses a law whose moments up to MAX_MOMENT get mass from beyond ±15σ (heavy tails). */
  private static void tailCheck(double[][] rule, double[] moments, double mean, double s,
      String label, Expr d, String g) {
    boolean finite = java.util.Arrays.stream(moments).allMatch(Double::isFinite);
    if (!finite) {
      throw heavy(label, d, g);
    }
    double[] v = rule[0];
    double[] w = rule[1];
    double[] z = rule[2];
    double max = Arrays.stream(v).max().orElse(0);
    if (max == 0) {
      return;
    }
    double total = 0;
    double tail = 0;
    for (int i = 0; i < v.length; i++) {
      double c = w[i] * Math.pow(v[i] / max, MAX_MOMENT);
      total += c;
      if (Math.abs(z[i] - mean) > 15 * s) {
        tail += c;
      }
    }
    if (tail > 1e-12 * total) {
      throw heavy(label, d, g);
    }
  }

  private static IllegalArgumentException heavy(String label, Expr d, String g) {
    return new IllegalArgumentException(label + ": (" + d.toText() + ")² grows too fast in the"
        + " tails of " + g + " for its moments to be integrated (it is not polynomially"
        + " bounded, or nearly so)");
  }

  /** Sorts by value and merges exactly equal values. */
  private static double[][] merge(double[] v, double[] w) {
    Integer[] idx = new Integer[v.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(v[a], v[b]));
    double[] xs = new double[v.length];
    double[] ws = new double[v.length];
    int n = 0;
    for (Integer i : idx) {
      if (n > 0 && xs[n - 1] == v[i]) {
        ws[n - 1] += w[i];
      } else {
        xs[n] = v[i];
        ws[n++] = w[i];
      }
    }
    return new double[][] {Arrays.copyOf(xs, n), Arrays.copyOf(ws, n)};
  }

  /** m_1 … m_{MAX_MOMENT}. */
  private static double[] moments(double[] x, double[] w) {
    double[] m = new double[MAX_MOMENT];
    for (int i = 0; i < x.length; i++) {
      double p = w[i];
      for (int k = 0; k < MAX_MOMENT; k++) {
        p *= x[i];
        m[k] += p;
      }
    }
    return m;
  }

  /**
   * The n-point Gauss rule of the discrete measure Σ wᵢ δ_{xᵢ} (xᵢ &gt; 0): the Stieltjes procedure
   * with full reorthogonalisation gives the Jacobi matrix, whose eigenvalues are the nodes and
   * whose eigenvectors' first components give the weights (Golub–Welsch; Gautschi, Orthogonal
   * Polynomials, §2.2).
   */
  static double[][] gauss(double[] x, double[] w, int n) {
    int len = x.length;
    double total = 0;
    for (double v : w) {
      total += v;
    }
    double[][] q = new double[n + 1][];
    double[] alpha = new double[n];
    double[] beta = new double[n];
    q[0] = new double[len];
    Arrays.fill(q[0], 1 / Math.sqrt(total));
    int size = n;
    for (int k = 0; k < n; k++) {
      double a = 0;
      for (int i = 0; i < len; i++) {
        a += w[i] * x[i] * q[k][i] * q[k][i];
      }
      alpha[k] = a;
      if (k == n - 1) {
        break;
      }
      double[] r = new double[len];
      for (int i = 0; i < len; i++) {
        r[i] = (x[i] - a) * q[k][i] - (k > 0 ? beta[k] * q[k - 1][i] : 0);
      }
      for (int pass = 0; pass < 2; pass++) {
        for (int j = 0; j <= k; j++) {
          double c = 0;
          for (int i = 0; i < len; i++) {
            c += w[i] * r[i] * q[j][i];
          }
          for (int i = 0; i < len; i++) {
            r[i] -= c * q[j][i];
          }
        }
      }
      double b = 0;
      for (int i = 0; i < len; i++) {
        b += w[i] * r[i] * r[i];
      }
      b = Math.sqrt(b);
      if (!(b > 1e-13 * Math.max(Math.abs(a), 1e-300))) {
        size = k + 1; // the measure has only k + 1 points' worth of moments
        break;
      }
      beta[k + 1] = b;
      q[k + 1] = new double[len];
      for (int i = 0; i < len; i++) {
        q[k + 1][i] = r[i] / b;
      }
    }
    DMatrixRMaj t = new DMatrixRMaj(size, size);
    for (int k = 0; k < size; k++) {
      t.set(k, k, alpha[k]);
      if (k + 1 < size) {
        t.set(k, k + 1, beta[k + 1]);
        t.set(k + 1, k, beta[k + 1]);
      }
    }
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(size, true, true);
    if (!eig.decompose(t)) {
      throw new ArithmeticException("the Gauss rule's eigenvalue problem did not converge");
    }
    double[] nodes = new double[size];
    double[] weights = new double[size];
    for (int j = 0; j < size; j++) {
      nodes[j] = Math.max(0, eig.getEigenvalue(j).getReal());
      DMatrixRMaj v = eig.getEigenVector(j);
      double norm = 0;
      for (int k = 0; k < size; k++) {
        norm += v.get(k) * v.get(k);
      }
      weights[j] = total * v.get(0) * v.get(0) / norm;
    }
    return new double[][] {nodes, weights};
  }

  private static double[] eval(VectorKernel k, double[] z) {
    double[] out = new double[z.length];
    k.evaluate(new double[][] {z}, new double[0], out);
    return out;
  }

  private static void check(double v, double z, String label) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(label + ": the derivative squared is " + v + " at "
          + fmt(z));
    }
  }

  private static double[][] legendre(int n) {
    GaussIntegrator gi = new GaussIntegratorFactory().legendreHighPrecision(n, -1, 1);
    double[][] r = new double[2][n];
    for (int i = 0; i < n; i++) {
      r[0][i] = gi.getPoint(i);
      r[1][i] = gi.getWeight(i);
    }
    return r;
  }

  static String fmt(double v) {
    return String.format("%.3g", v);
  }
}
