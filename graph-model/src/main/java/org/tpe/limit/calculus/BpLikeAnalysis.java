package org.tpe.limit.calculus;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tpe.expr.Expr;
import org.tpe.model.Instruction;
import org.tpe.model.LinComb;
import org.tpe.model.MatMul;
import org.tpe.model.Moment;
import org.tpe.model.Nonlin;
import org.tpe.model.Program;
import org.tpe.model.ScalarOp;
import org.tpe.model.VarKind;
import org.tpe.model.VectorInput;

/**
 * Decides whether a Netsor⊤(+) program is BP-like (TP II, the definition behind the Simple GIA
 * Check; seeds/004, Prop. 2): there is a non-empty set R of initial G-vars — the readouts — with
 * mean 0, independent of every other initial vector, such that for every matrix used on both
 * sides the forward side Wz reads no z that depends on R and the backward side Wᵀz multiplies
 * only z that are odd functions of R. (A matrix used on one side only has no ZDot term and places
 * no condition.) Then every ZDot coefficient E[∂Z^z/∂Ẑ^{Wx}] of a backward MatMul is the
 * expectation of an odd function of the symmetric, independent Z^R, hence 0 (TP II, Thm. 4.3).
 *
 * <p>Readouts are found by these properties, not by name or position: the candidates are the
 * unions of covariance-connected groups of zero-mean initial vectors that no forward argument
 * depends on; the largest that makes every backward argument odd is taken. A declared readout
 * set (a network declaration) is checked instead. Scalars are constants to this analysis (they
 * are deterministic in the limit). Dependence is the program's dataflow; oddness is decided
 * symbolically ({@link Parity}). Which side of a matrix is the forward one is read from the
 * dataflow (the backward side reads the forward side's results); when it is ambiguous both are
 * tried.
 */
final class BpLikeAnalysis {
  /** Largest number of readout candidates or orientations tried before giving up. */
  private static final int MAX_TRIES = 256;

  private final Program p;
  private final List<String> inits;
  /** Each initial vector's position in {@link #inits} (a cov line's lookup in O(1)). */
  private final Map<String, Integer> initIndex = new HashMap<>();
  private final Map<String, BitSet> reach = new HashMap<>();

  private BpLikeAnalysis(Program p) {
    this.p = p;
    List<String> names = new ArrayList<>(p.vectorInputs().size());
    for (VectorInput v : p.vectorInputs()) {
      initIndex.putIfAbsent(v.name(), names.size());
      names.add(v.name());
    }
    this.inits = Collections.unmodifiableList(names);
  }

  /**
   * The verdict; {@code declared} readouts (may be empty: then they are found) are used when
   * given.
   */
  static BpLikeVerdict of(Program p, List<MatrixFamily> families, Set<String> declared) {
    return new BpLikeAnalysis(p).run(families, declared);
  }

  private BpLikeVerdict run(List<MatrixFamily> families, Set<String> declared) {
    Map<String, MatrixFamily[]> sides = new HashMap<>();
    for (MatrixFamily f : families) {
      MatrixFamily[] both = sides.get(f.matrix());
      if (both == null) {
        both = new MatrixFamily[2];
        sides.put(f.matrix(), both);
      }
      both[f.transposed() ? 1 : 0] = f;
    }
    List<MatrixFamily[]> twoSided = new ArrayList<>();
    for (MatrixFamily[] s : sides.values()) {
      if (s[0] != null && s[1] != null) {
        twoSided.add(s);
      }
    }
    if (twoSided.isEmpty()) {
      return BpLikeVerdict.notApplicable();
    }
    dataflow();
    // orientation options per matrix: {forward, backward}
    List<List<MatrixFamily[]>> options = new ArrayList<>();
    for (MatrixFamily[] s : twoSided) {
      boolean tReadsW = readsResultsOf(s[1], s[0]);
      boolean wReadsT = readsResultsOf(s[0], s[1]);
      if (tReadsW && wReadsT) {
        MatMul m = firstReader(s[0], s[1]);
        String via = firstResultRead(m, s[1]);
        return new BpLikeVerdict(true, false, List.of(), !declared.isEmpty(),
            BpLikeVerdict.Condition.SEPARATE_PASSES, m.target(), m.target() + " := "
            + m.matrixWord() + " " + m.argument() + " reads " + via + " := "
            + ((MatMul) p.definition(via)).matrixWord() + " " + ((MatMul) p.definition(via))
            .argument() + ", and " + s[1].word() + " reads results of " + s[0].word()
            + ": W meets W^T, so ZDot does not vanish");
      }
      List<MatrixFamily[]> o = new ArrayList<>();
      if (tReadsW || !wReadsT) {
        o.add(new MatrixFamily[] {s[0], s[1]});
      }
      if (wReadsT || !tReadsW) {
        o.add(new MatrixFamily[] {s[1], s[0]});
      }
      options.add(o);
    }
    BpLikeVerdict first = null;
    int tries = 0;
    for (List<MatrixFamily[]> orient : combinations(options)) {
      BpLikeVerdict v = declared.isEmpty() ? found(orient) : checked(orient, declared, true);
      if (v.bpLike()) {
        return v;
      }
      if (first == null) {
        first = v;
      }
      if (++tries >= MAX_TRIES) {
        break;
      }
    }
    return first;
  }

