package org.tpe.paths;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tpe.model.Instruction;
import org.tpe.model.LinComb;
import org.tpe.model.MatMul;
import org.tpe.model.Nonlin;
import org.tpe.model.Program;
import org.tpe.model.ProgramGraph;
import org.tpe.model.Statement;
import org.tpe.model.VarKind;
import org.tpe.model.VectorInput;
import org.tpe.validate.Reducer;
import org.tpe.validate.ValidationReport;

/**
 * Paths and isomorphism classes of a program (TP IIb §5.1 "Key Idea: Paths", DESIGN §6), counted
 * by dynamic programming. Built once on a program, then queried for the paths ending at a G-var
 * ({@link #pathsTo}) or at the outputs ({@link #pathsToOutputs}); each query gives a {@link
 * PathSet} with the exact count, the lazily enumerated paths and the isomorphism classes.
 *
 * <p><b>Definitions.</b> Paths are defined on the reduced program ({@link Reducer#reduce}; the
 * analysis reduces a program that is not reduced, see {@link #reducedProgram()}). A path p = (p⁰,
 * …, p^{2k−1}) starts at an X-var, ends at a G-var and alternates: p^{i+1} = W p^i is a MatMul,
 * and p^{i+2} is a Nonlin that takes p^{i+1} among its arguments. Its word is its sequence of
 * matrices; isomorphic paths have equal words.
 *
 * <p><b>LinComb is transparent.</b> A LinComb g = Σ a_i g_i (G-vars in, G-var out) is linear, so
 * an error signal at g backpropagates unchanged (up to the constant a_i) to every g_i. Hence:
 * the paths ending at a LinComb g are the paths ending at its arguments (recursively through
 * nested LinCombs), and a Nonlin reading a LinComb g takes g's arguments among its arguments.
 * This is the paper's own view, where a LinComb is a special Nonlin absorbed into the Nonlin
 * that reads it. Arguments count as sets: a path passing through g₁ is one path however many
 * LinCombs lead from g₁ to the Nonlin (or to the queried G-var), and terms count syntactically,
 * whatever their coefficient. LinComb vectors therefore never appear on a path.
 *
 * <p><b>What is not on paths.</b> Scalars — initial, Moment or scalar-op results — are treated as
 * constants (TP IIb treats Moment scalars so), and Moments as sinks. Initial G-vars end no path
 * (no MatMul made them). An X-var queried as an output is read through its Nonlin: the paths
 * ending at an output X-var x = φ(g₁, …, g_k) are those ending at the G-vars it reads.
 *
 * <p>The analysis reads the typed argument edges of the reduced program's JGraphT view ({@link
 * ProgramGraph}): MatMul arguments, LinComb and Nonlin vector arguments; matrix and scalar edges
 * are not on paths.
 *
 * <p><b>Cost.</b> Construction validates (unless given the report) and reduces the program (see
 * {@link Reducer} for its cost), builds the JGraphT view, then runs in O(V + E + S) word
 * operations for V vectors and E argument relations, where S is the storage of the vectors' end
 * sets ({@link EndSet}: the span of each vector's ends, at most M/64 words for M MatMuls; a chain
 * of MatMuls costs one word a vector), plus exact {@link BigInteger} additions whose operands have
 * O(depth) bits: path counts grow exponentially in residual networks (2^L − 1 at depth L).
 * Counting is never bounded, but memory is: a program whose end sets would take more than {@link
 * #MAX_END_SET_WORDS} words (a residual network about 45 000 blocks deep) is refused with a
 * {@link PathLimitException} that says so, before the memory is spent. Isomorphism classes are
 * listed on demand by {@link ClassLister}, shortest words first, each with its exact count, as
 * many as asked. Enumeration is lazy: each path costs O(|p| · fan-in) and no set of paths is
 * materialised.
 *
 * <p>Immutable once built; queries may run on any thread.
 */
public final class PathAnalysis {
  /** Default bound on the number of isomorphism classes {@link PathSet#classes()} lists. */
  public static final int DEFAULT_MAX_CLASSES = 10_000;

  /**
   * Largest total storage of the vectors' end sets, in 64-bit words (128 MiB): beyond it the
   * analysis is refused rather than run out of memory.
   */
  public static final long MAX_END_SET_WORDS = 1L << 24;

