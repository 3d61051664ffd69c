package org.tpe.limit.exact;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tpe.expr.Expr;
import org.tpe.expr.Fn;
import org.tpe.limit.Estimate;
import org.tpe.limit.exact.Expansion.Atom;
import org.tpe.limit.integrate.Hyperplane;
import org.tpe.limit.integrate.Smoothness;

/**
 * Integrates one group of dependent factors (atoms and opaque expressions) over the base
 * Gaussians it reads: y = μ + L z with z standard normal of rank r (L from the pivoted Cholesky
 * factor of their covariance), integrated by {@link Quadrature} with the kinks of relu, step,
 * sign, abs, min and max of linear forms named as hyperplanes a·z + c = 0. Opaque factors may
 * read <em>vectors</em> whose Z is too large to substitute (a chain of Nonlins): those are
 * evaluated once per point, in program order, as a straight-line program, so the cost per point
 * is linear in the program and never exponential in its depth.
 */
final class GroupIntegrator {
  /** Largest dimension integrated by nested quadrature; above it, quasi-Monte Carlo. */
  static final int QUADRATURE_DIMENSION = 3;
  /** Largest dimension integrated at all (quasi-Monte Carlo, within the run's budget). */
  static final int MAX_DIMENSION = 64;

  /** The vectors kept by name in expressions (not substituted). */
  interface Vectors {
    /** Z of a vector kept by name, as an expression over bases and such vectors; else null. */
    Expr definition(String name);

    /** The program-order rank of a vector kept by name. */
    int order(String name);

    /** The base Gaussians a vector kept by name reads. */
    BitSet reads(String name);
  }

  private final Basis basis;
  private final Vectors vectors;
  private final Expansion expansion;
  private final IntegrandShape shape;
  private final Quadrature.Budget budget;
  private final org.tpe.limit.CancellationToken cancel;
  long quadratures;
  long evaluations;
  double worstError;
  String worst = "";
  final Map<String, Long> rules = new TreeMap<>();

  GroupIntegrator(Basis basis, Vectors vectors, Expansion expansion, Quadrature.Budget budget,
      org.tpe.limit.CancellationToken cancel) {
    this.basis = basis;
    this.vectors = vectors;
    this.expansion = expansion;
    this.shape = new IntegrandShape(expansion);
    this.budget = budget;
    this.cancel = cancel;
  }

  /** The base Gaussians {@code x} reads. */
  BitSet reads(Expr x) {
    BitSet b = new BitSet();
    for (String r : x.references()) {
      int i = basis.index(r);
      if (i >= 0) {
        b.set(i);
      } else if (vectors.definition(r) != null) {
        b.or(vectors.reads(r));
      }
    }
    return b;
  }

  /**
   * The distinct maximal linear subexpressions ℓ(B) of {@code x} (and of the vectors it keeps by
   * name): x is a function of these linear forms only, so its integral has their rank as
   * dimension — exp(−(g + u)²) reads one Gaussian, not two.
   */
  List<Lin> leafForms(Expr x) {
    List<Lin> out = new ArrayList<>();
    leaves(x, out);
    for (String v : needed(List.of(x))) {
      leaves(vectors.definition(v), out);
    }
    return out;
  }

  private void leaves(Expr e, List<Lin> out) {
    if (e instanceof Expr.Num) {
      return;
    }
    if (e instanceof Expr.Ref r && basis.index(r.name()) < 0) {
      return; // a vector kept by name: its own leaves are collected by the caller
    }
    Lin l = expansion.linear(e);
    if (l != null) {
      if (!l.isConstant() && !out.contains(l)) {
        out.add(l);
      }
      return;
    }
    if (e instanceof Expr.Neg n) {
      leaves(n.operand(), out);
    } else if (e instanceof Expr.Bin b) {
      leaves(b.left(), out);
      leaves(b.right(), out);
    } else if (e instanceof Expr.Call c) {
      for (Expr a : c.args()) {
        leaves(a, out);
      }
    }
  }

