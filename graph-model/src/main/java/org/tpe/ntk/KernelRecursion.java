package org.tpe.ntk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tpe.expr.Expr;
import org.tpe.expr.Fn;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.Estimate;
import org.tpe.limit.calculus.ProgramCalculus;
import org.tpe.limit.calculus.ZDotTerm;
import org.tpe.limit.exact.Lin;
import org.tpe.limit.gauss.GaussianIntegrals;
import org.tpe.model.Covariance;
import org.tpe.model.Input;
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
import org.tpe.network.Network;

/**
 * The second moments the NTK reads, E[Z^{x(ξ_a)} Z^{y(ξ_b)}] for all inputs a, b at once, computed
 * on the single-input program (forward and backward pass) as one k×k block per pair of vectors:
 * the kernel recursions of TP II (its MLP and RNN examples, K^l = V_φ(Σ^l), Σ^{l+1} = σ² K^l, and
 * their backward twins), for whatever program the network is, by the Master Theorem's rules read
 * per pair of inputs (TP IIb App. B, Def. B.3; the NETSOR⊤ Master Theorem for BP-like programs of
 * TP II, Thm. 4.3).
 *
 * <p>Why it is sound: {@link org.tpe.derive.Instantiation} copies the program once per input,
 * sharing the matrices and the initial vectors other than the embeddings, whose copies' covariance
 * is the Gram matrix. Every rule giving E[Z^{u(ξ_a)} Z^{w(ξ_b)}] depends only on the instructions
 * defining u and w and on the (a, b) entries of the blocks of what they read; so the symbolic part
 * (which base Gaussians, which closed form, which factorization into independent groups) is
 * decided once per pair and the k² numbers follow in a loop over double arrays:
 *
 * <ul>
 *   <li>base Gaussians (ZInit, ZHat): each initial vector and the Ẑ of each MatMul. Cov(Z^{x(ξ_a)},
 *       Z^{y(ξ_b)}) of initial vectors is the declared covariance for shared vectors (the same for
 *       every a, b) and σ_U² G[(a, t), (b, s)] for embedding tokens e_t, e_s of one input layer U
 *       (as the instantiation declares it); Cov(Ẑ^{W x(ξ_a)}, Ẑ^{W y(ξ_b)}) = σ_W² E[Z^{x(ξ_a)}
 *       Z^{y(ξ_b)}] within a ZHat family (one matrix word: W and Wᵀ are two), 0 across families
 *       ({@link org.tpe.limit.calculus.ZMatMul}); Z^h = Ẑ^h for every MatMul, since no ZDot term
 *       is present (checked, see {@link #of});
 *   <li>LinComb: bilinear in the blocks of its terms; Nonlin: φ expanded into a sum of products of
 *       atoms ψ(ℓ) of linear forms ℓ of base Gaussians, ψ ∈ {id, relu, step, erf} or
 *       exp(−λℓ²) (erf′ = (2/√π) e^{−h²} in the backward pass);
 *   <li>a second moment: the product of the two expansions, each term split into groups of atoms
 *       reading independent families (an initial vector's component of declared covariances, an
 *       input layer's tokens, a ZHat family); each group has a closed form, exact to rounding:
 *       Isserlis' theorem for products of Gaussians, {@link GaussianIntegrals} (arc-cosine and
 *       Williams' erf kernels, Stein's lemma) for one or two atoms, and E e^{−λY²} = e^{−λm²/(1+2λv)}
 *       /√(1+2λv), E e^{−λ₁Y₁² − λ₂Y₂²} = 1/√((1+2λ₁c₁₁)(1+2λ₂c₂₂) − 4λ₁λ₂c₁₂²) (zero means; a
 *       Gaussian integral of exp of a quadratic form, det(I + 2ΛΣ)^{−1/2} with Λ = diag(λ₁, λ₂)).
 * </ul>
 *
 * <p>Applicability ({@link #of}): every ZDot term of the backward program vanishes (no term is
 * present: BP-like, or no matrix met with its transpose; {@link
 * org.tpe.limit.calculus.ZDotStructure}), no Moment or scalar op is computed (their values would
 * differ per input), and every expectation has one of the closed forms above; otherwise {@link
 * Refused} says why, and the caller takes the instantiated program through the limit engines.
 * Errors: 0 (closed forms only). Cost: O(pairs · terms · k²) closed forms for the pairs read (the
 * kernels' and the ZHat covariances they depend on), with no instantiation and no validation of
 * the k-input program.
 */
