package org.tpe.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tpe.derive.BackwardPass;
import org.tpe.derive.DerivationException;
import org.tpe.derive.FreshNames;
import org.tpe.derive.Instantiation;
import org.tpe.expr.Derivative;
import org.tpe.expr.Expr;
import org.tpe.expr.ExprPrinter;
import org.tpe.model.Classifier;
import org.tpe.model.Input;
import org.tpe.model.Instruction;
import org.tpe.model.LinComb;
import org.tpe.model.MatMul;
import org.tpe.model.Moment;
import org.tpe.model.Nonlin;
import org.tpe.model.Problem;
import org.tpe.model.Program;
import org.tpe.model.ScalarInput;
import org.tpe.model.ScalarOp;
import org.tpe.model.VarKind;
import org.tpe.model.VectorInput;
import org.tpe.network.Network;
import org.tpe.network.NetworkValidator;
import org.tpe.network.Role;
import org.tpe.network.Training;
import org.tpe.validate.ValidationReport;
import org.tpe.validate.Validator;

/**
 * SGD on a network written as one Tensor Program (TP IIb App. D.1, "SGD as a program"; seeds/004
 * eqs. (7)–(9); TP IV §3). The program is ordinary — validated, drawn, its limits computed by any
 * engine — and holds, for every step t = 0 … T, the forward pass on every training and test input,
 * the outputs f_t(ξ) and the loss as scalars, and for t &lt; T the loss derivatives χ_t = L′(f_t,
 * y) and the backward pass on the step's examples. The weights are never formed: a trained matrix
 * acts as
 *
 * <pre>
 *   W_t x = W₀ x − Σ_{s&lt;t} Σ_{a ∈ batch s} (η_W / B) χ_{s,a} Σ_u L_u (R_uᵀ x / n)
 * </pre>
 *
 * with (L_u, R_u) = (dh, x) for each use h = W x of the forward pass and (y, dg) for g = Wᵀ y (so
 * W_tᵀ y uses R_u (L_uᵀ y / n)): a MatMul by W₀, Moments for the inner products and a Nonlin+
 * with the scalars χ (seeds/004 eq. (9)). An input layer acts on input ξ̄ as U_t ξ̄/√d = U₀ξ̄/√d −
 * Σ (η_U/B) χ Σ_τ de_τ G[(a, τ), (ξ̄, ·)], a bias as b_t = b − Σ (η_b/B) χ db, the readout weights
 * as v_t = v − Σ (η_v/B) χ x. The gradients dy = n^s ∂f/∂y are {@link BackwardPass}'s, taken at
 * step s with the step-s weights (Moment scalars held fixed, as there). B is 1 (cyclic batch) or
 * the number of examples (full batch, the gradient averaged).
 *
 * <p>The coefficients: with the abc exponents of every parameter, η_P = η n^{e_P} with e_P its
 * {@link org.tpe.network.Parametrization#updateExponent} and f = n^{1−s} avg(v x). There are two
 * programs:
 *
 * <ul>
 *   <li>at a width n ({@link #atWidth}): every n^e is a number; the program, run at width n,
 *       <em>is</em> SGD on the width-n network (exact, whatever the parametrization);
 *   <li>the limit ({@link #limit}), in the network's {@link Regime}: for feature learning (μP) the
 *       same program with n^e → 1 for e = 0 and the term dropped for e &lt; 0; in the kernel regime
 *       (NTK parametrization) the program of the scaled changes δx_t = √n (x_t − x₀), linearised
 *       (TP IIb App. D.1): the features stay at initialisation, δ follows the forward-mode
 *       derivative of the network (δh = W₀ δx − Σ (η/B) χ L (Rᵀx₀/n), δx = φ′(h₀) δh, …) with the
 *       gradients of step 0, and f_t = f₀ + avg(v δx_t) − Σ (η/B) χ avg(x₀(ξ_a) x₀(ξ)), given f₀
 *       (initial scalars, 0 unless changed: TP IIb App. D.1.1, the limit given the output at
 *       initialisation); without a limit ({@link Regime.Kind#NO_LIMIT}) it is refused.
 * </ul>
 *
 * Cost: O(T² · k · |program|) instructions for k inputs (step t reads every earlier step's
 * gradients).
 */
public final class UnrolledSgd {
  private UnrolledSgd() {}

  /**
   * The derived program and where each quantity of the run is in it. Immutable.
   */
  public static final class Result {
    private final Program program;
    private final Regime regime;
    private final int width;
    private final double learningRate;
    private final List<String> inputs;
    private final List<Integer> examples;
    private final Map<Integer, Double> labels;
    private final List<List<Integer>> batches;
    private final String readout;
    private final List<String> forward;
    private final Training.Loss loss;
    private final List<String> notes;
    private final String[][] outputs;
    private final String[] losses;
    private final String[][][] movements;
    private final Map<String, String[][]> vectors;
    private final Map<String, String[][]> changes;

