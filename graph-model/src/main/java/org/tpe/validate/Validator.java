package org.tpe.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.jgrapht.alg.cycle.CycleDetector;
import org.tpe.expr.Expr;
import org.tpe.expr.Fn;
import org.tpe.model.Covariance;
import org.tpe.model.Input;
import org.tpe.model.Instruction;
import org.tpe.model.LinComb;
import org.tpe.model.MatMul;
import org.tpe.model.MatrixInput;
import org.tpe.model.Moment;
import org.tpe.model.Nonlin;
import org.tpe.model.Problem;
import org.tpe.model.Program;
import org.tpe.model.ProgramGraph;
import org.tpe.model.ScalarInput;
import org.tpe.model.ScalarOp;
import org.tpe.model.SourceMap;
import org.tpe.model.SourcePos;
import org.tpe.model.Statement;
import org.tpe.model.VarKind;
import org.tpe.model.VectorInput;

/**
 * Checks a program against DESIGN §3 and reports, with the place of each problem (line:col from
 * the text, and the variable for the canvas): undefined and redefined names, use before
 * definition, cycles, kinds in the wrong place (a matrix where a vector is expected and vice
 * versa, a vector where a scalar is expected), Moments of expressions without vectors, bad
 * variances, non-PSD initial covariances; and as warnings, hypotheses of the Master Theorems that
 * may fail (functions that are not polynomially bounded or not pseudo-Lipschitz). For a
 * well-formed program it also gives the language level, reducedness and the BP-like verdict.
 *
 * <p>Never throws on a program: every finding is a {@link Problem}. Cost O(V + E) plus one
 * eigendecomposition of the initial covariance (k³ for k initial vectors).
 */
public final class Validator {
  private final Program p;
  private final SourceMap src;
  private final Set<String> declaredReadouts;
  private final List<Problem> problems = new ArrayList<>();

  private Validator(Program p, Set<String> declaredReadouts) {
    this.p = p;
    this.src = p.sourceMap();
    // a network declares its readout weights: they are where its backward pass starts
    this.declaredReadouts = !declaredReadouts.isEmpty() ? Set.copyOf(declaredReadouts)
        : p.network().readout() != null ? Set.of(p.network().readout().weights()) : Set.of();
  }

  /**
   * Validates {@code program}; the BP-like verdict checks the readout weights of its network
   * declarations when it has any, and guesses readouts from the program's shape otherwise.
   */
  public static ValidationReport validate(Program program) {
    return new Validator(program, Set.of()).run();
  }

  /**
   * Validates {@code program} whose readouts (where backpropagation starts: the readout weights
   * of a network's backward pass) are declared: the BP-like verdict checks the Simple GIA Check
   * for these vectors instead of guessing them from the program's shape.
   */
  public static ValidationReport validate(Program program, Set<String> declaredReadouts) {
    return new Validator(program, declaredReadouts).run();
  }

  private ValidationReport run() {
    if (p.inputs().isEmpty() && p.instructions().isEmpty()) {
      problems.add(Problem.error("the program is empty: declare an input (for example"
          + " 'input u : G(n)') and compute something from it", new SourcePos(1, 1), null));
      return new ValidationReport(problems, LanguageLevel.NETSOR, true,
          new BpLikeVerdict(false, false, List.of(), "empty program"), "");
    }
    checkDefinitions();
    checkInputs();
    checkInstructions();
    checkOutputs();
    problems.addAll(org.tpe.network.NetworkValidator.validate(p));
    boolean ok = problems.stream().noneMatch(Problem::isError);
    LanguageLevel level = level();
    boolean reduced = isReduced(p);
    BpLikeVerdict bp = ok ? bpLike() : new BpLikeVerdict(false, false, List.of(),
        "the program has errors");
    String theorem = ok ? masterTheorem(level, bp) : "";
    if (ok) {
      warnFunctions();
      problems.add(Problem.info(level.label() + " program, " + (reduced ? "reduced"
          : "not reduced (paths are computed on its reduction)") + "; " + theorem, null, null));
    }
    return new ValidationReport(problems, level, reduced, bp, theorem);
  }