  private static List<List<MatrixFamily[]>> combinations(List<List<MatrixFamily[]>> options) {
    List<List<MatrixFamily[]>> out = new ArrayList<>();
    out.add(new ArrayList<>());
    for (List<MatrixFamily[]> o : options) {
      List<List<MatrixFamily[]>> next = new ArrayList<>();
      for (List<MatrixFamily[]> prefix : out) {
        for (MatrixFamily[] choice : o) {
          if (next.size() < MAX_TRIES) {
            List<MatrixFamily[]> c = new ArrayList<>(prefix);
            c.add(choice);
            next.add(c);
          }
        }
      }
      out = next;
    }
    return out;
  }

  /** The first MatMul of {@code reader} whose argument depends on a result of {@code of}. */
  private MatMul firstReader(MatrixFamily reader, MatrixFamily of) {
    for (MatMul m : reader.matMuls()) {
      if (firstResultRead(m, of) != null) {
        return m;
      }
    }
    return null;
  }

  /** The first result of {@code of} that m's argument depends on, or null. */
  private String firstResultRead(MatMul m, MatrixFamily of) {
    BitSet up = upstream(m.argument());
    for (MatMul o : of.matMuls()) {
      Integer i = upstreamIndex.get(o.target());
      if (i != null && up.get(i)) {
        return o.target();
      }
    }
    return null;
  }

  /** Whether some argument of {@code reader}'s MatMuls depends on a result of {@code of}'s. */
  private boolean readsResultsOf(MatrixFamily reader, MatrixFamily of) {
    // the same question as firstResultRead for each MatMul, asked of one set of bits
    BitSet results = null;
    for (MatMul m : reader.matMuls()) {
      BitSet up = upstream(m.argument());
      if (results == null) {
        results = new BitSet();
        for (MatMul o : of.matMuls()) {
          Integer i = upstreamIndex.get(o.target());
          if (i != null) {
            results.set(i);
          }
        }
      }
      if (up.intersects(results)) {
        return true;
      }
    }
    return false;
  }

  /** Each vector's bit in the {@link #upstream} sets (given when the vector is first met). */
  private final Map<String, Integer> upstreamIndex = new HashMap<>();
  private final Map<String, BitSet> upstreamCache = new HashMap<>();

  /**
   * Vectors that {@code v} depends on through the dataflow (itself included), as bits of {@link
   * #upstreamIndex}. All sets are made in one pass in program order on first use (a validated
   * program defines every argument before its use): a union of words per argument, O(V²/64) for
   * a chain of V vectors, and no recursion, so a chain of any depth does not overflow a stack.
   */
  private BitSet upstream(String v) {
    if (upstreamCache.isEmpty()) {
      for (VectorInput in : p.vectorInputs()) {
        BitSet b = new BitSet();
        b.set(upstreamIndex.computeIfAbsent(in.name(), y -> upstreamIndex.size()));
        upstreamCache.putIfAbsent(in.name(), b);
      }
      for (Instruction ins : p.instructions()) {
        if (!ins.resultKind().isVector() || upstreamCache.containsKey(ins.target())) {
          continue;
        }
        BitSet out = new BitSet();
        out.set(upstreamIndex.computeIfAbsent(ins.target(), y -> upstreamIndex.size()));
        for (String a : ins.arguments()) {
          BitSet u = upstreamCache.get(a); // null: a scalar (a constant to this analysis)
          if (u != null) {
            out.or(u);
          }
        }
        upstreamCache.put(ins.target(), out);
      }
    }
    BitSet known = upstreamCache.get(v);
    if (known == null) {
      known = new BitSet();
      known.set(upstreamIndex.computeIfAbsent(v, y -> upstreamIndex.size()));
    }
    return known;
  }