    Result(Run r) {
      this.program = r.out.build();
      this.regime = r.regime;
      this.width = r.width;
      this.learningRate = r.eta;
      this.inputs = List.copyOf(r.inputs);
      this.examples = List.copyOf(r.examples);
      Map<Integer, Double> ls = new LinkedHashMap<>();
      for (int a : r.examples) {
        ls.put(a, r.tr.labelOf(r.inputs.get(a)));
      }
      this.labels = Collections.unmodifiableMap(ls);
      this.batches = r.batches.stream().map(List::copyOf).toList();
      this.readout = r.net.readout().vector();
      this.forward = List.copyOf(r.vectors.keySet());
      this.loss = r.tr.lossOrDefault();
      this.notes = List.copyOf(r.notes);
      this.outputs = deepCopy(r.outputs);
      this.losses = r.losses.clone();
      this.movements = new String[r.movements.length][][];
      for (int t = 0; t < movements.length; t++) {
        movements[t] = deepCopy(r.movements[t]);
      }
      this.vectors = copy(r.vectors);
      this.changes = copy(r.changes);
    }

    private static String[][] deepCopy(String[][] a) {
      String[][] c = new String[a.length][];
      for (int i = 0; i < a.length; i++) {
        c[i] = a[i].clone();
      }
      return c;
    }

    private static Map<String, String[][]> copy(Map<String, String[][]> m) {
      Map<String, String[][]> c = new LinkedHashMap<>();
      m.forEach((k, v) -> c.put(k, deepCopy(v)));
      return Collections.unmodifiableMap(c);
    }

    /** The unrolled program. */
    public Program program() {
      return program;
    }

    /** The network's regime. */
    public Regime regime() {
      return regime;
    }

    /** n of a finite-width program, 0 for the limit. */
    public int width() {
      return width;
    }

    /** Whether this is a finite-width program. */
    public boolean finite() {
      return width > 0;
    }

    /** η. */
    public double learningRate() {
      return learningRate;
    }

    /** The inputs f is computed on: the training examples, then the test inputs. */
    public List<String> inputs() {
      return inputs;
    }

    /** The indices into {@link #inputs} of the training examples, in SGD order. */
    public List<Integer> examples() {
      return examples;
    }

    /** The label of every training example, by index into {@link #inputs}. */
    public Map<Integer, Double> labels() {
      return labels;
    }

    /** For every step t &lt; T the examples it uses (indices into {@link #inputs}). */
    public List<List<Integer>> batches() {
      return batches;
    }

    /** The readout's vector (a name of the network program). */
    public String readout() {
      return readout;
    }

    /** The network's forward vectors (names of the network program), in order. */
    public List<String> forward() {
      return forward;
    }

    public Training.Loss loss() {
      return loss;
    }

    /** Sentences for the user: the regime, what vanished, what is held fixed. */
    public List<String> notes() {
      return notes;
    }

    /** T, the number of SGD steps. */
    public int steps() {
      return losses.length - 1;
    }

    /** The scalar holding f_t on input {@code b} (index into {@link #inputs}). */
    public String output(int t, int b) {
      return outputs[t][b];
    }

    /** The scalar holding the training loss at step t (mean over the examples). */
    public String loss(int t) {
      return losses[t];
    }

    /**
     * The scalar holding the feature kernel's movement from step 0 to step t on inputs a, b at
     * finite width; null at step 0 and in the limit's programs.
     */
    public String movement(int t, int a, int b) {
      return movements[t][a][b];
    }

    /**
     * The vector holding the network's vector {@code x} at step t on input b (in the kernel
     * regime's limit program: its value at initialisation, which it keeps), or null.
     */
    public String vector(String x, int t, int b) {
      String[][] v = vectors.get(x);
      return v == null ? null : v[t][b];
    }

    /**
     * In the kernel regime's limit program, the vector holding δx_t = lim √n (x_t − x₀) on input
     * b, or null when it is 0 (or in other programs).
     */
    public String change(String x, int t, int b) {
      String[][] v = changes.get(x);
      return v == null ? null : v[t][b];
    }
  }

  /**
   * The program of the infinite-width limit of {@code network}'s training.
   *
   * @throws DerivationException if the network or its training setup has errors, or its
   *     parametrization has no infinite-width limit the program can express
   */
  public static Result limit(Program network) {
    return new Run(network, 0).run();
  }

  /**
   * The program of SGD on {@code network} at width {@code n}, exact in every parametrization.
   *
   * @throws DerivationException if the network or its training setup has errors
   */
  public static Result atWidth(Program network, int n) {
    if (n < 2) {
      throw new IllegalArgumentException("width must be at least 2: " + n);
    }
    return new Run(network, n).run();
  }

