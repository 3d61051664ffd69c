package org.tpe.limit.exact;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.tpe.expr.Expr;
import org.tpe.expr.Fn;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.Estimate;
import org.tpe.limit.ProgressListener;
import org.tpe.limit.calculus.InitialGaussian;
import org.tpe.limit.calculus.ProgramCalculus;
import org.tpe.limit.calculus.ZDotTerm;
import org.tpe.limit.exact.Expansion.Term;
import org.tpe.limit.gauss.GaussianIntegrals;
import org.tpe.model.Instruction;
import org.tpe.model.InstructionVisitor;
import org.tpe.model.LinComb;
import org.tpe.model.MatMul;
import org.tpe.model.MatrixInput;
import org.tpe.model.Moment;
import org.tpe.model.Nonlin;
import org.tpe.model.Program;
import org.tpe.model.ScalarInput;
import org.tpe.model.ScalarOp;
import org.tpe.model.VarKind;

/**
 * The exact limit engine over the symbolic Z (TP IIb App. B, Def. B.3; DESIGN §7): builds every
 * vector's Z over the base Gaussians — ZInit, ZHat with Cov(Ẑ^{Wx}, Ẑ^{Wy}) = σ_W² E[Z^x Z^y]
 * within each family, ZDot with the coefficients of the terms {@link
 * org.tpe.limit.calculus.ZDotStructure} does not rule out computed in the Stein form C⁺b
 * (Remark B.6; so kinks need no derivative), LinComb and Nonlin(+) symbolically, Moments and
 * ScalarOps as numbers — and reduces every expectation to one over the few base Gaussians it
 * reads ({@link Expectations}: closed forms first, then {@link Quadrature}: whole-line nested
 * Gauss–Kronrod in 1–3 dimensions, an error meant as a bound; randomized quasi-Monte Carlo above,
 * a 99 % confidence half-width).
 *
 * <p>Errors: each number carries the error of the rule that produced it plus, to first order, the
 * errors of the numbers it was built from: every vector carries an L² error bound δ (‖ΔZ‖₂) from
 * its ZHat covariance error and its ZDot coefficients' errors, propagated linearly through MatMul
 * and LinComb and by √E[(∂φ)²] through Nonlin; a second moment adds ‖a‖δ_b + ‖b‖δ_a + δ_aδ_b
 * (Cauchy–Schwarz). Closed forms have error 0 (exact to rounding), so programs computed by closed
 * forms alone report 0.
 *
 * <p>Fails with {@link ExactFailure} naming the variable: overflow, a non-integrable function, or
 * (as an engine limit, so that another engine may take over) an integral beyond the run's
 * budget of operations or one the rules cannot converge on. Cost: one expectation per ZHat covariance entry,
 * ZDot right-hand side and requested pair; O(V²) closed forms for a V-vector MLP.
 */
public final class ExactEngine implements InstructionVisitor<Void> {
  /** Largest tree an X-var's Z may have to be substituted into later expressions. */
  static final int SUBST_MAX = 200;

  final Program program;
  private final ProgramCalculus calculus;
  private final CancellationToken cancel;
  private final ProgressListener progress;

  final Basis basis;
  final Expansion expansion;
  final GroupIntegrator integrator;
  /** The run's one budget of operations, shared by the integrators of every thread. */
  private final Quadrature.Budget budget;
  final Expectations expectations;

  private final Map<String, Lin> linear = new HashMap<>();
  private final Map<String, Expr> zExpr = new HashMap<>();
  private final Map<String, Expr> definitions = new LinkedHashMap<>();
  private final Set<String> kept = new HashSet<>();
  private final Map<String, Integer> order = new HashMap<>();
  private final Map<String, Integer> size = new HashMap<>();
  private final Map<String, BitSet> reads = new HashMap<>();
  /** Each vector's L² error bound δ, by {@link #vectorId}. */
  private final double[] deltas;
  final Map<String, Estimate> scalars = new LinkedHashMap<>();
  private final Map<String, Double> sigma2 = new HashMap<>();
  private final Map<String, String> hatName = new HashMap<>();
  private final Map<String, Family> family = new HashMap<>();
  private final Map<String, List<SymbolicZ.ZDotCoefficient>> zDot = new LinkedHashMap<>();
  private final Map<String, List<SymbolicZ.ZHatCovariance>> zHat = new LinkedHashMap<>();
  final MethodLog log = new MethodLog();