  /** reach[v]: the initial vectors v depends on (through vectors; scalars are constants). */
  private void dataflow() {
    for (int i = 0; i < inits.size(); i++) {
      BitSet b = new BitSet();
      b.set(i);
      reach.put(inits.get(i), b);
    }
    for (Instruction ins : p.instructions()) {
      if (!ins.resultKind().isVector() || reach.containsKey(ins.target())) {
        continue;
      }
      BitSet b = new BitSet();
      for (String a : ins.arguments()) {
        BitSet r = reach.get(a);
        if (r != null) {
          b.or(r);
        }
      }
      reach.put(ins.target(), b);
    }
  }

  /** Readouts found by their properties, for one orientation. */
  private BpLikeVerdict found(List<MatrixFamily[]> orient) {
    BitSet forward = new BitSet();
    BitSet backward = new BitSet();
    for (MatrixFamily[] fb : orient) {
      fb[0].matMuls().forEach(m -> forward.or(reach.get(m.argument())));
      fb[1].matMuls().forEach(m -> backward.or(reach.get(m.argument())));
    }
    // the natural candidates: inputs read by the backward pass but not by the forward pass
    List<String> natural = new ArrayList<>();
    for (int i = backward.nextSetBit(0); i >= 0; i = backward.nextSetBit(i + 1)) {
      if (!forward.get(i)) {
        natural.add(inits.get(i));
      }
    }
    if (natural.isEmpty()) {
      return new BpLikeVerdict(true, false, List.of(), false,
          BpLikeVerdict.Condition.READOUT_EXISTS, null, "every initial vector that the backward"
          + " MatMuls read is also read by a forward MatMul, so none can be the readout");
    }
    // eligible groups: covariance-connected, zero mean, not read by the forward pass
    List<List<String>> groups = new ArrayList<>();
    for (List<String> g : correlationGroups()) {
      boolean ok = true;
      for (String v : g) {
        int i = initIndex(v);
        ok &= forward.get(i) ? false : ((VectorInput) p.definition(v)).mean() == 0;
      }
      if (ok && g.stream().anyMatch(natural::contains)) {
        groups.add(g);
      }
    }
    // try unions of eligible groups, largest first
    int m = groups.size();
    if (m <= 8) {
      List<Integer> masks = new ArrayList<>();
      for (int mask = (1 << m) - 1; mask > 0; mask--) {
        masks.add(mask);
      }
      masks.sort((a, b) -> Integer.bitCount(b) - Integer.bitCount(a));
      for (int mask : masks) {
        Set<String> r = new LinkedHashSet<>();
        for (int g = 0; g < m; g++) {
          if ((mask & (1 << g)) != 0) {
            r.addAll(groups.get(g));
          }
        }
        BpLikeVerdict v = checked(orient, r, false);
        if (v.bpLike()) {
          return v;
        }
      }
    }
    // none works: say why for the natural candidates
    return checked(orient, new LinkedHashSet<>(natural), false);
  }

  /** The position of {@code v} among the initial vectors, −1 when it is none. */
  private int initIndex(String v) {
    Integer i = initIndex.get(v);
    return i == null ? -1 : i;
  }

