package org.tpe.limit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.tpe.expr.Derivative;
import org.tpe.expr.Expr;
import org.tpe.expr.Fn;
import org.tpe.expr.VectorKernel;
import org.tpe.limit.gauss.GaussianIntegrals;
import org.tpe.limit.gauss.GaussianQuadrature;
import org.tpe.model.Instruction;
import org.tpe.model.LinComb;
import org.tpe.model.MatMul;
import org.tpe.model.MatrixInput;
import org.tpe.model.Moment;
import org.tpe.model.Nonlin;
import org.tpe.model.Program;
import org.tpe.model.ScalarInput;
import org.tpe.model.ScalarOp;
import org.tpe.model.VarKind;
import org.tpe.model.VectorInput;

/**
 * The deterministic limit engine (DESIGN §7) for programs whose G-vars are all Gaussian: Netsor,
 * and Netsor⊤(+) programs in which every ZDot vanishes (BP-like ones). It propagates the mean
 * and the full covariance of the G-vars — ZInit for initial vectors; ZHat for MatMuls, with
 * Cov(Ẑ^{Wx}, Ẑ^{Wy}) = σ_W² E[Z^x Z^y] inside each matrix family (W and W^⊤ separate) and 0
 * across families; LinComb linearly — and writes every X-var as an expression of G-vars.
 *
 * <p>Every expectation E f(G-vars) (a mean, a second moment E[Z^a Z^b], a Moment θ̊) is expanded
 * into a sum of products of <em>atoms</em> ψ(a₁g₁ + … + a_kg_k + c) with ψ ∈ {id, relu, step,
 * erf} (a function of one Gaussian) and opaque factors (any other expression). Factors whose
 * Gaussians are uncorrelated are independent and their expectations multiply. A group of one or
 * two atoms uses {@link GaussianIntegrals} (closed forms: arc-cosine kernels, Williams' erf
 * kernel, Stein's lemma; error 0, i.e. a few ulps); any other group is integrated over the rank of
 * the Gaussians it reads (at most 3) with {@link GaussianQuadrature}: kink-aware adaptive
 * Gauss–Kronrod (1e-13 relative target in 1D, 1e-11 in 2D, 1e-7 in 3D, within a budget of evaluations
 * beyond which {@link Limits} falls back to the particle engine) or, for smooth integrands
 * in 2D and 3D, Gauss–Hermite with an error estimate. Every number carries the error estimate of
 * the rules it came from (errors of Moment values fed into later Nonlin+ are not propagated:
 * they are of the order of the quadrature tolerance).
 *
 * <p>Histograms: the exact Gaussian density of each G-var on bins over mean ± 4.5 sd. An X-var's
 * density is that of φ of jointly Gaussian G-vars, which has no closed form in general: it is
 * histogrammed from {@value #HISTOGRAM_SAMPLES} exact draws of those G-vars (fixed seed, so the
 * engine stays deterministic); a bin of mass p has a relative standard error √((1−p)/(N p)), about
 * 3% for a bin holding 3% of the mass.
 *
 * <p>Cost: one covariance row per G-var and one expectation per pair of vectors, O(V²) closed
 * forms for a V-vector MLP; a quadrature costs 10²–10⁷ evaluations depending on dimension.
 *
 * <p>This engine does not check that ZDot vanishes; {@link Limits} decides that before calling
 * it. It fails (with a {@link NumericalFailure} naming the variable) on a non-PSD covariance, a
 * non-finite scalar, an integrand that overflows or does not converge, and when an expectation
 * needs more than 3 dimensions.
 */
final class DeterministicEngine {
  private static final Set<Fn> SMOOTH = EnumSet.of(Fn.TANH, Fn.ERF, Fn.SIGMOID, Fn.GELU,
      Fn.SOFTPLUS, Fn.SIN, Fn.COS, Fn.EXP, Fn.ID);
  private static final int MAX_TERMS = 256;
  /** Exact Gaussian draws behind each X-var's histogram. */
  static final int HISTOGRAM_SAMPLES = 1 << 15;

  private final Program program;
  private final CancellationToken cancel;
  private final ProgressListener progress;

  private final Map<String, Integer> gIndex = new HashMap<>();
  private final List<String> gNames = new ArrayList<>();
  private double[] gMean;
  private double[][] gCov;

  /** Each G-var as a linear form over the base Gaussians (initial vectors and MatMul results). */
  private final List<Lin> rep = new ArrayList<>();
  private final Map<String, Expr> xExpr = new HashMap<>();
  private final Map<String, List<Term>> expansions = new HashMap<>();
  private final Map<String, Estimate> scalars = new LinkedHashMap<>();
  private final Map<String, Double> sigma2 = new HashMap<>();
  private final Map<String, List<String>> familyArgs = new HashMap<>();
  private final Map<String, List<Integer>> familyResults = new HashMap<>();