  /** One use of a trained matrix: W_t = W₀ − Σ κ L Rᵀ/n. */
  private record Use(String left, String right) {}

  private static final class Run {
    final Program p;
    final Network net;
    final Training tr;
    final int width;
    final Regime regime;
    final boolean kernel;
    final int steps;
    final List<String> inputs = new ArrayList<>();
    final List<Integer> examples = new ArrayList<>();
    final List<List<Integer>> batches = new ArrayList<>();
    final Program.Builder out = Program.builder();
    final Map<String, VarKind> kinds = new HashMap<>();
    final List<String> notes = new ArrayList<>();
    final double eta;
    final int batchSize;
    Program base;
    BackwardPass.Result bw;
    List<Instruction> fwd;
    List<Instruction> bwd;
    FreshNames names;
    /** Forward names per step and input: network name → program name. */
    Map<String, String>[][] fw;
    /** Backward names per step and example (index into inputs). */
    final Map<Integer, Map<Integer, Map<String, String>>> bk = new HashMap<>();
    /** Learning-rate scalar per trained parameter whose term is kept. */
    final Map<String, String> etaOf = new LinkedHashMap<>();
    final Map<String, Role> roles = new LinkedHashMap<>();
    /** χ per step and example. */
    final Map<Integer, Map<Integer, String>> chi = new HashMap<>();
    /** Shared vectors per step: trained biases and readout weights. */
    final Map<Integer, Map<String, String>> shared = new HashMap<>();
    /** Inner products of the kernel regime, reused across steps: key → Moment name. */
    final Map<String, String> products = new HashMap<>();
    String[][] outputs;
    String[] losses;
    String[][][] movements;
    final Map<String, String[][]> vectors = new LinkedHashMap<>();
    final Map<String, String[][]> changes = new LinkedHashMap<>();
    String[] initialOutputs;

    Run(Program network, int width) {
      ValidationReport report = Validator.validate(network);
      if (report.hasErrors()) {
        throw new DerivationException(report.errors());
      }
      this.p = network;
      this.net = network.network();
      this.tr = net.training();
      if (tr == null) {
        throw DerivationException.of(Problem.error("the network declares no training setup: add"
            + " 'train ξ1 : y1, ξ2 : y2' with the training inputs and their labels (and"
            + " optionally test, loss, lr, steps, batch)", net.source().first(), null));
      }
      this.width = width;
      this.regime = Regime.of(network);
      if (width == 0 && regime.kind() == Regime.Kind.NO_LIMIT) {
        String w = regime.witness();
        throw DerivationException.of(Problem.error(regime.reason(), paramPosition(w), w));
      }
      this.kernel = width == 0 && regime.kind() == Regime.Kind.KERNEL;
      this.steps = tr.stepsOrDefault();
      this.eta = tr.learningRateOrDefault();
      for (Training.Example e : tr.examples()) {
        inputs.add(e.input());
        examples.add(inputs.size() - 1);
      }
      for (String t : tr.tests()) {
        if (!inputs.contains(t)) {
          inputs.add(t);
        }
      }
      this.batchSize = tr.batchOrDefault() == Training.Batch.FULL ? examples.size() : 1;
      for (int t = 0; t < steps; t++) {
        batches.add(batchSize == 1 ? List.of(examples.get(t % examples.size()))
            : List.copyOf(examples));
      }
    }

    private org.tpe.model.SourcePos paramPosition(String name) {
      for (int i = 0; i < net.params().size(); i++) {
        if (net.params().get(i).names().contains(name)) {
          return net.params().get(i).parametrization() != null
              ? net.source().paramParametrization(i)
              : net.parametrization() != null ? net.source().parametrization()
              : net.source().param(i, name);
        }
      }
      return net.source().first();
    }

