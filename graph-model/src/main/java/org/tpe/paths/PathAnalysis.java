package org.tpe.paths;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jgrapht.Graph;
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
 * {@link Reducer} for its cost), builds the JGraphT view, then runs in O(V + E + M·V/64)
 * word operations for V vectors, E argument relations and M MatMuls (a bit set of ends per
 * vector), plus exact {@link BigInteger} additions whose operands have O(depth) bits: path counts
 * grow exponentially in residual networks (2^L − 1 at depth L). Counting is never bounded.
 * Classes are computed on demand by a DP over (vector → word → count) restricted to the ancestors
 * of the query: O(total number of (vector, word) pairs) map operations, bounded by {@code
 * maxClasses} distinct words per vector (a {@link PathLimitException} says how to raise it).
 * Enumeration is lazy: each path costs O(|p| · fan-in) and no set of paths is materialised.
 *
 * <p>Queries are safe from one thread at a time (the class DP fills a cache).
 */
public final class PathAnalysis {
  /** Default bound on the number of distinct words (isomorphism classes) computed per vector. */
  public static final int DEFAULT_MAX_CLASSES = 10_000;

  private static final BitSet EMPTY = new BitSet(0);

  private final Program program;
  private final Program reduced;
  private final Map<String, Integer> index = new HashMap<>();
  private final List<String> names = new ArrayList<>();
  private final List<Instruction> definers = new ArrayList<>();
  private final List<BitSet> ends = new ArrayList<>();
  private final List<BigInteger> signal = new ArrayList<>();
  private final List<int[]> vectorArgs = new ArrayList<>();
  private final BitSet disjoint = new BitSet();
  // per MatMul ordinal m
  private final List<Integer> matmulVar = new ArrayList<>();
  private final List<Integer> matmulArg = new ArrayList<>();
  private final List<String> matmulWord = new ArrayList<>();
  private final Map<Integer, Integer> ordinalOf = new HashMap<>();

  private final Word.Table table = new Word.Table();
  private final Map<Integer, Map<Word, BigInteger>> words = new HashMap<>();

