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
import org.tpe.model.Covariance;
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
import org.tpe.model.Statement;
import org.tpe.model.VectorInput;
import org.tpe.network.Network;
import org.tpe.validate.ValidationReport;
import org.tpe.validate.Validator;

/**
 * A network's program instantiated on its inputs ξ₁ … ξ_k (TP I, the batch of inputs; seeds/004
 * "Let ξ_{1:M} be a batch of M inputs"): every instruction is copied once per input, and so is
 * every embedding vector; matrices, scalar inputs and the other initial vectors (biases, the
 * readout weights) are shared by all copies. Copy a of a vector x is named x followed by a primes
 * (x, x', x'', …: the primes of the hand-written samples). The embedding vectors' initial
 * covariance comes from the Gram matrix: for the input layer U with entries of variance σ_U² (the
 * declared variance of its embedding vectors), Cov(Z^{e_t(ξ_a)}, Z^{e_s(ξ_b)}) = σ_U²
 * G[(a, t), (b, s)]; different input layers are independent.
 *
 * <p>The result is an ordinary program (its network declarations are consumed: the inputs are
 * now part of it); its outputs are the copies of the network's outputs and of the readout's
 * vector. Refused, with the place, when a copy's name is already taken. Cost O(k · program
 * size + (kT)²) for k inputs of T tokens.
 */
public final class Instantiation {
  private Instantiation() {}

  /**
   * The instantiated program and the names of every copy.
   *
   * @param program the program on all inputs
   * @param inputs the input names ξ₁ … ξ_k
   * @param copies for each copied name of the network program, its copy per input (index a)
   */
  public record Result(Program program, List<String> inputs, Map<String, List<String>> copies) {
    public Result {
      inputs = List.copyOf(inputs);
      Map<String, List<String>> c = new LinkedHashMap<>();
      copies.forEach((k, v) -> c.put(k, List.copyOf(v)));
      copies = java.util.Collections.unmodifiableMap(c);
    }

    /** The copy of {@code x} for input {@code a} (0-based); {@code x} itself when shared. */
    public String copy(String x, int a) {
      List<String> c = copies.get(x);
      return c == null ? x : c.get(a);
    }
  }

  /**
   * Instantiates {@code network} on its declared inputs.
   *
   * @throws DerivationException if the program or its declarations have errors, or a copy's name
   *     collides with a name of the program
   */
  public static Result on(Program network) {
    ValidationReport report = Validator.validate(network);
    if (report.hasErrors()) {
      throw new DerivationException(report.errors());
    }
    return instantiate(network);
  }

  /**
   * Instantiates a derived backward pass on the network's inputs without validating it again:
   * {@link BackwardPass#derive} validated the network (its declarations, the Gram matrix) and
   * writes well-formed Netsor⊤ (tested), so the one validation left is that of the instantiated
   * program, by whoever computes its limits ({@link org.tpe.limit.Limits} does).
   *
   * @throws DerivationException if the network declares no inputs, or a copy's name collides
   *     with a name of the program
   */
  public static Result on(BackwardPass.Result backward) {
    return instantiate(backward.program());
  }