  private final Map<String, Integer> vectorId = new HashMap<>();
  private final Estimate[][] pairs;
  /** Each vector's expansion once computed, by {@link #vectorId}. */
  private final List<List<Term>> expansions;
  /** The second moments of pairs on this engine's thread, logged. */
  private final PairExpectation pairExpectation;
  /** Each vector's expansion as one atom c·ψ(X) once computed, or null: by {@link #vectorId}. */
  private final OneAtom[] oneAtoms;
  /** The vectors by {@link #vectorId}. */
  private final String[] vectorNames;

  /** An engine for a well-formed program (validated; Σ_in PSD). */
  public ExactEngine(Program program, ProgramCalculus calculus, CancellationToken cancel,
      ProgressListener progress) {
    this(program, calculus, cancel, progress, Quadrature.Budget.DEFAULT_OPERATIONS);
  }

  /** An engine whose integrals may use at most {@code operations} (see Quadrature.Budget). */
  ExactEngine(Program program, ProgramCalculus calculus, CancellationToken cancel,
      ProgressListener progress, long operations) {
    this(program, calculus, cancel, progress, operations, 0);
  }

  /**
   * An engine whose integrals may use at most {@code operations} and aim at the relative
   * {@code tolerance} (0: the defaults; see Quadrature.relativeTolerance).
   */
  ExactEngine(Program program, ProgramCalculus calculus, CancellationToken cancel,
      ProgressListener progress, long operations, double tolerance) {
    this.program = program;
    this.calculus = calculus;
    this.cancel = cancel;
    this.progress = progress;
    this.basis = new Basis(program.vectorInputs().size() + program.instructions().size());
    this.expansion = new Expansion(basis::index);
    this.budget = new Quadrature.Budget(operations, tolerance);
    this.integrator = new GroupIntegrator(basis, new KeptVectors(), expansion, budget, cancel);
    this.expectations = new Expectations(basis, integrator);
    this.pairExpectation = new PairExpectation(this);
    List<String> vs = program.vectors();
    pairs = new Estimate[vs.size()][];
    deltas = new double[vs.size()];
    expansions = new ArrayList<>(java.util.Collections.nCopies(vs.size(), null));
    oneAtoms = new OneAtom[vs.size()];
    vectorNames = vs.toArray(new String[0]);
    for (int i = 0; i < vs.size(); i++) {
      vectorId.put(vs.get(i), i);
      order.put(vs.get(i), i);
    }
  }

  /** The run's budget of operations (shared by every integrator of the run). */
  Quadrature.Budget budget() {
    return budget;
  }

  /** The vectors kept by name, seen by the integrator as {@code Z^x}. */
  private final class KeptVectors implements GroupIntegrator.Vectors {
    @Override
    public Expr definition(String name) {
      String v = name.startsWith("Z^") ? name.substring(2) : null;
      return v != null && kept.contains(v) ? zExpr.get(v) : null;
    }

    @Override
    public int order(String name) {
      return order.get(name.substring(2));
    }

    @Override
    public BitSet reads(String name) {
      return reads.get(name.substring(2));
    }
  }

  /** Builds the symbolic Z of the whole program (ZInit, then every instruction in order). */
  public SymbolicZ run() {
    build();
    return symbolic();
  }