  private long closedForms;
  private long quadratures;
  private double worstQuadratureError;
  private String worstQuadrature = "";
  private final Map<String, Long> rulesUsed = new TreeMap<>();

  private final int bins;

  /** {@code bins}: histogram bins of each G-var's exact Gaussian density (0: none). */
  DeterministicEngine(Program program, int bins, CancellationToken cancel,
      ProgressListener progress) {
    this.program = program;
    this.bins = bins;
    this.cancel = cancel;
    this.progress = progress;
  }

  // ---- linear forms, atoms, terms -----------------------------------------------------------

  /** c + Σ coef[i]·g_{idx[i]}, idx increasing. */
  record Lin(int[] idx, double[] coef, double c) {
    static Lin constant(double c) {
      return new Lin(new int[0], new double[0], c);
    }

    static Lin unit(int i) {
      return new Lin(new int[] {i}, new double[] {1}, 0);
    }

    Lin plus(Lin o, double s) {
      TreeMap<Integer, Double> m = new TreeMap<>();
      for (int i = 0; i < idx.length; i++) {
        m.merge(idx[i], coef[i], Double::sum);
      }
      for (int i = 0; i < o.idx.length; i++) {
        m.merge(o.idx[i], s * o.coef[i], Double::sum);
      }
      m.values().removeIf(v -> v == 0);
      int[] ii = new int[m.size()];
      double[] cc = new double[m.size()];
      int k = 0;
      for (Map.Entry<Integer, Double> e : m.entrySet()) {
        ii[k] = e.getKey();
        cc[k++] = e.getValue();
      }
      return new Lin(ii, cc, c + s * o.c);
    }

    Lin times(double s) {
      double[] cc = coef.clone();
      for (int i = 0; i < cc.length; i++) {
        cc[i] *= s;
      }
      return s == 0 ? constant(0) : new Lin(idx, cc, c * s);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Lin l && Arrays.equals(idx, l.idx) && Arrays.equals(coef, l.coef)
          && c == l.c;
    }

    @Override
    public int hashCode() {
      return 31 * (31 * Arrays.hashCode(idx) + Arrays.hashCode(coef)) + Double.hashCode(c);
    }
  }

  /** ψ(ℓ(g)) with ψ one of id, relu, step, erf. */
  record Atom(Fn psi, Lin lin) {}

  /** coef · Π atoms · Π opaque factors (expressions of G-var names). */
  record Term(double coef, List<Atom> atoms, List<Expr> opaque) {
    Term times(Term o) {
      List<Atom> a = new ArrayList<>(atoms);
      a.addAll(o.atoms);
      List<Expr> x = new ArrayList<>(opaque);
      x.addAll(o.opaque);
      return new Term(coef * o.coef, a, x);
    }

    Term scaled(double s) {
      return new Term(coef * s, atoms, opaque);
    }
  }

  // ---- the program --------------------------------------------------------------------------

  /** Runs the program and returns the statistics, whose notes start with {@code notes}. */
  CoordinateStatistics run(List<String> notes) {
    int nG = program.names(VarKind.G).size();
    gMean = new double[nG];
    gCov = new double[nG][nG];
    List<VectorInput> vins = program.vectorInputs();
    for (var in : program.inputs()) {
      if (in instanceof MatrixInput m) {
        sigma2.put(m.name(), m.sigma2());
      } else if (in instanceof ScalarInput s) {
        scalars.put(s.name(), Estimate.exact(s.value()));
      } else if (in instanceof VectorInput v) {
        int i = newG(v.name());
        gMean[i] = v.mean();
        for (VectorInput w : vins) {
          Integer j = gIndex.get(w.name());
          if (j != null) {
            double c = program.initialCovariance(v.name(), w.name());
            gCov[i][j] = c;
            gCov[j][i] = c;
          }
        }
      }
    }
    new InitialCovariance(program).factor(); // ZInit needs a PSD Σ_in; names the inputs if not
    List<Instruction> ins = program.instructions();
    for (int k = 0; k < ins.size(); k++) {
      cancel.check();
      progress.progress(0.5 * k / Math.max(1, ins.size()), "instruction " + (k + 1));
      step(ins.get(k));
    }
    return statistics(notes);
  }

  private int newG(String name) {
    int i = gNames.size();
    gNames.add(name);
    gIndex.put(name, i);
    rep.add(Lin.unit(i));
    return i;
  }

