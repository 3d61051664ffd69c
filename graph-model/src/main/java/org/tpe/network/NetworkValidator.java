package org.tpe.network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.tpe.model.Covariance;
import org.tpe.model.Instruction;
import org.tpe.model.MatMul;
import org.tpe.model.Problem;
import org.tpe.model.Program;
import org.tpe.model.SourcePos;
import org.tpe.model.VarKind;
import org.tpe.model.VectorInput;

/**
 * Checks a program's network declarations ({@link Network}; TP IIb Setup 5.2) and reports every
 * problem with its place ({@code line:col} from the text, the variable for the canvas): no
 * readout, readout weights that are not a zero-mean initial vector independent of the rest, a
 * readout that does not read a vector, a parameter that is undefined, not a matrix / initial
 * vector / input layer, or never used; an embedding whose vectors are not zero-mean initial
 * vectors of one variance; inputs missing; Gram rows missing, repeated, of the wrong length, not
 * symmetric, not positive semidefinite; a parametrization whose initialisation exponent a + b
 * contradicts the program's normalisation; and the training setup ({@link TrainingValidator}).
 * Called by {@code Validator} for every program that
 * declares a network. Never throws. Cost O(program size + (kT)³) for k inputs of T tokens.
 */
public final class NetworkValidator {
  /**
   * A Gram matrix is accepted as PSD when its smallest eigenvalue is ≥ −{@value} times its
   * largest entry: the tolerance the validator uses for initial covariances, which the Gram
   * matrix becomes (times σ_U²) when the network is instantiated on its inputs.
   */
  public static final double PSD_TOLERANCE = 1e-9;
  /** Symmetry tolerance of the Gram matrix, relative to its largest entry. */
  public static final double SYMMETRY_TOLERANCE = 1e-12;

  private final Program p;
  private final Network net;
  private final NetworkSource src;
  private final List<Problem> problems = new ArrayList<>();
  private final Map<String, List<Instruction>> readers = new HashMap<>();
  /** The matrices some MatMul multiplies by. */
  private final Set<String> multiplied = new HashSet<>();

  private NetworkValidator(Program p) {
    this.p = p;
    this.net = p.network();
    this.src = net.source();
    for (Instruction ins : p.instructions()) {
      for (String a : ins.arguments()) {
        readers.computeIfAbsent(a, k -> new ArrayList<>()).add(ins);
      }
      if (ins instanceof MatMul m) {
        multiplied.add(m.matrix());
      }
    }
  }

  /** The problems of {@code program}'s network declarations (none when it declares none). */
  public static List<Problem> validate(Program program) {
    if (program.network().isEmpty()) {
      return List.of();
    }
    NetworkValidator v = new NetworkValidator(program);
    v.readout();
    v.embeddings();
    v.params();
    v.inputs();
    v.problems.addAll(TrainingValidator.validate(v.net));
    return v.problems;
  }

  private void error(String message, SourcePos pos, String subject) {
    problems.add(Problem.error(message, pos, subject));
  }

  private String kindText(String name) {
    VarKind k = p.kindOf(name);
    if (k == null) {
      return "not defined";
    }
    return switch (k) {
      case A -> "a matrix";
      case SCALAR -> "a scalar";
      default -> p.definition(name) instanceof VectorInput ? "an initial vector"
          : "a vector computed by the program (" + k.label() + "-var)";
    };
  }

  // ---- readout --------------------------------------------------------------------------------