  // ---- names ----------------------------------------------------------------------------------

  private SourcePos posOf(Statement s) {
    int i = p.inputs().indexOf(s);
    if (i >= 0) {
      return src.input(i);
    }
    return src.instruction(p.instructions().indexOf(s));
  }

  private void checkDefinitions() {
    Map<String, Statement> first = new HashMap<>();
    List<Statement> all = p.statements();
    for (int k = 0; k < all.size(); k++) {
      Statement s = all.get(k);
      SourcePos pos = k < p.inputs().size() ? src.input(k)
          : src.instruction(k - p.inputs().size());
      Statement prev = first.putIfAbsent(s.target(), s);
      if (prev != null) {
        SourcePos pp = posOf(prev);
        problems.add(Problem.error("'" + s.target() + "' is defined twice" + (pp == null ? ""
            : " (first at line " + pp.line() + ")") + "; every variable is defined once —"
            + " give this one another name (e.g. " + s.target() + "')", pos, s.target()));
      }
    }
    // undefined names and use before definition; cycles
    ProgramGraph g = ProgramGraph.of(p);
    CycleDetector<String, ProgramGraph.Dependency> cycles = new CycleDetector<>(g.graph());
    Set<String> inCycle = cycles.detectCycles() ? cycles.findCycles() : Set.of();
    Set<String> reportedCycle = new HashSet<>();
    Map<String, Integer> order = new HashMap<>();
    for (int i = 0; i < p.instructions().size(); i++) {
      order.putIfAbsent(p.instructions().get(i).target(), i);
    }
    for (int i = 0; i < p.instructions().size(); i++) {
      Instruction ins = p.instructions().get(i);
      for (String a : ins.arguments()) {
        SourcePos pos = src.reference(i, a);
        if (a.equals("n")) {
          problems.add(Problem.error("n is the width of the program, not a variable: a Tensor"
              + " Program never reads n directly (scale with a scalar input instead)", pos,
              ins.target()));
        } else if (!p.isDefined(a)) {
          problems.add(Problem.error("undefined name '" + a + "'" + suggestion(a)
              + "; declare it with 'input' or define it before this line", pos, ins.target()));
        } else if (order.containsKey(a) && order.get(a) >= i) {
          if (inCycle.contains(a) && inCycle.contains(ins.target())) {
            if (reportedCycle.add(ins.target())) {
              problems.add(Problem.error("cycle: " + cycleThrough(g, ins.target(), inCycle)
                  + "; a Tensor Program is straight-line, every variable must be computed from"
                  + " earlier ones", pos, ins.target()));
            }
          } else {
            problems.add(Problem.error("'" + a + "' is used before its definition (line "
                + lineOf(p.instructionIndex(a)) + "); move this line after it", pos,
                ins.target()));
          }
        }
      }
    }
  }

  private String lineOf(int instructionIndex) {
    SourcePos pos = src.instruction(instructionIndex);
    return pos == null ? "below" : String.valueOf(pos.line());
  }

  /** A readable cycle x → y → … → x through {@code start}, within the cyclic vertices. */
  private String cycleThrough(ProgramGraph g, String start, Set<String> cyclic) {
    // breadth-first search from start back to start along edges inside the cyclic set
    Map<String, String> parent = new LinkedHashMap<>();
    List<String> frontier = new ArrayList<>(List.of(start));
    while (!frontier.isEmpty()) {
      List<String> next = new ArrayList<>();
      for (String v : frontier) {
        for (ProgramGraph.Dependency d : g.graph().outgoingEdgesOf(v)) {
          String w = d.target();
          if (!cyclic.contains(w)) {
            continue;
          }
          if (w.equals(start)) {
            List<String> path = new ArrayList<>();
            for (String x = v; x != null; x = parent.get(x)) {
              path.add(0, x);
            }
            path.add(start);
            return String.join(" → ", path);
          }
          if (!parent.containsKey(w) && !w.equals(start)) {
            parent.put(w, v);
            next.add(w);
          }
        }
      }
      frontier = next;
    }
    return start + " → … → " + start;
  }