  private final Program program;
  private final Program reduced;
  private final Map<String, Integer> index = new HashMap<>();
  private final List<String> names = new ArrayList<>();
  private final List<EndSet> ends = new ArrayList<>();
  private final List<BigInteger> signal = new ArrayList<>();
  private long storedWords;
  // per MatMul ordinal m
  private final List<Integer> matmulVar = new ArrayList<>();
  private final List<Integer> matmulArg = new ArrayList<>();
  private final List<String> matmulWord = new ArrayList<>();
  // per vector v, for the backward pass (see pushBefore): its MatMul ordinal (-1: none) and the
  // vector arguments it unites (empty for an initial vector, unused for a MatMul vector)
  private final List<Integer> ordinalOf = new ArrayList<>();
  private final List<int[]> unites = new ArrayList<>();
  /** cost[v]: nodes and argument edges of vectors 0 … v (the steps of a pass from v down). */
  private final List<Long> passCost = new ArrayList<>();
  /** The lists above for the backward pass, frozen into arrays once the analysis is built. */
  private final int[] matmulArgOf;
  private final int[] ordinalAt;
  private final int[][] unitesAt;
  private final long[] passCostAt;
  /** Whether every union of end sets was disjoint (see pushBefore). */
  private boolean unionsDisjoint = true;
  private static final int[] NONE = new int[0];

  private PathAnalysis(Program program, ValidationReport report) {
    this.program = program;
    this.reduced = report == null ? Reducer.reduce(program) : Reducer.reduce(program, report);
    for (Statement s : reduced.inputs()) {
      if (s instanceof VectorInput v) {
        add(v.name(), EndSet.EMPTY, BigInteger.ZERO, -1, NONE);
      }
    }
    // each instruction's arguments with their roles (ProgramGraph's rule), without building
    // the JGraphT view; the instructions give the order (a straight-line program is its own
    // topological order)
    for (Instruction ins : reduced.instructions()) {
      if (ins instanceof MatMul m) {
        int x = index.get(m.argument());
        int ordinal = matmulVar.size();
        int v = add(m.target(), EndSet.of(ordinal), BigInteger.ONE.add(signal.get(x)), ordinal,
            NONE);
        matmulVar.add(v);
        matmulArg.add(x);
        matmulWord.add(m.matrixWord());
      } else if (ins instanceof LinComb || ins instanceof Nonlin) {
        combine(ins, vectorArguments(ins));
      }
    }
    matmulArgOf = matmulArg.stream().mapToInt(Integer::intValue).toArray();
    ordinalAt = ordinalOf.stream().mapToInt(Integer::intValue).toArray();
    unitesAt = unites.toArray(new int[0][]);
    passCostAt = passCost.stream().mapToLong(Long::longValue).toArray();
  }