  /**
   * Builds every vector's Z (ZInit, then every instruction in order) without assembling the
   * {@link SymbolicZ} view of it (what the limits alone need).
   */
  void build() {
    InitialGaussian init = calculus.initial();
    for (var in : program.inputs()) {
      if (in instanceof MatrixInput m) {
        sigma2.put(m.name(), m.sigma2());
      } else if (in instanceof ScalarInput s) {
        scalars.put(s.name(), Estimate.exact(s.value()));
      }
    }
    // the initial vectors are the first bases, in ZInit's order: each one's covariances with
    // those before it are its row of Σ_in, taken whole
    for (int i = 0; i < init.names().size(); i++) {
      String u = init.names().get(i);
      int b = basis.add("Z^" + u, init.mean(i), init.covarianceRow(i));
      setLinear(u, Lin.unit(b));
      definitions.put(u, Expr.ref("Z^" + u));
    }
    List<Instruction> ins = program.instructions();
    for (int k = 0; k < ins.size(); k++) {
      cancel.check();
      progress.progress(0.5 * k / Math.max(1, ins.size()), "instruction " + (k + 1));
      if (program.instructionIndex(ins.get(k).target()) == k) {
        ins.get(k).accept(this);
      }
    }
  }

  /** The number of ZDot coefficients computed (those of {@link SymbolicZ#allZDot()}). */
  long zDotCount() {
    long n = 0;
    for (List<SymbolicZ.ZDotCoefficient> c : zDot.values()) {
      n += c.size();
    }
    return n;
  }

  SymbolicZ symbolic() {
    List<SymbolicZ.BaseGaussian> bs = new ArrayList<>();
    for (int i = 0; i < basis.size(); i++) {
      String n = basis.name(i);
      boolean hat = n.startsWith("Ẑ^");
      String v = n.substring(2);
      bs.add(new SymbolicZ.BaseGaussian(n, hat ? SymbolicZ.BaseGaussian.Kind.ZHAT
          : SymbolicZ.BaseGaussian.Kind.INITIAL, v, hat
          ? ((MatMul) program.definition(v)).matrixWord() : null, basis.mean(i)));
    }
    Map<String, Expr> zs = new LinkedHashMap<>();
    for (String v : program.vectors()) {
      zs.put(v, exprOf(v));
    }
    return new SymbolicZ(bs, zs, definitions, zDot, zHat);
  }

  // ---- vectors as expressions -----------------------------------------------------------------

  private void setLinear(String v, Lin l) {
    linear.put(v, l);
    BitSet b = new BitSet();
    for (int i : l.idx()) {
      b.set(i);
    }
    reads.put(v, b);
    size.put(v, 1 + 2 * l.idx().length);
  }

  private void setExpr(String v, Expr e) {
    Lin l = expansion.linear(e);
    if (l != null) {
      setLinear(v, l);
      return;
    }
    zExpr.put(v, e);
    reads.put(v, integrator.reads(e));
    size.put(v, IntegrandShape.nodes(e));
  }

  private Expr linExpr(Lin l) {
    Expr out = null;
    for (int i = 0; i < l.idx().length; i++) {
      Expr t = Expr.ref(basis.name(l.idx()[i]));
      double c = l.coef()[i];
      if (c != 1) {
        t = Expr.bin('*', Expr.num(c), t);
      }
      out = out == null ? t : Expr.bin('+', out, t);
    }
    if (l.c() != 0 || out == null) {
      out = out == null ? Expr.num(l.c()) : Expr.bin('+', out, Expr.num(l.c()));
    }
    return out;
  }

  /** Z^v as an expression over bases (and vectors kept by name). */
  Expr exprOf(String v) {
    Lin l = linear.get(v);
    if (l != null) {
      return linExpr(l);
    }
    return kept.contains(v) ? Expr.ref("Z^" + v) : zExpr.get(v);
  }

  /** φ with vectors replaced by their Z (or kept by name) and scalars by their limits. */
  Expr substitute(Expr phi, String owner) {
    Map<String, Expr> by = new HashMap<>();
    for (String r : phi.references()) {
      VarKind k = program.kindOf(r);
      if (k == VarKind.SCALAR) {
        double v = scalars.get(r).value();
        if (!Double.isFinite(v)) {
          throw new ExactFailure(owner, "scalar " + r + " is not finite", false);
        }
        by.put(r, Expr.num(v));
      } else if (linear.containsKey(r) || size.get(r) <= SUBST_MAX) {
        by.put(r, exprOf(r));
      } else {
        kept.add(r);
        by.put(r, Expr.ref("Z^" + r));
      }
    }
    return phi.substitute(by);
  }