  private String suggestion(String name) {
    String best = null;
    int bestD = 3;
    for (Statement s : p.statements()) {
      int d = editDistance(name, s.target());
      if (d < bestD && d < name.length()) {
        bestD = d;
        best = s.target();
      }
    }
    return best == null ? "" : " (did you mean '" + best + "'?)";
  }

  private static int editDistance(String a, String b) {
    if (Math.abs(a.length() - b.length()) > 3) {
      return 99;
    }
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int c = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + c);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  // ---- inputs ---------------------------------------------------------------------------------

  private void checkInputs() {
    for (int i = 0; i < p.inputs().size(); i++) {
      Input in = p.inputs().get(i);
      SourcePos pos = src.input(i);
      if (in instanceof MatrixInput m && !(m.sigma2() > 0)) {
        problems.add(Problem.error("the variance σ² of matrix " + m.name() + " must be positive"
            + " (entries are N(0, σ²/n)); found " + m.sigma2(), pos, m.name()));
      } else if (in instanceof VectorInput v && v.variance() < 0) {
        problems.add(Problem.error("the variance of " + v.name() + " is negative (" + v.variance()
            + "); a variance is ≥ 0", pos, v.name()));
      }
      if (in instanceof MatrixInput m && !Double.isFinite(m.sigma2())
          || in instanceof VectorInput v && !(Double.isFinite(v.mean())
          && Double.isFinite(v.variance()))
          || in instanceof ScalarInput s && !Double.isFinite(s.value())) {
        problems.add(Problem.error("the parameters of " + in.target() + " must be finite numbers",
            pos, in.target()));
      }
    }
    List<VectorInput> vs = p.vectorInputs();
    Set<String> seenPairs = new HashSet<>();
    for (int i = 0; i < p.covariances().size(); i++) {
      Covariance c = p.covariances().get(i);
      boolean ok = true;
      for (String x : List.of(c.a(), c.b())) {
        if (!(p.definition(x) instanceof VectorInput)) {
          ok = false;
          String what = p.kindOf(x) == null ? "is not defined" : "is not an initial vector"
              + " (it is " + describe(x) + ")";
          problems.add(Problem.error("cov(" + c.a() + ", " + c.b() + "): " + x + " " + what
              + "; covariances are declared between initial vectors only",
              src.covarianceReference(i, x), x));
        }
      }
      if (ok && c.a().equals(c.b())) {
        problems.add(Problem.error("cov(" + c.a() + ", " + c.a() + ") is a variance: write it in"
            + " the input's N(mean, variance)", src.covariance(i), c.a()));
      } else if (ok && !seenPairs.add(pairKey(c.a(), c.b()))) {
        problems.add(Problem.warning("cov(" + c.a() + ", " + c.b() + ") is given more than once;"
            + " the last value is used", src.covariance(i), c.a()));
      }
    }
    boolean covariancesWellFormed = p.covariances().stream().allMatch(c ->
        p.definition(c.a()) instanceof VectorInput && p.definition(c.b()) instanceof VectorInput);
    boolean variancesWellFormed = vs.stream().allMatch(v -> v.variance() >= 0);
    if (vs.size() >= 2 && covariancesWellFormed && variancesWellFormed) {
      checkPsd(vs);
    }
  }

  private static String pairKey(String a, String b) {
    return a.compareTo(b) < 0 ? a + "\u0000" + b : b + "\u0000" + a;
  }