    @SuppressWarnings("unchecked")
    Result run() {
      base = restricted();
      bw = BackwardPass.derive(base);
      fwd = base.instructions();
      List<Instruction> all = bw.program().instructions();
      bwd = all.subList(fwd.size(), all.size());
      Instantiation.Result init = Instantiation.on(base);
      Set<String> taken = new HashSet<>();
      init.program().statements().forEach(s -> taken.add(s.target()));
      bw.program().statements().forEach(s -> taken.add(s.target()));
      names = new FreshNames(taken);
      for (Input in : init.program().inputs()) {
        emitInput(in);
      }
      init.program().covariances().forEach(out::covariance);
      for (Instruction in : init.program().instructions()) {
        emit(in);
      }
      int k = inputs.size();
      fw = new Map[steps + 1][k];
      for (int b = 0; b < k; b++) {
        Map<String, String> m = new HashMap<>();
        for (Map.Entry<String, List<String>> e : init.copies().entrySet()) {
          m.put(e.getKey(), e.getValue().get(b));
        }
        fw[0][b] = m;
      }
      learningRates();
      outputs = new String[steps + 1][k];
      losses = new String[steps + 1];
      movements = new String[steps + 1][k][k];
      List<String> forwardVectors = new ArrayList<>();
      for (String v : base.vectors()) {
        if (!v.equals(net.readout().weights())) {
          forwardVectors.add(v);
          vectors.put(v, new String[steps + 1][k]);
        }
      }
      if (kernel) {
        initialOutputs = new String[k];
        for (int b = 0; b < k; b++) {
          initialOutputs[b] = names.take("f_0" + "'".repeat(b));
          emitInput(new ScalarInput(initialOutputs[b], 0));
        }
        notes.add("kernel regime (" + net.parametrizationOf(net.readout().weights()).text()
            + "): the limit given f_0 = 0 on every input (TP IIb App. D.1.1; for the squared loss"
            + " also the mean over the Gaussian-process draw of f_0); the features stay at"
            + " initialisation and δx = lim √n (x_t − x_0) follows the linearised network");
      }
      for (int t = 0; t <= steps; t++) {
        if (t > 0) {
          for (int b = 0; b < k; b++) {
            if (kernel) {
              fw[t][b] = fw[0][b];
              changeForward(t, b);
            } else {
              forward(t, b);
            }
          }
        }
        for (int b = 0; b < k; b++) {
          for (String v : forwardVectors) {
            vectors.get(v)[t][b] = fw[t][b].get(v);
          }
          outputs[t][b] = output(t, b);
        }
        if (t > 0 && width > 0) {
          movementAt(t);
        }
        lossAt(t);
        if (t < steps) {
          for (int a : batches.get(t)) {
            chiAt(t, a);
            if (!kernel) {
              backward(t, a);
            } else if (!bk.containsKey(0) || !bk.get(0).containsKey(a)) {
              backward(0, a);
            }
          }
        }
      }
      for (int b = 0; b < k; b++) {
        out.output(fw[steps][b].get(net.readout().vector()));
      }
      out.title("SGD, " + steps + " step" + (steps == 1 ? "" : "s") + (width > 0 ? " at width "
          + width : kernel ? ", limit of the scaled changes" : ", limit") + ": "
          + (p.title().isEmpty() ? "network" : p.title()));
      notes.addAll(bw.notes());
      if (width > 0) {
        notes.add(0, "width n = " + width + ": every n^e is a number, so the program run at width"
            + " n is SGD on the width-" + width + " network");
      }
      notes.add(0, regime.kind().label() + ": " + regime.reason());
      return new Result(this);
    }

    /** The network on the evaluated inputs only, in their order. */
    private Program restricted() {
      int tokens = net.tokenCount();
      int size = inputs.size() * tokens;
      double[][] g = new double[size][size];
      for (int i = 0; i < size; i++) {
        int a = net.inputs().indexOf(inputs.get(i / tokens));
        for (int j = 0; j < size; j++) {
          int b = net.inputs().indexOf(inputs.get(j / tokens));
          g[i][j] = net.gramEntry(a, i % tokens + 1, b, j % tokens + 1);
        }
      }
      Network.Builder nb = net.toBuilder().inputs(inputs).gramMatrix(g);
      return p.toBuilder().network(nb.build()).build();
    }

    /** The learning-rate scalars: η n^{e_P} (a number at width n; 1 or dropped in the limit). */
    private void learningRates() {
      Map<Double, String> byValue = new LinkedHashMap<>();
      List<String> dropped = new ArrayList<>();
      for (Map.Entry<String, Double> e : regime.updateExponents().entrySet()) {
        String param = e.getKey();
        roles.put(param, NetworkValidator.roleOf(base, param));
        double ex = e.getValue() + (kernel ? 0.5 : 0);
        double c;
        if (width > 0) {
          c = Math.pow(width, e.getValue());
        } else if (ex < -Regime.TOLERANCE) {
          dropped.add(param + " (n^" + Regime.num(ex) + ")");
          continue;
        } else {
          c = 1;
        }
        double value = eta * c;
        String name = byValue.get(value);
        if (name == null) {
          name = names.take(value == eta ? "η" : "η_" + param);
          byValue.put(value, name);
          emitInput(new ScalarInput(name, value));
        }
        etaOf.put(param, name);
      }
      if (!dropped.isEmpty()) {
        notes.add("vanishing in the limit, so left out: the update" + (dropped.size() > 1 ? "s"
            : "") + " of " + String.join(", ", dropped));
      }
      if (width > 0 && byValue.size() > 1) {
        List<String> parts = new ArrayList<>();
        etaOf.forEach((param, name) -> parts.add(param + ": " + name));
        notes.add("learning rates in the program's units, η n^e per parameter: "
            + String.join(", ", parts));
      }
    }

