package org.tpe.ntk;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tpe.derive.DerivationException;
import org.tpe.derive.Instantiation;
import org.tpe.expr.Derivative;
import org.tpe.expr.Expr;
import org.tpe.expr.Fn;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.Estimate;
import org.tpe.limit.LimitException;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.Limits;
import org.tpe.limit.ProgressListener;
import org.tpe.model.Instruction;
import org.tpe.model.LinComb;
import org.tpe.model.MatMul;
import org.tpe.model.MatrixInput;
import org.tpe.model.Nonlin;
import org.tpe.model.Program;
import org.tpe.model.VarKind;
import org.tpe.model.VectorInput;
import org.tpe.network.Network;
import org.tpe.network.Role;
import org.tpe.limit.calculus.BpLikeVerdict;
import org.tpe.validate.Reducer;
import org.tpe.validate.ReductionException;
import org.tpe.validate.Validator;

/**
 * The NTK as a sum over isomorphism classes of pairs of paths (TP IIb §5.1, App. D.2, Prop. D.3,
 * Eqs. (95)–(96)), an independent computation of the kernel {@link NtkLimit} assembles from
 * gradients. On the reduced forward program (Def. 5.4), a path p = (p⁰, p¹, …) starts where a
 * trainable parameter acts — an X-var p⁰ multiplied by a trainable matrix (p¹ = W p⁰), an input
 * layer's embedding vector (p⁰ = ξ_t), a trainable bias (p⁰ = 1) — alternates Nonlin and MatMul,
 * and ends at a G-var the readout reads. For two paths p ≅ p̄ (equal words) on inputs ξ_a, ξ_b,
 *
 * <pre>
 * ⟨p, p̄⟩ = E[Z^{p⁰} Z^{p̄⁰}] · Π_{Nonlin steps i} E[∂Z^{p^i}/∂Z^{p^{i−1}} · ∂Z^{p̄^i}/∂Z^{p̄^{i−1}}]
 *          · Π_{MatMul steps after the first} σ²_W · σ_v² · (end factor)
 * </pre>
 *
 * with E[Z^{p⁰}Z^{p̄⁰}] = G[(a, t), (b, s)] for embedding starts and 1 for bias starts (App. D.4.1),
 * the end factor 1 (times LinComb coefficients) when the readout reads a G-var and E[∂Z^x/∂Z^{end}
 * ∂Z^x̄/∂Z^{end}] when it reads an X-var x (App. D.4.4); Moment scalars are constants (D.4.5), a
 * LinComb is transparent (its coefficients multiply). Θ(ξ_a, ξ_b) = Σ_{p ≅ p̄} ⟨p, p̄⟩ plus the
 * readout's term E[Z^x Z^x̄] (class {@code v}). Each class is the sum over all its pairs, computed
 * by dynamic programming over pairs of vectors word by word, never by enumerating paths (a
 * residual network has exponentially many).
 *
 * <p>The expectations come from the limit engine on an auxiliary program: the forward pass on
 * all inputs with one Nonlin ∂φ/∂g per Nonlin step. The proposition needs the forward pass not to
 * use a matrix and its transpose (A2), derivatives of polynomial growth, and gradient
 * independence (the backward pass BP-like); when one fails the form is not computed and {@link
 * PathForm#note()} says which. Cost: one limit computation of the auxiliary program plus, per
 * class, O(states² · fan-out² · k²); at most {@link #MAX_CLASSES} classes.
 */
final class PathSum {
  /** Most classes computed (a residual network of depth L has 2^L − 1 words per start). */
  static final int MAX_CLASSES = 10_000;
  /** Member paths listed per class, for display. */
  static final int SHOWN_PATHS = 200;

  private final KernelTerms terms;
  private final Program reduced;
  private final Network net;
  private final int k;
  /** For each pathwise G-var, the Nonlins reading it and ∂φ/∂g. */
  private final Map<String, List<Step>> consumers = new HashMap<>();
  /** For each X-var, the MatMuls reading it, by letter (W or W^T). */
  private final Map<String, Map<String, List<String>>> matmuls = new HashMap<>();
  /** End G-vars: a LinComb coefficient (G-var readout) or a derivative (X-var readout). */
  private final Map<String, Step> ends = new LinkedHashMap<>();
  private final Map<String, Double> sigma2 = new HashMap<>();
  private final Set<String> reachesEnd = new HashSet<>();
  private Instantiation.Result aux;
  private CoordinateStatistics stats;

