package org.tpe.limit.calculus;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tpe.model.Instruction;
import org.tpe.model.MatMul;
import org.tpe.model.Program;
import org.tpe.model.VarKind;

/**
 * The one place that decides, for every MatMul h = Wx, which ZDot terms exist and which vanish
 * (TP IIb App. B, Def. B.3 and Remark B.5): a term exists for each earlier MatMul g = Wᵀy by the
 * other side of the same matrix; it is {@link ZDotTerm.Rule#INDEPENDENT} when Z^x is not a
 * function of Ẑ^g, {@link ZDotTerm.Rule#ODD_IN_READOUTS} when the program is BP-like, and
 * {@link ZDotTerm.Rule#PRESENT} otherwise.
 *
 * <p>Dependence is symbolic, on the base Gaussians: Z^{Wx} = Ẑ^{Wx} + Σ cᵢ Z^{yᵢ} reads Ẑ^{Wx}
 * and whatever the Z^{yᵢ} of its present terms read — not the program's dataflow (Z^{Wx} does not
 * read Z^x at all). In a Netsor program (no transposes) no MatMul has a term; then and whenever no
 * term is present every G-var is Gaussian. Cost O(Σ_v |deps(v)|) time and memory while the sets
 * are small ({@link IndexSet}), at most O(M · V / 64) for M MatMuls and V vectors; for a program
 * without transposes (no terms) O(I) for I instructions, the sets built only if asked for.
 */
public final class ZDotStructure {
  private final Map<String, List<ZDotTerm>> terms;
  /** The dependence sets and MatMuls; built lazily for a program without transposes. */
  private volatile Dependence dependence;
  private final Program program;
  private final BpLikeVerdict bp;

  /** Each vector's set of MatMuls (by index in {@code matMuls}) whose Ẑ it reads. */
  private record Dependence(Map<String, IndexSet> deps, List<MatMul> matMuls) {}

  private ZDotStructure(Map<String, List<ZDotTerm>> terms, Dependence dependence, Program program,
      BpLikeVerdict bp) {
    this.terms = terms;
    this.dependence = dependence;
    this.program = program;
    this.bp = bp;
  }

  /** The structure of a well-formed program given its BP-like verdict. */
  public static ZDotStructure of(Program p, BpLikeVerdict bp) {
    boolean transposes = false;
    for (Instruction ins : p.instructions()) {
      transposes |= ins instanceof MatMul m && m.transposed();
    }
    if (!transposes) {
      // a term pairs a MatMul by W with one by Wᵀ: without transposes there is none, and the
      // dependence sets are only built if asked for (dependsOn)
      return new ZDotStructure(Map.of(), null, p, bp);
    }
    Map<String, List<ZDotTerm>> terms = new LinkedHashMap<>();
    Dependence d = build(p, bp, terms);
    return new ZDotStructure(Collections.unmodifiableMap(terms), d, p, bp);
  }

  /** The dependence sets of {@code p}'s vectors, putting each MatMul's terms into {@code terms}. */
  private static Dependence build(Program p, BpLikeVerdict bp,
      Map<String, List<ZDotTerm>> terms) {
    int size = (p.inputs().size() + p.instructions().size()) * 4 / 3 + 1;
    List<MatMul> mms = new ArrayList<>();
    Map<String, Integer> mmIndex = new HashMap<>(size);
    for (Instruction ins : p.instructions()) {
      if (ins instanceof MatMul m && !mmIndex.containsKey(m.target())) {
        mmIndex.put(m.target(), mms.size());
        mms.add(m);
      }
    }
    Map<String, IndexSet> deps = new HashMap<>(size);
    Map<String, List<MatMul>> seen = new HashMap<>();
    for (var v : p.vectorInputs()) {
      deps.put(v.name(), IndexSet.EMPTY);
    }
    for (Instruction ins : p.instructions()) {
      if (!ins.resultKind().isVector() || deps.containsKey(ins.target())) {
        continue;
      }
      IndexSet d;
      if (ins instanceof MatMul m) {
        d = IndexSet.of(mmIndex.get(m.target()));
        IndexSet dx = deps.getOrDefault(m.argument(), IndexSet.EMPTY);
        List<MatMul> opposite = seen.getOrDefault(m.transposed() ? m.matrix()
            : m.matrix() + "^T", List.of());
        List<ZDotTerm> ts = opposite.isEmpty() ? List.of() : new ArrayList<>(opposite.size());
        for (MatMul o : opposite) {
          ZDotTerm t;
          if (!dx.contains(mmIndex.get(o.target()))) {
            t = new ZDotTerm(m, o, ZDotTerm.Rule.INDEPENDENT, List.of());
          } else if (bp.bpLike()) {
            t = new ZDotTerm(m, o, ZDotTerm.Rule.ODD_IN_READOUTS, bp.readouts());
          } else {
            t = new ZDotTerm(m, o, ZDotTerm.Rule.PRESENT,
                path(p, deps, terms, mmIndex.get(o.target()), m.argument(), o.target()));
            d = d.union(deps.getOrDefault(o.argument(), IndexSet.EMPTY));
          }
          ts.add(t);
        }
        terms.put(m.target(), ts.isEmpty() ? List.of() : Collections.unmodifiableList(ts));
        seen.computeIfAbsent(m.matrixWord(), k -> new ArrayList<>()).add(m);
      } else {
        d = IndexSet.EMPTY;
        for (String a : ins.arguments()) {
          IndexSet da = deps.get(a);
          if (da != null) {
            d = d.union(da);
          }
        }
      }
      deps.put(ins.target(), d);
    }
    return new Dependence(deps, List.copyOf(mms));
  }