  private void step(Instruction ins) {
    String t = ins.target();
    if (ins instanceof MatMul mm) {
      String fam = mm.matrixWord();
      double s2 = sigma2.get(mm.matrix());
      List<String> args = familyArgs.computeIfAbsent(fam, k -> new ArrayList<>());
      List<Integer> res = familyResults.computeIfAbsent(fam, k -> new ArrayList<>());
      int i = newG(t);
      // Cov(Ẑ^{Wx}, Ẑ^{Wy}) = σ² E[Z^x Z^y] within the family; every earlier G-var that is a
      // LinComb of family members inherits the covariance through its base representation.
      Map<Integer, Double> famCov = new HashMap<>();
      for (int j = 0; j < args.size(); j++) {
        famCov.put(res.get(j), s2 * secondMoment(mm.argument(), args.get(j)).value());
      }
      for (int j = 0; j < i; j++) {
        Lin r = rep.get(j);
        double c = 0;
        for (int q = 0; q < r.idx().length; q++) {
          Double fc = famCov.get(r.idx()[q]);
          if (fc != null) {
            c += r.coef()[q] * fc;
          }
        }
        gCov[i][j] = c;
        gCov[j][i] = c;
      }
      gCov[i][i] = s2 * secondMoment(mm.argument(), mm.argument()).value();
      args.add(mm.argument());
      res.add(i);
    } else if (ins instanceof LinComb lc) {
      int i = newG(t);
      Lin r = Lin.constant(0);
      for (LinComb.Term term : lc.terms()) {
        r = r.plus(rep.get(gIndex.get(term.variable())), term.coefficient());
      }
      rep.set(i, r);
      double m = 0;
      for (LinComb.Term term : lc.terms()) {
        int g = gIndex.get(term.variable());
        m += term.coefficient() * gMean[g];
        for (int j = 0; j < i; j++) {
          gCov[i][j] += term.coefficient() * gCov[g][j];
        }
      }
      gMean[i] = m;
      double v = 0;
      for (LinComb.Term term : lc.terms()) {
        v += term.coefficient() * gCov[i][gIndex.get(term.variable())];
      }
      gCov[i][i] = v;
      for (int j = 0; j < i; j++) {
        gCov[j][i] = gCov[i][j];
      }
    } else if (ins instanceof Nonlin nl) {
      xExpr.put(t, inGVars(nl.phi(), t));
    } else if (ins instanceof Moment mo) {
      Estimate e = expectation(expand(inGVars(mo.phi(), t), t), t, "avg(" + mo.phi().toText()
          + ")");
      scalars.put(t, e);
    } else if (ins instanceof ScalarOp so) {
      scalars.put(t, scalarOp(so));
    }
  }

  /** Value of f(θ…) and |∇f|·errors as its error. */
  private Estimate scalarOp(ScalarOp so) {
    Map<String, Double> vals = new HashMap<>();
    scalars.forEach((k, v) -> vals.put(k, v.value()));
    double v = so.f().evaluate(vals);
    if (!Double.isFinite(v)) {
      throw new NumericalFailure(so.target(), so.target() + " := " + so.f().toText() + " is "
          + v + " (a function is evaluated outside its domain or overflows)", false);
    }
    double err = 0;
    for (String r : so.f().references()) {
      double e = scalars.get(r).error();
      if (e > 0) {
        err += Math.abs(Derivative.of(so.f(), r).evaluate(vals)) * e;
      }
    }
    return new Estimate(v, Double.isFinite(err) ? err : 0);
  }

  /** The expression with X-vars replaced by their G-var expressions and scalars by values. */
  private Expr inGVars(Expr e, String owner) {
    Map<String, Expr> by = new HashMap<>();
    for (String r : e.references()) {
      if (xExpr.containsKey(r)) {
        by.put(r, xExpr.get(r));
      } else if (scalars.containsKey(r)) {
        double v = scalars.get(r).value();
        if (!Double.isFinite(v)) {
          throw new NumericalFailure(owner, "scalar " + r + " is not finite", false);
        }
        by.put(r, new Expr.Num(v));
      }
    }
    return by.isEmpty() ? e : e.substitute(by);
  }

  // ---- expansion into atoms -----------------------------------------------------------------

  private List<Term> expansionOf(String vector) {
    List<Term> known = expansions.get(vector);
    if (known != null) {
      return known;
    }
    return expansions.computeIfAbsent(vector, v -> {
      Integer g = gIndex.get(v);
      if (g != null) {
        return List.of(new Term(1, List.of(new Atom(Fn.ID, Lin.unit(g))), List.of()));
      }
      return expand(xExpr.get(v), v);
    });
  }

  /** The linear form of e in G-vars, or null if e is not linear. */
  private Lin linear(Expr e) {
    if (e instanceof Expr.Num n) {
      return Lin.constant(n.value());
    } else if (e instanceof Expr.Ref r) {
      Integer g = gIndex.get(r.name());
      return g == null ? null : Lin.unit(g);
    } else if (e instanceof Expr.Neg n) {
      Lin l = linear(n.operand());
      return l == null ? null : l.times(-1);
    } else if (e instanceof Expr.Bin b) {
      Lin l = linear(b.left());
      Lin r = linear(b.right());
      if (l == null || r == null) {
        return null;
      }
      switch (b.op()) {
        case '+':
          return l.plus(r, 1);
        case '-':
          return l.plus(r, -1);
        case '*':
          return l.idx().length == 0 ? r.times(l.c()) : r.idx().length == 0 ? l.times(r.c())
              : null;
        case '/':
          return r.idx().length == 0 && r.c() != 0 ? l.times(1 / r.c()) : null;
        default:
          return null;
      }
    } else if (e instanceof Expr.Call c && c.fn() == Fn.ID) {
      return linear(c.args().get(0));
    }
    return null;
  }

