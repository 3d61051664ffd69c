package org.tpe.spectrum;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tpe.derive.LocalDerivative;
import org.tpe.expr.Derivative;
import org.tpe.expr.Expr;
import org.tpe.expr.Fn;
import org.tpe.model.Input;
import org.tpe.model.Instruction;
import org.tpe.model.LinComb;
import org.tpe.model.MatMul;
import org.tpe.model.Moment;
import org.tpe.model.Nonlin;
import org.tpe.model.Problem;
import org.tpe.model.Program;
import org.tpe.model.ScalarOp;
import org.tpe.model.SourcePos;
import org.tpe.model.VarKind;
import org.tpe.validate.ValidationReport;
import org.tpe.validate.Validator;

/**
 * The input-output Jacobian J = ∂B/∂A between two vectors A (start) and B (end) of a program:
 * for an MLP h^l = W^l x^{l−1}, x^l = φ(h^l) it is J = W^L D^{L−1} ⋯ W² D¹ with D^l =
 * diag(φ′(h^l)) (seeds/004, "Intermedia 2", eq. (29)ff). In general J is the linearisation of the
 * instructions on a path from A to B (its <em>steps</em>): a MatMul h = W x contributes W, a
 * LinComb h = Σ aᵢ gᵢ the coefficients aᵢ, a Nonlin x = φ(g₁…g_k) the diagonal matrices
 * diag(∂φ/∂gᵢ) with the partial derivatives from {@link Derivative} (taken almost everywhere:
 * relu′ = step, abs′ = sign). Scalars made by Moment are held fixed at their values, as TP IIb
 * App. D.4 does for the backward pass; their influence is a rank-one term of norm O(1/√n), which
 * does not change the limiting spectrum.
 *
 * <p>Immutable; built by {@link #of}, which rejects with a {@link SpectrumException} (naming the
 * vector and its line:column): a start or end that is not a vector, an end that does not depend
 * on the start, a Jacobian that is 0 almost surely because every route passes through a function
 * whose derivative is 0 wherever it exists (step, sign), and a start and end joined only by
 * coordinatewise instructions (J diagonal: nothing for random-matrix theory to say). Cost: O(I ·
 * expression size) for I instructions.
 */
public final class Jacobian {
  /**
   * One instruction on a path from the start to the end.
   *
   * @param derivative the instruction's local derivative (its factors: W for a MatMul, the
   *     coefficients of a LinComb, diag(∂φ/∂g) for a Nonlin)
   * @param arguments the vector arguments through which J flows (on a path from the start, with a
   *     derivative that is not identically 0), in the instruction's order
   */
  public record Step(LocalDerivative derivative, List<String> arguments) {
    public Step {
      arguments = List.copyOf(arguments);
      for (String g : arguments) {
        if (derivative.factorOf(g) == null) {
          throw new IllegalArgumentException("no derivative of " + derivative.instruction()
              .target() + " in " + g);
        }
      }
    }

    /** The instruction of the program. */
    public Instruction instruction() {
      return derivative.instruction();
    }

    /** The vector this step defines. */
    public String target() {
      return instruction().target();
    }

    /** The factor ∂(target)/∂g of one of {@link #arguments}. */
    public LocalDerivative.Factor factor(String g) {
      return derivative.factorOf(g);
    }

    /**
     * For a Nonlin, ∂φ/∂g for each of {@link #arguments} (expressions over the program's vectors
     * and scalars); empty for MatMul and LinComb.
     */
    public Map<String, Expr> partials() {
      Map<String, Expr> ps = new LinkedHashMap<>();
      if (instruction() instanceof Nonlin) {
        for (String g : arguments) {
          ps.put(g, ((LocalDerivative.Diagonal) factor(g)).factor());
        }
      }
      return Collections.unmodifiableMap(ps);
    }
  }

  private final Program program;
  private final String from;
  private final String to;
  private final List<Step> steps;
  private final Map<String, Integer> consumers;

  private Jacobian(Program program, String from, String to, List<Step> steps) {
    this.program = program;
    this.from = from;
    this.to = to;
    this.steps = List.copyOf(steps);
    Map<String, Integer> c = new HashMap<>();
    for (Step s : steps) {
      for (String a : s.arguments()) {
        c.merge(a, 1, Integer::sum);
      }
    }
    this.consumers = Collections.unmodifiableMap(c);
  }