  private PathAnalysis(Program program, ValidationReport report) {
    this.program = program;
    this.reduced = report == null ? Reducer.reduce(program) : Reducer.reduce(program, report);
    for (Statement s : reduced.inputs()) {
      if (s instanceof VectorInput v) {
        add(v.name(), null, EMPTY, BigInteger.ZERO, new int[0]);
      }
    }
    // the reduced program's JGraphT view gives each instruction's typed argument edges; the
    // instructions give the order (a straight-line program is its own topological order)
    Graph<String, ProgramGraph.Dependency> graph = ProgramGraph.of(reduced).graph();
    for (Instruction ins : reduced.instructions()) {
      if (ins instanceof MatMul m) {
        int x = -1;
        for (ProgramGraph.Dependency d : graph.incomingEdgesOf(m.target())) {
          if (d.role() == ProgramGraph.Role.MATMUL_ARGUMENT) {
            x = index.get(d.source());
          }
        }
        int ordinal = matmulVar.size();
        BitSet self = new BitSet(ordinal + 1);
        self.set(ordinal);
        int v = add(m.target(), m, self, BigInteger.ONE.add(signal.get(x)), new int[] {x});
        matmulVar.add(v);
        matmulArg.add(x);
        matmulWord.add(m.matrixWord());
        ordinalOf.put(v, ordinal);
      } else if (ins instanceof LinComb || ins instanceof Nonlin) {
        int[] args = graph.incomingEdgesOf(ins.target()).stream()
            .filter(d -> d.role() == ProgramGraph.Role.LINCOMB_ARGUMENT
                || d.role() == ProgramGraph.Role.NONLIN_ARGUMENT)
            .mapToInt(d -> index.get(d.source())).distinct().sorted().toArray();
        combine(ins, args);
      }
    }
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

  private int add(String name, Instruction definer, BitSet e, BigInteger s, int[] args) {
    int v = names.size();
    index.put(name, v);
    names.add(name);
    definers.add(definer);
    ends.add(e);
    signal.add(s);
    vectorArgs.add(args);
    return v;
  }

  /** A LinComb or Nonlin: its ends are the union of its vector arguments' ends. */
  private void combine(Instruction ins, int[] args) {
    if (args.length == 1) {
      int v = add(ins.target(), ins, ends.get(args[0]), signal.get(args[0]), args);
      disjoint.set(v);
      return;
    }
    BitSet union = new BitSet();
    int total = 0;
    for (int a : args) {
      union.or(ends.get(a));
      total += ends.get(a).cardinality();
    }
    BigInteger s = BigInteger.ZERO;
    boolean isDisjoint = union.cardinality() == total;
    if (isDisjoint) {
      for (int a : args) {
        s = s.add(signal.get(a));
      }
    } else {
      for (int m = union.nextSetBit(0); m >= 0; m = union.nextSetBit(m + 1)) {
        s = s.add(signal.get(matmulVar.get(m)));
      }
    }
    int v = add(ins.target(), ins, union, s, args);
    if (isDisjoint) {
      disjoint.set(v);
    }
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
        String reads = x == null ? "" : String.join(", ", endNames(ends.get(x)));
        throw new IllegalArgumentException("'" + g + "' is an X-var (made by a Nonlin); paths"
            + " end at G-vars" + (reads.isEmpty() ? "" : "; try one it reads: " + reads));
      }
      default:
        return new PathSet(this, List.of(g), ends.get(index.get(g)), List.of());
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
        union.or(ends.get(index.get(o)));
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

  // ---- used by PathSet ------------------------------------------------------------------------

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

  /**
   * The words of the paths ending at MatMul {@code m}, with their counts; computed by the DP over
   * the ancestors of m and cached.
   */
  synchronized Map<Word, BigInteger> wordsEndingAt(int m, int maxClasses, String query) {
    int target = matmulVar.get(m);
    Map<Word, BigInteger> known = words.get(target);
    if (known == null) {
      // ancestors of target not yet computed, then the DP in program order
      BitSet todo = new BitSet();
      List<Integer> stack = new ArrayList<>(List.of(target));
      while (!stack.isEmpty()) {
        int v = stack.remove(stack.size() - 1);
        if (todo.get(v) || words.containsKey(v)) {
          continue;
        }
        todo.set(v);
        for (int a : vectorArgs.get(v)) {
          stack.add(a);
        }
      }
      for (int v = todo.nextSetBit(0); v >= 0; v = todo.nextSetBit(v + 1)) {
        words.put(v, computeWords(v, maxClasses, query));
      }
      known = words.get(target);
    }
    if (known.size() > maxClasses) {
      throw tooMany(query, maxClasses);
    }
    return known;
  }

  private Map<Word, BigInteger> computeWords(int v, int maxClasses, String query) {
    Instruction def = definers.get(v);
    if (def == null) {
      return Map.of();
    }
    if (def instanceof MatMul) {
      String w = matmulWord.get(ordinalOf.get(v));
      Map<Word, BigInteger> in = words.get(vectorArgs.get(v)[0]);
      Map<Word, BigInteger> out = new HashMap<>(in.size() * 2 + 2);
      out.put(table.single(w), BigInteger.ONE);
      for (Map.Entry<Word, BigInteger> e : in.entrySet()) {
        out.put(e.getKey().extend(w), e.getValue());
      }
      check(out, maxClasses, query);
      return out;
    }
    int[] args = vectorArgs.get(v);
    if (args.length == 1) {
      return words.get(args[0]);
    }
    Map<Word, BigInteger> out = new HashMap<>();
    if (disjoint.get(v)) {
      for (int a : args) {
        merge(out, words.get(a), maxClasses, query);
      }
    } else {
      BitSet e = ends.get(v);
      for (int m = e.nextSetBit(0); m >= 0; m = e.nextSetBit(m + 1)) {
        merge(out, words.get(matmulVar.get(m)), maxClasses, query);
      }
    }
    return out;
  }

  private static void merge(Map<Word, BigInteger> into, Map<Word, BigInteger> from,
      int maxClasses, String query) {
    for (Map.Entry<Word, BigInteger> e : from.entrySet()) {
      into.merge(e.getKey(), e.getValue(), BigInteger::add);
    }
    check(into, maxClasses, query);
  }

  private static void check(Map<Word, BigInteger> m, int maxClasses, String query) {
    if (m.size() > maxClasses) {
      throw tooMany(query, maxClasses);
    }
  }

  private static PathLimitException tooMany(String query, int maxClasses) {
    return new PathLimitException("the paths ending at " + query + " fall into more than "
        + maxClasses + " isomorphism classes (distinct words); raise the bound (tpe paths"
        + " --max-classes N, or PathSet.classes(N)) or ask only for the count and the paths");
  }

  // ---- enumeration ----------------------------------------------------------------------------

  /** A step of the backward depth-first search: the MatMul m and the word still to match. */
  private static final class Frame {
    final int m;
    final Word need;
    int cursor;
    boolean emitted;

    Frame(int m, Word need) {
      this.m = m;
      this.need = need;
    }
  }

  /**
   * Lazily enumerates the paths ending at the MatMuls in {@code targets} (in ordinal order), all of
   * them when {@code word} is null, else those with that word (pruned with the cached word maps,
   * which {@link #wordsEndingAt} must have filled for every target).
   */
  java.util.Iterator<Path> iterator(BitSet targets, Word word) {
    return new java.util.Iterator<>() {
      private final List<Frame> stack = new ArrayList<>();
      private int nextTarget = 0;
      private Path pending;

      private boolean accepts(int m, Word need) {
        if (need == null) {
          return true;
        }
        Map<Word, BigInteger> w = words.get(matmulVar.get(m));
        return w != null && w.containsKey(need);
      }

      private Path advance() {
        while (true) {
          if (stack.isEmpty()) {
            int t = targets.nextSetBit(nextTarget);
            while (t >= 0 && !accepts(t, word)) {
              t = targets.nextSetBit(t + 1);
            }
            if (t < 0) {
              return null;
            }
            nextTarget = t + 1;
            stack.add(new Frame(t, word));
          }
          Frame top = stack.get(stack.size() - 1);
          boolean last = top.need != null && top.need.prefix == null;
          if (!top.emitted) {
            top.emitted = true;
            if (top.need == null || last) {
              return build();
            }
          }
          if (last) {
            stack.remove(stack.size() - 1);
            continue;
          }
          Word need = top.need == null ? null : top.need.prefix;
          BitSet in = ends.get(matmulArg.get(top.m));
          int next = in.nextSetBit(top.cursor);
          while (next >= 0 && !accepts(next, need)) {
            next = in.nextSetBit(next + 1);
          }
          if (next < 0) {
            stack.remove(stack.size() - 1);
          } else {
            top.cursor = next + 1;
            stack.add(new Frame(next, need));
          }
        }
      }

      private Path build() {
        List<String> vars = new ArrayList<>(2 * stack.size());
        List<String> mats = new ArrayList<>(stack.size());
        for (int i = stack.size() - 1; i >= 0; i--) {
          int m = stack.get(i).m;
          vars.add(names.get(matmulArg.get(m)));
          vars.add(names.get(matmulVar.get(m)));
          mats.add(matmulWord.get(m));
        }
        return new Path(vars, mats);
      }

      @Override
      public boolean hasNext() {
        if (pending == null) {
          pending = advance();
        }
        return pending != null;
      }

      @Override
      public Path next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        Path p = pending;
        pending = null;
        return p;
      }
    };
  }

  Word.Table table() {
    return table;
  }

  @Override
  public String toString() {
    return "PathAnalysis[" + names.size() + " vectors, " + matmulVar.size() + " MatMuls"
        + (wasReduced() ? ", reduced" : "") + "]";
  }
}