  private List<Term> expand(Expr e, String owner) {
    if (e.isConstant()) {
      double v = e.evaluate(Map.of());
      if (!Double.isFinite(v)) {
        throw new NumericalFailure(owner, "the constant " + e.toText() + " is " + v, false);
      }
      return List.of(new Term(v, List.of(), List.of()));
    }
    Lin l = linear(e);
    if (l != null) {
      return List.of(new Term(1, List.of(new Atom(Fn.ID, l)), List.of()));
    }
    if (e instanceof Expr.Neg n) {
      return scale(expand(n.operand(), owner), -1);
    } else if (e instanceof Expr.Bin b) {
      switch (b.op()) {
        case '+':
        case '-': {
          List<Term> out = new ArrayList<>(expand(b.left(), owner));
          out.addAll(scale(expand(b.right(), owner), b.op() == '-' ? -1 : 1));
          return out;
        }
        case '*': {
          List<Term> p = multiply(expand(b.left(), owner), expand(b.right(), owner));
          if (p != null) {
            return p;
          }
          break;
        }
        case '/':
          if (b.right().isConstant()) {
            double d = b.right().evaluate(Map.of());
            if (d != 0 && Double.isFinite(d)) {
              return scale(expand(b.left(), owner), 1 / d);
            }
          }
          break;
        default:
          if (b.right().isConstant()) {
            double k = b.right().evaluate(Map.of());
            if (k == Math.rint(k) && k >= 1 && k <= 4) {
              List<Term> base = expand(b.left(), owner);
              List<Term> acc = base;
              for (int i = 1; i < k && acc != null; i++) {
                acc = multiply(acc, base);
              }
              if (acc != null) {
                return acc;
              }
            }
          }
      }
    } else if (e instanceof Expr.Call c && c.fn() != Fn.ID && GaussianIntegrals.known(c.fn())) {
      Lin arg = linear(c.args().get(0));
      if (arg != null) {
        return List.of(new Term(1, List.of(new Atom(c.fn(), arg)), List.of()));
      }
    }
    return List.of(new Term(1, List.of(), List.of(e)));
  }

  private static List<Term> scale(List<Term> ts, double s) {
    List<Term> out = new ArrayList<>(ts.size());
    for (Term t : ts) {
      out.add(t.scaled(s));
    }
    return out;
  }

  /** The distributed product, or null when it would have more than {@value #MAX_TERMS} terms. */
  private static List<Term> multiply(List<Term> a, List<Term> b) {
    if ((long) a.size() * b.size() > MAX_TERMS) {
      return null;
    }
    List<Term> out = new ArrayList<>(a.size() * b.size());
    for (Term x : a) {
      for (Term y : b) {
        out.add(x.times(y));
      }
    }
    return out;
  }

  // ---- expectations -------------------------------------------------------------------------

  /** "E[a b]", built only when a message or note needs it. */
  private record PairName(String a, String b) {
    @Override
    public String toString() {
      return "E[" + a + " " + b + "]";
    }
  }

  private final Map<String, Integer> vectorId = new HashMap<>();
  /** pairs[i][j], j ≤ i: E[Z^a Z^b] by vector ids in program order. */
  private Estimate[][] pairs;

  private int vectorId(String v) {
    if (pairs == null) {
      List<String> vs = program.vectors();
      pairs = new Estimate[vs.size()][];
      for (int i = 0; i < vs.size(); i++) {
        vectorId.put(vs.get(i), i);
        pairs[i] = new Estimate[i + 1];
      }
    }
    return vectorId.get(v);
  }

  /** E[Z^a Z^b], cached. */
  Estimate secondMoment(String a, String b) {
    return secondMoment(a, vectorId(a), b, vectorId(b));
  }

  private Estimate secondMoment(String a, int i, String b, int j) {
    Estimate e = i >= j ? pairs[i][j] : pairs[j][i];
    if (e == null) {
      List<Term> ea = expansionOf(a);
      List<Term> eb = expansionOf(b);
      e = singleAtoms(ea, eb);
      if (e == null) {
        List<Term> p = multiply(ea, eb);
        if (p == null) {
          p = expand(Expr.bin('*', asExpr(a), asExpr(b)), a);
        }
        // blame the later of the two vectors: the earlier one was fine on its own
        e = expectation(p, i >= j ? a : b, new PairName(a, b));
      }
      if (i >= j) {
        pairs[i][j] = e;
      } else {
        pairs[j][i] = e;
      }
    }
    return e;
  }