    // ---- emission --------------------------------------------------------------------------

    private void emitInput(Input in) {
      out.input(in);
      kinds.put(in.target(), in.kind());
    }

    private void emit(Instruction in) {
      out.instruction(in);
      kinds.put(in.target(), in.resultKind());
    }

    /** Emits {@code name := e}, classified as the parser would; returns the name. */
    private String assign(String name, Expr e) {
      emit(Classifier.classify(name, e, kinds::get));
      return name;
    }

    private String moment(String name, Expr e) {
      emit(new Moment(name, e));
      return name;
    }

    private static String stem(String x) {
      return FreshNames.stem(x);
    }

    private static String primes(int b) {
      return "'".repeat(b);
    }

    private String fresh(String stem, int t, int b) {
      return names.take(stem + "_" + t + primes(b));
    }

    private static Expr ref(String n) {
      return new Expr.Ref(n);
    }

    private static Expr num(double v) {
      return new Expr.Num(v);
    }

    /** (η_P / B) χ_{s,a}. */
    private Expr kappa(String param, int s, int a) {
      Expr k = Derivative.mul(ref(etaOf.get(param)), ref(chi.get(s).get(a)));
      return batchSize == 1 ? k : Derivative.mul(num(1.0 / batchSize), k);
    }

    private boolean trained(String param) {
      return etaOf.containsKey(param);
    }

    // ---- forward pass at step t ------------------------------------------------------------

    /** The forward pass at step t ≥ 1 on input b with the step-t weights. */
    private void forward(int t, int b) {
      Map<String, String> m = new HashMap<>();
      for (Input in : base.inputs()) {
        m.put(in.target(), sharedAt(in.target(), t));
      }
      for (Network.Embedding e : net.embeddings()) {
        for (int tok = 0; tok < e.tokens().size(); tok++) {
          m.put(e.tokens().get(tok), embeddingAt(e, tok, t, b));
        }
      }
      for (Instruction in : fwd) {
        String name = fresh(stem(in.target()), t, b);
        if (in instanceof MatMul mm) {
          apply(mm.matrix(), mm.transposed(), m.get(mm.argument()), t, name,
              stem(mm.matrix()) + (mm.transposed() ? "T" : "") + stem(mm.argument()), t, b);
        } else {
          copy(in, name, m);
        }
        m.put(in.target(), name);
      }
      fw[t][b] = m;
    }

    /** {@code in} with its names mapped by {@code m}, as {@code name}. */
    private void copy(Instruction in, String name, Map<String, String> m) {
      Map<String, Expr> refs = new HashMap<>();
      for (String a : in.arguments()) {
        refs.put(a, ref(m.getOrDefault(a, a)));
      }
      if (in instanceof Moment mo) {
        moment(name, mo.phi().substitute(refs));
      } else {
        assign(name, expression(in).substitute(refs));
      }
    }

    /** The right-hand side of a LinComb, Nonlin or scalar op as an expression. */
    private static Expr expression(Instruction in) {
      if (in instanceof LinComb l) {
        Expr e = null;
        for (LinComb.Term term : l.terms()) {
          Expr x = Derivative.mul(num(term.coefficient()), ref(term.variable()));
          e = e == null ? x : Derivative.add(e, x);
        }
        return e;
      } else if (in instanceof Nonlin n) {
        return n.phi();
      } else if (in instanceof ScalarOp s) {
        return s.f();
      }
      throw new IllegalArgumentException(in.toString());
    }

    /** An initial vector or scalar of the network at step t (trained biases and v change). */
    private String sharedAt(String x, int t) {
      Role role = roles.get(x);
      if (t == 0 || !trained(x) || (role != Role.BIAS && role != Role.READOUT)) {
        return x;
      }
      Map<String, String> s = shared.computeIfAbsent(t, k -> new HashMap<>());
      String have = s.get(x);
      if (have != null) {
        return have;
      }
      Expr e = ref(x);
      for (int r = 0; r < t; r++) {
        for (int a : batches.get(r)) {
          String d = role == Role.BIAS ? gradient(x, r, a) : fw[r][a].get(net.readout().vector());
          if (d != null) {
            e = Derivative.sub(e, Derivative.mul(kappa(x, r, a), ref(d)));
          }
        }
      }
      String name = assign(names.take(stem(x) + "_" + t), e);
      s.put(x, name);
      return name;
    }