  /** A Nonlin step y ∋ g with its derivative: a vector of the auxiliary program or a constant. */
  private record Step(String y, String vector, double constant) {}

  private PathSum(KernelTerms terms, Program reduced) {
    this.terms = terms;
    this.reduced = reduced;
    this.net = terms.net;
    this.k = terms.inputs();
  }

  /**
   * The path form of {@code terms}' network, compared with the gradient kernel {@code total} and
   * its parameters' terms.
   */
  static PathForm compute(KernelTerms terms, Map<String, Kernel> byParameter, Kernel total,
      LimitOptions options, ProgressListener progress, CancellationToken cancel) {
    List<PathForm.Assumption> as = assumptions(terms);
    PathForm.Assumption failed = as.stream().filter(a -> !a.holds()).findFirst().orElse(null);
    if (failed != null) {
      return new PathForm(as, false, Map.of(), Double.NaN, "the path form (TP IIb Prop. D.3) is"
          + " not computed: " + failed.name() + " does not hold (" + failed.detail() + ")");
    }
    Program forward = terms.network;
    String x = terms.net.readout().vector();
    if (!forward.outputs().contains(x)) {
      Program.Builder b = forward.toBuilder();
      b.output(x);
      forward = b.build();
    }
    Program reduced;
    try {
      reduced = Reducer.reduce(forward);
    } catch (ReductionException e) {
      return new PathForm(as, false, Map.of(), Double.NaN, "the path form is not computed: the"
          + " forward pass cannot be reduced (" + e.getMessage() + ")");
    }
    PathSum ps = new PathSum(terms, reduced);
    return ps.run(byParameter, total, as, options, progress, cancel);
  }

  // ---- assumptions ---------------------------------------------------------------------------

  static List<PathForm.Assumption> assumptions(KernelTerms terms) {
    Program f = terms.network;
    Network net = terms.net;
    List<PathForm.Assumption> out = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (KernelTerms.Parameter p : terms.parameters) {
      if (p.role() != Role.HIDDEN) {
        others.add(p.name() + " (" + p.role().label() + ")");
      }
    }
    out.add(new PathForm.Assumption("A1 (only weight matrices are trained)", true,
        others.isEmpty() ? "holds" : "relaxed by App. D.4.1: " + String.join(", ", others)
            + " also trained; input layers and biases start paths, the readout adds E[Z^x Z^x̄]"));
    String both = null;
    Map<String, Boolean> side = new HashMap<>();
    for (Instruction in : f.instructions()) {
      if (in instanceof MatMul m) {
        Boolean prev = side.putIfAbsent(m.matrix(), m.transposed());
        if (prev != null && prev != m.transposed() && both == null) {
          both = m.matrix() + " and " + m.matrix() + "^T are both used (" + m.target() + " := "
              + m.matrixWord() + " " + m.argument() + ")";
        }
      }
    }
    out.add(new PathForm.Assumption("A2 (no matrix is used with its transpose in the forward"
        + " pass)", both == null, both == null ? "holds" : both + "; App. D.4.2 only sketches"
        + " this case, and the forward Z's are then not Gaussian"));
    out.add(new PathForm.Assumption("A3 (the output is a scalar)", true, "holds: f = "
        + net.readout().weights() + "ᵀ" + net.readout().vector() + "/√n"));
    boolean g = f.kindOf(net.readout().vector()) == VarKind.G;
    out.add(new PathForm.Assumption("A4 (the readout reads a G-var)", true, g ? "holds"
        : "relaxed by App. D.4.4: the readout reads the X-var " + net.readout().vector()
            + ", so paths end at the G-vars it is computed from"));
    boolean scalars = f.instructions().stream().anyMatch(i -> i.resultKind() == VarKind.SCALAR)
        || f.inputs().stream().anyMatch(i -> i.kind() == VarKind.SCALAR);
    boolean transposes = f.instructions().stream().anyMatch(i -> i instanceof MatMul m
        && m.transposed());
    out.add(new PathForm.Assumption("Netsor program", true, !scalars && !transposes ? "holds"
        : scalars ? "relaxed by App. D.4.5: Moment scalars are held fixed, as in the backward"
            + " pass" : "holds up to the transposes A2 allows"));
    String growth = null;
    for (Instruction in : f.instructions()) {
      if (in instanceof Nonlin n) {
        for (Fn fn : n.phi().functions()) {
          if (!fn.pseudoLipschitz() && fn != Fn.STEP && fn != Fn.SIGN && growth == null) {
            growth = fn.symbol() + " in " + n.target();
          }
        }
      }
    }
    out.add(new PathForm.Assumption("Nonlin derivatives of polynomial growth (Setup D.1)",
        growth == null, growth == null ? "holds (relu′ = step, step′ = sign′ = 0 a.e.)"
            : growth + " is not pseudo-Lipschitz"));
    BpLikeVerdict bp = Validator.validate(terms.instantiated().program(),
        Set.of(net.readout().weights())).bpLike();
    boolean gia = !bp.applicable() || bp.bpLike();
    out.add(new PathForm.Assumption("Simple GIA Check (the backward pass is BP-like)", gia,
        bp.applicable() ? bp.reason() : "holds: the backward pass has no transposes"));
    return out;
  }