  /**
   * The Jacobian ∂to/∂from of {@code program}.
   *
   * @param from the start vector, or null for the first G-var of the program
   * @param to the end vector, or null for the last G-var
   * @throws SpectrumException if the program has errors or the pair does not define a Jacobian
   *     that random-matrix theory can say something about (see the class comment)
   */
  public static Jacobian of(Program program, String from, String to) {
    ValidationReport report = Validator.validate(program);
    if (report.hasErrors()) {
      throw new SpectrumException(report.errors());
    }
    List<String> gvars = program.names(VarKind.G);
    if (gvars.isEmpty()) {
      throw SpectrumException.of("the program has no G-var, so there is no Jacobian between"
          + " vectors to take");
    }
    String a = from != null ? from : gvars.get(0);
    String b = to != null ? to : gvars.get(gvars.size() - 1);
    checkVector(program, a, "start (--from)");
    checkVector(program, b, "end (--to)");
    if (a.equals(b)) {
      throw new SpectrumException(List.of(Problem.error("the start and the end are both " + a
          + ": J = ∂" + a + "/∂" + a + " is the identity; choose an end that is computed from "
          + a + " through MatMuls (--to)", position(program, a), a)));
    }
    // Edges of the linearisation: vector arguments whose partial derivative is not 0.
    Map<Instruction, LocalDerivative> derivatives = new HashMap<>();
    Map<Instruction, List<String>> edges = new HashMap<>();
    List<Instruction> zeroDerivative = new ArrayList<>();
    for (Instruction ins : program.instructions()) {
      LocalDerivative d = LocalDerivative.of(ins, program::kindOf);
      if (ins instanceof Nonlin && !d.zeroFactors().isEmpty()) {
        zeroDerivative.add(ins);
      }
      derivatives.put(ins, d);
      edges.put(ins, d.arguments());
    }
    Set<String> reach = reach(program, a, edges, false);
    if (!reach.contains(b)) {
      Set<String> anyRoute = reach(program, a, edges, true);
      if (anyRoute.contains(b)) {
        // a zero-derivative Nonlin on a route from a to b: it reads a vector a reaches and b
        // depends on it
        Set<String> feedsB = program.instructions().isEmpty() ? Set.of()
            : org.tpe.model.ProgramGraph.of(program).ancestors(b);
        Instruction culprit = zeroDerivative.stream()
            .filter(i -> anyRoute.contains(i.target())
                && (feedsB.contains(i.target()) || i.target().equals(b)))
            .findFirst().orElse(zeroDerivative.get(0));
        throw new SpectrumException(List.of(Problem.error("J = ∂" + b + "/∂" + a
            + " is 0 almost surely: every route from " + a + " to " + b + " passes through a"
            + " function whose derivative is 0 wherever it exists (" + culprit.target() + " := "
            + ((Nonlin) culprit).phi().toText() + "; step′ = sign′ = 0 away from the jump). A"
            + " Jacobian spectrum needs φ differentiable almost everywhere with a derivative"
            + " that is not 0 (relu′ = step is fine)", position(program, culprit.target()),
            culprit.target())));
      }
      throw new SpectrumException(List.of(Problem.error(b + " does not depend on " + a
          + " through MatMuls, LinCombs and Nonlins, so J = ∂" + b + "/∂" + a + " = 0; choose a"
          + " start that " + b + " is computed from (--from) or an end computed from " + a
          + " (--to)", position(program, b), b)));
    }
    // Backward closure from the end, restricted to what the start reaches.
    Set<String> active = new HashSet<>();
    active.add(b);
    List<Instruction> ins = program.instructions();
    for (int i = ins.size() - 1; i >= 0; i--) {
      Instruction in = ins.get(i);
      if (active.contains(in.target()) && !in.target().equals(a)) {
        for (String g : edges.get(in)) {
          if (reach.contains(g)) {
            active.add(g);
          }
        }
      }
    }
    List<Step> steps = new ArrayList<>();
    boolean matMul = false;
    for (Instruction in : ins) {
      if (!active.contains(in.target()) || in.target().equals(a)
          || program.definition(in.target()) != in) {
        continue;
      }
      List<String> args = edges.get(in).stream().filter(active::contains).toList();
      steps.add(new Step(derivatives.get(in), args));
      matMul |= in instanceof MatMul;
    }
    if (!matMul) {
      throw new SpectrumException(List.of(Problem.error("every route from " + a + " to " + b
          + " is coordinatewise (LinComb and Nonlin, no MatMul), so J = ∂" + b + "/∂" + a
          + " is a diagonal matrix and its spectrum is just the law of its entries; choose a"
          + " start and an end with a MatMul between them", position(program, b), b)));
    }
    return new Jacobian(program, a, b, steps);
  }

  /** Vectors reachable from {@code a}; with {@code throughZeros}, also through zero partials. */
  private static Set<String> reach(Program program, String a,
      Map<Instruction, List<String>> edges, boolean throughZeros) {
    Set<String> reach = new HashSet<>();
    reach.add(a);
    for (Instruction in : program.instructions()) {
      List<String> args = throughZeros && in instanceof Nonlin nl ? nl.arguments()
          : edges.get(in);
      if (!(in instanceof Moment) && !(in instanceof ScalarOp)
          && args.stream().anyMatch(reach::contains)) {
        reach.add(in.target());
      }
    }
    return reach;
  }

  private static void checkVector(Program program, String name, String role) {
    VarKind k = program.kindOf(name);
    if (k == null) {
      throw new SpectrumException(List.of(Problem.error("the " + role + " " + name
          + " is not a variable of the program; its vectors are " + String.join(", ",
          program.vectors()), null, name)));
    }
    if (!k.isVector()) {
      throw new SpectrumException(List.of(Problem.error("the " + role + " " + name + " is "
          + (k == VarKind.A ? "a matrix" : "a scalar") + ", not a vector; a Jacobian is taken"
          + " between two vectors", position(program, name), name)));
    }
  }