final class KernelRecursion implements KernelTerms.Moments {
  /** Largest number of terms a product is distributed into (as the exact engine's expansion). */
  private static final int MAX_TERMS = 256;
  /** Largest group of Gaussian factors whose moment is computed by Isserlis' theorem. */
  private static final int MAX_WICK = 8;

  /** Why the block path does not apply; the message is a sentence for the notes. */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String reason) {
      super(reason, null, false, false);
    }
  }

  private enum Psi { ID, RELU, STEP, ERF, GEXP }

  /** ψ(ℓ), or e^{−λℓ²} for {@link Psi#GEXP}. */
  private record Atom(Psi psi, Lin lin, double lambda) {}

  /** coef · Π atoms. */
  private record Term(double coef, List<Atom> atoms) {
    Term times(Term o) {
      List<Atom> a = new ArrayList<>(atoms);
      a.addAll(o.atoms);
      return new Term(coef * o.coef, a);
    }
  }

  private record LinPair(Lin a, Lin b) {}

  private final int k;
  private final CancellationToken cancel;
  private final Program program;
  private final Map<String, Double> scalarInputs = new HashMap<>();
  // base Gaussians: Z^x of each initial vector x, Ẑ^h of each MatMul h (by the vector's name)
  private final List<String> baseNames = new ArrayList<>();
  private int[] baseFamily = new int[16];
  private double[] baseMean = new double[16];
  private final LongTable<double[]> baseBlocks = new LongTable<>();
  private final LongTable<String> brokenBlocks = new LongTable<>();
  private final Map<LinPair, double[]> linBlocks = new HashMap<>();
  // vectors, by id
  private final Map<String, Integer> vectorId = new HashMap<>();
  private final List<Lin> linear = new ArrayList<>();
  private final List<List<Term>> expansion = new ArrayList<>();
  private final List<String> failure = new ArrayList<>();
  private final LongTable<double[]> pairs = new LongTable<>();
  private long closedForms;
  /** G[(a, t), (b, s)] (the kernel terms' table of {@link Network#gramEntry}). */
  private GramTable gram;

  /** G[(a, t), (b, s)] for inputs a, b (0-based) and tokens t, s (1-based). */
  private interface GramTable {
    double entry(int a, int t, int b, int s);
  }
  /** Above every base and vector index. */
  private final long stride;

  private KernelRecursion(Program program, int k, CancellationToken cancel) {
    this.program = program;
    this.k = k;
    this.cancel = cancel;
    this.stride = program.inputs().size() + program.instructions().size() + 1L;
  }

  /**
   * The block recursion of {@code terms}' backward pass, its base Gaussians and their ZHat
   * covariances built in program order (pairs are computed when first read).
   *
   * @throws Refused when the program is outside the rules above (the reason says which)
   */
  static KernelRecursion of(KernelTerms terms, CancellationToken cancel) {
    Program p = terms.backward.program();
    Network net = terms.net;
    for (Instruction in : p.instructions()) {
      if (in instanceof Moment || in instanceof ScalarOp) {
        throw new Refused(in.target() + " is a " + (in instanceof Moment ? "Moment" : "scalar op")
            + ", whose value differs per input");
      }
    }
    // ZInit and the growth classes were checked when the network was validated (BackwardPass
    // derives only from a valid network, and adds no initial vector): the ZDot structure is the
    // one verdict on the backward pass left to read
    ZDotTerm present = ProgramCalculus.zDotOf(p, Set.of(net.readout().weights())).firstPresent();
    if (present != null) {
      throw new Refused("a ZDot term is present (" + present.describe() + "), so not every"
          + " G-var is Gaussian");
    }
    KernelRecursion r = new KernelRecursion(p, terms.inputs(), cancel);
    r.gram = terms::gram;
    r.build(net);
    return r;
  }

  /** The closed forms evaluated so far (entries of blocks). */
  long closedForms() {
    return closedForms;
  }

  // ---- the program, in order ----------------------------------------------------------------

  private void build(Network net) {
    Map<String, Integer> familyOf = new HashMap<>();
    // initial vectors: one family per input layer, and per component of declared covariances
    Map<String, String> parent = new HashMap<>();
    for (Covariance c : program.covariances()) {
      if (net.embeddingOf(c.a()) != null || net.embeddingOf(c.b()) != null) {
        throw new Refused("a covariance is declared for the embedding vector "
            + (net.embeddingOf(c.a()) != null ? c.a() : c.b()));
      }
      parent.put(root(parent, c.a()), root(parent, c.b()));
    }
    List<VectorInput> vins = program.vectorInputs();
    Map<String, Integer> baseOf = new HashMap<>();
    for (Input in : program.inputs()) {
      if (in instanceof ScalarInput s) {
        scalarInputs.put(s.name(), s.value());
      }
    }
    for (VectorInput v : vins) {
      Network.Embedding e = net.embeddingOf(v.name());
      String fam = e != null ? "U:" + e.matrix() : "init:" + root(parent, v.name());
      int b = addBase(v.name(), familyOf.computeIfAbsent(fam, x -> familyOf.size()),
          e != null ? 0 : v.mean());
      baseOf.put(v.name(), b);
      addVector(v.name(), Lin.unit(b), List.of(new Term(1, List.of(new Atom(Psi.ID,
          Lin.unit(b), 0)))), null);
    }
    initialBlocks(net, vins, baseOf);
    Map<String, List<MatMul>> families = new HashMap<>();
    Map<String, Double> sigma2 = new HashMap<>();
    for (Input in : program.inputs()) {
      if (in instanceof MatrixInput m) {
        sigma2.put(m.name(), m.sigma2());
      }
    }
    Map<String, Integer> hatOf = new HashMap<>();
    Map<String, Integer> hatFamily = new HashMap<>();
    for (Instruction in : program.instructions()) {
      cancel.check();
      String t = in.target();
      if (vectorId.containsKey(t)) {
        continue; // a name defined twice: its first definition holds (as the engines read it)
      }
      if (in instanceof MatMul m) {
        String word = m.matrixWord();
        Integer fid = hatFamily.get(word);
        if (fid == null) {
          fid = familyOf.size() + hatFamily.size();
          hatFamily.put(word, fid);
        }
        int b = addBase(t, fid, 0);
        hatOf.put(t, b);
        double s2 = sigma2.get(m.matrix());
        List<MatMul> fam = families.computeIfAbsent(word, x -> new ArrayList<>());
        fam.add(m);
        // ZHat: Cov(Ẑ^{W x(ξ_a)}, Ẑ^{W x'(ξ_b)}) = σ² E[Z^{x(ξ_a)} Z^{x'(ξ_b)}] within the family
        for (MatMul o : fam) {
          int ob = hatOf.get(o.target());
          long key = key(b, ob);
          try {
            double[] xy = pair(id(m.argument()), id(o.argument()));
            double[] blk = new double[k * k];
            for (int i = 0; i < blk.length; i++) {
              blk[i] = s2 * xy[i];
            }
            putBase(b, ob, blk);
          } catch (Refused r) {
            brokenBlocks.put(key, String.valueOf(r.getMessage()));
            brokenBlocks.put(key(ob, b), String.valueOf(r.getMessage()));
          }
        }
        addVector(t, Lin.unit(b), List.of(new Term(1, List.of(new Atom(Psi.ID, Lin.unit(b),
            0)))), null);
      } else if (in instanceof LinComb l) {
        Lin lin = Lin.constant(0);
        List<Term> ex = new ArrayList<>();
        String fail = null;
        for (LinComb.Term term : l.terms()) {
          int g = id(term.variable());
          Lin gl = linear.get(g);
          lin = lin == null || gl == null ? null : lin.plus(gl, term.coefficient());
          if (failure.get(g) != null) {
            fail = failure.get(g);
          } else {
            for (Term x : expansion.get(g)) {
              ex.add(new Term(x.coef() * term.coefficient(), x.atoms()));
            }
          }
        }
        addVector(t, lin, fail == null ? ex : null, fail);
      } else if (in instanceof Nonlin n) {
        try {
          addVector(t, null, expand(n.phi(), t), null);
        } catch (Refused r) {
          addVector(t, null, null, r.getMessage());
        }
      } else {
        throw new IllegalStateException("refused before: " + in);
      }
    }
  }

  private static String root(Map<String, String> parent, String x) {
    String r = x;
    while (parent.containsKey(r)) {
      r = parent.get(r);
    }
    return r;
  }

  private int addBase(String name, int family, double mean) {
    int i = baseNames.size();
    if (i == baseFamily.length) {
      baseFamily = Arrays.copyOf(baseFamily, 2 * i);
      baseMean = Arrays.copyOf(baseMean, 2 * i);
    }
    baseNames.add(name);
    baseFamily[i] = family;
    baseMean[i] = mean;
    return i;
  }

  private void addVector(String name, Lin lin, List<Term> ex, String fail) {
    vectorId.put(name, linear.size());
    linear.add(lin);
    expansion.add(ex);
    failure.add(fail);
  }

  private int id(String vector) {
    Integer i = vectorId.get(vector);
    if (i == null) {
      throw new IllegalArgumentException("no vector " + vector + " in the backward program");
    }
    return i;
  }

  /** ZInit per pair of inputs: declared covariances (shared vectors) and the Gram matrix. */
  private void initialBlocks(Network net, List<VectorInput> vins, Map<String, Integer> baseOf) {
    for (int i = 0; i < vins.size(); i++) {
      VectorInput x = vins.get(i);
      Network.Embedding ex = net.embeddingOf(x.name());
      for (int j = 0; j <= i; j++) {
        VectorInput y = vins.get(j);
        Network.Embedding ey = net.embeddingOf(y.name());
        double[] blk = new double[k * k];
        if (ex != null && ey != null) {
          if (!ex.equals(ey)) {
            continue; // different input layers are independent
          }
          // as Instantiation declares them: a copy's variance σ_t² G[(a,t),(a,t)], between
          // different copies σ_U² G[(a,t),(b,s)] with σ_U² the first token's variance
          double s2 = ((VectorInput) program.definition(ex.tokens().get(0))).variance();
          int t = ex.tokens().indexOf(x.name()) + 1;
          int s = ey.tokens().indexOf(y.name()) + 1;
          for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
              double g = gram.entry(a, t, b, s);
              blk[a * k + b] = (a == b && t == s ? x.variance() : s2) * g;
            }
          }
        } else if (ex == null && ey == null) {
          double c = i == j ? x.variance() : 0;
          if (i != j) {
            for (Covariance cv : program.covariances()) {
              if (cv.concerns(x.name(), y.name())) {
                c = cv.value();
              }
            }
          }
          if (c == 0 && i != j) {
            continue;
          }
          Arrays.fill(blk, c);
        } else {
          continue;
        }
        putBase(baseOf.get(x.name()), baseOf.get(y.name()), blk);
      }
    }
  }

  /** A pair's key: i·N + j for N above every index (whose Long hash codes do not collide). */
  private long key(int i, int j) {
    return (long) i * stride + j;
  }

  /** Stores Cov(B_i(ξ_a), B_j(ξ_b)) = blk[a·k + b] and its transpose for (j, i). */
  private void putBase(int i, int j, double[] blk) {
    baseBlocks.put(key(i, j), blk);
    if (i != j) {
      baseBlocks.put(key(j, i), transpose(blk));
    }
  }

  private double[] transpose(double[] blk) {
    double[] t = new double[k * k];
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        t[b * k + a] = blk[a * k + b];
      }
    }
    return t;
  }

  /** Cov(B_i(ξ_a), B_j(ξ_b)) as a k·k array, or null when 0 (different families). */
  private double[] baseBlock(int i, int j) {
    if (baseFamily[i] != baseFamily[j]) {
      return null;
    }
    long key = key(i, j);
    if (!brokenBlocks.isEmpty() && brokenBlocks.containsKey(key)) {
      throw new Refused(brokenBlocks.get(key));
    }
    return baseBlocks.get(key); // null: declared uncorrelated within a component
  }

  /** Cov(ℓ(ξ_a), ℓ'(ξ_b)) as a k·k array, or null when 0. */
  private double[] linBlock(Lin p, Lin q) {
    if (p.idx().length == 1 && q.idx().length == 1 && p.coef()[0] == 1 && q.coef()[0] == 1) {
      return baseBlock(p.idx()[0], q.idx()[0]);
    }
    LinPair key = new LinPair(p, q);
    if (linBlocks.containsKey(key)) {
      return linBlocks.get(key);
    }
    double[] out = null;
    for (int i = 0; i < p.idx().length; i++) {
      for (int j = 0; j < q.idx().length; j++) {
        double[] b = baseBlock(p.idx()[i], q.idx()[j]);
        if (b != null) {
          if (out == null) {
            out = new double[k * k];
          }
          double c = p.coef()[i] * q.coef()[j];
          for (int e = 0; e < out.length; e++) {
            out[e] += c * b[e];
          }
        }
      }
    }
    linBlocks.put(key, out);
    return out;
  }

  private double mean(Lin l) {
    double m = l.c();
    for (int i = 0; i < l.idx().length; i++) {
      m += l.coef()[i] * baseMean[l.idx()[i]];
    }
    return m;
  }

  // ---- expansion of a Nonlin ----------------------------------------------------------------

  /** The linear form of e over the base Gaussians, or null if e is not linear. */
  private Lin linearOf(Expr e) {
    return Lin.of(e, name -> {
      Double s = scalarInputs.get(name);
      if (s != null) {
        return Lin.constant(s);
      }
      Integer v = vectorId.get(name);
      return v == null ? null : linear.get(v);
    });
  }

  private static List<Term> constant(double c) {
    if (!Double.isFinite(c)) {
      throw new Refused("the constant " + c + " is not finite");
    }
    return List.of(new Term(c, List.of()));
  }

  private static List<Term> scale(List<Term> ts, double s) {
    List<Term> out = new ArrayList<>(ts.size());
    for (Term t : ts) {
      out.add(new Term(t.coef() * s, t.atoms()));
    }
    return out;
  }

  private static List<Term> multiply(List<Term> a, List<Term> b, String owner) {
    if ((long) a.size() * b.size() > MAX_TERMS) {
      throw new Refused("the expansion of " + owner + " has more than " + MAX_TERMS + " terms");
    }
    List<Term> out = new ArrayList<>(a.size() * b.size());
    for (Term x : a) {
      for (Term y : b) {
        out.add(x.times(y));
      }
    }
    return out;
  }

  /** φ as a sum of products of atoms, with the vectors it reads replaced by their expansions. */
  private List<Term> expand(Expr e, String owner) {
    Lin l = linearOf(e);
    if (l != null) {
      return l.isConstant() ? constant(l.c()) : List.of(new Term(1, List.of(new Atom(Psi.ID, l,
          0))));
    }
    if (e instanceof Expr.Ref r) {
      Integer v = vectorId.get(r.name());
      if (v == null) {
        throw new Refused(owner + " reads " + r.name() + ", which is not an input vector or"
            + " constant");
      }
      if (failure.get(v) != null) {
        throw new Refused(failure.get(v));
      }
      return expansion.get(v);
    } else if (e instanceof Expr.Neg n) {
      return scale(expand(n.operand(), owner), -1);
    } else if (e instanceof Expr.Bin b) {
      switch (b.op()) {
        case '+':
        case '-': {
          List<Term> out = new ArrayList<>(expand(b.left(), owner));
          out.addAll(scale(expand(b.right(), owner), b.op() == '-' ? -1 : 1));
          return out;
        }
        case '*':
          return multiply(expand(b.left(), owner), expand(b.right(), owner), owner);
        case '/': {
          Lin d = linearOf(b.right());
          if (d != null && d.isConstant() && d.c() != 0) {
            return scale(expand(b.left(), owner), 1 / d.c());
          }
          break;
        }
        default: {
          Lin d = linearOf(b.right());
          if (d != null && d.isConstant() && d.c() == Math.rint(d.c()) && d.c() >= 1
              && d.c() <= 8) {
            List<Term> base = expand(b.left(), owner);
            List<Term> acc = base;
            for (int i = 1; i < d.c(); i++) {
              acc = multiply(acc, base, owner);
            }
            return acc;
          }
        }
      }
    } else if (e instanceof Expr.Call c) {
      Expr arg = c.args().get(0);
      Lin a = c.fn().arity() == 1 ? linearOf(arg) : null;
      Psi psi = c.fn() == Fn.RELU ? Psi.RELU : c.fn() == Fn.STEP ? Psi.STEP
          : c.fn() == Fn.ERF ? Psi.ERF : null;
      if (a != null && psi != null) {
        return a.isConstant() ? constant(c.fn().apply(a.c()))
            : List.of(new Term(1, List.of(new Atom(psi, a, 0))));
      }
      if (c.fn() == Fn.EXP) {
        Object[] q = square(arg);
        if (q != null && (double) q[0] < 0 && !((Lin) q[1]).isConstant()) {
          return List.of(new Term(1, List.of(new Atom(Psi.GEXP, (Lin) q[1], -(double) q[0]))));
        }
      }
    }
    throw new Refused("no closed form is used for " + e.toText() + " in " + owner);
  }

  /** (s, ℓ) with e = s·ℓ² for a linear form ℓ, or null. */
  private Object[] square(Expr e) {
    if (e instanceof Expr.Bin b && b.op() == '^') {
      Lin l = linearOf(b.left());
      Lin two = linearOf(b.right());
      return l != null && two != null && two.isConstant() && two.c() == 2
          ? new Object[] {1.0, l} : null;
    } else if (e instanceof Expr.Neg n) {
      Object[] q = square(n.operand());
      return q == null ? null : new Object[] {-(double) q[0], q[1]};
    } else if (e instanceof Expr.Bin b && (b.op() == '*' || b.op() == '/')) {
      Lin r = linearOf(b.right());
      if (r != null && r.isConstant() && (b.op() == '*' || r.c() != 0)) {
        Object[] q = square(b.left());
        return q == null ? null
            : new Object[] {(double) q[0] * (b.op() == '*' ? r.c() : 1 / r.c()), q[1]};
      }
      Lin l = b.op() == '*' ? linearOf(b.left()) : null;
      if (l != null && l.isConstant()) {
        Object[] q = square(b.right());
        return q == null ? null : new Object[] {(double) q[0] * l.c(), q[1]};
      }
    }
    return null;
  }

  // ---- second moments -----------------------------------------------------------------------

  @Override
  public Estimate of(String x, int a, String y, int b) {
    return Estimate.exact(pair(id(x), id(y))[a * k + b]);
  }

  @Override
  public void block(String x, String y, int kk, double[][] values, double[][] errors) {
    double[] p = pair(id(x), id(y));
    for (int a = 0; a < k; a++) {
      System.arraycopy(p, a * k, values[a], 0, k);
      Arrays.fill(errors[a], 0);
    }
  }

  /** E[Z^{u(ξ_a)} Z^{w(ξ_b)}] at [a·k + b], memoized. */
  private double[] pair(int u, int w) {
    long key = key(u, w);
    double[] known = pairs.get(key);
    if (known != null) {
      return known;
    }
    if (u > w) {
      double[] t = transpose(pair(w, u));
      pairs.put(key, t);
      return t;
    }
    cancel.check();
    if (failure.get(u) != null || failure.get(w) != null) {
      throw new Refused(failure.get(failure.get(u) != null ? u : w));
    }
    boolean sym = u == w;
    double[] out = new double[k * k];
    for (Term t : expansion.get(u)) {
      for (Term s : expansion.get(w)) {
        addProduct(out, t, s, sym);
      }
    }
    for (int a = 0; a < k; a++) {
      for (int b = sym ? a : 0; b < k; b++) {
        if (!Double.isFinite(out[a * k + b])) {
          throw new Refused("E[" + name(u) + " " + name(w) + "] overflows");
        }
        if (sym) {
          out[b * k + a] = out[a * k + b];
        }
      }
    }
    pairs.put(key, out);
    return out;
  }

  private String name(int v) {
    for (Map.Entry<String, Integer> e : vectorId.entrySet()) {
      if (e.getValue() == v) {
        return e.getKey();
      }
    }
    return "#" + v;
  }

  /**
   * Adds c_t c_s E[Π t.atoms(ξ_a) Π s.atoms(ξ_b)] to out[a·k + b] (b ≥ a only when {@code sym}),
   * the product split once into independent groups, each evaluated by its closed form.
   */
  private void addProduct(double[] out, Term t, Term s, boolean sym) {
    double c = t.coef() * s.coef();
    if (c == 0) {
      return;
    }
    int n = t.atoms().size() + s.atoms().size();
    Atom[] atoms = new Atom[n];
    boolean[] second = new boolean[n];
    for (int i = 0; i < n; i++) {
      boolean b = i >= t.atoms().size();
      atoms[i] = b ? s.atoms().get(i - t.atoms().size()) : t.atoms().get(i);
      second[i] = b;
    }
    // groups: atoms reading a common family of base Gaussians (others are independent)
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (shareFamily(atoms[i].lin(), atoms[j].lin())) {
          parent[find(parent, i)] = find(parent, j);
        }
      }
    }
    List<Group> groups = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      if (find(parent, r) != r) {
        continue;
      }
      List<Integer> members = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (find(parent, i) == r) {
          members.add(i);
        }
      }
      Group g = group(members, atoms, second);
      if (g.constant == 0) {
        return; // an independent zero-mean factor: the whole product is 0
      }
      groups.add(g);
    }
    for (int a = 0; a < k; a++) {
      for (int b = sym ? a : 0; b < k; b++) {
        double v = c;
        for (int g = 0; g < groups.size() && v != 0; g++) {
          v *= groups.get(g).value(a, b);
        }
        out[a * k + b] += v;
      }
    }
    closedForms += (long) groups.size() * (sym ? k * (k + 1) / 2 : k * k);
  }

  private boolean shareFamily(Lin p, Lin q) {
    for (int i : p.idx()) {
      for (int j : q.idx()) {
        if (baseFamily[i] == baseFamily[j]) {
          return true;
        }
      }
    }
    return false;
  }

  private static int find(int[] p, int i) {
    while (p[i] != i) {
      p[i] = p[p[i]];
      i = p[i];
    }
    return i;
  }

  /** The closed form of one group, decided once for all entries. */
  private Group group(List<Integer> members, Atom[] atoms, boolean[] second) {
    int n = members.size();
    Atom[] as = new Atom[n];
    boolean[] sides = new boolean[n];
    double[] means = new double[n];
    double[][][] cov = new double[n][n][];
    boolean allId = true;
    for (int i = 0; i < n; i++) {
      as[i] = atoms[members.get(i)];
      sides[i] = second[members.get(i)];
      means[i] = mean(as[i].lin());
      allId &= as[i].psi() == Psi.ID;
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        cov[i][j] = linBlock(as[i].lin(), as[j].lin());
      }
    }
    Group g = new Group(as, sides, means, cov);
    if (allId && n <= MAX_WICK) {
      g.kind = Group.WICK;
      if (n == 1) {
        g.constant = means[0];
      }
      return g;
    }
    if (n == 1 && as[0].psi() == Psi.GEXP) {
      g.kind = Group.GEXP1;
      return g;
    }
    if (n == 1) {
      g.kind = Group.ONE;
      return g;
    }
    if (n == 2 && as[0].psi() == Psi.GEXP && as[1].psi() == Psi.GEXP && means[0] == 0
        && means[1] == 0) {
      g.kind = Group.GEXP2;
      return g;
    }
    if (n == 2 && as[0].psi() != Psi.GEXP && as[1].psi() != Psi.GEXP) {
      Psi p = as[0].psi();
      Psi q = as[1].psi();
      boolean known = p == Psi.ID || q == Psi.ID || ((means[0] == 0 && means[1] == 0)
          && ((p != Psi.ERF && q != Psi.ERF) || (p == Psi.ERF && q == Psi.ERF)));
      if (known) {
        g.kind = Group.TWO;
        return g;
      }
    }
    StringBuilder what = new StringBuilder();
    for (Atom a : as) {
      what.append(what.length() == 0 ? "" : " · ").append(a.psi() == Psi.GEXP ? "exp(−λℓ²)"
          : a.psi().name().toLowerCase());
    }
    throw new Refused("no closed form is used for E[" + what + "] (dependent factors)");
  }

  private static Fn fn(Psi p) {
    return switch (p) {
      case ID -> Fn.ID;
      case RELU -> Fn.RELU;
      case STEP -> Fn.STEP;
      case ERF -> Fn.ERF;
      case GEXP -> throw new IllegalStateException("exp(−λℓ²) is not a GaussianIntegrals atom");
    };
  }

  /** One group of dependent atoms with its closed form. */
  private final class Group {
    static final int WICK = 0;
    static final int ONE = 1;
    static final int TWO = 2;
    static final int GEXP1 = 3;
    static final int GEXP2 = 4;

    final Atom[] atoms;
    final boolean[] second;
    final double[] means;
    /** Cov(ℓ_i(ξ_{side i}), ℓ_j(ξ_{side j})) blocks; null: 0. */
    final double[][][] cov;
    /** The atoms' functions for {@link GaussianIntegrals} (null for exp(−λℓ²)). */
    final Fn[] fns;
    int kind;
    /** The value when it is the same for every entry (a lone Gaussian's mean), else NaN. */
    double constant = Double.NaN;

    Group(Atom[] atoms, boolean[] second, double[] means, double[][][] cov) {
      this.atoms = atoms;
      this.second = second;
      this.means = means;
      this.cov = cov;
      this.fns = new Fn[atoms.length];
      for (int i = 0; i < atoms.length; i++) {
        fns[i] = atoms[i].psi() == Psi.GEXP ? null : fn(atoms[i].psi());
      }
    }

    private double c(int i, int j, int a, int b) {
      double[] blk = cov[i][j];
      return blk == null ? 0 : blk[(second[i] ? b : a) * k + (second[j] ? b : a)];
    }

    double value(int a, int b) {
      if (!Double.isNaN(constant)) {
        return constant;
      }
      switch (kind) {
        case WICK: {
          int n = atoms.length;
          if (n == 2) {
            return means[0] * means[1] + c(0, 1, a, b);
          }
          double[][] cc = new double[n][n];
          for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
              cc[i][j] = c(i, j, a, b);
            }
          }
          return wick((1 << n) - 1, means, cc);
        }
        case ONE:
          return GaussianIntegrals.expect(fns[0], means[0], c(0, 0, a, b));
        case TWO: {
          double v = GaussianIntegrals.expect(fns[0], fns[1], means[0], means[1], c(0, 0, a, b),
              c(0, 1, a, b), c(1, 1, a, b));
          if (Double.isNaN(v)) {
            throw new Refused("no closed form for E[" + atoms[0].psi() + " " + atoms[1].psi()
                + "]");
          }
          return v;
        }
        case GEXP1: {
          // E e^{−λY²}, Y ~ N(m, v): e^{−λm²/(1+2λv)} / √(1 + 2λv)
          double l = atoms[0].lambda();
          double d = 1 + 2 * l * c(0, 0, a, b);
          return Math.exp(-l * means[0] * means[0] / d) / Math.sqrt(d);
        }
        default: {
          // E e^{−λ₁Y₁² − λ₂Y₂²} = det(I + 2ΛΣ)^{−1/2}, zero means
          double l1 = atoms[0].lambda();
          double l2 = atoms[1].lambda();
          double c12 = c(0, 1, a, b);
          return 1 / Math.sqrt((1 + 2 * l1 * c(0, 0, a, b)) * (1 + 2 * l2 * c(1, 1, a, b))
              - 4 * l1 * l2 * c12 * c12);
        }
      }
    }
  }

  /** E Π Y_i over the set of atoms (bits), Isserlis' theorem with means, by recursion. */
  private static double wick(int set, double[] m, double[][] c) {
    if (set == 0) {
      return 1;
    }
    int i = Integer.numberOfTrailingZeros(set);
    int rest = set & ~(1 << i);
    double v = m[i] == 0 ? 0 : m[i] * wick(rest, m, c);
    for (int r = rest; r != 0; r &= r - 1) {
      int j = Integer.numberOfTrailingZeros(r);
      if (c[i][j] != 0) {
        v += c[i][j] * wick(rest & ~(1 << j), m, c);
      }
    }
    return v;
  }
}