  private void readout() {
    Network.Readout r = net.readout();
    if (r == null) {
      error("the network has no readout: add 'readout v · x' naming the readout weights v (an"
          + " initial vector N(0, σ²)) and the vector x the output f = vᵀx/√n reads",
          src.first(), null);
      return;
    }
    SourcePos wp = src.readout(false);
    SourcePos vp = src.readout(true);
    if (!(p.definition(r.weights()) instanceof VectorInput w)) {
      error("the readout weights " + r.weights() + " must be an initial vector (input "
          + r.weights() + " : G(n) ~ N(0, σ²)); " + r.weights() + " is " + kindText(r.weights()),
          wp, r.weights());
    } else {
      if (w.mean() != 0) {
        error("the readout weights " + r.weights() + " have mean " + w.mean() + "; readout"
            + " weights are N(0, σ²) (the Simple GIA Check needs them zero-mean)", wp,
            r.weights());
      }
      for (Covariance c : p.covariances()) {
        if ((c.a().equals(r.weights()) || c.b().equals(r.weights())) && c.value() != 0) {
          error("the readout weights " + r.weights() + " are correlated with "
              + (c.a().equals(r.weights()) ? c.b() : c.a()) + " (cov ≠ 0); readout weights are"
              + " sampled independently of everything else", wp, r.weights());
        }
      }
      if (net.embeddingOf(r.weights()) != null) {
        error(r.weights() + " is an embedding vector, so it cannot be the readout weights", wp,
            r.weights());
      }
    }
    VarKind vk = p.kindOf(r.vector());
    if (vk == null || !vk.isVector()) {
      error("the readout must read a vector, but " + r.vector() + " is " + kindText(r.vector())
          + "; the output is f = " + r.weights() + "ᵀx/√n for a vector x of the program", vp,
          r.vector());
    } else if (r.vector().equals(r.weights())) {
      error("the readout weights cannot read themselves: f = vᵀv/√n is not a network output",
          vp, r.vector());
    }
  }

  // ---- embeddings -----------------------------------------------------------------------------

  private void embeddings() {
    List<Network.Embedding> es = net.embeddings();
    if (es.isEmpty()) {
      error("the network has no input layer: say which initial vectors are the embeddings Uξ/√d"
          + " of the inputs, e.g. 'embedding U : h1' (or 'embedding U : e1, e2' for the tokens"
          + " of a sequence)", src.first(), null);
      return;
    }
    Set<String> seenTokens = new HashSet<>();
    Set<String> seenMatrices = new HashSet<>();
    int tokens = es.get(0).tokens().size();
    for (int i = 0; i < es.size(); i++) {
      Network.Embedding e = es.get(i);
      SourcePos at = src.embedding(i, null);
      if (!seenMatrices.add(e.matrix())) {
        error("the input layer " + e.matrix() + " is declared twice; list all its embedding"
            + " vectors in one statement", at, null);
      }
      if (p.isDefined(e.matrix())) {
        error(e.matrix() + " names " + kindText(e.matrix()) + " of the program, but an input"
            + " layer's matrix U is n×d and lives outside the program; choose another name", at,
            e.matrix());
      }
      if (e.tokens().size() != tokens) {
        error("the input layer " + e.matrix() + " has " + e.tokens().size() + " embedding"
            + " vectors but " + es.get(0).matrix() + " has " + tokens + "; every input layer"
            + " reads the same tokens of each input", at, null);
      }
      Double variance = null;
      for (String t : e.tokens()) {
        SourcePos tp = src.embedding(i, t);
        if (!seenTokens.add(t)) {
          error(t + " is listed as an embedding vector twice", tp, t);
          continue;
        }
        if (!(p.definition(t) instanceof VectorInput v)) {
          error("the embedding vector " + t + " must be an initial vector (input " + t
              + " : G(n) ~ N(0, σ_U²)); " + t + " is " + kindText(t), tp, t);
          continue;
        }
        if (v.mean() != 0) {
          error("the embedding " + t + " = " + e.matrix() + "ξ/√d has mean 0, not " + v.mean(),
              tp, t);
        }
        if (variance != null && v.variance() != variance) {
          error("the embedding vectors of " + e.matrix() + " share one variance σ_U² (the"
              + " variance of " + e.matrix() + "'s entries), but " + t + " has " + v.variance()
              + " and " + e.tokens().get(0) + " has " + variance, tp, t);
        }
        if (variance == null) {
          variance = v.variance();
        }
        for (Covariance c : p.covariances()) {
          if (c.a().equals(t) || c.b().equals(t)) {
            error("cov(" + c.a() + ", " + c.b() + "): the covariances of an embedding vector"
                + " come from the Gram matrix of the inputs; remove this cov", tp, t);
            break;
          }
        }
      }
    }
  }

  // ---- parameters -----------------------------------------------------------------------------