  /** Where {@code name} is defined in the program's text, or null. */
  static SourcePos position(Program program, String name) {
    return org.tpe.limit.Limits.position(program, name);
  }

  /**
   * The part of the program that J's factors read: every input and instruction the partial
   * derivatives of the Nonlin steps depend on (the forward values D^l = diag(φ′(h^l)) is made
   * of, with their ancestors), plus the matrices of the MatMul steps; in the original order,
   * with the covariances between the kept initial vectors, and no outputs.
   */
  public Program forwardProgram() {
    java.util.Set<String> needed = new HashSet<>();
    for (Step s : steps) {
      if (s.instruction() instanceof MatMul mm) {
        needed.add(mm.matrix());
      }
      for (Expr d : s.partials().values()) {
        needed.addAll(d.references());
      }
    }
    // ancestors in one sweep from the last instruction back: O(program size)
    List<Instruction> ins = program.instructions();
    for (int i = ins.size() - 1; i >= 0; i--) {
      Instruction in = ins.get(i);
      if (needed.contains(in.target()) && program.definition(in.target()) == in) {
        needed.addAll(in.arguments());
      }
    }
    Program.Builder b = Program.builder().title(program.title());
    for (Input in : program.inputs()) {
      if (needed.contains(in.target()) && program.definition(in.target()) == in) {
        b.input(in);
      }
    }
    for (org.tpe.model.Covariance c : program.covariances()) {
      if (needed.contains(c.a()) && needed.contains(c.b())) {
        b.covariance(c);
      }
    }
    for (Instruction in : program.instructions()) {
      if (needed.contains(in.target()) && program.definition(in.target()) == in) {
        b.instruction(in);
      }
    }
    return b.build();
  }

  /** The program J is taken in. */
  public Program program() {
    return program;
  }

  /** The start vector A of J = ∂B/∂A. */
  public String from() {
    return from;
  }

  /** The end vector B of J = ∂B/∂A. */
  public String to() {
    return to;
  }

  /** The instructions on a path from the start to the end, in program order. */
  public List<Step> steps() {
    return steps;
  }

  /** How many steps read {@code vector} as an argument through which J flows. */
  public int consumers(String vector) {
    return consumers.getOrDefault(vector, 0);
  }

  /**
   * Whether J is a product along one chain: every step has one argument on the path and every
   * vector on it but the end feeds one step (an MLP; not a residual network, whose J = I + ⋯).
   */
  public boolean isChain() {
    for (Step s : steps) {
      if (s.arguments().size() != 1) {
        return false;
      }
    }
    if (consumers(from) != 1) {
      return false;
    }
    for (Step s : steps) {
      if (!s.target().equals(to) && consumers(s.target()) != 1) {
        return false;
      }
    }
    return true;
  }

  /** The matrices of the MatMul steps, in program order (with repetitions). */
  public List<String> matrices() {
    List<String> out = new ArrayList<>();
    for (Step s : steps) {
      if (s.instruction() instanceof MatMul mm) {
        out.add(mm.matrix());
      }
    }
    return out;
  }

  /**
   * {@code J = ∂B/∂A = W3 · diag(relu′(h2)) · W2} for a chain, {@code J = ∂B/∂A (not a single
   * chain: k steps)} otherwise: J for the user.
   */
  public String describe() {
    return "J = ∂" + to + "/∂" + from + (isChain() ? " = " + formula()
        : " (not a single chain: " + steps.size() + " steps)");
  }

  /**
   * J in the papers' notation: for a chain the product of its factors, the last step first
   * ({@code W3 · diag(relu′(h2)) · W2}); otherwise {@code ∂B/∂A}.
   */
  public String formula() {
    if (!isChain()) {
      return "∂" + to + "/∂" + from;
    }
    List<String> factors = new ArrayList<>();
    for (int i = steps.size() - 1; i >= 0; i--) {
      Step s = steps.get(i);
      if (s.instruction() instanceof MatMul mm) {
        factors.add(mm.matrix() + (mm.transposed() ? "ᵀ" : ""));
      } else if (s.instruction() instanceof LinComb lc) {
        double c = lc.coefficientOf(s.arguments().get(0));
        if (c != 1) {
          factors.add(new Expr.Num(c).toText());
        }
      } else if (s.instruction() instanceof Nonlin nl) {
        String g = s.arguments().get(0);
        factors.add(nl.phi() instanceof Expr.Call c && c.fn().arity() == 1
            && c.args().get(0) instanceof Expr.Ref r && r.name().equals(g) && c.fn() != Fn.ID
            ? "diag(" + c.fn().symbol() + "′(" + g + "))"
            : "diag(∂" + s.target() + "/∂" + g + ")");
      }
    }
    return String.join(" · ", factors);
  }
}