  /** The dependence sets, built on first use for a program without transposes. */
  private Dependence dependence() {
    Dependence d = dependence;
    if (d == null) {
      synchronized (this) {
        d = dependence;
        if (d == null) {
          d = build(program, bp, new HashMap<>()); // no terms: a program without transposes
          dependence = d;
        }
      }
    }
    return d;
  }

  /** The dependence path from {@code from} back to the MatMul {@code target} (bit {@code bit}). */
  private static List<String> path(Program p, Map<String, IndexSet> deps,
      Map<String, List<ZDotTerm>> terms, int bit, String from, String target) {
    Map<String, String> parent = new HashMap<>();
    Deque<String> queue = new ArrayDeque<>();
    queue.add(from);
    parent.put(from, null);
    while (!queue.isEmpty()) {
      String v = queue.poll();
      if (v.equals(target)) {
        List<String> out = new ArrayList<>();
        for (String x = v; x != null; x = parent.get(x)) {
          out.add(0, x);
        }
        return out; // from first: x, a, …, g
      }
      if (!(p.definition(v) instanceof Instruction ins)) {
        continue;
      }
      List<String> reads = new ArrayList<>();
      if (ins instanceof MatMul) {
        // Z^{Wx} reads the y's of its present terms, not x
        for (ZDotTerm t : terms.getOrDefault(v, List.of())) {
          if (t.rule() == ZDotTerm.Rule.PRESENT) {
            reads.add(t.opposite().argument());
          }
        }
      } else {
        reads.addAll(ins.arguments());
      }
      for (String a : reads) {
        VarKind k = p.kindOf(a);
        IndexSet da = deps.get(a);
        if (k != null && k.isVector() && da != null && da.contains(bit)
            && !parent.containsKey(a)) {
          parent.put(a, v);
          queue.add(a);
        }
      }
    }
    return List.of(from, target);
  }

  /** The ZDot terms of MatMul {@code target} (empty when it has none), in program order. */
  public List<ZDotTerm> terms(String target) {
    return terms.getOrDefault(target, List.of());
  }

  /** Every term of every MatMul, in program order. */
  public List<ZDotTerm> allTerms() {
    List<ZDotTerm> out = new ArrayList<>();
    for (List<ZDotTerm> ts : terms.values()) {
      out.addAll(ts);
    }
    return out;
  }

  /** The first term that does not vanish, or null: then every G-var is Gaussian. */
  public ZDotTerm firstPresent() {
    for (List<ZDotTerm> ts : terms.values()) {
      for (ZDotTerm t : ts) {
        if (t.rule() == ZDotTerm.Rule.PRESENT) {
          return t;
        }
      }
    }
    return null;
  }

  /** Whether some MatMul has a ZDot term at all (vanishing or not). */
  public boolean anyTerm() {
    for (List<ZDotTerm> ts : terms.values()) {
      if (!ts.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** Whether every G-var is Gaussian: no ZDot term is present. */
  public boolean gaussian() {
    return firstPresent() == null;
  }

  /** Whether Z^{vector} is a function of Ẑ^{matMul} (symbolically). */
  public boolean dependsOn(String vector, String matMul) {
    Dependence dep = dependence();
    IndexSet d = dep.deps().get(vector);
    List<MatMul> matMuls = dep.matMuls();
    for (int i = 0; i < matMuls.size(); i++) {
      if (matMuls.get(i).target().equals(matMul)) {
        return d != null && d.contains(i);
      }
    }
    return false;
  }
}
