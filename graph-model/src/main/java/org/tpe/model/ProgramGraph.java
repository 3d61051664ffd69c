package org.tpe.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.graph.AbstractBaseGraph;
import org.jgrapht.graph.AsUnmodifiableGraph;
import org.jgrapht.graph.DefaultGraphSpecificsStrategy;
import org.jgrapht.graph.DefaultGraphType;

/**
 * The JGraphT view of a program: one vertex per variable (every defined name and every name an
 * instruction reads, so that undefined names and cycles are visible), one {@link Dependency} edge
 * from each argument to the variable an instruction defines. Edges know their instruction and the
 * argument's role. Built in O(V + E) as arrays of successors (what the cycle search walks); the
 * JGraphT graph, unmodifiable, is built on its first use.
 */
public final class ProgramGraph {

  /** How an argument enters an instruction. */
  public enum Role {
    /** The matrix W of a MatMul (drawn as the label of the dashed arrow). */
    MATRIX,
    /** The vector x of a MatMul W x. */
    MATMUL_ARGUMENT,
    /** A summand of a LinComb. */
    LINCOMB_ARGUMENT,
    /** A vector read by a Nonlin or Moment. */
    NONLIN_ARGUMENT,
    /** A scalar parameter of a Nonlin+, Moment or scalar op. */
    SCALAR_ARGUMENT;

    /** Whether the argument is a vector a LinComb or Nonlin reads (its paths go through). */
    public boolean readsVector() {
      return this == LINCOMB_ARGUMENT || this == NONLIN_ARGUMENT;
    }
  }

  /**
   * An argument relation {@code source → target}; identity equality, as JGraphT edges of a
   * multigraph must be distinct objects.
   */
  public static final class Dependency {
    private final String source;
    private final String target;
    private final Role role;
    private final Instruction instruction;
    private final int instructionIndex;

    Dependency(String source, String target, Role role, Instruction instruction, int index) {
      this.source = source;
      this.target = target;
      this.role = role;
      this.instruction = instruction;
      this.instructionIndex = index;
    }

    public String source() {
      return source;
    }

    public String target() {
      return target;
    }

    public Role role() {
      return role;
    }

    public Instruction instruction() {
      return instruction;
    }

    /** Index of the instruction in {@link Program#instructions()}. */
    public int instructionIndex() {
      return instructionIndex;
    }

    @Override
    public String toString() {
      return source + " -" + role + "-> " + target;
    }
  }

  private final Program program;
  /** Every variable, in the order the JGraphT view adds them (definitions, then arguments). */
  private final List<String> vertices;
  private final Map<String, Integer> ids;
  /** For each vertex, the vertex of each edge leaving it, in the order of the edges. */
  private final int[][] successors;
  /** The JGraphT view, built on first use (the validator's checks need only the arrays). */
  private Graph<String, Dependency> graph;

  private ProgramGraph(Program program) {
    this.program = program;
    List<Statement> statements = program.statements();
    List<Instruction> ins = program.instructions();
    this.vertices = new ArrayList<>(statements.size());
    this.ids = new HashMap<>(statements.size() * 4 / 3 + 16);
    for (Statement s : statements) {
      vertex(s.target());
    }
    int[] from = new int[16];
    int[] to = new int[16];
    int edges = 0;
    for (Instruction in : ins) {
      int t = ids.get(in.target());
      for (String a : in.arguments()) {
        if (edges == from.length) {
          from = Arrays.copyOf(from, 2 * edges);
          to = Arrays.copyOf(to, 2 * edges);
        }
        from[edges] = vertex(a);
        to[edges++] = t;
      }
    }
    int n = vertices.size();
    int[] degree = new int[n];
    for (int e = 0; e < edges; e++) {
      degree[from[e]]++;
    }
    successors = new int[n][];
    for (int v = 0; v < n; v++) {
      successors[v] = new int[degree[v]];
      degree[v] = 0;
    }
    for (int e = 0; e < edges; e++) {
      successors[from[e]][degree[from[e]]++] = to[e];
    }
  }

  private int vertex(String name) {
    Integer id = ids.putIfAbsent(name, vertices.size());
    if (id == null) {
      vertices.add(name);
      return vertices.size() - 1;
    }
    return id;
  }

  private static Graph<String, Dependency> build(Program program) {
    Graph<String, Dependency> g = new Multigraph();
    for (Statement s : program.statements()) {
      g.addVertex(s.target());
    }
    List<Instruction> ins = program.instructions();
    for (int i = 0; i < ins.size(); i++) {
      Instruction in = ins.get(i);
      for (String a : in.arguments()) {
        g.addVertex(a);
        g.addEdge(a, in.target(), new Dependency(a, in.target(), roleOf(program, in, a), in, i));
      }
    }
    return new AsUnmodifiableGraph<>(g);
  }

  /**
   * A directed multigraph with self loops, without JGraphT's fast-lookup index of the edges
   * between two given vertices: the analyses walk the edges of a vertex and never ask for the
   * edge between two, and the index doubled the cost of building the graph.
   */
  private static final class Multigraph extends AbstractBaseGraph<String, Dependency> {
    private static final long serialVersionUID = 1L;