  private static Result instantiate(Program network) {
    Network net = network.network();
    if (net.inputs().isEmpty()) {
      throw DerivationException.of(Problem.error("the program declares no inputs to instantiate"
          + " it on: add 'inputs ξ1, ξ2' and their Gram rows", null, null));
    }
    int k = net.inputs().size();
    Set<String> tokens = new HashSet<>();
    net.embeddings().forEach(e -> tokens.addAll(e.tokens()));
    List<String> copied = new ArrayList<>();
    for (Input in : network.inputs()) {
      if (tokens.contains(in.target())) {
        copied.add(in.target());
      }
    }
    for (Instruction in : network.instructions()) {
      copied.add(in.target());
    }
    Set<String> original = new HashSet<>();
    network.statements().forEach(s -> original.add(s.target()));
    Map<String, List<String>> copies = new LinkedHashMap<>();
    Map<String, String> owner = new HashMap<>();
    for (String x : copied) {
      List<String> cs = new ArrayList<>();
      for (int a = 0; a < k; a++) {
        String c = x + "'".repeat(a);
        String prev = owner.putIfAbsent(c, x);
        if (a > 0 && (original.contains(c) || prev != null)) {
          throw DerivationException.of(Problem.error("the copy of " + x + " for input "
              + net.inputs().get(a) + " would be named " + c + ", which "
              + (original.contains(c) ? "the program already uses" : "is the copy of " + prev)
              + "; rename " + (original.contains(c) ? c : x) + " (copies on the inputs are named"
              + " with primes)", position(network, original.contains(c) ? c : x),
              original.contains(c) ? c : x));
        }
        cs.add(c);
      }
      copies.put(x, cs);
    }
    Program.Builder b = Program.builder();
    b.title((network.title().isEmpty() ? "Network" : network.title()) + " on inputs "
        + String.join(", ", net.inputs()));
    for (Input in : network.inputs()) {
      Network.Embedding e = net.embeddingOf(in.target());
      if (e == null) {
        b.input(in);
        continue;
      }
      VectorInput v = (VectorInput) in;
      int t = e.tokens().indexOf(v.name()) + 1;
      for (int a = 0; a < k; a++) {
        b.input(new VectorInput(copies.get(v.name()).get(a), 0,
            v.variance() * net.gramEntry(a, t, a, t)));
      }
    }
    network.covariances().forEach(b::covariance);
    for (Network.Embedding e : net.embeddings()) {
      double s2 = ((VectorInput) network.definition(e.tokens().get(0))).variance();
      List<String[]> cells = new ArrayList<>();
      List<int[]> where = new ArrayList<>();
      for (int a = 0; a < k; a++) {
        for (int t = 1; t <= e.tokens().size(); t++) {
          cells.add(new String[] {copies.get(e.tokens().get(t - 1)).get(a)});
          where.add(new int[] {a, t});
        }
      }
      for (int i = 0; i < cells.size(); i++) {
        for (int j = i + 1; j < cells.size(); j++) {
          double g = net.gramEntry(where.get(i)[0], where.get(i)[1], where.get(j)[0],
              where.get(j)[1]);
          if (g != 0) {
            b.covariance(new Covariance(cells.get(i)[0], cells.get(j)[0], s2 * g));
          }
        }
      }
    }
    for (int a = 0; a < k; a++) {
      Map<String, String> rename = new HashMap<>();
      Map<String, Expr> refs = new HashMap<>();
      for (String x : copied) {
        rename.put(x, copies.get(x).get(a));
        refs.put(x, new Expr.Ref(copies.get(x).get(a)));
      }
      for (Instruction in : network.instructions()) {
        b.instruction(renamed(in, rename, refs));
      }
    }
    Set<String> outs = new LinkedHashSet<>(network.outputs());
    if (net.readout() != null) {
      outs.add(net.readout().vector());
    }
    for (String o : outs) {
      List<String> cs = copies.get(o);
      if (cs == null) {
        b.output(o);
      } else {
        cs.forEach(b::output);
      }
    }
    return new Result(b.build(), net.inputs(), copies);
  }

  static Instruction renamed(Instruction in, Map<String, String> rename,
      Map<String, Expr> refs) {
    String t = rename.getOrDefault(in.target(), in.target());
    if (in instanceof MatMul m) {
      return new MatMul(t, m.matrix(), m.transposed(), rename.getOrDefault(m.argument(),
          m.argument()));
    } else if (in instanceof LinComb l) {
      return new LinComb(t, l.terms().stream().map(x -> new LinComb.Term(x.coefficient(),
          rename.getOrDefault(x.variable(), x.variable()))).toList());
    } else if (in instanceof Nonlin n) {
      return new Nonlin(t, n.phi().substitute(refs));
    } else if (in instanceof Moment m) {
      return new Moment(t, m.phi().substitute(refs));
    } else {
      return new ScalarOp(t, ((ScalarOp) in).f().substitute(refs));
    }
  }

  private static SourcePos position(Program p, String name) {
    Statement s = p.definition(name);
    if (s instanceof Input in) {
      return p.sourceMap().input(p.inputs().indexOf(in));
    }
    if (s instanceof Instruction i) {
      return p.sourceMap().instruction(p.instructions().indexOf(i));
    }
    return null;
  }
}