  /** Initial vectors grouped by nonzero covariance (connected components). */
  private List<List<String>> correlationGroups() {
    int k = inits.size();
    int[] parent = new int[k];
    for (int i = 0; i < k; i++) {
      parent[i] = i;
    }
    for (var c : p.covariances()) {
      int a = initIndex(c.a());
      int b = initIndex(c.b());
      if (a >= 0 && b >= 0 && p.initialCovariance(c.a(), c.b()) != 0) {
        parent[find(parent, a)] = find(parent, b);
      }
    }
    Map<Integer, List<String>> by = new java.util.LinkedHashMap<>();
    for (int i = 0; i < k; i++) {
      by.computeIfAbsent(find(parent, i), x -> new ArrayList<>()).add(inits.get(i));
    }
    return new ArrayList<>(by.values());
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  /** Checks the conditions of the definition for readouts {@code r}, in order. */
  private BpLikeVerdict checked(List<MatrixFamily[]> orient, Set<String> r, boolean declared) {
    List<String> rs = new ArrayList<>(r);
    for (String v : rs) {
      if (!(p.definition(v) instanceof VectorInput)) {
        return new BpLikeVerdict(true, false, rs, declared,
            BpLikeVerdict.Condition.READOUT_IS_INITIAL, v, v + " is " + (p.isDefined(v)
            ? "computed by the program" : "not defined") + "; a readout is an initial G-var");
      }
    }
    for (String v : rs) {
      double mean = ((VectorInput) p.definition(v)).mean();
      if (mean != 0) {
        return new BpLikeVerdict(true, false, rs, declared, BpLikeVerdict.Condition.ZERO_MEAN,
            v, "the readout " + v + " has mean " + mean + "; it must have mean 0");
      }
    }
    for (String v : rs) {
      for (String u : inits) {
        if (!r.contains(u) && p.initialCovariance(v, u) != 0) {
          return new BpLikeVerdict(true, false, rs, declared,
              BpLikeVerdict.Condition.INDEPENDENT, v, "the readout " + v + " has cov(" + v
              + ", " + u + ") = " + p.initialCovariance(v, u) + "; it must be sampled"
              + " independently of " + u);
        }
      }
    }
    BitSet rb = new BitSet();
    rs.forEach(v -> rb.set(initIndex(v)));
    for (MatrixFamily[] fb : orient) {
      for (MatMul m : fb[0].matMuls()) {
        if (reach.get(m.argument()).intersects(rb)) {
          return new BpLikeVerdict(true, false, rs, declared,
              BpLikeVerdict.Condition.FORWARD_FREE_OF_READOUTS, m.target(), m.target() + " := "
              + m.matrixWord() + " " + m.argument() + " is on the forward side of "
              + m.matrix() + ", but " + m.argument() + " depends on the readout "
              + firstIn(reach.get(m.argument()), rb));
        }
      }
    }
    Parity parity = Parity.of(p, r);
    for (MatrixFamily[] fb : orient) {
      for (MatMul m : fb[1].matMuls()) {
        Parity.Kind k = parity.kind(m.argument());
        if (k != Parity.Kind.ODD) {
          String breaker = parity.breaker(m.argument());
          String what = k == Parity.Kind.FREE ? m.argument() + " does not depend on the readouts"
              : breaker == null ? m.argument() + " is not an odd function of the readouts"
              : breaker + " := " + statementText(breaker) + " is " + (k == Parity.Kind.EVEN
              ? "an even" : "not an odd") + " function of the readouts";
          return new BpLikeVerdict(true, false, rs, declared,
              BpLikeVerdict.Condition.BACKWARD_ODD_IN_READOUTS, breaker == null ? m.target()
              : breaker, m.target() + " := " + m.matrixWord() + " " + m.argument()
              + " is on the backward side of " + m.matrix() + ", but " + what);
        }
      }
    }
    return new BpLikeVerdict(true, true, rs, declared, null, null, "");
  }

  private String firstIn(BitSet a, BitSet b) {
    BitSet c = (BitSet) a.clone();
    c.and(b);
    return inits.get(c.nextSetBit(0));
  }

  private String statementText(String v) {
    Instruction ins = (Instruction) p.definition(v);
    if (ins instanceof Nonlin n) {
      return n.phi().toText();
    } else if (ins instanceof LinComb l) {
      StringBuilder sb = new StringBuilder();
      for (LinComb.Term t : l.terms()) {
        sb.append(sb.length() == 0 ? "" : " + ").append(t.coefficient() == 1 ? ""
            : Expr.num(t.coefficient()).toText() + "*").append(t.variable());
      }
      return sb.toString();
    } else if (ins instanceof MatMul m) {
      return m.matrixWord() + " " + m.argument();
    } else if (ins instanceof Moment mo) {
      return "avg(" + mo.phi().toText() + ")";
    }
    return ((ScalarOp) ins).f().toText();
  }
}