  /** The vectors kept by name that {@code x} needs, transitively, in program order. */
  private List<String> needed(List<Expr> xs) {
    Set<String> seen = new LinkedHashSet<>();
    List<String> stack = new ArrayList<>();
    for (Expr x : xs) {
      stack.addAll(x.references());
    }
    while (!stack.isEmpty()) {
      String r = stack.remove(stack.size() - 1);
      Expr d = vectors.definition(r);
      if (d != null && seen.add(r)) {
        stack.addAll(d.references());
      }
    }
    List<String> out = new ArrayList<>(seen);
    out.sort((a, b) -> Integer.compare(vectors.order(a), vectors.order(b)));
    return out;
  }

  Estimate integrate(List<Atom> atoms, List<Expr> opaque, Lin tilt, double scale,
      String owner, Object what) {
    return integrateSum(List.of(new Expansion.Term(1, atoms, opaque)), tilt, MAX_DIMENSION,
        scale, owner, what);
  }

  /**
   * E Σ_t coef_t Π atoms_t Π opaque_t in one integral over the union of the linear forms the
   * terms read (one quadrature instead of one per term), if that has at most {@code maxDimension}
   * dimensions (else an engine-limit {@link ExactFailure}); {@code scale}: see {@link
   * Quadrature#integrate}.
   */
  Estimate integrateSum(List<Expansion.Term> terms, Lin tilt, int maxDimension, double scale,
      String owner, Object what) {
    List<Atom> atoms = new ArrayList<>();
    List<Expr> opaque = new ArrayList<>();
    for (Expansion.Term t : terms) {
      atoms.addAll(t.atoms());
      opaque.addAll(t.opaque());
    }
    List<String> kept = needed(opaque);
    List<Expr> all = new ArrayList<>(opaque);
    kept.forEach(v -> all.add(vectors.definition(v)));
    // the coordinates: each atom's form, each base read by an opaque factor, each kink
    List<Lin> ys = new ArrayList<>();
    for (Atom a : atoms) {
      if (!ys.contains(a.lin())) {
        ys.add(a.lin());
      }
    }
    for (Expr x : all) {
      List<Lin> ls = new ArrayList<>();
      leaves(x, ls);
      for (Lin l : ls) {
        if (!ys.contains(l)) {
          ys.add(l);
        }
      }
    }
    List<Lin> kinks = new ArrayList<>();
    for (Atom a : atoms) {
      if (a.psi() == Fn.RELU || a.psi() == Fn.STEP) {
        kinks.add(a.lin());
      }
    }
    boolean[] undeclared = new boolean[1];
    all.forEach(x -> shape.collectKinks(x, kinks, undeclared));
    List<Lin> steep = new ArrayList<>();
    all.forEach(x -> shape.collectSteep(x, false, steep));
    for (Lin l : steep) {
      if (!kinks.contains(l)) {
        kinks.add(l);
      }
    }
    for (Lin l : kinks) {
      if (!ys.contains(l)) {
        ys.add(l);
      }
    }
    int k = ys.size();
    double[] mu = new double[k];
    double[][] c = new double[k][k];
    for (int i = 0; i < k; i++) {
      mu[i] = basis.mean(ys.get(i)) + (tilt == null ? 0 : basis.cov(ys.get(i), tilt));
      for (int j = 0; j < k; j++) {
        c[i][j] = basis.cov(ys.get(i), ys.get(j));
      }
      if (!Double.isFinite(mu[i]) || !Double.isFinite(c[i][i])) {
        throw new ExactFailure(owner, what + " reads a Gaussian whose mean or variance overflows",
            false);
      }
    }
    double[][] lz = Expectations.factor(c, owner);
    int r = lz.length == 0 ? 0 : lz[0].length;
    if (r > maxDimension) {
      throw new ExactFailure(owner, what + " needs a " + r + "-dimensional Gaussian integral;"
          + " the exact engine integrates at most " + maxDimension + " dimensions here", true);
    }
    // slots: the k coordinates (linear forms), then the kept vectors
    Map<String, Integer> slot = new HashMap<>();
    for (int v = 0; v < kept.size(); v++) {
      slot.put(kept.get(v), k + v);
    }
    Compiled[] defs = new Compiled[kept.size()];
    for (int v = 0; v < kept.size(); v++) {
      defs[v] = compile(vectors.definition(kept.get(v)), slot, ys);
    }
    boolean smooth = true;
    int nt = terms.size();
    Compiled[][] fs = new Compiled[nt][];
    double[] coefs = new double[nt];
    for (int t = 0; t < nt; t++) {
      Expansion.Term term = terms.get(t);
      coefs[t] = term.coef();
      List<Compiled> factors = new ArrayList<>();
      for (Atom a : term.atoms()) {
        int s = ys.indexOf(a.lin());
        Fn psi = a.psi();
        factors.add(y -> psi.apply(y[s]));
        smooth &= IntegrandShape.smooth(psi);
      }
      for (Expr x : term.opaque()) {
        factors.add(compile(x, slot, ys));
      }
      fs[t] = factors.toArray(new Compiled[0]);
    }
    for (Expr x : all) {
      smooth &= IntegrandShape.smooth(x);
    }
    int width = k + kept.size();
    Quadrature.Integrand f = z -> {
      double[] y = new double[width];
      for (int i = 0; i < k; i++) {
        double v = mu[i];
        double[] row = lz[i];
        for (int j = 0; j < r; j++) {
          v += row[j] * z[j];
        }
        y[i] = v;
      }
      for (int v = 0; v < defs.length; v++) {
        y[k + v] = defs[v].at(y);
      }
      double sum = 0;
      for (int t = 0; t < nt; t++) {
        double p = coefs[t];
        for (Compiled g : fs[t]) {
          p *= g.at(y);
        }
        sum += p;
      }
      return sum;
    };
    List<Hyperplane> planes = new ArrayList<>();
    for (Lin l : kinks) {
      int s = ys.indexOf(l);
      double norm = 0;
      for (double a : lz[s]) {
        norm += a * a;
      }
      if (norm > 1e-24 * Math.max(1e-300, c[s][s]) && norm > 0) {
        planes.add(new Hyperplane(lz[s].clone(), mu[s])); // else constant: no kink in z
      }
    }
    boolean hasKinks = !kinks.isEmpty();
    Smoothness smoothness = undeclared[0] || IntegrandShape.divides(all) ? Smoothness.UNKNOWN
        : smooth && !hasKinks ? Smoothness.ANALYTIC : Smoothness.PIECEWISE_SMOOTH;
    int cost = k + atoms.size() + terms.size();
    for (Expr x : all) {
      cost += IntegrandShape.nodes(x);
    }
    Quadrature.Result res = what instanceof ErrorPropagation.Factor
        ? Quadrature.integrateLoose(f, r, cost, planes, smoothness, budget, cancel, owner, what)
        : Quadrature.integrate(f, r, cost, planes, smoothness, scale, budget, cancel, owner,
            what);
    quadratures++;
    evaluations += res.evaluations();
    rules.merge(res.rule(), 1L, Long::sum);
    if (res.error() > worstError && !(what instanceof ErrorPropagation.Factor)) {
      worstError = res.error();
      worst = what + String.format(" (relative %.1g)", res.error()
          / Math.max(1e-300, Math.abs(res.value())));
    }
    return new Estimate(res.value(), res.error());
  }