    /** Embedding vector {@code tok} of input layer {@code e} at step t on input b. */
    private String embeddingAt(Network.Embedding e, int tok, int t, int b) {
      String init = fw[0][b].get(e.tokens().get(tok));
      if (!trained(e.matrix())) {
        return init;
      }
      Expr x = ref(init);
      boolean changed = false;
      for (int r = 0; r < t; r++) {
        for (int a : batches.get(r)) {
          for (int tk = 0; tk < e.tokens().size(); tk++) {
            double g = gram(a, tk + 1, b, tok + 1);
            String d = gradient(e.tokens().get(tk), r, a);
            if (g != 0 && d != null) {
              Expr term = Derivative.mul(Derivative.mul(num(Math.abs(g)), kappa(e.matrix(), r,
                  a)), ref(d));
              x = g > 0 ? Derivative.sub(x, term) : Derivative.add(x, term);
              changed = true;
            }
          }
        }
      }
      return changed ? assign(fresh(stem(e.tokens().get(tok)), t, b), x) : init;
    }

    private double gram(int a, int ta, int b, int tb) {
      return base.network().gramEntry(a, ta, b, tb);
    }

    /**
     * Emits {@code name := W_t y} (or W_tᵀ y): a MatMul by W₀, and when W is trained, the
     * Moments (R_uᵀ y / n) and the Nonlin+ subtracting the earlier steps' updates.
     */
    private void apply(String w, boolean transposed, String y, int t, String name, String rawStem,
        int rt, int rb) {
      List<Expr> terms = new ArrayList<>();
      if (trained(w)) {
        for (int r = 0; r < t; r++) {
          for (int a : batches.get(r)) {
            for (Use u : uses(w, r, a)) {
              String reader = transposed ? u.left() : u.right();
              String along = transposed ? u.right() : u.left();
              String c = moment(names.take("c" + stem(reader) + "_" + r + suffix(a) + "_" + rt
                  + primes(rb)), Derivative.mul(ref(reader), ref(y)));
              terms.add(Derivative.mul(Derivative.mul(kappa(w, r, a), ref(c)), ref(along)));
            }
          }
        }
      }
      if (terms.isEmpty()) {
        emit(new MatMul(name, w, transposed, y));
        return;
      }
      String raw = names.take(rawStem + "_" + rt + primes(rb));
      emit(new MatMul(raw, w, transposed, y));
      Expr e = ref(raw);
      for (Expr term : terms) {
        e = Derivative.sub(e, term);
      }
      assign(name, e);
    }

    /** "e2" for example index 2 with a full batch (several examples per step), else "". */
    private String suffix(int a) {
      return batchSize == 1 ? "" : "e" + (a + 1);
    }

    /** The uses (L_u, R_u) of matrix w in the forward pass at step r on example a. */
    private List<Use> uses(String w, int r, int a) {
      List<Use> us = new ArrayList<>();
      for (Instruction in : fwd) {
        if (in instanceof MatMul m && m.matrix().equals(w)) {
          String d = gradient(m.target(), r, a);
          if (d == null) {
            continue;
          }
          String x = fw[r][a].get(m.argument());
          us.add(m.transposed() ? new Use(x, d) : new Use(d, x));
        }
      }
      return us;
    }

    /** The program name of the gradient of network vector x at step r on example a, or null. */
    private String gradient(String x, int r, int a) {
      String g = bw.gradient(x);
      if (g == null) {
        return null;
      }
      Map<String, String> m = bk.get(r).get(a);
      return m.getOrDefault(g, g);
    }

    // ---- backward pass at step s -----------------------------------------------------------

    /** The backward pass at step s on example a, with the step-s weights. */
    private void backward(int s, int a) {
      Map<String, String> m = new HashMap<>(fw[s][a]);
      m.put(net.readout().weights(), sharedAt(net.readout().weights(), s));
      for (Instruction in : bwd) {
        String name = fresh(stem(in.target()), s, a);
        if (in instanceof MatMul mm) {
          apply(mm.matrix(), mm.transposed(), m.get(mm.argument()), s, name,
              stem(mm.matrix()) + (mm.transposed() ? "T" : "") + stem(mm.argument()), s, a);
        } else {
          copy(in, name, m);
        }
        m.put(in.target(), name);
      }
      bk.computeIfAbsent(s, x -> new HashMap<>()).put(a, m);
    }

    // ---- outputs, loss derivatives, loss -----------------------------------------------------

    private String output(int t, int b) {
      if (kernel) {
        return t == 0 ? initialOutputs[b] : kernelOutput(t, b, names.take("f_" + t + primes(b)));
      }
      String x = fw[t][b].get(net.readout().vector());
      String name = names.take("f_" + t + primes(b));
      double c0 = width > 0 ? Math.pow(width, regime.outputExponent())
          : Math.abs(regime.outputExponent()) < Regime.TOLERANCE ? 1 : 0;
      String v = sharedAt(net.readout().weights(), t);
      return moment(name, Derivative.mul(num(c0), Derivative.mul(ref(v), ref(x))));
    }