  /**
   * Fast path for the common case (a G-var, or ψ of one G-var, times another): one closed form,
   * no lists; null when it does not apply.
   */
  private Estimate singleAtoms(List<Term> ea, List<Term> eb) {
    if (ea.size() != 1 || eb.size() != 1) {
      return null;
    }
    Term x = ea.get(0);
    Term y = eb.get(0);
    if (x.atoms().size() != 1 || y.atoms().size() != 1 || !x.opaque().isEmpty()
        || !y.opaque().isEmpty()) {
      return null;
    }
    Atom p = x.atoms().get(0);
    Atom q = y.atoms().get(0);
    double v = GaussianIntegrals.expect(p.psi(), q.psi(), meanOf(p.lin()), meanOf(q.lin()),
        cov(p.lin(), p.lin()), cov(p.lin(), q.lin()), cov(q.lin(), q.lin()));
    if (Double.isNaN(v)) {
      return null;
    }
    closedForms++;
    double r = x.coef() * y.coef() * v;
    return Double.isFinite(r) ? Estimate.exact(r) : null;
  }

  private Expr asExpr(String v) {
    return gIndex.containsKey(v) ? Expr.ref(v) : xExpr.get(v);
  }

  private Estimate mean(String v) {
    return expectation(expansionOf(v), v, "E[" + v + "]");
  }

  private Estimate expectation(List<Term> terms, String owner, Object what) {
    double sum = 0;
    double err = 0;
    for (Term t : terms) {
      if (t.coef() == 0) {
        continue;
      }
      Estimate e = termExpectation(t, owner, what);
      sum += t.coef() * e.value();
      err += Math.abs(t.coef()) * e.error();
    }
    if (!Double.isFinite(sum)) {
      throw new NumericalFailure(owner, what + " is not finite", false);
    }
    return new Estimate(sum, err);
  }

  private double cov(Lin x, Lin y) {
    double c = 0;
    for (int i = 0; i < x.idx().length; i++) {
      double[] row = gCov[x.idx()[i]];
      for (int j = 0; j < y.idx().length; j++) {
        c += x.coef()[i] * y.coef()[j] * row[y.idx()[j]];
      }
    }
    return c;
  }

  private double meanOf(Lin x) {
    double m = x.c();
    for (int i = 0; i < x.idx().length; i++) {
      m += x.coef()[i] * gMean[x.idx()[i]];
    }
    return m;
  }

  /** The linear forms (one per G-var read, or the atom's form) of each factor. */
  private List<List<Lin>> factorForms(Term t) {
    List<List<Lin>> forms = new ArrayList<>();
    for (Atom a : t.atoms()) {
      forms.add(List.of(a.lin()));
    }
    for (Expr x : t.opaque()) {
      List<Lin> fs = new ArrayList<>();
      for (String r : x.references()) {
        fs.add(Lin.unit(gIndex.get(r)));
      }
      forms.add(fs);
    }
    return forms;
  }

  private boolean correlated(List<Lin> a, List<Lin> b) {
    for (Lin x : a) {
      for (Lin y : b) {
        double c = cov(x, y);
        if (c != 0 && Math.abs(c) > 1e-14 * Math.sqrt(Math.abs(cov(x, x) * cov(y, y)))) {
          return true;
        }
      }
    }
    return false;
  }

