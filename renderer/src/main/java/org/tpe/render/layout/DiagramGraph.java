package org.tpe.render.layout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tpe.model.Input;
import org.tpe.model.Instruction;
import org.tpe.model.LinComb;
import org.tpe.model.MatMul;
import org.tpe.model.Moment;
import org.tpe.model.Nonlin;
import org.tpe.model.Program;
import org.tpe.model.ScalarOp;
import org.tpe.model.Statement;
import org.tpe.model.VarKind;
import org.tpe.render.text.Labels;
import org.tpe.render.text.RichText;
import org.tpe.render.text.TextMetrics;

/**
 * The diagram of a program in TP IIb's graphical notation (§4, App. C), as nodes and edges with
 * their sizes but no positions: what {@link AutoLayout} places and the scene draws.
 *
 * <ul>
 *   <li>every vector is a circle node, every scalar a square node (matrices are not nodes: they
 *       label the MatMul edges);
 *   <li>a MatMul {@code h := W x} is one dashed edge x → h labelled W (W⊤ for a transpose);
 *   <li>a Nonlin, Moment, LinComb or scalar op is a gate node: one edge from each argument (vector
 *       or scalar) into the gate and one edge from the gate to the result. Nonlin and scalar op
 *       gates are labelled with φ, a Moment gate is a bar-gate, a LinComb a ⊕ gate whose argument
 *       edges carry the coefficients other than 1.
 * </ul>
 *
 * Ill-formed programs still give a graph: names that nothing defines, matrices used as vectors
 * and redefinitions (after the first) are left out, so the editor can draw half-typed programs.
 * Building costs O(size of the program).
 */
public final class DiagramGraph {
  /** Font size of variable names inside nodes (model units). */
  public static final double NAME_SIZE = 13;
  /** Font size of MatMul, coefficient and gate labels. */
  public static final double LABEL_SIZE = 12;
  /** Smallest circle diameter. */
  public static final double MIN_DIAMETER = 30;
  /** Smallest square side. */
  public static final double MIN_SQUARE = 27;

  /** What a node stands for. */
  public enum NodeKind {
    VECTOR, SCALAR, NONLIN_GATE, MOMENT_GATE, SUM_GATE, SCALAR_GATE;

    public boolean isGate() {
      return this != VECTOR && this != SCALAR;
    }
  }

  /** What an edge stands for. */
  public enum EdgeKind {
    /** Dashed MatMul edge from the argument vector to the result. */
    MATMUL,
    /** Solid edge from an argument into a gate. */
    ARGUMENT,
    /** Solid edge from a gate to its result. */
    RESULT
  }

  /**
   * A node. {@code name} is the variable (for variable nodes) or the variable the gate computes;
   * {@code label} is drawn inside variable nodes and above gates.
   */
  public record Node(String id, NodeKind kind, String name, VarKind varKind, boolean initial,
      boolean output, RichText label, double width, double height) {}

  /**
   * An edge between node ids; {@code fromVar → toVar} is the step of computation it belongs to
   * (argument → result), used to highlight paths.
   */
  public record Edge(String id, EdgeKind kind, String source, String target, String fromVar,
      String toVar, RichText label) {}

  private final Map<String, Node> nodes;
  private final List<Edge> edges;

  private DiagramGraph(Map<String, Node> nodes, List<Edge> edges) {
    this.nodes = Collections.unmodifiableMap(nodes);
    this.edges = List.copyOf(edges);
  }

  /** The id of the node of variable {@code name}. */
  public static String varId(String name) {
    return "v:" + name;
  }

  /** The id of the gate node of the instruction defining {@code target}. */
  public static String gateId(String target) {
    return "g:" + target;
  }

  /** Nodes by id, variables and gates in program order. */
  public Map<String, Node> nodes() {
    return nodes;
  }

  public List<Edge> edges() {
    return edges;
  }

  /** The diagram of {@code program}. */
  public static DiagramGraph of(Program program) {
    Map<String, Node> nodes = new LinkedHashMap<>();
    List<Edge> edges = new ArrayList<>();
    Set<String> outputs = new LinkedHashSet<>(program.outputs());
    for (Statement s : program.statements()) {
      if (program.definition(s.target()) != s) {
        continue; // a redefinition: validation reports it; draw the first definition only
      }
      VarKind k = program.kindOf(s.target());
      if (k == VarKind.A) {
        continue;
      }
      boolean initial = s instanceof Input;
      String name = s.target();
      RichText label = Labels.name(name);
      double w = TextMetrics.width(label, NAME_SIZE);
      double size = k == VarKind.SCALAR ? Math.max(MIN_SQUARE, w + 9) : Math.max(MIN_DIAMETER,
          w + 11);
      nodes.put(varId(name), new Node(varId(name), k == VarKind.SCALAR ? NodeKind.SCALAR
          : NodeKind.VECTOR, name, k, initial, outputs.contains(name), label, size, size));
    }
    for (Instruction ins : program.instructions()) {
      if (program.definition(ins.target()) != ins) {
        continue;
      }
      String t = ins.target();
      String tid = varId(t);
      if (ins instanceof MatMul mm) {
        if (nodes.containsKey(varId(mm.argument()))) {
          edges.add(new Edge("m:" + t, EdgeKind.MATMUL, varId(mm.argument()), tid, mm.argument(),
              t, Labels.matrix(mm.matrix(), mm.transposed())));
        }
        continue;
      }
      NodeKind gk;
      RichText gl;
      double gw;
      double gh;
      if (ins instanceof Nonlin n) {
        gk = NodeKind.NONLIN_GATE;
        gl = Labels.function(n.phi());
        gw = 22;
        gh = 20;
      } else if (ins instanceof Moment m) {
        gk = NodeKind.MOMENT_GATE;
        gl = Labels.function(m.phi());
        gw = 28;
        gh = 20;
      } else if (ins instanceof ScalarOp so) {
        gk = NodeKind.SCALAR_GATE;
        gl = Labels.function(so.f());
        gw = 22;
        gh = 20;
      } else {
        gk = NodeKind.SUM_GATE;
        gl = null;
        gw = 18;
        gh = 18;
      }
      // a gate grows with its fan-in so that converging edges stay apart
      gh = Math.max(gh, 7.0 * ins.arguments().size() + 4);
      gw = gk == NodeKind.SUM_GATE ? gh : Math.max(gw, gh / 2 + (gk == NodeKind.MOMENT_GATE ? 18
          : 12));
      String gid = gateId(t);
      nodes.put(gid, new Node(gid, gk, t, null, false, false, gl, gw, gh));
      for (String a : ins.arguments()) {
        if (!nodes.containsKey(varId(a))) {
          continue;
        }
        RichText coefficient = ins instanceof LinComb lc
            ? Labels.coefficient(lc.coefficientOf(a)) : null;
        edges.add(new Edge("a:" + t + ":" + a, EdgeKind.ARGUMENT, varId(a), gid, a, t,
            coefficient));
      }
      edges.add(new Edge("r:" + t, EdgeKind.RESULT, gid, tid, null, t, null));
    }
    return new DiagramGraph(nodes, edges);
  }
}