  /**
   * {@code n} exact draws of Z = e(bases) (for a histogram): the bases e reads are drawn from
   * their Gaussian with a fixed seed, then e is evaluated (with the vectors it keeps by name).
   */
  double[] sample(Expr e, int n, long seed) {
    List<Expr> one = List.of(e);
    List<String> keptVs = needed(one);
    List<Expr> all = new ArrayList<>(one);
    keptVs.forEach(v -> all.add(vectors.definition(v)));
    List<Lin> ys = new ArrayList<>();
    for (Expr x : all) {
      List<Lin> ls = new ArrayList<>();
      leaves(x, ls);
      ls.stream().filter(l -> !ys.contains(l)).forEach(ys::add);
    }
    int k = ys.size();
    double[][] c = new double[k][k];
    double[] mu = new double[k];
    Map<String, Integer> slot = new HashMap<>();
    for (int i = 0; i < k; i++) {
      mu[i] = basis.mean(ys.get(i));
      for (int j = 0; j < k; j++) {
        c[i][j] = basis.cov(ys.get(i), ys.get(j));
      }
    }
    for (int v = 0; v < keptVs.size(); v++) {
      slot.put(keptVs.get(v), k + v);
    }
    double[][] l = Expectations.factor(c, "a histogram");
    int rank = k == 0 ? 0 : l[0].length;
    Compiled[] defs = new Compiled[keptVs.size()];
    for (int v = 0; v < defs.length; v++) {
      defs[v] = compile(vectors.definition(keptVs.get(v)), slot, ys);
    }
    Compiled f = compile(e, slot, ys);
    org.apache.commons.rng.sampling.distribution.ZigguratSampler.NormalizedGaussian g =
        org.apache.commons.rng.sampling.distribution.ZigguratSampler.NormalizedGaussian.of(
            org.apache.commons.rng.simple.RandomSource.XO_RO_SHI_RO_128_PP.create(
                new long[] {0x5eedL, seed}));
    double[] out = new double[n];
    double[] y = new double[k + defs.length];
    double[] z = new double[rank];
    for (int s = 0; s < n; s++) {
      for (int q = 0; q < rank; q++) {
        z[q] = g.sample();
      }
      for (int i = 0; i < k; i++) {
        double v = mu[i];
        for (int q = 0; q < rank; q++) {
          v += l[i][q] * z[q];
        }
        y[i] = v;
      }
      for (int v = 0; v < defs.length; v++) {
        y[k + v] = defs[v].at(y);
      }
      out[s] = f.at(y);
    }
    return out;
  }