  private void params() {
    Set<String> seen = new HashSet<>();
    Network.Readout r = net.readout();
    for (int i = 0; i < net.params().size(); i++) {
      Network.Param param = net.params().get(i);
      for (String name : param.names()) {
        if (!seen.add(name)) {
          problems.add(Problem.warning("parameter " + name + " is declared twice",
              src.param(i, name), name));
          continue;
        }
        Role role = role(name);
        if (role == null) {
          String why = net.embeddingOf(name) != null
              ? name + " is an embedding vector of the input layer "
                  + net.embeddingOf(name).matrix() + ": declare the layer (param "
                  + net.embeddingOf(name).matrix() + ") as the parameter"
              : p.isDefined(name) ? name + " is " + kindText(name) + "; parameters are"
                  + " matrices, initial vectors (biases, readout weights) and input layers"
              : "parameter " + name + " is not defined: declare it (input " + name
                  + " : A(n, n), input " + name + " : G(n)) or name an input layer";
          error(why, src.param(i, name), p.isDefined(name) ? name : null);
          continue;
        }
        if (!used(name, role)) {
          error("parameter " + name + " is never used: "
              + (role == Role.HIDDEN ? "no MatMul multiplies by " + name
                  : role == Role.INPUT ? "no instruction reads its embedding vectors"
                  : "no instruction reads " + name + " and it is not the readout weights")
              + "; remove it from the param list or use it", src.param(i, name), name);
        }
        Parametrization.Abc abc = net.parametrizationOf(name).exponents(role);
        double want = role == Role.READOUT ? Double.NaN : Parametrization.programInitScale(role);
        if (!Double.isNaN(want) && Math.abs(abc.initScale() - want) > 1e-12) {
          error(name + " (" + role.label() + ") has a + b = " + num(abc.initScale())
              + " in " + net.parametrizationOf(name).text() + ", so its entries at"
              + " initialisation are of size n^" + num(-abc.initScale()) + "; the program holds "
              + (role == Role.HIDDEN ? "a matrix with entries N(0, σ²/n), i.e. a + b = 1/2"
                  : "a vector with coordinates of order 1, i.e. a + b = 0")
              + "; choose exponents with that sum", src.paramParametrization(i), name);
        }
      }
    }
    if (r != null && p.definition(r.weights()) instanceof VectorInput) {
      Parametrization.Abc abc = net.parametrizationOf(r.weights()).exponents(Role.READOUT);
      if (abc.initScale() < 0.5 - 1e-12) {
        error("the readout weights " + r.weights() + " have a + b = " + num(abc.initScale())
            + " < 1/2: the output f = n^" + num(-abc.initScale()) + " vᵀx grows without bound"
            + " with the width", src.readout(false), r.weights());
      }
    }
  }

  /** The role of a parameter name, or null when it cannot be one. */
  Role role(String name) {
    return role(p, net, name);
  }

  private static Role role(Program p, Network net, String name) {
    if (net.embeddingNamed(name) != null) {
      return Role.INPUT;
    }
    VarKind k = p.kindOf(name);
    if (k == VarKind.A) {
      return Role.HIDDEN;
    }
    if (p.definition(name) instanceof VectorInput && net.embeddingOf(name) == null) {
      return net.readout() != null && net.readout().weights().equals(name) ? Role.READOUT
          : Role.BIAS;
    }
    return null;
  }

  /** The role of {@code name} in {@code program}'s network, or null (see the validator). */
  public static Role roleOf(Program program, String name) {
    return role(program, program.network(), name); // reads no dataflow: no validator is built
  }

  private boolean used(String name, Role role) {
    return switch (role) {
      case HIDDEN -> multiplied.contains(name);
      case INPUT -> net.embeddingNamed(name).tokens().stream()
          .anyMatch(t -> readers.containsKey(t));
      case READOUT -> true;
      case BIAS -> readers.containsKey(name);
    };
  }

  // ---- inputs and their Gram matrix -----------------------------------------------------------

