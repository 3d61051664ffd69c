package org.tpe.validate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.tpe.expr.Expr;
import org.tpe.expr.ExprPrinter;
import org.tpe.expr.Growth;
import org.tpe.limit.calculus.InitialGaussian;
import org.tpe.limit.calculus.ProgramCalculus;
import org.tpe.model.Covariance;
import org.tpe.model.CovarianceInputs;
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

  private ProgramGraph graph;
  /** ZInit as the PSD check found it (factored once, for the calculus too). */
  private InitialGaussian initial;
  private InitialGaussian.Failure initialFailure;

  /** The program's graph, built once for every check that needs it. */
  private ProgramGraph graph() {
    if (graph == null) {
      graph = ProgramGraph.of(p);
    }
    return graph;
  }

  /**
   * Validates {@code program}; the BP-like verdict checks the readout weights of its network
   * declarations when it has any, and finds readouts by their properties otherwise.
   */
  public static ValidationReport validate(Program program) {
    return new Validator(program, Set.of()).run();
  }

  /**
   * Validates {@code program} whose readouts (where backpropagation starts: the readout weights
   * of a network's backward pass) are declared: the BP-like verdict checks the definition's
   * conditions for these vectors instead of finding readouts by their properties.
   */
  public static ValidationReport validate(Program program, Set<String> declaredReadouts) {
    return new Validator(program, declaredReadouts).run();
  }

  private ValidationReport run() {
    if (p.inputs().isEmpty() && p.instructions().isEmpty()) {
      problems.add(Problem.error("the program is empty: declare an input (for example"
          + " 'input u : G(n)') and compute something from it", new SourcePos(1, 1), null));
      return new ValidationReport(problems, LanguageLevel.NETSOR, true, null);
    }
    checkDefinitions();
    checkInputs();
    checkInstructions();
    checkOutputs();
    problems.addAll(org.tpe.network.NetworkValidator.validate(p));
    boolean ok = true;
    for (Problem q : problems) {
      ok &= !q.isError();
    }
    LanguageLevel level = level();
    boolean reduced = isReduced(p);
    ProgramCalculus calculus = !ok ? null : initial != null || initialFailure != null
        ? ProgramCalculus.of(p, declaredReadouts, initial, initialFailure)
        : ProgramCalculus.of(p, declaredReadouts);
    if (ok) {
      warnHypotheses(calculus);
      problems.add(Problem.info(level.label() + " program, " + (reduced ? "reduced"
          : "not reduced (paths are computed on its reduction)") + "; "
          + calculus.theorem().theorem().text(), null, null));
    }
    return new ValidationReport(problems, level, reduced, calculus);
  }

  // ---- names ----------------------------------------------------------------------------------

  private void checkDefinitions() {
    // a statement redefines its name when the program's first definition of it is another one;
    // the first instruction defining a name an input defined first is kept for the order check
    Map<String, Integer> inputRedefinedAt = new HashMap<>();
    int inputs = p.inputs().size();
    for (int k = 0; k < inputs; k++) {
      String t = p.inputs().get(k).target();
      if (p.inputIndex(t) != k) {
        redefined(t, src.input(k));
      }
    }
    for (int i = 0; i < p.instructions().size(); i++) {
      String t = p.instructions().get(i).target();
      if (p.instructionIndex(t) != i) {
        redefined(t, src.instruction(i));
        if (p.inputIndex(t) >= 0) {
          inputRedefinedAt.putIfAbsent(t, i);
        }
      }
    }
    // undefined names and use before definition; cycles (the graph and its strongly connected
    // components only for a program that reads a name at or above its definition)
    Map<String, Integer> cycleOf = null;
    Set<Integer> reportedCycle = new HashSet<>();
    for (int i = 0; i < p.instructions().size(); i++) {
      Instruction ins = p.instructions().get(i);
      for (String a : ins.arguments()) {
        // the first instruction defining a (-1: none), by one lookup for most names
        int order = p.instructionIndex(a);
        if (order < 0 && !inputRedefinedAt.isEmpty()) {
          order = inputRedefinedAt.getOrDefault(a, -1);
        }
        if (order >= 0 && order < i) {
          continue; // defined above: the usual case, decided without the positions
        }
        if (a.equals("n")) {
          problems.add(Problem.error("n is the width of the program, not a variable: a Tensor"
              + " Program never reads n directly (scale with a scalar input instead)",
              src.reference(i, a), ins.target()));
        } else if (order < 0 && !p.isDefined(a)) {
          problems.add(Problem.error("undefined name '" + a + "'" + suggestion(a)
              + "; declare it with 'input' or define it before this line", src.reference(i, a),
              ins.target()));
        } else if (order >= i) {
          if (cycleOf == null) {
            cycleOf = graph().cycleComponents();
          }
          Integer cycle = cycleOf.get(a);
          if (cycle != null && cycle.equals(cycleOf.get(ins.target()))) {
            // one message per cycle (strongly connected component), at its first back edge
            if (reportedCycle.add(cycle)) {
              problems.add(Problem.error("cycle: " + cycleThrough(graph(), ins.target(), cycleOf)
                  + "; a Tensor Program is straight-line, every variable must be computed from"
                  + " earlier ones", src.reference(i, a), ins.target()));
            }
          } else {
            problems.add(Problem.error("'" + a + "' is used before its definition (line "
                + lineOf(p.instructionIndex(a)) + "); move this line after it",
                src.reference(i, a), ins.target()));
          }
        }
      }
    }
  }

  /** The error for a second definition of {@code name}, at {@code pos}. */
  private void redefined(String name, SourcePos pos) {
    SourcePos pp = p.definitionPos(name);
    problems.add(Problem.error("'" + name + "' is defined twice" + (pp == null ? ""
        : " (first at line " + pp.line() + ")") + "; every variable is defined once —"
        + " give this one another name (e.g. " + name + "')", pos, name));
  }

  private String lineOf(int instructionIndex) {
    SourcePos pos = src.instruction(instructionIndex);
    return pos == null ? "below" : String.valueOf(pos.line());
  }

  /** Longest cycle written out in full; longer ones show their ends and their length. */
  private static final int CYCLE_SHOWN = 12;

  /**
   * A readable cycle x → y → … → x through {@code start}, within its strongly connected
   * component (breadth-first, so O(size of the component)).
   */
  private String cycleThrough(ProgramGraph g, String start, Map<String, Integer> cycleOf) {
    Integer component = cycleOf.get(start);
    // breadth-first search from start back to start along edges inside the cyclic set
    Map<String, String> parent = new LinkedHashMap<>();
    List<String> frontier = new ArrayList<>(List.of(start));
    while (!frontier.isEmpty()) {
      List<String> next = new ArrayList<>();
      for (String v : frontier) {
        for (String w : g.successors(v)) {
          if (!component.equals(cycleOf.get(w))) {
            continue;
          }
          if (w.equals(start)) {
            List<String> path = new ArrayList<>();
            for (String x = v; x != null; x = parent.get(x)) {
              path.add(x);
            }
            Collections.reverse(path);
            path.add(start);
            if (path.size() > CYCLE_SHOWN) {
              int n = path.size() - 1;
              return String.join(" → ", path.subList(0, CYCLE_SHOWN / 2)) + " → … → "
                  + String.join(" → ", path.subList(n + 1 - CYCLE_SHOWN / 2, n + 1))
                  + " (" + n + " variables)";
            }
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

  /** Distinct undefined names given a "did you mean"; past this, reporting stays linear. */
  static final int MAX_SUGGESTED_NAMES = 100;

  private NearestName nearest;
  private final Map<String, String> suggestions = new HashMap<>();

  /** {@code " (did you mean 'x'?)"} for an undefined {@code name}, or "" (see NearestName). */
  private String suggestion(String name) {
    String known = suggestions.get(name);
    if (known != null) {
      return known;
    }
    if (suggestions.size() >= MAX_SUGGESTED_NAMES) {
      return "";
    }
    if (nearest == null) {
      nearest = new NearestName(p.statements().stream().map(Statement::target).toList());
    }
    String best = nearest.nearest(name);
    String s = best == null ? "" : " (did you mean '" + best + "'?)";
    suggestions.put(name, s);
    return s;
  }

  // ---- inputs ---------------------------------------------------------------------------------

  private void checkInputs() {
    for (int i = 0; i < p.inputs().size(); i++) {
      Input in = p.inputs().get(i);
      SourcePos pos = src.input(i);
      if (in instanceof MatrixInput m && !(m.sigma2() > 0)) {
        problems.add(Problem.error("the variance σ² of matrix " + m.name() + " must be positive"
            + " (entries are N(0, σ²/n)); found " + m.sigma2(), pos, m.name()));
      } else if (in instanceof VectorInput v && !(v.variance() > 0)) {
        problems.add(Problem.error("the variance of " + v.name() + " must be positive (found "
            + ExprPrinter.number(v.variance()) + ")" + (v.variance() == 0 ? ": with variance 0"
            + " every coordinate is the constant " + ExprPrinter.number(v.mean())
            + ", not a Gaussian initial vector" : ""), pos, v.name()));
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
    // the lines resolved once by the program (for ZInit too), with the earlier line about each
    // pair: a program whose lines are all plain has nothing to be told about them
    List<Covariance> covs = p.covariances();
    CovarianceInputs at = p.covarianceInputs();
    boolean covariancesWellFormed = true;
    for (int i = 0; i < covs.size() && !at.plain(); i++) {
      int ia = at.first(i);
      int ib = at.second(i);
      if (ia >= 0 && ib >= 0) {
        Covariance c = covs.get(i);
        if (ia == ib) {
          problems.add(Problem.error("cov(" + c.a() + ", " + c.a() + ") is a variance: write it"
              + " in the input's N(mean, variance)", src.covariance(i), c.a()));
        } else if (at.earlier(i) >= 0) {
          problems.add(Problem.warning("cov(" + c.a() + ", " + c.b() + ") is given more than"
              + " once; the last value is used", src.covariance(i), c.a()));
        }
        continue;
      }
      covariancesWellFormed = false;
      Covariance c = covs.get(i);
      // the errors, as for any line: a's, then b's unless it is a again
      initialVector(c, i, c.a(), ia);
      if (!c.a().equals(c.b())) {
        initialVector(c, i, c.b(), ib);
      }
    }
    boolean variancesWellFormed = true;
    for (VectorInput v : vs) {
      variancesWellFormed &= v.variance() > 0;
    }
    if (covariancesWellFormed && variancesWellFormed) {
      checkPsd();
    }
  }

  /**
   * Whether {@code x} of covariance line {@code i} is an initial vector ({@code k}, its position
   * among the vector inputs by {@link Program#covarianceInputs}, is not -1); else the error.
   */
  private boolean initialVector(Covariance c, int i, String x, int k) {
    if (k >= 0) {
      return true;
    }
    String what = p.kindOf(x) == null ? "is not defined" : "is not an initial vector"
        + " (it is " + describe(x) + ")";
    problems.add(Problem.error("cov(" + c.a() + ", " + c.b() + "): " + x + " " + what
        + "; covariances are declared between initial vectors only",
        src.covarianceReference(i, x), x));
    return false;
  }

  private void checkPsd() {
    InitialGaussian.Failure f;
    try {
      initial = InitialGaussian.of(p);
      f = null;
    } catch (InitialGaussian.NotGaussianException e) {
      f = e.failure();
    }
    initialFailure = f;
    if (f == null) {
      return;
    }
    SourcePos where = null;
    for (int i = 0; i < p.covariances().size() && where == null; i++) {
      Covariance c = p.covariances().get(i);
      if (f.inputs().contains(c.a()) && f.inputs().contains(c.b())) {
        where = src.covariance(i);
      }
    }
    if (where == null) {
      where = p.definitionPos(f.inputs().get(0));
    }
    problems.add(Problem.error(f.message(), where, f.inputs().get(0)));
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
    boolean scalars = false;
    for (Input in : p.inputs()) {
      scalars |= in instanceof ScalarInput;
    }
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

  /**
   * Warnings for the Master Theorem hypotheses that fail (one per nonlinearity), from the one
   * record the engines use.
   */
  private void warnHypotheses(ProgramCalculus c) {
    boolean transposes = false;
    for (Instruction i : p.instructions()) {
      transposes |= i instanceof MatMul m && m.transposed();
    }
    for (int i = 0; i < p.instructions().size(); i++) {
      Instruction ins = p.instructions().get(i);
      Growth g = c.growth().get(ins.target());
      if (g == null || !(ins instanceof Nonlin || ins instanceof Moment)
          || p.instructionIndex(ins.target()) != i) {
        continue;
      }
      if (!g.polynomiallyBounded()) {
        problems.add(Problem.warning("the nonlinearity of " + ins.target() + " is not"
            + " polynomially bounded: " + g.reason() + "; the Master Theorem assumes"
            + " polynomially bounded nonlinearities, so the limit may not exist or may be"
            + " infinite", src.instruction(i), ins.target()));
      } else if (!g.pseudoLipschitz() && transposes) {
        problems.add(Problem.warning("the nonlinearity of " + ins.target() + " is not"
            + " pseudo-Lipschitz (" + g.reason() + "): ZDot holds only in its Stein form C⁺b"
            + " (the limit engines use it); the derivative form E[∂Z/∂Ẑ] would read a zero"
            + " derivative", src.instruction(i), ins.target()));
      }
    }
  }
}