    /**
     * At finite width, the feature kernel's movement avg(x_t(ξ_a) x_t(ξ_b) − x₀(ξ_a) x₀(ξ_b)) of
     * the readout's vector, one Moment per pair: its error, the coordinate standard error of the
     * difference, is that of the movement itself (much smaller than the kernels' own when the
     * features barely move). Not in the limit's program: there the movement is the difference of
     * the two kernels, and a Moment reading both steps' vectors on two inputs would need a
     * higher-dimensional integral than either kernel entry.
     */
    private void movementAt(int t) {
      String xr = net.readout().vector();
      for (int a = 0; a < inputs.size(); a++) {
        for (int b = a; b < inputs.size(); b++) {
          Expr now = Derivative.mul(ref(fw[t][a].get(xr)), ref(fw[t][b].get(xr)));
          Expr then = Derivative.mul(ref(fw[0][a].get(xr)), ref(fw[0][b].get(xr)));
          String name = moment(names.take("ΔK_" + t + "_" + (a + 1) + (b + 1)),
              Derivative.sub(now, then));
          movements[t][a][b] = name;
          movements[t][b][a] = name;
        }
      }
    }

    private void chiAt(int t, int a) {
      String name = names.take("χ_" + t + primes(a));
      assign(name, tr.lossOrDefault().derivative(ref(outputs[t][a]), tr.labelOf(inputs.get(a))));
      chi.computeIfAbsent(t, x -> new HashMap<>()).put(a, name);
    }

    private void lossAt(int t) {
      Expr sum = null;
      for (int a : examples) {
        Expr l = tr.lossOrDefault().value(ref(outputs[t][a]), tr.labelOf(inputs.get(a)));
        sum = sum == null ? l : Derivative.add(sum, l);
      }
      Expr mean = examples.size() == 1 ? sum : Derivative.mul(num(1.0 / examples.size()), sum);
      losses[t] = assign(names.take("L_" + t), mean);
    }

    // ---- the kernel regime: scaled changes ---------------------------------------------------

    /** δ of every forward vector at step t on input b (linearised, features at initialisation). */
    private void changeForward(int t, int b) {
      Map<String, String> init = fw[0][b];
      Map<String, String> d = new HashMap<>();
      for (Input in : base.inputs()) {
        if (roles.get(in.target()) == Role.BIAS && trained(in.target())) {
          String db = biasChange(in.target(), t);
          if (db != null) {
            d.put(in.target(), db);
          }
        }
      }
      for (Network.Embedding e : net.embeddings()) {
        if (!trained(e.matrix())) {
          continue;
        }
        for (int tok = 0; tok < e.tokens().size(); tok++) {
          List<Expr> minus = new ArrayList<>();
          for (int r = 0; r < t; r++) {
            for (int a : batches.get(r)) {
              for (int tk = 0; tk < e.tokens().size(); tk++) {
                double g = gram(a, tk + 1, b, tok + 1);
                String de = gradient(e.tokens().get(tk), 0, a);
                if (g != 0 && de != null) {
                  minus.add(Derivative.mul(Derivative.mul(num(g), kappa(e.matrix(), r, a)),
                      ref(de)));
                }
              }
            }
          }
          if (!minus.isEmpty()) {
            d.put(e.tokens().get(tok), assign(fresh("δ" + stem(e.tokens().get(tok)), t, b),
                difference(null, minus)));
          }
        }
      }
      for (Instruction in : fwd) {
        Expr e = in instanceof MatMul mm ? matMulChange(mm, d, init, t, b)
            : linearised(in, d, init);
        if (e == null) {
          continue;
        }
        String name = fresh("δ" + stem(in.target()), t, b);
        if (in instanceof Moment && e.references().stream()
            .anyMatch(r -> kinds.get(r) != null && kinds.get(r).isVector())) {
          moment(name, e);
        } else {
          assign(name, e);
        }
        d.put(in.target(), name);
      }
      for (Map.Entry<String, String> e : d.entrySet()) {
        String[][] c = changes.computeIfAbsent(e.getKey(),
            k -> new String[steps + 1][inputs.size()]);
        c[t][b] = e.getValue();
      }
    }

    private String biasChange(String bias, int t) {
      Map<String, String> s = shared.computeIfAbsent(t, k -> new HashMap<>());
      if (s.containsKey(bias)) {
        return s.get(bias);
      }
      List<Expr> minus = new ArrayList<>();
      for (int r = 0; r < t; r++) {
        for (int a : batches.get(r)) {
          String db = gradient(bias, 0, a);
          if (db != null) {
            minus.add(Derivative.mul(kappa(bias, r, a), ref(db)));
          }
        }
      }
      String name = minus.isEmpty() ? null : assign(names.take("δ" + stem(bias) + "_" + t),
          difference(null, minus));
      s.put(bias, name);
      return name;
    }