  private void inputs() {
    List<String> ins = net.inputs();
    if (ins.isEmpty()) {
      error("the network has no inputs: list them ('inputs ξ1, ξ2') and give their"
          + " dimension-normalised Gram matrix ξᵢ·ξⱼ/d row by row ('gram ξ1 : 1, 0.5')",
          src.first(), null);
      return;
    }
    Set<String> names = new HashSet<>();
    for (String in : ins) {
      if (!names.add(in)) {
        error("input " + in + " is listed twice", src.inputs(in), null);
      }
    }
    int tokens = net.tokenCount();
    int size = ins.size() * tokens;
    double[][] g = new double[size][size];
    boolean[] have = new boolean[size];
    boolean complete = true;
    List<Network.GramRow> rows = net.gram();
    for (int r = 0; r < rows.size(); r++) {
      Network.GramRow row = rows.get(r);
      SourcePos at = src.gramRow(r, -1);
      int a = ins.indexOf(row.input());
      if (a < 0) {
        error("gram " + row.label() + ": " + row.input() + " is not an input (the inputs are "
            + String.join(", ", ins) + ")", at, null);
        complete = false;
        continue;
      }
      if (row.token() == 0 && tokens > 1) {
        error("gram " + row.label() + ": the inputs are sequences of " + tokens + " tokens, so"
            + " give one row per token: gram " + row.input() + "(1) : …, gram " + row.input()
            + "(2) : …", at, null);
        complete = false;
        continue;
      }
      if (row.tokenIndex() > tokens) {
        error("gram " + row.label() + ": there are only " + tokens + " token(s) per input", at,
            null);
        complete = false;
        continue;
      }
      int index = a * tokens + row.tokenIndex() - 1;
      if (have[index]) {
        error("gram " + row.label() + " is given twice", at, null);
        complete = false;
        continue;
      }
      if (row.values().size() != size) {
        error("gram " + row.label() + " has " + row.values().size() + " entr"
            + (row.values().size() == 1 ? "y" : "ies") + " but there " + (ins.size() == 1
            ? "is 1 input" : "are " + ins.size() + " inputs") + (tokens > 1 ? " of " + tokens
            + " tokens" : "") + " (" + String.join(", ", ins) + "): a row of the Gram matrix has"
            + " " + size + " entries", at, null);
        complete = false;
        continue;
      }
      have[index] = true;
      for (int j = 0; j < size; j++) {
        g[index][j] = row.values().get(j);
      }
    }
    for (int i = 0; i < size; i++) {
      if (!have[i] && complete) {
        String label = ins.get(i / tokens) + (tokens > 1 ? "(" + (i % tokens + 1) + ")" : "");
        error("no Gram row for " + label + ": give 'gram " + label + " : …' with " + size
            + " entries", src.inputs(ins.get(i / tokens)), null);
        complete = false;
      }
    }
    if (!complete) {
      return;
    }
    gramProperties(g, tokens);
  }