  // ---- structure -----------------------------------------------------------------------------

  private PathForm run(Map<String, Kernel> byParameter, Kernel total,
      List<PathForm.Assumption> as, LimitOptions options, ProgressListener progress,
      CancellationToken cancel) {
    for (var in : reduced.inputs()) {
      if (in instanceof MatrixInput m) {
        sigma2.putIfAbsent(m.name(), m.sigma2());
      }
    }
    Program.Builder auxBuilder = reduced.toBuilder();
    Set<String> taken = new HashSet<>();
    reduced.statements().forEach(s -> taken.add(s.target()));
    Map<String, VarKind> kinds = new HashMap<>();
    reduced.statements().forEach(s -> kinds.put(s.target(), reduced.kindOf(s.target())));
    for (Instruction in : reduced.instructions()) {
      if (in instanceof MatMul m) {
        matmuls.computeIfAbsent(m.argument(), x -> new LinkedHashMap<>())
            .computeIfAbsent(m.matrixWord(), x -> new ArrayList<>()).add(m.target());
      } else if (in instanceof Nonlin n) {
        Map<String, Expr> ds = derivatives(n);
        for (Map.Entry<String, Expr> d : ds.entrySet()) {
          Step st;
          if (d.getValue().isConstant()) {
            st = new Step(n.target(), null, d.getValue().evaluate(Map.of()));
          } else {
            String name = fresh("D_" + stem(n.target()) + "_" + stem(d.getKey()), taken);
            auxBuilder.instruction(new Nonlin(name, d.getValue()));
            st = new Step(n.target(), name, Double.NaN);
          }
          consumers.computeIfAbsent(d.getKey(), x -> new ArrayList<>()).add(st);
          if (n.target().equals(net.readout().vector())) {
            ends.put(d.getKey(), st);
          }
        }
      }
    }
    String x = net.readout().vector();
    if (reduced.kindOf(x) == VarKind.G) {
      for (Map.Entry<String, Double> c : linear(x).entrySet()) {
        ends.put(c.getKey(), new Step(x, null, c.getValue()));
      }
    }
    markReaching();
    try {
      aux = Instantiation.on(auxBuilder.build());
      stats = Limits.compute(aux.program(), options.withHistogramBins(0), progress, cancel);
    } catch (DerivationException e) {
      throw new NtkException(e.problems());
    } catch (LimitException e) {
      throw new NtkException(e.problems());
    }
    Map<String, PathForm.PathClass> classes = classes(cancel);
    double agreement = 0;
    Kernel sum = Kernel.zero(k);
    for (PathForm.PathClass c : classes.values()) {
      sum = sum.plus(c.contribution());
    }
    agreement = sum.maxDistance(total);
    for (Map.Entry<String, Kernel> e : byParameter.entrySet()) {
      Kernel part = Kernel.zero(k);
      for (PathForm.PathClass c : classes.values()) {
        if (startsWith(c.word().get(0), e.getKey())) {
          part = part.plus(c.contribution());
        }
      }
      agreement = Math.max(agreement, part.maxDistance(e.getValue()));
    }
    return new PathForm(as, true, classes, agreement, "TP IIb Prop. D.3 applies: Θ is the sum"
        + " over isomorphism classes of path pairs of ⟨p, p̄⟩ (Eq. 95); " + classes.size()
        + " class" + (classes.size() == 1 ? "" : "es") + " with a nonzero number of pairs");
  }

