package org.tpe.derive;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tpe.expr.Expr;
import org.tpe.model.Classifier;
import org.tpe.model.Input;
import org.tpe.model.Instruction;
import org.tpe.model.MatMul;
import org.tpe.model.Moment;
import org.tpe.model.Problem;
import org.tpe.model.Program;
import org.tpe.model.ScalarOp;
import org.tpe.model.VarKind;
import org.tpe.model.VectorInput;
import org.tpe.network.Network;
import org.tpe.validate.ValidationReport;
import org.tpe.validate.Validator;

/**
 * The backward pass of a network by reverse mode, written as an ordinary Netsor⊤ program (TP II;
 * seeds/004 "Relations between forward and backward passes"; TP IIb App. D.1). For the output f
 * = vᵀx/√n of the declared readout, every vector y on which f depends gets its scaled gradient
 * dy = √n ∂f/∂y (n^s ∂f/∂y for a readout scaled n^{-s}), accumulated over the instructions that
 * read y, last first:
 *
 * <ul>
 *   <li>the readout: dx += v;
 *   <li>every other instruction sends its gradient back through the transpose of its
 *       {@link LocalDerivative} (the one home of these rules): {@code h := W x} (MatMul): dx +=
 *       Wᵀ dh; {@code h := Wᵀ x}: dx += W dh; {@code h := Σ aᵢ gᵢ} (LinComb): dgᵢ += aᵢ dh;
 *       {@code y := φ(g₁, …, g_k; θ…)} (Nonlin, Nonlin+): dgᵢ += dy ⊙ ∂φ/∂gᵢ (relu′ = step; the
 *       a.e. derivative at kinks);
 *   <li>scalars made by Moment, and scalar ops, are held fixed: no gradient flows through them
 *       (TP IIb App. D.4.5, "treat any scalar produced through Moment as a constant fixed at
 *       initialization"; in the limit this is exact). The result's notes say which scalars.
 * </ul>
 *
 * A gradient with one term equal to a vector is that vector (dx₂ = v needs no instruction); each
 * MatMul term is its own instruction; a sum of terms is one LinComb or Nonlin, classified as the
 * parser would ({@link Classifier}). Gradient names are {@code d} + the vector's name ({@code
 * dh2}), or {@code dx_h2} for the part of dx coming from h2 when x has several terms, made fresh
 * when taken.
 *
 * <p>The result is the forward pass followed by the backward pass, with the network declarations
 * kept (so it can be instantiated on the inputs), the forward outputs and the gradients at the
 * parameters as outputs. It is refused when the readout weights are already read by an
 * instruction (a program that holds its backward pass already). Cost O(program size).
 */
public final class BackwardPass {
  private BackwardPass() {}

  /**
   * The derived program and the gradient of each vector f depends on.
   *
   * @param program the forward pass and its network declarations (backward instructions appended)
   * @param gradients vector → the vector holding its scaled gradient (absent: the gradient is 0)
   * @param heldFixed the Moment scalars the backward pass treats as constants
   * @param notes sentences for the user (what is held fixed and why)
   */
  public record Result(Program program, Map<String, String> gradients, List<String> heldFixed,
      List<String> notes) {
    public Result {
      gradients = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(gradients));
      heldFixed = List.copyOf(heldFixed);
      notes = List.copyOf(notes);
    }