  /**
   * The vectors {@code ins} (a LinComb or Nonlin) reads, by their numbers, distinct and in
   * increasing order (a loop: one instruction of a wide program has one or two arguments, and
   * a stream per instruction cost more than the rest of its step).
   */
  private int[] vectorArguments(Instruction ins) {
    List<String> names = ins.arguments();
    int[] out = new int[names.size()];
    int n = 0;
    for (String a : names) {
      if (ProgramGraph.roleOf(reduced, ins, a).readsVector()) {
        out[n++] = index.get(a);
      }
    }
    Arrays.sort(out, 0, n);
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (k == 0 || out[k - 1] != out[i]) {
        out[k++] = out[i];
      }
    }
    return k == out.length ? out : Arrays.copyOf(out, k);
  }

  /** Analyses {@code program} (reducing it first when it is not reduced). */
  public static PathAnalysis of(Program program) {
    return new PathAnalysis(program, null);
  }

  /**
   * Analyses {@code program} already validated by the caller, sparing a second validation.
   *
   * @param report {@code Validator.validate(program)}; the result is unspecified for a report of
   *     another program
   * @throws org.tpe.validate.ReductionException if the report has errors or the program cannot
   *     be reduced
   */
  public static PathAnalysis of(Program program, ValidationReport report) {
    return new PathAnalysis(program, java.util.Objects.requireNonNull(report, "report"));
  }

  private int add(String name, EndSet e, BigInteger s, int ordinal, int[] args) {
    storedWords += e.storedWords();
    if (storedWords > MAX_END_SET_WORDS) {
      throw new PathLimitException("the program is too large for the path analysis: the ends of"
          + " its " + names.size() + "+ vectors would take more than " + (MAX_END_SET_WORDS >> 17)
          + " MiB (" + matmulVar.size() + " MatMuls so far, most of them read by most vectors,"
          + " as in a very deep residual network); analyse a shorter program");
    }
    int v = names.size();
    index.put(name, v);
    names.add(name);
    ends.add(e);
    signal.add(s);
    track(ordinal, args);
    return v;
  }

  private void track(int ordinal, int[] args) {
    ordinalOf.add(ordinal);
    unites.add(args);
    long before = passCost.isEmpty() ? 0 : passCost.get(passCost.size() - 1);
    passCost.add(before + 1 + args.length);
  }

  /**
   * A LinComb or Nonlin: its ends are the union of its vector arguments' ends, its count the sum
   * over those ends of the paths ending there.
   */
  private void combine(Instruction ins, int[] args) {
    if (args.length == 1) {
      // shares its argument's set: no storage
      int v = names.size();
      index.put(ins.target(), v);
      names.add(ins.target());
      ends.add(ends.get(args[0]));
      signal.add(signal.get(args[0]));
      track(-1, args);
      return;
    }
    List<EndSet> parts = new ArrayList<>(args.length);
    int total = 0;
    for (int a : args) {
      parts.add(ends.get(a));
      total += ends.get(a).cardinality();
    }
    EndSet union = EndSet.union(parts);
    BigInteger s = BigInteger.ZERO;
    if (union.cardinality() == total) { // disjoint: the arguments' counts add up
      for (int a : args) {
        s = s.add(signal.get(a));
      }
    } else {
      unionsDisjoint = false;
      for (int m = union.nextSetBit(0); m >= 0; m = union.nextSetBit(m + 1)) {
        s = s.add(signal.get(matmulVar.get(m)));
      }
    }
    add(ins.target(), union, s, -1, args);
  }

  /** The program as given. */
  public Program program() {
    return program;
  }

  /** The reduced program the paths live on (the given program itself when it was reduced). */
  public Program reducedProgram() {
    return reduced;
  }

  /** Whether the given program had to be reduced (identity Nonlins inserted, Nonlins collapsed). */
  public boolean wasReduced() {
    return reduced != program;
  }

  /**
   * The paths ending at the G-var {@code g} (at its arguments when it is a LinComb).
   *
   * @throws IllegalArgumentException if {@code g} is not a G-var of the program; the message says
   *     what it is
   */
  public PathSet pathsTo(String g) {
    VarKind k = program.kindOf(g);
    if (k == null) {
      throw new IllegalArgumentException("no variable '" + g + "' in the program");
    }
    switch (k) {
      case A:
        throw new IllegalArgumentException("'" + g + "' is a matrix (A-var); paths end at G-vars"
            + " (initial vectors, MatMul or LinComb results)");
      case SCALAR:
        throw new IllegalArgumentException("'" + g + "' is a scalar; scalars are not on paths"
            + " (TP IIb treats Moment scalars as constants); paths end at G-vars");
      case X: {
        Integer x = index.get(g);
        String reads = x == null ? "" : String.join(", ", endNames(bits(ends.get(x))));
        throw new IllegalArgumentException("'" + g + "' is an X-var (made by a Nonlin); paths"
            + " end at G-vars" + (reads.isEmpty() ? "" : "; try one it reads: " + reads));
      }
      default:
        return new PathSet(this, List.of(g), bits(ends.get(index.get(g))), List.of());
    }
  }

  /**
   * The paths ending at the output vectors: the union over output G-vars of their paths, and for
   * an output X-var the paths ending at the G-vars it reads. Output scalars are skipped with a
   * note in {@link PathSet#notes()}.
   */
  public PathSet pathsToOutputs() {
    BitSet union = new BitSet();
    List<String> notes = new ArrayList<>();
    List<String> vectors = new ArrayList<>();
    for (String o : program.outputs()) {
      VarKind k = program.kindOf(o);
      if (k == VarKind.G || k == VarKind.X) {
        vectors.add(o);
        ends.get(index.get(o)).orInto(union);
        if (k == VarKind.X) {
          notes.add("output " + o + " is an X-var: counted are the paths ending at the G-vars it"
              + " reads");
        }
      } else {
        notes.add("output " + o + " is " + (k == VarKind.A ? "a matrix" : "a scalar")
            + ": not on paths (scalars are treated as constants)");
      }
    }
    if (program.outputs().isEmpty()) {
      notes.add("the program declares no outputs");
    }
    return new PathSet(this, vectors, union, notes);
  }

  // ---- used by PathSet and ClassLister --------------------------------------------------------

  private static BitSet bits(EndSet e) {
    BitSet b = new BitSet();
    e.orInto(b);
    return b;
  }

  List<String> endNames(BitSet e) {
    List<String> out = new ArrayList<>();
    for (int m = e.nextSetBit(0); m >= 0; m = e.nextSetBit(m + 1)) {
      out.add(names.get(matmulVar.get(m)));
    }
    return out;
  }

  /** Number of paths ending at the MatMul of ordinal m. */
  BigInteger countEndingAt(int m) {
    return signal.get(matmulVar.get(m));
  }

  int matmulCount() {
    return matmulVar.size();
  }

  /** The word letter of MatMul m: its matrix, {@code W^T} for a transpose. */
  String letter(int m) {
    return matmulWord.get(m);
  }

  /** The MatMuls a path may visit just before m: the ends of m's argument. */
  EndSet before(int m) {
    return ends.get(matmulArgOf[m]);
  }

  /**
   * Whether {@link #pushBefore} may be used: every LinComb or Nonlin united disjoint end sets
   * (true of chains and residual networks; false when two arguments share an end, as in {@code
   * h := a + b} with {@code a} and {@code b} both reading {@code g}).
   */
  boolean unionsDisjoint() {
    return unionsDisjoint;
  }

  /** The steps of a {@link #pushBefore} from MatMuls whose arguments go up to vector v. */
  long passCost(int[] from) {
    int top = -1;
    for (int m : from) {
      top = Math.max(top, matmulArgOf[m]);
    }
    return top < 0 ? 0 : passCostAt[top];
  }

  /**
   * One backward pass over the vectors: adds {@code weight[i]} to {@code acc[p]} for every MatMul
   * p in {@link #before}({@code from[i]}), and marks p in {@code reached}; with {@code weight}
   * null only marks. The pass pushes each weight from the MatMul's argument down the united
   * arguments to the MatMul vectors, so it is exact only when {@link #unionsDisjoint()}: then,
   * by induction over the program, a vector reaches each MatMul of its end set along exactly one
   * route. Costs {@link #passCost} steps (a vector visited, an argument pushed), instead of Σ
   * |before(from[i])| for the direct sum: O(V + E) whatever the density of the predecessor
   * relation (in a residual network with one shared W that relation has M²/2 pairs).
   */
  void pushBefore(int[] from, BigInteger[] weight, BigInteger[] acc, BitSet reached) {
    if (!unionsDisjoint) {
      throw new IllegalStateException("pushBefore needs disjoint unions");
    }
    int top = -1;
    for (int m : from) {
      top = Math.max(top, matmulArgOf[m]);
    }
    if (weight == null) {
      boolean[] on = new boolean[top + 1];
      for (int m : from) {
        on[matmulArgOf[m]] = true;
      }
      for (int v = top; v >= 0; v--) {
        if (!on[v]) {
          continue;
        }
        int ord = ordinalAt[v];
        if (ord >= 0) {
          reached.set(ord);
        } else {
          for (int x : unitesAt[v]) {
            on[x] = true;
          }
        }
      }
      return;
    }
    BigInteger[] y = new BigInteger[top + 1];
    for (int i = 0; i < from.length; i++) {
      int x = matmulArgOf[from[i]];
      y[x] = y[x] == null ? weight[i] : y[x].add(weight[i]);
    }
    for (int v = top; v >= 0; v--) {
      BigInteger w = y[v];
      if (w == null) {
        continue;
      }
      int ord = ordinalAt[v];
      if (ord >= 0) {
        acc[ord] = acc[ord] == null ? w : acc[ord].add(w);
        reached.set(ord);
      } else {
        for (int x : unitesAt[v]) {
          y[x] = y[x] == null ? w : y[x].add(w);
        }
      }
    }
  }

  /** The path through the MatMuls {@code chain} (first to last). */
  Path path(int[] chain) {
    List<String> vars = new ArrayList<>(2 * chain.length);
    List<String> mats = new ArrayList<>(chain.length);
    for (int m : chain) {
      vars.add(names.get(matmulArg.get(m)));
      vars.add(names.get(matmulVar.get(m)));
      mats.add(matmulWord.get(m));
    }
    return new Path(vars, mats);
  }

  // ---- enumeration ----------------------------------------------------------------------------

  /** A step of the backward depth-first search: the MatMul m and where its scan has got to. */
  private static final class Frame {
    final int m;
    int cursor;
    boolean emitted;

    Frame(int m) {
      this.m = m;
    }
  }

  /**
   * Lazily enumerates every path ending at the MatMuls in {@code targets}, in ordinal order of
   * the end, each end's paths by a backward depth-first search (shorter before longer along each
   * branch).
   */
  java.util.Iterator<Path> iterator(BitSet targets) {
    return new Advancing<>() {
      private final List<Frame> stack = new ArrayList<>();
      private int nextTarget = 0;

      @Override
      Path advance() {
        while (true) {
          if (stack.isEmpty()) {
            int t = targets.nextSetBit(nextTarget);
            if (t < 0) {
              return null;
            }
            nextTarget = t + 1;
            stack.add(new Frame(t));
          }
          Frame top = stack.get(stack.size() - 1);
          if (!top.emitted) {
            top.emitted = true;
            return build();
          }
          int next = before(top.m).nextSetBit(top.cursor);
          if (next < 0) {
            stack.remove(stack.size() - 1);
          } else {
            top.cursor = next + 1;
            stack.add(new Frame(next));
          }
        }
      }

      private Path build() {
        int[] chain = new int[stack.size()];
        for (int i = 0; i < chain.length; i++) {
          chain[i] = stack.get(stack.size() - 1 - i).m;
        }
        return path(chain);
      }

    };
  }

  @Override
  public String toString() {
    return "PathAnalysis[" + names.size() + " vectors, " + matmulVar.size() + " MatMuls"
        + (wasReduced() ? ", reduced" : "") + "]";
  }
}