  private void gramProperties(double[][] g, int tokens) {
    int size = g.length;
    double scale = 0;
    for (double[] row : g) {
      for (double v : row) {
        scale = Math.max(scale, Math.abs(v));
      }
    }
    List<Network.GramRow> rows = net.gram();
    for (int i = 0; i < size; i++) {
      if (g[i][i] < 0) {
        error("the Gram matrix has a negative diagonal entry " + num(g[i][i]) + " (ξ·ξ/d is a"
            + " squared norm)", posOfEntry(rows, i, i, tokens), null);
        return;
      }
      for (int j = i + 1; j < size; j++) {
        if (Math.abs(g[i][j] - g[j][i]) > SYMMETRY_TOLERANCE * Math.max(scale, 1e-300)) {
          error("the Gram matrix is not symmetric: entry " + (j + 1) + " of row " + (i + 1)
              + " is " + num(g[i][j]) + " but entry " + (i + 1) + " of row " + (j + 1) + " is "
              + num(g[j][i]), posOfEntry(rows, j, i, tokens), null);
          return;
        }
      }
    }
    if (size < 2) {
      return;
    }
    // a 2×2 minor that fails names the entry to change
    for (int i = 0; i < size; i++) {
      for (int j = i + 1; j < size; j++) {
        if (g[i][j] * g[i][j] > g[i][i] * g[j][j] * (1 + 1e-12) + PSD_TOLERANCE * scale * scale) {
          error("the Gram matrix is not positive semidefinite: |G[" + (i + 1) + "][" + (j + 1)
              + "]| = " + num(Math.abs(g[i][j])) + " exceeds √(G[" + (i + 1) + "][" + (i + 1)
              + "]·G[" + (j + 1) + "][" + (j + 1) + "]) = " + num(Math.sqrt(g[i][i] * g[j][j]))
              + " (Cauchy–Schwarz: |ξᵢ·ξⱼ| ≤ |ξᵢ||ξⱼ|); lower it or raise the diagonal",
              posOfEntry(rows, i, j, tokens), null);
          return;
        }
      }
    }
    // entries of ordinary size only: extreme ones go to the eigenvalues, which say when they
    // cannot be checked
    if (scale > 1e-100 && scale < 1e100 && positiveDefinite(g)) {
      return;
    }
    EigenDecomposition ed;
    try {
      ed = new EigenDecomposition(new Array2DRowRealMatrix(g, false));
    } catch (RuntimeException e) { // the iteration does not converge on extreme entries
      error("the Gram matrix cannot be checked for positive semidefiniteness: its entries"
          + " (largest " + num(scale) + ") are too far apart in magnitude to factorise; rescale"
          + " the inputs", posOfEntry(rows, 0, 0, tokens), null);
      return;
    }
    double[] ev = ed.getRealEigenvalues();
    int worst = 0;
    for (int e = 1; e < size; e++) {
      if (ev[e] < ev[worst]) {
        worst = e;
      }
    }
    if (ev[worst] >= -PSD_TOLERANCE * Math.max(scale, 1e-300)) {
      return;
    }
    double[] vec = ed.getEigenvector(worst).toArray();
    List<String> who = new ArrayList<>();
    int first = -1;
    for (int i = 0; i < size; i++) {
      if (Math.abs(vec[i]) > 1e-3) {
        who.add(String.valueOf(i + 1));
        first = first < 0 ? i : first;
      }
    }
    error("the Gram matrix is not positive semidefinite (smallest eigenvalue "
        + String.format("%.3g", ev[worst]) + ", carried by rows " + String.join(", ", who)
        + "): no inputs ξ have these inner products ξᵢ·ξⱼ/d; lower the off-diagonal entries"
        + " between those rows or raise their diagonal", posOfEntry(rows, first, first, tokens),
        null);
  }

  /**
   * Whether the Cholesky factorization G = L Lᵀ succeeds with every pivot positive: then G is
   * positive definite up to rounding (the computed factor is exact for some G + ΔG with |ΔG| ≲
   * n·ε·|G|, far inside {@link #PSD_TOLERANCE}), so the eigenvalue test would pass too. O(n³/6),
   * the fast path; a singular or indefinite G goes on to the eigenvalues, which name the rows.
   */
  private static boolean positiveDefinite(double[][] g) {
    int n = g.length;
    double[][] l = new double[n][n];
    for (int j = 0; j < n; j++) {
      double d = g[j][j];
      for (int q = 0; q < j; q++) {
        d -= l[j][q] * l[j][q];
      }
      if (!(d > 0)) {
        return false;
      }
      double s = Math.sqrt(d);
      l[j][j] = s;
      for (int i = j + 1; i < n; i++) {
        double v = g[i][j];
        for (int q = 0; q < j; q++) {
          v -= l[i][q] * l[j][q];
        }
        l[i][j] = v / s;
      }
    }
    return true;
  }

  /** The position of entry (i, j) of the full Gram matrix in its row statement. */
  private SourcePos posOfEntry(List<Network.GramRow> rows, int i, int j, int tokens) {
    String input = net.inputs().get(i / tokens);
    int token = i % tokens + 1;
    for (int r = 0; r < rows.size(); r++) {
      if (rows.get(r).input().equals(input) && rows.get(r).tokenIndex() == token) {
        return src.gramRow(r, j);
      }
    }
    return src.first();
  }

  private static String num(double v) {
    return org.tpe.expr.ExprPrinter.number(v);
  }
}