  private static Expr definitionOf(Expr phi, Program p) {
    Map<String, Expr> by = new HashMap<>();
    for (String r : phi.references()) {
      if (p.kindOf(r) != VarKind.SCALAR) {
        by.put(r, Expr.ref("Z^" + r));
      }
    }
    return phi.substitute(by);
  }

  List<Term> expansionOf(String v) {
    return expansionOf(vectorId.get(v));
  }

  /** {@link #expansionOf(String)} by {@link #vectorId}. */
  List<Term> expansionOf(int id) {
    String v = vectorNames[id];
    List<Term> known = expansions.get(id);
    if (known != null) {
      return known;
    }
    Lin l = linear.get(v);
    List<Term> t = l != null
        ? List.of(new Term(1, List.of(new Expansion.Atom(Fn.ID, l)), List.of()))
        : expandChecked(zExpr.get(v), v);
    oneAtoms[id] = OneAtom.of(t, basis);
    expansions.set(id, t);
    return t;
  }

  /**
   * A vector whose expansion is one atom c·ψ(X), X = ℓ(basis) one Gaussian of mean μ and variance
   * σ², with ψ one of the functions whose Gaussian expectations have closed forms ({@link
   * GaussianIntegrals#known}): a G-var (ψ = id) or a Nonlin of one G-var, the common case, whose
   * second moment with another such vector is one closed form. μ and σ² are computed once, with
   * the vector's expansion (the bases ℓ reads have their covariances by then).
   */
  record OneAtom(double coef, Fn psi, Lin lin, double mean, double variance) {
    /** The expansion {@code t} as one atom; null when it is not one or ψ has no closed form. */
    static OneAtom of(List<Term> t, Basis basis) {
      if (t.size() != 1) {
        return null;
      }
      Term x = t.get(0);
      if (x.atoms().size() != 1 || !x.opaque().isEmpty()) {
        return null;
      }
      Expansion.Atom p = x.atoms().get(0);
      if (!GaussianIntegrals.known(p.psi())) {
        return null;
      }
      return new OneAtom(x.coef(), p.psi(), p.lin(), basis.mean(p.lin()),
          basis.cov(p.lin(), p.lin()));
    }
  }

  /**
   * Vector {@code id} as one atom ({@link OneAtom}), or null when it is not one; known once its
   * {@link #expansionOf expansion} is.
   */
  OneAtom oneAtom(int id) {
    return oneAtoms[id];
  }

  List<Term> expandChecked(Expr e, String owner) {
    try {
      return expansion.expand(e);
    } catch (Expansion.NonFiniteConstant f) {
      throw new ExactFailure(owner, f.getMessage(), false);
    }
  }

  double delta(String v) {
    return deltas[vectorId.get(v)];
  }

  /** {@link #delta(String)} by {@link #vectorId}. */
  double delta(int id) {
    return deltas[id];
  }

  private void setDelta(String v, double d) {
    deltas[vectorId.get(v)] = d;
  }

  boolean isLinear(String v) {
    return linear.containsKey(v);
  }

  Lin linearOf(String v) {
    return linear.get(v);
  }

  // ---- the instructions -----------------------------------------------------------------------