    /** δ(W x) = W₀ δx − Σ (η/B) χ L_u (R_uᵀ x₀ / n) (and the transpose), or null when 0. */
    private Expr matMulChange(MatMul mm, Map<String, String> d, Map<String, String> init, int t,
        int b) {
      Expr e = null;
      List<Expr> minus = new ArrayList<>();
      String dx = d.get(mm.argument());
      if (dx != null) {
        String raw = names.take(stem(mm.matrix()) + (mm.transposed() ? "T" : "") + "δ"
            + stem(mm.argument()) + "_" + t + primes(b));
        emit(new MatMul(raw, mm.matrix(), mm.transposed(), dx));
        e = ref(raw);
      }
      if (trained(mm.matrix())) {
        String y = init.get(mm.argument());
        for (int r = 0; r < t; r++) {
          for (int a : batches.get(r)) {
            for (Use u : uses(mm.matrix(), 0, a)) {
              String reader = mm.transposed() ? u.left() : u.right();
              String along = mm.transposed() ? u.right() : u.left();
              String key = reader + "|" + y;
              String c = products.get(key);
              if (c == null) {
                c = moment(names.take("c" + stem(reader) + "_0" + suffix(a) + "_0" + primes(b)),
                    Derivative.mul(ref(reader), ref(y)));
                products.put(key, c);
              }
              minus.add(Derivative.mul(Derivative.mul(kappa(mm.matrix(), r, a), ref(c)),
                  ref(along)));
            }
          }
        }
      }
      return e == null && minus.isEmpty() ? null : difference(e, minus);
    }

    /** {@code start − m₁ − m₂ − …} ({@code −m₁ − …} when start is null). */
    private static Expr difference(Expr start, List<Expr> minus) {
      Expr e = start;
      for (Expr m : minus) {
        // a negative leading coefficient is added instead: x + 0.7*κ*d, not x - -0.7*κ*d
        Expr plus = negated(m);
        if (plus != null) {
          e = e == null ? plus : Derivative.add(e, plus);
        } else {
          e = e == null ? Derivative.neg(m) : Derivative.sub(e, m);
        }
      }
      return e;
    }

    /** −m when m is c·rest with a number c &lt; 0 (as c·rest with c &gt; 0), else null. */
    private static Expr negated(Expr m) {
      if (m instanceof Expr.Bin b && b.op() == '*') {
        if (b.left() instanceof Expr.Num c && c.value() < 0) {
          return Derivative.mul(num(-c.value()), b.right());
        }
        Expr inner = negated(b.left());
        return inner == null ? null : Derivative.mul(inner, b.right());
      }
      return null;
    }

    /**
     * The forward-mode derivative of a LinComb, Nonlin(+), Moment or scalar op at
     * initialisation: Σ_i ∂φ/∂g_i δg_i over the arguments with a change, or null when none has.
     */
    private Expr linearised(Instruction in, Map<String, String> d, Map<String, String> init) {
      Expr phi = in instanceof Moment mo ? mo.phi() : expression(in);
      Map<String, Expr> at = new HashMap<>();
      for (String a : in.arguments()) {
        at.put(a, ref(init.getOrDefault(a, a)));
      }
      Expr e = null;
      for (String a : in.arguments()) {
        String da = d.get(a);
        if (da == null) {
          continue;
        }
        Expr part = Derivative.of(phi, a);
        if (part instanceof Expr.Num z && z.value() == 0) {
          continue;
        }
        Expr term = Derivative.mul(part.substitute(at), ref(da));
        e = e == null ? term : Derivative.add(e, term);
      }
      return e;
    }

    /** f_t = f₀ + avg(v δx_t) − Σ (η_v/B) χ avg(x₀(ξ_a) x₀(ξ)) in the kernel regime. */
    private String kernelOutput(int t, int b, String name) {
      String v = net.readout().weights();
      String xr = net.readout().vector();
      Expr e = ref(initialOutputs[b]);
      boolean changed = false;
      String[][] dxr = changes.get(xr);
      String dx = dxr == null ? null : dxr[t][b];
      if (dx != null) {
        e = Derivative.add(e, Derivative.mul(ref(v), ref(dx)));
        changed = true;
      }
      if (trained(v)) {
        List<Expr> minus = new ArrayList<>();
        for (int r = 0; r < t; r++) {
          for (int a : batches.get(r)) {
            minus.add(Derivative.mul(kappa(v, r, a), Derivative.mul(ref(fw[0][a].get(xr)),
                ref(fw[0][b].get(xr)))));
          }
        }
        e = difference(e, minus);
        changed |= !minus.isEmpty();
      }
      return changed ? moment(name, e) : assign(name, e);
    }
  }

  /** A number as the program text writes it. */
  static String number(double v) {
    return ExprPrinter.number(v);
  }
}