  private Estimate termExpectation(Term t, String owner, Object what) {
    List<List<Lin>> forms = factorForms(t);
    int f = forms.size();
    if (f == 0) {
      return Estimate.exact(1);
    }
    // Union–find of factors over nonzero covariance: independent groups factor out.
    int[] parent = new int[f];
    for (int i = 0; i < f; i++) {
      parent[i] = i;
    }
    for (int i = 0; i < f; i++) {
      for (int j = i + 1; j < f; j++) {
        if (find(parent, i) != find(parent, j) && correlated(forms.get(i), forms.get(j))) {
          parent[find(parent, i)] = find(parent, j);
        }
      }
    }
    double value = 1;
    double relErr = 0;
    double absErrIfZero = 0;
    Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < f; i++) {
      groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(i);
    }
    for (List<Integer> g : groups.values()) {
      Estimate e = groupExpectation(t, g, forms, owner, what);
      value *= e.value();
      if (e.value() != 0) {
        relErr += e.error() / Math.abs(e.value());
      } else {
        absErrIfZero = Math.max(absErrIfZero, e.error());
      }
    }
    double err = Math.abs(value) * relErr + absErrIfZero;
    return new Estimate(value, Double.isFinite(err) ? err : 0);
  }

  private static int find(int[] p, int i) {
    while (p[i] != i) {
      p[i] = p[p[i]];
      i = p[i];
    }
    return i;
  }

  private Estimate groupExpectation(Term t, List<Integer> group, List<List<Lin>> forms,
      String owner, Object what) {
    int na = t.atoms().size();
    boolean allAtoms = group.stream().allMatch(i -> i < na);
    if (allAtoms && group.size() == 1) {
      Atom a = t.atoms().get(group.get(0));
      closedForms++;
      return Estimate.exact(GaussianIntegrals.expect(a.psi(), meanOf(a.lin()),
          cov(a.lin(), a.lin())));
    }
    if (allAtoms && group.size() == 2) {
      Atom a = t.atoms().get(group.get(0));
      Atom b = t.atoms().get(group.get(1));
      double v = GaussianIntegrals.expect(a.psi(), b.psi(), meanOf(a.lin()), meanOf(b.lin()),
          cov(a.lin(), a.lin()), cov(a.lin(), b.lin()), cov(b.lin(), b.lin()));
      if (!Double.isNaN(v)) {
        closedForms++;
        return Estimate.exact(v);
      }
    }
    return quadrature(t, group, forms, owner, what);
  }

  /** A compiled opaque factor: reads coordinates y[·] of the group's forms. */
  private interface Compiled {
    double at(double[] y);
  }

  private Compiled compile(Expr e, Map<String, Integer> slot) {
    if (e instanceof Expr.Num n) {
      double v = n.value();
      return y -> v;
    } else if (e instanceof Expr.Ref r) {
      int s = slot.get(r.name());
      return y -> y[s];
    } else if (e instanceof Expr.Neg n) {
      Compiled c = compile(n.operand(), slot);
      return y -> -c.at(y);
    } else if (e instanceof Expr.Bin b) {
      Compiled l = compile(b.left(), slot);
      Compiled r = compile(b.right(), slot);
      char op = b.op();
      switch (op) {
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
    Compiled a = compile(c.args().get(0), slot);
    if (fn.arity() == 2) {
      Compiled b = compile(c.args().get(1), slot);
      return y -> fn.apply(a.at(y), b.at(y));
    }
    return y -> fn.apply(a.at(y));
  }

  private static boolean smooth(Expr e) {
    for (Fn f : e.functions()) {
      if (!SMOOTH.contains(f)) {
        return false;
      }
    }
    return !hasDivisionOrPower(e);
  }

  private static boolean hasDivisionOrPower(Expr e) {
    if (e instanceof Expr.Bin b) {
      if (b.op() == '/' && !b.right().isConstant()) {
        return true;
      }
      if (b.op() == '^') {
        if (!b.right().isConstant()) {
          return true;
        }
        double k = b.right().evaluate(Map.of());
        if (k != Math.rint(k) || k < 0) {
          return true;
        }
      }
      return hasDivisionOrPower(b.left()) || hasDivisionOrPower(b.right());
    } else if (e instanceof Expr.Neg n) {
      return hasDivisionOrPower(n.operand());
    } else if (e instanceof Expr.Call c) {
      return c.args().stream().anyMatch(DeterministicEngine::hasDivisionOrPower);
    }
    return false;
  }

  private Estimate quadrature(Term t, List<Integer> group, List<List<Lin>> forms, String owner,
      Object what) {
    int na = t.atoms().size();
    // Distinct linear forms the group reads: y = μ + L z with z standard Gaussian of rank r.
    List<Lin> ys = new ArrayList<>();
    for (int i : group) {
      for (Lin l : forms.get(i)) {
        if (!ys.contains(l)) {
          ys.add(l);
        }
      }
    }
    // Kinks inside opaque factors (max(h, 0), abs(a − b), …) whose argument is linear: their
    // forms join the coordinates so that the quadrature can split at them.
    List<Lin> kinks = new ArrayList<>();
    for (int i : group) {
      if (i >= t.atoms().size()) {
        collectKinks(t.opaque().get(i - t.atoms().size()), kinks);
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
      mu[i] = meanOf(ys.get(i));
      for (int j = 0; j < k; j++) {
        c[i][j] = cov(ys.get(i), ys.get(j));
      }
    }
    double[][] lz = factor(c, owner, what);
    int r = lz.length == 0 ? 0 : lz[0].length;
    if (r > 3) {
      throw new NumericalFailure(owner, what + " needs a " + r
          + "-dimensional Gaussian integral; the deterministic engine integrates at most 3 "
          + "dimensions (use the particle engine)", true);
    }
    boolean smooth = true;
    List<Compiled> factors = new ArrayList<>();
    List<int[]> atomSlots = new ArrayList<>();
    for (int i : group) {
      if (i < na) {
        Atom a = t.atoms().get(i);
        int s = ys.indexOf(a.lin());
        Fn psi = a.psi();
        factors.add(y -> psi.apply(y[s]));
        if (psi == Fn.RELU || psi == Fn.STEP) {
          smooth = false;
          atomSlots.add(new int[] {s});
        }
      } else {
        Expr x = t.opaque().get(i - na);
        Map<String, Integer> slot = new HashMap<>();
        for (String ref : x.references()) {
          slot.put(ref, ys.indexOf(Lin.unit(gIndex.get(ref))));
        }
        factors.add(compile(x, slot));
        smooth &= smooth(x);
      }
    }
    for (Lin l : kinks) {
      atomSlots.add(new int[] {ys.indexOf(l)});
    }
    double[] y = new double[k];
    GaussianQuadrature.Integrand f = z -> {
      for (int i = 0; i < k; i++) {
        double v = mu[i];
        for (int j = 0; j < r; j++) {
          v += lz[i][j] * z[j];
        }
        y[i] = v;
      }
      double p = 1;
      for (Compiled g : factors) {
        p *= g.at(y);
      }
      return p;
    };
    // Breakpoints: where a relu/step atom's argument crosses 0, in the innermost coordinate
    // that moves it (outer coordinates then see a smooth integrand).
    GaussianQuadrature.Breakpoints breaks = (level, z) -> {
      List<Double> pts = new ArrayList<>();
      for (int[] s : atomSlots) {
        double[] row = lz[s[0]];
        double big = 0;
        for (int j = 0; j < r; j++) {
          big = Math.max(big, Math.abs(row[j]));
        }
        int last = -1;
        for (int j = 0; j < r; j++) {
          if (Math.abs(row[j]) > 1e-12 * big) {
            last = j;
          }
        }
        if (last == level) {
          double v = mu[s[0]];
          for (int j = 0; j < level; j++) {
            v += row[j] * z[j];
          }
          pts.add(-v / row[level]);
        }
      }
      return pts.stream().mapToDouble(Double::doubleValue).toArray();
    };
    GaussianQuadrature.Result res;
    if (r == 0) {
      // every Gaussian read is a constant: one evaluation is exact
      double v = f.value(new double[0]);
      if (!Double.isFinite(v)) {
        throw new NumericalFailure(owner, what + " is " + v + " (overflow or a domain error)",
            false);
      }
      closedForms++;
      return Estimate.exact(v);
    }
    try {
      if (smooth && r >= 2) {
        res = GaussianQuadrature.hermite(f, r, r == 2 ? 48 : 24);
        if (res.error() > 1e-9 * Math.max(1, Math.abs(res.value())) && r == 2) {
          res = GaussianQuadrature.adaptive(f, r, breaks, 1e-11);
        }
      } else {
        res = GaussianQuadrature.adaptive(f, r, breaks, r <= 1 ? 1e-13 : r == 2 ? 1e-11 : 1e-7);
      }
    } catch (GaussianQuadrature.NonFiniteIntegrandException e) {
      throw new NumericalFailure(owner, what + " cannot be computed: the integrand is not finite"
          + " (overflow of exp, a pole or a domain error) at some Gaussian value", false);
    } catch (GaussianQuadrature.BudgetExceededException e) {
      throw new NumericalFailure(owner, what + " is too costly for the deterministic engine ("
          + r + "-dimensional integral: " + e.getMessage() + ")", true);
    } catch (GaussianQuadrature.NotConvergedException e) {
      throw new NumericalFailure(owner, what + " does not converge: is the function integrable "
          + "against a Gaussian? (" + e.getMessage() + ")", false);
    }
    quadratures++;
    rulesUsed.merge(res.rule(), 1L, Long::sum);
    double rel = res.error() / Math.max(1e-300, Math.abs(res.value()));
    if (res.error() > worstQuadratureError) {
      worstQuadratureError = res.error();
      worstQuadrature = what + String.format(" (relative %.1g)", rel);
    }
    return new Estimate(res.value(), res.error());
  }

  private void collectKinks(Expr e, List<Lin> out) {
    if (e instanceof Expr.Call c) {
      Fn fn = c.fn();
      if (fn == Fn.RELU || fn == Fn.STEP || fn == Fn.SIGN || fn == Fn.ABS) {
        Lin l = linear(c.args().get(0));
        if (l != null && l.idx().length > 0) {
          out.add(l);
        }
      } else if (fn == Fn.MIN || fn == Fn.MAX) {
        Lin a = linear(c.args().get(0));
        Lin b = linear(c.args().get(1));
        if (a != null && b != null) {
          Lin d = a.plus(b, -1);
          if (d.idx().length > 0) {
            out.add(d);
          }
        }
      }
      for (Expr a : c.args()) {
        collectKinks(a, out);
      }
    } else if (e instanceof Expr.Bin b) {
      collectKinks(b.left(), out);
      collectKinks(b.right(), out);
    } else if (e instanceof Expr.Neg n) {
      collectKinks(n.operand(), out);
    }
  }

  /** L with c = L Lᵀ (see {@link InitialCovariance#factor(double[][], List, String, String)}). */
  private double[][] factor(double[][] c, String owner, Object what) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < c.length; i++) {
      names.add(owner);
    }
    // Covariances built by ZHat from a PSD Σ_in are PSD; failing here means a bug, not bad input.
    return InitialCovariance.factor(c, names, "the covariance of the Gaussians read by " + what
        + " (for ", ") — an internal inconsistency; please report it with the program");
  }

  // ---- result -------------------------------------------------------------------------------

  /** Histogram of the X-var {@code a} = φ(G-vars) from exact draws of the G-vars it reads. */
  private Histogram sampledHistogram(String a, double mean, double sd) {
    Expr e = xExpr.get(a);
    List<String> gs = e.references();
    int k = gs.size();
    double[][] c = new double[k][k];
    double[] mu = new double[k];
    for (int i = 0; i < k; i++) {
      int gi = gIndex.get(gs.get(i));
      mu[i] = gMean[gi];
      for (int j = 0; j < k; j++) {
        c[i][j] = gCov[gi][gIndex.get(gs.get(j))];
      }
    }
    double[][] l = factor(c, a, "the histogram of " + a);
    int rank = k == 0 ? 0 : l[0].length;
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {0x5eedL,
        a.hashCode()});
    ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
    int n = HISTOGRAM_SAMPLES;
    double[][] cols = new double[k][n];
    double[] z = new double[rank];
    for (int s = 0; s < n; s++) {
      for (int r = 0; r < rank; r++) {
        z[r] = gauss.sample();
      }
      for (int i = 0; i < k; i++) {
        double v = mu[i];
        for (int r = 0; r < rank; r++) {
          v += l[i][r] * z[r];
        }
        cols[i][s] = v;
      }
    }
    double[] out = new double[n];
    VectorKernel.compile(e, gs, List.of()).evaluate(cols, new double[0], out);
    return Histogram.of(out, mean - 4.5 * sd, mean + 4.5 * sd, bins);
  }

  private CoordinateStatistics statistics(List<String> prefix) {
    List<String> vectors = program.vectors();
    LinkedHashMap<String, VectorStatistics> vs = new LinkedHashMap<>(2 * vectors.size());
    LinkedHashMap<String, Map<String, Estimate>> sm = new LinkedHashMap<>(2 * vectors.size());
    for (int i = 0; i < vectors.size(); i++) {
      cancel.check();
      progress.progress(0.5 + 0.5 * i / vectors.size(), "second moments of " + vectors.get(i));
      String a = vectors.get(i);
      Map<String, Estimate> row = new LinkedHashMap<>(2 * vectors.size());
      int ia = vectorId(a);
      for (int j = 0; j < vectors.size(); j++) {
        // ids follow program.vectors(), so j is b's id
        row.put(vectors.get(j), secondMoment(a, ia, vectors.get(j), j));
      }
      sm.put(a, row);
      Estimate m = mean(a);
      Estimate s = row.get(a);
      double var = s.value() - m.value() * m.value();
      Histogram hist = null;
      if (bins > 0 && gIndex.containsKey(a) && var > 0) {
        // a G-var is exactly Gaussian here: bin masses from Φ
        double sd = Math.sqrt(var);
        double[] edges = new double[bins + 1];
        double[] dens = new double[bins];
        for (int k = 0; k <= bins; k++) {
          edges[k] = m.value() + sd * (-4.5 + 9.0 * k / bins);
        }
        for (int k = 0; k < bins; k++) {
          dens[k] = (GaussianIntegrals.phiCdf((edges[k + 1] - m.value()) / sd)
              - GaussianIntegrals.phiCdf((edges[k] - m.value()) / sd)) / (edges[k + 1] - edges[k]);
        }
        hist = new Histogram(edges, dens);
      } else if (bins > 0 && xExpr.containsKey(a) && var > 0) {
        hist = sampledHistogram(a, m.value(), Math.sqrt(var));
      }
      vs.put(a, new VectorStatistics(a, program.kindOf(a), m,
          // rounding can make a zero variance slightly negative
          new Estimate(var < 0 && var > -1e-12 * Math.max(1, s.value()) ? 0 : var,
              s.error() + 2 * Math.abs(m.value()) * m.error()), hist));
    }
    LinkedHashMap<String, Estimate> sc = new LinkedHashMap<>();
    for (String s : program.scalars()) {
      sc.put(s, scalars.get(s));
    }
    List<String> notes = new ArrayList<>(prefix);
    notes.add("deterministic: " + closedForms + " closed-form Gaussian integrals (exact to "
        + "rounding), " + quadratures + " by quadrature"
        + (rulesUsed.isEmpty() ? "" : " " + rulesUsed)
        + (quadratures > 0 ? String.format("; largest quadrature error estimate %.1g for %s",
            worstQuadratureError, worstQuadrature) : ""));
    return CoordinateStatistics.owning("deterministic", notes, vs, sc, sm);
  }
}