    Multigraph() {
      super(null, null, DefaultGraphType.directedPseudograph(),
          new DefaultGraphSpecificsStrategy<>());
    }
  }

  /** Builds the view of {@code program}. */
  public static ProgramGraph of(Program program) {
    return new ProgramGraph(program);
  }

  /** How {@code arg} enters instruction {@code in} of {@code program} (the role of its edge). */
  public static Role roleOf(Program program, Instruction in, String arg) {
    if (in instanceof MatMul m) {
      return arg.equals(m.matrix()) ? Role.MATRIX : Role.MATMUL_ARGUMENT;
    }
    if (in instanceof LinComb) {
      return Role.LINCOMB_ARGUMENT;
    }
    return program.kindOf(arg) == VarKind.SCALAR ? Role.SCALAR_ARGUMENT : Role.NONLIN_ARGUMENT;
  }

  public Program program() {
    return program;
  }

  /** The unmodifiable JGraphT graph (built on the first call; thread safe). */
  public synchronized Graph<String, Dependency> graph() {
    if (graph == null) {
      graph = build(program);
    }
    return graph;
  }

  /**
   * The variables {@code name} is an argument of, once per edge (an instruction reading it twice
   * gives two), in the order of {@link #graph()}'s outgoing edges; empty for an unknown name.
   */
  public List<String> successors(String name) {
    Integer v = ids.get(name);
    if (v == null) {
      return List.of();
    }
    int[] succ = successors[v];
    List<String> out = new ArrayList<>(succ.length);
    for (int w : succ) {
      out.add(vertices.get(w));
    }
    return out;
  }

  /**
   * The variables that lie on a cycle, each mapped to the id of its strongly connected component
   * (two variables are on a common cycle exactly when their ids are equal). Variables on no cycle
   * are absent; a variable that reads itself is on a cycle. Tarjan's algorithm run with an
   * explicit stack (a chain of a million instructions costs no call stack), O(V + E).
   */
  public Map<String, Integer> cycleComponents() {
    int n = vertices.size();
    int[][] succ = successors;
    boolean[] selfLoop = new boolean[n];
    for (int v = 0; v < n; v++) {
      for (int w : succ[v]) {
        selfLoop[v] |= w == v;
      }
    }
    int[] index = new int[n];
    int[] low = new int[n];
    Arrays.fill(index, -1);
    boolean[] onStack = new boolean[n];
    int[] tarjan = new int[n];
    int tarjanTop = 0;
    int[] callVertex = new int[n];
    int[] callEdge = new int[n];
    int next = 0;
    int components = 0;
    Map<String, Integer> out = new HashMap<>();
    for (int root = 0; root < n; root++) {
      if (index[root] >= 0) {
        continue;
      }
      int depth = 0;
      callVertex[0] = root;
      callEdge[0] = 0;
      index[root] = low[root] = next++;
      tarjan[tarjanTop++] = root;
      onStack[root] = true;
      while (depth >= 0) {
        int v = callVertex[depth];
        if (callEdge[depth] < succ[v].length) {
          int w = succ[v][callEdge[depth]++];
          if (index[w] < 0) {
            index[w] = low[w] = next++;
            tarjan[tarjanTop++] = w;
            onStack[w] = true;
            depth++;
            callVertex[depth] = w;
            callEdge[depth] = 0;
          } else if (onStack[w]) {
            low[v] = Math.min(low[v], index[w]);
          }
          continue;
        }
        if (low[v] == index[v]) {
          int size = 0;
          int w;
          do {
            w = tarjan[--tarjanTop];
            onStack[w] = false;
            size++;
          } while (w != v);
          if (size > 1 || selfLoop[v]) {
            for (int k = tarjanTop; k < tarjanTop + size; k++) {
              out.put(vertices.get(tarjan[k]), components);
            }
          }
          components++;
        }
        depth--;
        if (depth >= 0) {
          int parent = callVertex[depth];
          low[parent] = Math.min(low[parent], low[v]);
        }
      }
    }
    return out;
  }

  /** Every variable {@code name} depends on, transitively (not including itself). */
  public Set<String> ancestors(String name) {
    return reach(name, true);
  }

  /** Every variable that depends on {@code name}, transitively (not including itself). */
  public Set<String> descendants(String name) {
    return reach(name, false);
  }

  private Set<String> reach(String start, boolean up) {
    Set<String> seen = new LinkedHashSet<>();
    Graph<String, Dependency> graph = graph();
    if (!graph.containsVertex(start)) {
      return seen;
    }
    Deque<String> todo = new ArrayDeque<>();
    todo.push(start);
    while (!todo.isEmpty()) {
      String v = todo.pop();
      Set<Dependency> edges = up ? graph.incomingEdgesOf(v) : graph.outgoingEdgesOf(v);
      for (Dependency d : edges) {
        String w = up ? d.source() : d.target();
        if (seen.add(w)) {
          todo.push(w);
        }
      }
    }
    seen.remove(start);
    return seen;
  }
}