  /** An expression compiled over slots. */
  interface Compiled {
    double at(double[] y);
  }

  /**
   * Compiles e over slots: a maximal linear subexpression that is one of {@code forms} reads its
   * coordinate, a vector kept by name its slot.
   */
  Compiled compile(Expr e, Map<String, Integer> slot, List<Lin> forms) {
    if (!(e instanceof Expr.Num)) {
      Lin l = expansion.linear(e);
      if (l != null && !l.isConstant()) {
        int s = forms.indexOf(l);
        if (s < 0) {
          throw new IllegalStateException("no coordinate for " + e.toText());
        }
        return y -> y[s];
      }
    }
    if (e instanceof Expr.Num n) {
      double v = n.value();
      return y -> v;
    } else if (e instanceof Expr.Ref r) {
      Integer s = slot.get(r.name());
      if (s == null) {
        throw new IllegalStateException("no slot for " + r.name());
      }
      int si = s;
      return y -> y[si];
    } else if (e instanceof Expr.Neg n) {
      Compiled c = compile(n.operand(), slot, forms);
      return y -> -c.at(y);
    } else if (e instanceof Expr.Bin b) {
      Compiled l = compile(b.left(), slot, forms);
      Compiled r = compile(b.right(), slot, forms);
      switch (b.op()) {
        case '+':
          return y -> l.at(y) + r.at(y);
        case '-':
          return y -> l.at(y) - r.at(y);
        case '*':
          return y -> l.at(y) * r.at(y);
        case '/':
          return y -> l.at(y) / r.at(y);
        default:
          return y -> Math.pow(l.at(y), r.at(y));
      }
    }
    Expr.Call c = (Expr.Call) e;
    Fn fn = c.fn();
    Compiled a = compile(c.args().get(0), slot, forms);
    if (fn.arity() == 2) {
      Compiled b = compile(c.args().get(1), slot, forms);
      return y -> fn.apply(a.at(y), b.at(y));
    }
    return y -> fn.apply(a.at(y));
  }
}