    /** The gradient vector of {@code x}, or null when f does not depend on it. */
    public String gradient(String x) {
      return gradients.get(x);
    }
  }

  /**
   * Derives the backward pass of {@code network}.
   *
   * @throws DerivationException if the program has errors, declares no readout, or already reads
   *     its readout weights
   */
  public static Result derive(Program network) {
    ValidationReport report = Validator.validate(network);
    if (report.hasErrors()) {
      throw new DerivationException(report.errors());
    }
    Network.Readout ro = network.network().readout();
    if (ro == null) {
      throw DerivationException.of(Problem.error("the program declares no readout, so there is"
          + " no output to differentiate: add 'readout v · x'", null, null));
    }
    List<Instruction> ins = network.instructions();
    for (int i = 0; i < ins.size(); i++) {
      if (ins.get(i).arguments().contains(ro.weights())) {
        throw DerivationException.of(Problem.error(ins.get(i).target() + " reads the readout"
            + " weights " + ro.weights() + ": a network's forward pass does not use them (f = "
            + ro.weights() + "ᵀx/√n is their only use); if this program already holds a"
            + " backward pass, derive from the forward network",
            network.sourceMap().reference(i, ro.weights()), ins.get(i).target()));
      }
    }
    return new BackwardPass.Run(network, ro).run();
  }

  private static final class Run {
    final Program p;
    final Network.Readout ro;
    final Program.Builder out;
    final Map<String, VarKind> kinds = new HashMap<>();
    final FreshNames names;
    final Set<String> reached = new HashSet<>();
    final Map<String, Integer> termCount = new HashMap<>();
    final Map<String, List<Expr>> terms = new HashMap<>();
    final Map<String, String> grad = new LinkedHashMap<>();
    // by identity: an instruction record's hash walks its whole expression tree
    final Map<Instruction, LocalDerivative> locals = new java.util.IdentityHashMap<>();

    Run(Program p, Network.Readout ro) {
      this.p = p;
      this.ro = ro;
      this.out = p.toBuilder();
      Set<String> all = new HashSet<>();
      for (var s : p.statements()) {
        all.add(s.target());
        kinds.put(s.target(), p.kindOf(s.target()));
      }
      this.names = new FreshNames(all);
    }

    Result run() {
      reach();
      List<Instruction> ins = p.instructions();
      terms.computeIfAbsent(ro.vector(), k -> new ArrayList<>()).add(new Expr.Ref(ro.weights()));
      for (int i = ins.size() - 1; i >= 0; i--) {
        Instruction in = ins.get(i);
        if (!reached.contains(in.target())) {
          continue;
        }
        String dt = finish(in.target());
        if (dt != null) {
          propagate(in, dt);
        }
      }
      for (Input in : p.inputs()) {
        if (in instanceof VectorInput v && reached.contains(v.name())) {
          finish(v.name());
        }
      }
      Set<String> outputs = new LinkedHashSet<>(p.outputs());
      outputs.addAll(parameterGradients());
      out.outputs().clear();
      out.outputs().addAll(outputs);
      out.title(p.title().isEmpty() ? "Backward pass" : "Backward pass of: " + p.title());
      List<String> fixed = heldFixed();
      List<String> notes = new ArrayList<>();
      double scale = p.network().parametrizationOf(ro.weights())
          .exponents(org.tpe.network.Role.READOUT).initScale();
      String ns = Math.abs(scale - 0.5) < 1e-12 ? "√n" : Math.abs(scale - 1) < 1e-12 ? "n"
          : "n^" + org.tpe.expr.ExprPrinter.number(scale);
      notes.add("dx = " + ns + " ∂f/∂x for every vector x the output f = " + ro.weights() + "ᵀ"
          + ro.vector() + "/" + ns + " depends on (reverse mode; TP II)");
      if (!fixed.isEmpty()) {
        notes.add("Moment scalar" + (fixed.size() > 1 ? "s " : " ") + String.join(", ", fixed)
            + (fixed.size() > 1 ? " are" : " is") + " held fixed: no gradient flows through a"
            + " Moment (TP IIb App. D.4.5: in the limit it treats any scalar produced by Moment"
            + " as a constant fixed at initialization)");
      }
      return new Result(out.build(), grad, fixed, notes);
    }

    /** The vectors f depends on (not through scalars), and how many terms each gradient has. */
    private void reach() {
      List<String> todo = new ArrayList<>(List.of(ro.vector()));
      reached.add(ro.vector());
      termCount.merge(ro.vector(), 1, Integer::sum);
      while (!todo.isEmpty()) {
        String x = todo.remove(todo.size() - 1);
        if (!(p.definition(x) instanceof Instruction in)) {
          continue;
        }
        for (String a : vectorArguments(in)) {
          termCount.merge(a, 1, Integer::sum);
          if (reached.add(a)) {
            todo.add(a);
          }
        }
      }
    }

    /** The vector arguments through which a gradient flows: those with a local factor. */
    private List<String> vectorArguments(Instruction in) {
      return local(in).arguments();
    }

    private LocalDerivative local(Instruction in) {
      return locals.computeIfAbsent(in, i -> LocalDerivative.of(i, p::kindOf));
    }

    /** Emits dx from its collected terms; returns its name, or null when the gradient is 0. */
    private String finish(String x) {
      List<Expr> ts = terms.getOrDefault(x, List.of());
      if (ts.isEmpty()) {
        return null;
      }
      if (ts.size() == 1 && ts.get(0) instanceof Expr.Ref r) {
        grad.put(x, r.name());
        return r.name();
      }
      Expr sum = ts.get(0);
      for (int i = 1; i < ts.size(); i++) {
        sum = new Expr.Bin('+', sum, ts.get(i));
      }
      String name = names.take("d" + x);
      emit(Classifier.classify(name, sum, kinds::get));
      grad.put(x, name);
      return name;
    }

    private void emit(Instruction in) {
      out.instruction(in);
      kinds.put(in.target(), in.resultKind());
    }

    /** Adds instruction {@code in}'s contribution (with dt its target's gradient) to its args. */
    private void propagate(Instruction in, String dt) {
      for (LocalDerivative.Factor f : local(in).factors()) {
        String x = f.argument();
        if (f instanceof LocalDerivative.ByMatrix m) {
          String name = termCount.getOrDefault(x, 0) == 1 ? names.take("d" + x)
              : names.take("d" + FreshNames.stem(x) + "_" + FreshNames.stem(in.target())
                  + FreshNames.primes(x));
          emit(m.cotangent(name, dt));
          add(x, new Expr.Ref(name));
        } else if (f instanceof LocalDerivative.Diagonal d) {
          add(x, d.times(dt));
        }
      }
    }

    private void add(String x, Expr term) {
      terms.computeIfAbsent(x, k -> new ArrayList<>()).add(term);
    }

    /** Gradients at the parameters' uses: dh of MatMuls, and of trainable initial vectors. */
    private List<String> parameterGradients() {
      Network net = p.network();
      List<String> gs = new ArrayList<>();
      for (Instruction in : p.instructions()) {
        if (in instanceof MatMul m && net.isTrainable(m.matrix()) && grad.containsKey(m.target())) {
          gs.add(grad.get(m.target()));
        }
      }
      for (Input in : p.inputs()) {
        if (in instanceof VectorInput v && grad.containsKey(v.name())
            && !v.name().equals(ro.weights()) && (net.isTrainable(v.name())
            || (net.embeddingOf(v.name()) != null
                && net.isTrainable(net.embeddingOf(v.name()).matrix())))) {
          gs.add(grad.get(v.name()));
        }
      }
      return gs;
    }

    /** Moment scalars that vectors f depends on read (directly or through scalar ops). */
    private List<String> heldFixed() {
      Set<String> scalars = new LinkedHashSet<>();
      List<String> todo = new ArrayList<>();
      for (Instruction in : p.instructions()) {
        if (reached.contains(in.target())) {
          for (String a : in.arguments()) {
            if (p.kindOf(a) == VarKind.SCALAR && scalars.add(a)) {
              todo.add(a);
            }
          }
        }
      }
      while (!todo.isEmpty()) {
        String s = todo.remove(todo.size() - 1);
        if (p.definition(s) instanceof ScalarOp op) {
          for (String a : op.arguments()) {
            if (scalars.add(a)) {
              todo.add(a);
            }
          }
        }
      }
      List<String> moments = new ArrayList<>();
      for (Instruction in : p.instructions()) {
        if (in instanceof Moment && scalars.contains(in.target())) {
          moments.add(in.target());
        }
      }
      return moments;
    }
  }
}