  private static boolean startsWith(String letter, String parameter) {
    return letter.equals(parameter) || letter.equals(parameter + "^T");
  }

  /** ∂φ/∂g for each G-var g the Nonlin reads, directly or through LinCombs (chain rule). */
  private Map<String, Expr> derivatives(Nonlin n) {
    Map<String, Expr> out = new LinkedHashMap<>();
    for (String a : n.arguments()) {
      if (!(reduced.kindOf(a) == VarKind.G)) {
        continue;
      }
      Expr da = Derivative.of(n.phi(), a);
      for (Map.Entry<String, Double> c : linear(a).entrySet()) {
        Expr term = c.getValue() == 1 ? da : new Expr.Bin('*', new Expr.Num(c.getValue()), da);
        out.merge(c.getKey(), term, (p, q) -> new Expr.Bin('+', p, q));
      }
    }
    out.replaceAll((g, e) -> simplify(e));
    out.entrySet().removeIf(e -> e.getValue() instanceof Expr.Num z && z.value() == 0);
    return out;
  }

  /** Folds an expression with no references to its number. */
  private static Expr simplify(Expr e) {
    return e.isConstant() ? new Expr.Num(e.evaluate(Map.of())) : e;
  }

  /** A G-var as Σ c_g g over G-vars that are not LinCombs (MatMul results, initial vectors). */
  private Map<String, Double> linear(String g) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (reduced.definition(g) instanceof LinComb l) {
      for (String v : l.arguments()) {
        double c = l.coefficientOf(v);
        linear(v).forEach((w, d) -> out.merge(w, c * d, Double::sum));
      }
    } else {
      out.put(g, 1.0);
    }
    return out;
  }

  /** G-vars from which some path reaches an end. */
  private void markReaching() {
    reachesEnd.addAll(ends.keySet());
    Map<String, List<String>> reads = new HashMap<>();
    consumers.forEach((g, steps) -> steps.forEach(st -> reads.computeIfAbsent(st.y(),
        y -> new ArrayList<>()).add(g)));
    // in reverse order every later MatMul is settled when an earlier one is visited
    List<Instruction> ins = reduced.instructions();
    for (int i = ins.size() - 1; i >= 0; i--) {
      if (ins.get(i) instanceof MatMul m && reachesEnd.contains(m.target())) {
        reachesEnd.addAll(reads.getOrDefault(m.argument(), List.of()));
      }
    }
  }

  // ---- the class sums ------------------------------------------------------------------------

  /** k×k values and errors of a pair of vectors (g on ξ_a, ḡ on ξ_b). */
  private final class Acc {
    final double[][] v = new double[k][k];
    final double[][] e = new double[k][k];

    Kernel kernel() {
      return new Kernel(v, e);
    }
  }

  private record Pair(String g, String gb) {}

  private record Word(List<String> letters, Map<Pair, Acc> states) {}

  private Map<String, PathForm.PathClass> classes(CancellationToken cancel) {
    Map<String, PathForm.PathClass> out = new LinkedHashMap<>();
    Deque<Word> queue = new ArrayDeque<>();
    for (KernelTerms.Parameter p : terms.parameters) {
      switch (p.role()) {
        case HIDDEN -> {
          Map<String, Map<Pair, Acc>> byLetter = new LinkedHashMap<>();
          for (Instruction in : reduced.instructions()) {
            if (!(in instanceof MatMul m) || !m.matrix().equals(p.name())) {
              continue;
            }
            for (Instruction in2 : reduced.instructions()) {
              if (in2 instanceof MatMul m2 && m2.matrixWord().equals(m.matrixWord())
                  && reachesEnd.contains(m.target()) && reachesEnd.contains(m2.target())) {
                Acc acc = byLetter.computeIfAbsent(m.matrixWord(), w -> new LinkedHashMap<>())
                    .computeIfAbsent(new Pair(m.target(), m2.target()), q -> new Acc());
                for (int a = 0; a < k; a++) {
                  for (int b = 0; b < k; b++) {
                    Estimate x = moment(m.argument(), a, m2.argument(), b);
                    acc.v[a][b] += x.value();
                    acc.e[a][b] += x.error();
                  }
                }
              }
            }
          }
          byLetter.forEach((letter, st) -> queue.add(new Word(List.of(letter), st)));
        }
        case INPUT -> {
          List<String> tokens = net.embeddingNamed(p.name()).tokens();
          Map<Pair, Acc> st = new LinkedHashMap<>();
          for (int t = 0; t < tokens.size(); t++) {
            for (int s = 0; s < tokens.size(); s++) {
              if (!reachesEnd.contains(tokens.get(t)) || !reachesEnd.contains(tokens.get(s))) {
                continue;
              }
              Acc acc = st.computeIfAbsent(new Pair(tokens.get(t), tokens.get(s)), q -> new Acc());
              for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                  acc.v[a][b] += net.gramEntry(a, t + 1, b, s + 1);
                }
              }
            }
          }
          if (!st.isEmpty()) {
            queue.add(new Word(List.of(p.name()), st));
          }
        }
        case BIAS -> {
          if (reachesEnd.contains(p.name())) {
            Acc acc = new Acc();
            for (double[] row : acc.v) {
              java.util.Arrays.fill(row, 1.0);
            }
            Map<Pair, Acc> st = new LinkedHashMap<>();
            st.put(new Pair(p.name(), p.name()), acc);
            queue.add(new Word(List.of(p.name()), st));
          }
        }
        case READOUT -> {
          Acc acc = new Acc();
          String x = net.readout().vector();
          for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
              Estimate m = moment(x, a, x, b);
              acc.v[a][b] = m.value();
              acc.e[a][b] = m.error();
            }
          }
          out.put(p.name(), new PathForm.PathClass(List.of(p.name()), acc.kernel(),
              List.of(List.of(x))));
        }
        default -> throw new IllegalStateException(p.role().toString());
      }
    }
    int count = 0;
    while (!queue.isEmpty()) {
      cancel.check();
      Word w = queue.poll();
      if (++count > MAX_CLASSES) {
        throw new NtkException(List.of(org.tpe.model.Problem.error("the path form has more than "
            + MAX_CLASSES + " isomorphism classes (words); the gradient kernel is computed, but"
            + " listing every class of this network is too much", null, null)));
      }
      Acc end = null;
      for (Map.Entry<Pair, Acc> s : w.states().entrySet()) {
        Step eg = ends.get(s.getKey().g());
        Step eb = ends.get(s.getKey().gb());
        if (eg == null || eb == null) {
          continue;
        }
        if (end == null) {
          end = new Acc();
        }
        double sv = terms.readoutVariance;
        for (int a = 0; a < k; a++) {
          for (int b = 0; b < k; b++) {
            Estimate f = factor(eg, a, eb, b);
            double[] pr = KernelTerms.product(new Estimate(s.getValue().v[a][b],
                s.getValue().e[a][b]), f);
            end.v[a][b] += sv * pr[0];
            end.e[a][b] += sv * pr[1];
          }
        }
      }
      if (end != null) {
        String key = String.join(" ", w.letters());
        out.put(key, new PathForm.PathClass(w.letters(), end.kernel(), paths(w.letters())));
      }
      Map<String, Map<Pair, Acc>> next = new LinkedHashMap<>();
      for (Map.Entry<Pair, Acc> s : w.states().entrySet()) {
        for (Step sg : consumers.getOrDefault(s.getKey().g(), List.of())) {
          for (Step sb : consumers.getOrDefault(s.getKey().gb(), List.of())) {
            Map<String, List<String>> mg = matmuls.getOrDefault(sg.y(), Map.of());
            Map<String, List<String>> mb = matmuls.getOrDefault(sb.y(), Map.of());
            for (Map.Entry<String, List<String>> byLetter : mg.entrySet()) {
              List<String> hbs = mb.get(byLetter.getKey());
              if (hbs == null) {
                continue;
              }
              String letter = byLetter.getKey();
              double s2 = sigma2.get(letter.endsWith("^T") ? letter.substring(0,
                  letter.length() - 2) : letter);
              double[][][] f = new double[2][k][k];
              for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                  Estimate d = factor(sg, a, sb, b);
                  double[] pr = KernelTerms.product(new Estimate(s.getValue().v[a][b],
                      s.getValue().e[a][b]), d);
                  f[0][a][b] = s2 * pr[0];
                  f[1][a][b] = s2 * pr[1];
                }
              }
              for (String h : byLetter.getValue()) {
                if (!reachesEnd.contains(h)) {
                  continue;
                }
                for (String hb : hbs) {
                  if (!reachesEnd.contains(hb)) {
                    continue;
                  }
                  Acc acc = next.computeIfAbsent(letter, l -> new LinkedHashMap<>())
                      .computeIfAbsent(new Pair(h, hb), q -> new Acc());
                  for (int a = 0; a < k; a++) {
                    for (int b = 0; b < k; b++) {
                      acc.v[a][b] += f[0][a][b];
                      acc.e[a][b] += f[1][a][b];
                    }
                  }
                }
              }
            }
          }
        }
      }
      for (Map.Entry<String, Map<Pair, Acc>> e : next.entrySet()) {
        List<String> letters = new ArrayList<>(w.letters());
        letters.add(e.getKey());
        queue.add(new Word(letters, e.getValue()));
      }
    }
    return out;
  }

  /** E[D^{(a)} D̄^{(b)}] of two derivative factors (vectors or constants). */
  private Estimate factor(Step s, int a, Step t, int b) {
    if (s.vector() == null && t.vector() == null) {
      return Estimate.exact(s.constant() * t.constant());
    }
    if (s.vector() == null || t.vector() == null) {
      double c = s.vector() == null ? s.constant() : t.constant();
      String v = s.vector() == null ? aux.copy(t.vector(), b) : aux.copy(s.vector(), a);
      Estimate m = stats.vectors().get(v).mean();
      return new Estimate(c * m.value(), Math.abs(c) * m.error());
    }
    return moment(s.vector(), a, t.vector(), b);
  }

  private Estimate moment(String x, int a, String y, int b) {
    return stats.secondMoment(aux.copy(x, a), aux.copy(y, b));
  }

  /** Up to {@link #SHOWN_PATHS} member paths of a word on the reduced one-input program. */
  private List<List<String>> paths(List<String> word) {
    List<List<String>> out = new ArrayList<>();
    String first = word.get(0);
    Network.Embedding e = net.embeddingNamed(first);
    List<List<String>> starts = new ArrayList<>();
    if (e != null) {
      e.tokens().forEach(t -> starts.add(List.of(t)));
    } else if (reduced.definition(first) instanceof VectorInput) {
      starts.add(List.of(first));
    } else {
      for (Instruction in : reduced.instructions()) {
        if (in instanceof MatMul m && m.matrixWord().equals(first)) {
          starts.add(List.of(m.argument(), m.target()));
        }
      }
    }
    for (List<String> s : starts) {
      extend(new ArrayList<>(s), word, 1, out);
      if (out.size() >= SHOWN_PATHS) {
        break;
      }
    }
    return out;
  }

  private void extend(List<String> path, List<String> word, int at, List<List<String>> out) {
    if (out.size() >= SHOWN_PATHS) {
      return;
    }
    String g = path.get(path.size() - 1);
    if (at == word.size()) {
      if (ends.containsKey(g)) {
        out.add(List.copyOf(path));
      }
      return;
    }
    Set<String> seen = new LinkedHashSet<>();
    for (Step s : consumers.getOrDefault(g, List.of())) {
      if (!seen.add(s.y())) {
        continue;
      }
      for (String h : matmuls.getOrDefault(s.y(), Map.of()).getOrDefault(word.get(at),
          List.of())) {
        path.add(s.y());
        path.add(h);
        extend(path, word, at + 1, out);
        path.remove(path.size() - 1);
        path.remove(path.size() - 1);
      }
    }
  }

  private static String stem(String x) {
    String s = x;
    while (!s.isEmpty() && org.tpe.model.Names.isPrime(s.codePointBefore(s.length()))) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  private static String fresh(String want, Set<String> taken) {
    String name = want;
    for (int i = 2; taken.contains(name) || !org.tpe.model.Names.isValid(name); i++) {
      name = want + "_" + i;
    }
    taken.add(name);
    return name;
  }
}