  private void checkPsd(List<VectorInput> vs) {
    int k = vs.size();
    double[][] m = new double[k][k];
    double scale = 0;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        m[i][j] = p.initialCovariance(vs.get(i).name(), vs.get(j).name());
        scale = Math.max(scale, Math.abs(m[i][j]));
      }
    }
    EigenDecomposition ed = new EigenDecomposition(new Array2DRowRealMatrix(m, false));
    double[] ev = ed.getRealEigenvalues();
    int worst = 0;
    for (int e = 1; e < k; e++) {
      if (ev[e] < ev[worst]) {
        worst = e;
      }
    }
    // same tolerance as the limit engine's factorisation: -1e-9 of the largest entry
    if (ev[worst] >= -1e-9 * Math.max(scale, 1e-300)) {
      return;
    }
    // the inputs that carry the offending eigenvector are the ones to change
    double[] vec = ed.getEigenvector(worst).toArray();
    List<String> who = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      if (Math.abs(vec[i]) > 1e-3) {
        who.add(vs.get(i).name());
      }
    }
    String detail = "";
    SourcePos where = null;
    for (int i = 0; i < p.covariances().size(); i++) {
      Covariance c = p.covariances().get(i);
      if (where == null && (who.contains(c.a()) || who.contains(c.b()))) {
        where = src.covariance(i);
      }
      double va = p.initialCovariance(c.a(), c.a());
      double vb = p.initialCovariance(c.b(), c.b());
      if (c.value() * c.value() > va * vb * (1 + 1e-12)) {
        detail = ": |cov(" + c.a() + ", " + c.b() + ")| = " + Math.abs(c.value())
            + " exceeds √(var " + c.a() + " · var " + c.b() + ") = " + Math.sqrt(va * vb);
        where = src.covariance(i);
        break;
      }
    }
    problems.add(Problem.error("the covariance of the initial vectors " + String.join(", ", who)
        + " is not positive semidefinite (smallest eigenvalue " + String.format("%.3g",
        ev[worst]) + ")" + detail + "; no Gaussian has these covariances: lower the cov(…)"
        + " entries between them or raise their variances", where, who.get(0)));
  }

  // ---- instructions ---------------------------------------------------------------------------

  private String describe(String name) {
    VarKind k = p.kindOf(name);
    if (k == null) {
      return "undefined";
    }
    switch (k) {
      case A:
        return "a matrix";
      case G:
        return "a G-var (vector)";
      case X:
        return "an X-var (vector)";
      default:
        return "a scalar";
    }
  }

  private void checkInstructions() {
    for (int i = 0; i < p.instructions().size(); i++) {
      Instruction ins = p.instructions().get(i);
      String t = ins.target();
      if (ins instanceof MatMul m) {
        VarKind mk = p.kindOf(m.matrix());
        if (mk != null && mk != VarKind.A) {
          problems.add(Problem.error("MatMul by " + m.matrix() + ", which is " + describe(
              m.matrix()) + ", not a matrix: declare a matrix with 'input " + m.matrix()
              + " : A(n, n)' or multiply by one", src.reference(i, m.matrix()), t));
        }
        VarKind ak = p.kindOf(m.argument());
        if (ak == VarKind.A) {
          problems.add(Problem.error(m.argument() + " is a matrix where a vector is expected:"
              + " a MatMul multiplies a matrix by a vector (products of matrices are not in the"
              + " language; multiply step by step)", src.reference(i, m.argument()), t));
        } else if (ak == VarKind.SCALAR) {
          problems.add(Problem.error(m.argument() + " is a scalar where a vector is expected:"
              + " a MatMul multiplies a matrix by a vector", src.reference(i, m.argument()), t));
        }
      } else if (ins instanceof LinComb l) {
        for (LinComb.Term term : l.terms()) {
          VarKind k = p.kindOf(term.variable());
          if (k != null && k != VarKind.G) {
            problems.add(Problem.error("LinComb argument " + term.variable() + " is "
                + describe(term.variable()) + "; a LinComb combines G-vars",
                src.reference(i, term.variable()), t));
          }
        }
      } else if (ins instanceof Nonlin || ins instanceof Moment) {
        Expr phi = ins instanceof Nonlin n ? n.phi() : ((Moment) ins).phi();
        boolean hasVector = false;
        boolean unknown = false;
        for (String a : ins.arguments()) {
          VarKind k = p.kindOf(a);
          if (k == VarKind.A) {
            problems.add(Problem.error(a + " is a matrix where a vector is expected: "
                + (ins instanceof Moment ? "a Moment" : "a Nonlin") + " applies φ coordinatewise"
                + " to vectors; multiply the matrix by a vector first (h := " + a + " x)",
                src.reference(i, a), t));
          }
          hasVector |= k != null && k.isVector();
          unknown |= k == null;
        }
        if (ins instanceof Moment && !hasVector && !unknown) {
          problems.add(Problem.error("Moment of an expression with no vector in it: avg(…)"
              + " averages over the n coordinates of a vector, so φ must read at least one"
              + " vector (for a function of scalars write " + t + " := " + phi.toText() + ")",
              src.instruction(i), t));
        }
      } else if (ins instanceof ScalarOp s) {
        for (String a : s.arguments()) {
          VarKind k = p.kindOf(a);
          if (k != null && k != VarKind.SCALAR) {
            problems.add(Problem.error(a + " is " + describe(a) + " where a scalar is expected",
                src.reference(i, a), t));
          }
        }
      }
    }
  }

  private void checkOutputs() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < p.outputs().size(); i++) {
      String o = p.outputs().get(i);
      SourcePos pos = src.output(i);
      VarKind k = p.kindOf(o);
      if (k == null) {
        problems.add(Problem.error("output " + o + " is not defined" + suggestion(o), pos, o));
      } else if (k == VarKind.A) {
        problems.add(Problem.error("output " + o + " is a matrix; outputs are vectors or"
            + " scalars computed by the program", pos, o));
      }
      if (!seen.add(o)) {
        problems.add(Problem.warning("output " + o + " is listed twice", pos, o));
      }
    }
  }

  // ---- facts ----------------------------------------------------------------------------------

  private LanguageLevel level() {
    boolean transposes = false;
    boolean scalars = p.inputs().stream().anyMatch(in -> in instanceof ScalarInput);
    for (Instruction ins : p.instructions()) {
      if (ins instanceof MatMul m && m.transposed()) {
        transposes = true;
      }
      if (ins.resultKind() == VarKind.SCALAR) {
        scalars = true;
      }
    }
    if (scalars) {
      return LanguageLevel.NETSOR_T_PLUS;
    }
    return transposes ? LanguageLevel.NETSOR_T : LanguageLevel.NETSOR;
  }

  /**
   * Whether {@code program} is reduced (TP IIb Def. 5.4): only G-vars feed a Nonlin (scalar
   * parameters aside) and only X-vars feed a MatMul.
   */
  public static boolean isReduced(Program program) {
    for (Instruction ins : program.instructions()) {
      if (ins instanceof MatMul m && program.kindOf(m.argument()) != VarKind.X) {
        return false;
      }
      if (ins instanceof Nonlin n) {
        for (String a : n.arguments()) {
          if (program.kindOf(a) == VarKind.X) {
            return false;
          }
        }
      }
    }
    return true;
  }

  private void warnFunctions() {
    Map<Fn, String> firstUse = new LinkedHashMap<>();
    Map<Fn, SourcePos> where = new HashMap<>();
    for (int i = 0; i < p.instructions().size(); i++) {
      Instruction ins = p.instructions().get(i);
      Expr e = ins instanceof Nonlin n ? n.phi() : ins instanceof Moment m ? m.phi() : null;
      if (e == null) {
        continue;
      }
      for (Fn f : e.functions()) {
        if (!firstUse.containsKey(f)) {
          firstUse.put(f, ins.target());
          where.put(f, src.instruction(i));
        }
      }
    }
    // the derivative form of ZDot only matters where a matrix meets its transpose
    boolean transposes = p.instructions().stream()
        .anyMatch(i -> i instanceof MatMul m && m.transposed());
    for (Map.Entry<Fn, String> e : firstUse.entrySet()) {
      Fn f = e.getKey();
      if (!f.polynomiallyBounded()) {
        problems.add(Problem.warning(f.symbol() + " (in " + e.getValue() + ") is not polynomially"
            + " bounded" + (f == Fn.LOG ? " and is undefined for non-positive arguments"
            : "") + ": the Master Theorem assumes polynomially bounded nonlinearities, so the"
            + " limit may not exist or may be infinite", where.get(f), e.getValue()));
      } else if (!f.pseudoLipschitz() && transposes) {
        problems.add(Problem.warning(f.symbol() + " (in " + e.getValue() + ") is not"
            + " pseudo-Lipschitz: ZDot holds only in its Stein form C⁺b (the limit engine uses"
            + " it); the derivative form E[∂Z/∂Ẑ] would read a zero derivative",
            where.get(f), e.getValue()));
      }
    }
  }

  private String masterTheorem(LanguageLevel level, BpLikeVerdict bp) {
    switch (level) {
      case NETSOR:
        return "Netsor Master Theorem (TP I): every G-var is Gaussian";
      case NETSOR_T:
        return bp.bpLike()
            ? "Netsor⊤ Master Theorem for BP-like programs (TP II): every ZDot vanishes"
            : "general Netsor⊤ Master Theorem (TP III, TP IIb App. B): ZDot terms do not vanish";
      default:
        return "Netsor⊤+ Master Theorem (TP IIb App. B): scalars converge to θ̊"
            + (bp.applicable() && !bp.bpLike() ? ", ZDot terms do not vanish" : "");
    }
  }

  // ---- BP-like (Simple GIA Check) -------------------------------------------------------------

  private BpLikeVerdict bpLike() {
    ProgramGraph g = ProgramGraph.of(p);
    List<MatMul> transposed = new ArrayList<>();
    List<MatMul> forward = new ArrayList<>();
    for (Instruction ins : p.instructions()) {
      if (ins instanceof MatMul m) {
        (m.transposed() ? transposed : forward).add(m);
      }
    }
    if (transposed.isEmpty()) {
      return new BpLikeVerdict(false, false, List.of(),
          "no transposed matrices: nothing to check, every ZDot is 0");
    }
    // readout candidates: initial vectors upstream of a transposed MatMul's argument whose
    // descendants never reach the argument of a forward MatMul
    Set<String> forwardArgs = new HashSet<>();
    forward.forEach(m -> forwardArgs.add(m.argument()));
    Set<String> upstreamOfTransposes = new LinkedHashSet<>();
    for (MatMul m : transposed) {
      upstreamOfTransposes.add(m.argument());
      upstreamOfTransposes.addAll(g.ancestors(m.argument()));
    }
    List<String> readouts = new ArrayList<>();
    for (VectorInput v : p.vectorInputs()) {
      if (!declaredReadouts.isEmpty()) {
        if (declaredReadouts.contains(v.name())) {
          readouts.add(v.name());
        }
        continue;
      }
      if (!upstreamOfTransposes.contains(v.name())) {
        continue;
      }
      Set<String> down = g.descendants(v.name());
      down.add(v.name());
      if (down.stream().noneMatch(forwardArgs::contains)) {
        readouts.add(v.name());
      }
    }
    Set<String> backward = new HashSet<>(readouts);
    for (String r : readouts) {
      backward.addAll(g.descendants(r));
    }
    for (MatMul m : transposed) {
      if (!backward.contains(m.argument())) {
        String via = forward.stream().filter(f -> f.matrix().equals(m.matrix())
            && (g.descendants(m.target()).contains(f.argument())
                || f.argument().equals(m.target()))).map(MatMul::target).findFirst().orElse(null);
        String reason = via != null
            ? m.matrix() + " meets " + m.matrix() + "^T: " + m.target() + " = " + m.matrixWord()
                + " " + m.argument() + " flows into the forward MatMul " + via + " = "
                + m.matrix() + " …, so ZDot does not vanish"
            : m.target() + " = " + m.matrixWord() + " " + m.argument() + " multiplies a vector"
                + " that does not come from a readout used only in the backward pass";
        return new BpLikeVerdict(true, false, readouts, "not BP-like: " + reason);
      }
    }
    for (String r : readouts) {
      VectorInput v = (VectorInput) p.definition(r);
      if (v.mean() != 0) {
        return new BpLikeVerdict(true, false, readouts, "not BP-like: the readout " + r
            + " has mean " + v.mean() + "; the Simple GIA Check needs a zero-mean readout");
      }
      for (VectorInput o : p.vectorInputs()) {
        if (!o.name().equals(r) && p.initialCovariance(r, o.name()) != 0) {
          return new BpLikeVerdict(true, false, readouts, "not BP-like: the readout " + r
              + " is correlated with " + o.name() + "; it must be sampled independently");
        }
      }
    }
    // every backward vector must be linear in the readouts
    for (Instruction ins : p.instructions()) {
      if (!backward.contains(ins.target())) {
        continue;
      }
      String bad = null;
      if (ins instanceof LinComb l) {
        for (LinComb.Term t : l.terms()) {
          if (!backward.contains(t.variable())) {
            bad = ins.target() + " adds " + t.variable() + ", which does not depend on the"
                + " readout, to a backward vector";
          }
        }
      } else if (ins instanceof Nonlin n && !linearIn(n.phi(), backward)) {
        bad = ins.target() + " := " + n.phi().toText() + " is not linear in the backward"
            + " vectors";
      }
      if (bad != null) {
        return new BpLikeVerdict(true, false, readouts, "not BP-like: " + bad);
      }
    }
    return new BpLikeVerdict(true, true, readouts, "BP-like: the readout" + (readouts.size() > 1
        ? "s " : " ") + String.join(", ", readouts) + (readouts.size() > 1 ? " are" : " is")
        + " zero-mean, independent and used only in the backward pass; transposes multiply only"
        + " vectors linear in it");
  }

  /**
   * Whether φ is linear (homogeneous of degree 1 and additive) in the arguments that belong to
   * {@code backward}, checked at random points: a symbolic test would have to know every
   * function's identities, a numeric one at generic points cannot be fooled by rewriting.
   */
  private static boolean linearIn(Expr phi, Set<String> backward) {
    List<String> args = phi.references();
    Random rnd = new Random(12345);
    for (int trial = 0; trial < 5; trial++) {
      Map<String, Double> a = new HashMap<>();
      Map<String, Double> b = new HashMap<>();
      Map<String, Double> comb = new HashMap<>();
      double s = rnd.nextGaussian();
      double t = rnd.nextGaussian();
      for (String x : args) {
        double fx = rnd.nextGaussian();
        if (backward.contains(x)) {
          double xa = rnd.nextGaussian();
          double xb = rnd.nextGaussian();
          a.put(x, xa);
          b.put(x, xb);
          comb.put(x, s * xa + t * xb);
        } else {
          a.put(x, fx);
          b.put(x, fx);
          comb.put(x, fx);
        }
      }
      double lhs = phi.evaluate(comb);
      double rhs = s * phi.evaluate(a) + t * phi.evaluate(b);
      if (!(Math.abs(lhs - rhs) <= 1e-9 * (1 + Math.abs(lhs) + Math.abs(rhs)))) {
        return false;
      }
    }
    return true;
  }
}