  @Override
  public Void visitMatMul(MatMul m) {
    String h = m.target();
    double s2 = sigma2.get(m.matrix());
    String x = m.argument();
    Family fam = family.get(m.matrixWord());
    if (fam == null) {
      fam = new Family();
      family.put(m.matrixWord(), fam);
    }
    int xId = vectorId.get(x);
    // ZDot first: the coefficients read only earlier bases
    List<ZDotTerm> terms = new ArrayList<>();
    for (ZDotTerm t : calculus.zDot().terms(h)) {
      if (t.rule() != ZDotTerm.Rule.INDEPENDENT) {
        terms.add(t);
      }
    }
    List<SymbolicZ.ZDotCoefficient> coefs = terms.isEmpty() ? List.of()
        : new ZDotSolver(this, s2).solve(x, terms);
    // ZHat: the new Ẑ^h, correlated with its family only
    String hat = "Ẑ^" + h;
    int b = basis.add(hat, 0);
    hatName.put(h, hat);
    List<SymbolicZ.ZHatCovariance> covs = new ArrayList<>();
    double covErr = 0;
    log.begin(MethodLog.Quantity.ZHAT_COVARIANCE, this);
    String word = m.matrixWord();
    for (int k = 0; k < fam.size; k++) {
      Estimate e = secondMoment(xId, fam.argumentIds[k]);
      basis.setCov(b, fam.hatBases[k], s2 * e.value());
      covs.add(new SymbolicZ.ZHatCovariance(h, fam.members.get(k).target(), word, s2, e,
          new Estimate(s2 * e.value(), s2 * e.error())));
    }
    Estimate var = secondMoment(xId, xId);
    basis.setCov(b, b, s2 * var.value());
    covErr = s2 * var.error();
    log.end(this);
    if (!Double.isFinite(s2 * var.value())) {
      throw new ExactFailure(h, "Var Ẑ^" + h + " = σ² E[(Z^" + x + ")²] overflows (σ² = " + s2
          + ")", false);
    }
    covs.add(0, new SymbolicZ.ZHatCovariance(h, h, m.matrixWord(), s2, var,
        new Estimate(s2 * var.value(), covErr)));
    zHat.put(h, covs);
    fam.add(m, xId, b);
    // Z^h = Ẑ^h + Σ cᵢ Z^{yᵢ}
    double dh = s2 * var.value() > 0 ? covErr / (2 * Math.sqrt(s2 * var.value())) : 0;
    Expr def = Expr.ref(hat);
    Lin lin = Lin.unit(b);
    Expr e = Expr.ref(hat);
    boolean allLinear = true;
    for (SymbolicZ.ZDotCoefficient c : coefs) {
      double ci = c.value().value();
      String y = c.term().opposite().argument();
      dh += c.value().error() * Math.sqrt(Math.max(0, secondMoment(y, y).value()))
          + Math.abs(ci) * delta(y);
      if (ci == 0) {
        continue;
      }
      def = Expr.bin('+', def, Expr.bin('*', Expr.num(ci), Expr.ref("Z^" + y)));
      if (linear.containsKey(y) && allLinear) {
        lin = lin.plus(linear.get(y), ci);
      } else {
        allLinear = false;
      }
      e = Expr.bin('+', e, Expr.bin('*', Expr.num(ci), substitute(Expr.ref(y), h)));
    }
    if (!coefs.isEmpty()) {
      zDot.put(h, coefs);
    }
    definitions.put(h, def);
    if (allLinear) {
      setLinear(h, lin);
    } else {
      setExpr(h, e);
    }
    setDelta(h, dh);
    return null;
  }

  @Override
  public Void visitLinComb(LinComb l) {
    Lin lin = Lin.constant(0);
    boolean allLinear = true;
    Expr e = null;
    Expr def = null;
    double d = 0;
    for (LinComb.Term t : l.terms()) {
      String g = t.variable();
      d += Math.abs(t.coefficient()) * delta(g);
      Expr term = Expr.bin('*', Expr.num(t.coefficient()), substitute(Expr.ref(g), l.target()));
      Expr dterm = Expr.bin('*', Expr.num(t.coefficient()), Expr.ref("Z^" + g));
      e = e == null ? term : Expr.bin('+', e, term);
      def = def == null ? dterm : Expr.bin('+', def, dterm);
      if (linear.containsKey(g)) {
        lin = lin.plus(linear.get(g), t.coefficient());
      } else {
        allLinear = false;
      }
    }
    definitions.put(l.target(), def);
    if (allLinear) {
      setLinear(l.target(), lin);
    } else {
      setExpr(l.target(), e);
    }
    setDelta(l.target(), d);
    return null;
  }

  @Override
  public Void visitNonlin(Nonlin n) {
    definitions.put(n.target(), definitionOf(n.phi(), program));
    setExpr(n.target(), substitute(n.phi(), n.target()));
    setDelta(n.target(), new ErrorPropagation(this).nonlin(n.phi(), n.target()));
    return null;
  }

  @Override
  public Void visitMoment(Moment mo) {
    log.begin(MethodLog.Quantity.MOMENT, this);
    String t = mo.target();
    Estimate e = expectations.expect(expandChecked(substitute(mo.phi(), t), t), t,
        "avg(" + mo.phi().toText() + ")");
    double prop = new ErrorPropagation(this).moment(mo.phi(), t);
    log.end(this);
    scalars.put(t, new Estimate(e.value(), e.error() + prop));
    return null;
  }

  @Override
  public Void visitScalarOp(ScalarOp so) {
    scalars.put(so.target(), ErrorPropagation.scalarOp(so, scalars));
    return null;
  }

  /**
   * The MatMuls of one matrix word so far (TP I: the Ẑ of a family are jointly Gaussian), with
   * each one's argument by {@link #vectorId} and its Ẑ by basis index: the pairs of a family are
   * read by index, not by name.
   */
  private static final class Family {
    final List<MatMul> members = new ArrayList<>();
    int[] argumentIds = new int[8];
    int[] hatBases = new int[8];
    int size;

    void add(MatMul m, int argumentId, int hatBase) {
      if (size == argumentIds.length) {
        argumentIds = java.util.Arrays.copyOf(argumentIds, 2 * size);
        hatBases = java.util.Arrays.copyOf(hatBases, 2 * size);
      }
      members.add(m);
      argumentIds[size] = argumentId;
      hatBases[size] = hatBase;
      size++;
    }
  }

  // ---- second moments -------------------------------------------------------------------------

  /** E[Z^a Z^b] with its error (rule error plus first-order propagation), cached. */
  Estimate secondMoment(String a, String b) {
    return secondMoment(vectorId.get(a), vectorId.get(b));
  }

  /** {@link #secondMoment(String, String)} by {@link #vectorId}s. */
  Estimate secondMoment(int i, int j) {
    int hi = Math.max(i, j);
    int lo = Math.min(i, j);
    if (pairs[hi] == null) {
      pairs[hi] = new Estimate[hi + 1];
    }
    Estimate e = pairs[hi][lo];
    if (e == null) {
      cancel.check();
      String a = vectorNames[i];
      String b = vectorNames[j];
      e = pairExpectation.of(a, i, b, j, i >= j ? a : b);
      pairs[hi][lo] = e;
    }
    return e;
  }

  /** The position of vector {@code v} in program order. */
  int order(String v) {
    return order.get(v);
  }

  /** E[Z^a Z^b] if it is already known (computed and cached), else null; never computes. */
  Estimate knownSecondMoment(String a, String b) {
    return knownSecondMoment(vectorId.get(a), vectorId.get(b));
  }

  /** {@link #knownSecondMoment(String, String)} by {@link #vectorId}s. */
  Estimate knownSecondMoment(int i, int j) {
    Estimate[] row = pairs[Math.max(i, j)];
    return row == null ? null : row[Math.min(i, j)];
  }

  /** The id of vector {@code v}: its position in program order. */
  int vectorId(String v) {
    return vectorId.get(v);
  }

  /**
   * A fresh integrator over this engine's bases and kept vectors, for another thread (its
   * counters are its own, the budget of operations and the cancellation the engine's); valid once
   * {@link #run()} has built the symbolic Z.
   */
  GroupIntegrator newIntegrator() {
    return new GroupIntegrator(basis, new KeptVectors(), expansion, budget, cancel);
  }

  /** E[Z^v]. */
  Estimate mean(String v) {
    Estimate e = expectations.expect(expansionOf(v), Math.sqrt(Math.max(0,
        secondMoment(v, v).value())), v, new Expectations.What(v, null));
    return new Estimate(e.value(), e.error() + delta(v));
  }

  /** The coefficient solve for one MatMul, exposed to {@link ZDotSolver}. */
  static double[] pseudoSolve(double[][] c, double[] b, double[][] pinvOut) {
    RealMatrix pinv = new SingularValueDecomposition(new Array2DRowRealMatrix(c, false))
        .getSolver().getInverse();
    for (int i = 0; i < c.length; i++) {
      pinvOut[i] = pinv.getRow(i);
    }
    return pinv.operate(b);
  }

  String hatOf(String matMul) {
    return hatName.get(matMul);
  }
}
