package org.tpe.app.editor.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
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
import org.tpe.model.MatrixInput;
import org.tpe.model.Moment;
import org.tpe.model.Names;
import org.tpe.model.Nonlin;
import org.tpe.model.Program;
import org.tpe.model.ScalarInput;
import org.tpe.model.ScalarOp;
import org.tpe.model.Statement;
import org.tpe.model.VectorInput;

/**
 * Structural helpers the commands share: renaming inside instructions, the variables that read a
 * variable (directly or not), a stable topological order of instructions, and fresh names. Pure
 * functions over immutable programs; cost is linear in the program size unless stated.
 */
public final class ProgramEdits {
  private ProgramEdits() {}

  /** {@code e} with every reference renamed by {@code map} (names not in the map are kept). */
  public static Expr rename(Expr e, Map<String, String> map) {
    if (e instanceof Expr.Ref r) {
      return new Expr.Ref(map.getOrDefault(r.name(), r.name()));
    } else if (e instanceof Expr.Neg n) {
      return new Expr.Neg(rename(n.operand(), map));
    } else if (e instanceof Expr.Bin b) {
      return new Expr.Bin(b.op(), rename(b.left(), map), rename(b.right(), map));
    } else if (e instanceof Expr.Call c) {
      return new Expr.Call(c.fn(), c.args().stream().map(a -> rename(a, map)).toList());
    }
    return e;
  }

  /** {@code ins} with its target and every argument renamed by {@code map}. */
  public static Instruction rename(Instruction ins, Map<String, String> map) {
    String t = map.getOrDefault(ins.target(), ins.target());
    if (ins instanceof MatMul m) {
      return new MatMul(t, map.getOrDefault(m.matrix(), m.matrix()), m.transposed(),
          map.getOrDefault(m.argument(), m.argument()));
    } else if (ins instanceof LinComb l) {
      return new LinComb(t, l.terms().stream()
          .map(x -> new LinComb.Term(x.coefficient(), map.getOrDefault(x.variable(), x.variable())))
          .toList());
    } else if (ins instanceof Nonlin n) {
      return new Nonlin(t, rename(n.phi(), map));
    } else if (ins instanceof Moment m) {
      return new Moment(t, rename(m.phi(), map));
    }
    return new ScalarOp(t, rename(((ScalarOp) ins).f(), map));
  }

  /** {@code in} renamed by {@code map}. */
  public static Input rename(Input in, Map<String, String> map) {
    String t = map.getOrDefault(in.target(), in.target());
    if (in instanceof VectorInput v) {
      return new VectorInput(t, v.mean(), v.variance());
    } else if (in instanceof MatrixInput m) {
      return new MatrixInput(t, m.sigma2());
    }
    return new ScalarInput(t, ((ScalarInput) in).value());
  }

  /** Every variable that reads {@code roots} directly or through other instructions. */
  public static Set<String> descendants(Program p, Set<String> roots) {
    Map<String, List<String>> readers = readers(p);
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(roots);
    while (!todo.isEmpty()) {
      for (String r : readers.getOrDefault(todo.pop(), List.of())) {
        if (seen.add(r)) {
          todo.push(r);
        }
      }
    }
    return seen;
  }

  /** For each variable, the targets of the instructions that read it. */
  public static Map<String, List<String>> readers(Program p) {
    Map<String, List<String>> out = new HashMap<>();
    for (Instruction ins : p.instructions()) {
      for (String a : ins.arguments()) {
        out.computeIfAbsent(a, k -> new ArrayList<>()).add(ins.target());
      }
    }
    return out;
  }

  /**
   * The instructions reordered so that every instruction comes after those defining its arguments,
   * keeping the original order where it already holds (Kahn's algorithm, ties by original index).
   * Returns null when the instructions form a cycle.
   */
  public static List<Instruction> topologicalOrder(List<Instruction> instructions) {
    Map<String, Integer> definedAt = new HashMap<>();
    for (int i = 0; i < instructions.size(); i++) {
      definedAt.putIfAbsent(instructions.get(i).target(), i);
    }
    int n = instructions.size();
    int[] indegree = new int[n];
    List<List<Integer>> after = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      after.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      for (String a : new HashSet<>(instructions.get(i).arguments())) {
        Integer d = definedAt.get(a);
        if (d != null && d != i) {
          after.get(d).add(i);
          indegree[i]++;
        } else if (d != null) {
          return null; // reads itself
        }
      }
    }
    java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>();
    for (int i = 0; i < n; i++) {
      if (indegree[i] == 0) {
        ready.add(i);
      }
    }
    List<Instruction> out = new ArrayList<>(n);
    while (!ready.isEmpty()) {
      int i = ready.poll();
      out.add(instructions.get(i));
      for (int j : after.get(i)) {
        if (--indegree[j] == 0) {
          ready.add(j);
        }
      }
    }
    return out.size() == n ? out : null;
  }

  /** The first of {@code stem1, stem2, …} (or {@code stem} itself if allowed) not defined in p. */
  public static String freshName(Program p, String stem, boolean tryBare) {
    return freshName(p, stem, tryBare, Set.of());
  }

  /**
   * Like {@link #freshName(Program, String, boolean)}, also avoiding {@code reserved} (names that
   * lines of the text which do not parse yet define).
   */
  public static String freshName(Program p, String stem, boolean tryBare, Set<String> reserved) {
    if (tryBare && !p.isDefined(stem) && !reserved.contains(stem) && Names.isValid(stem)) {
      return stem;
    }
    for (int i = 1;; i++) {
      String s = stem + i;
      if (!p.isDefined(s) && !reserved.contains(s) && Names.isValid(s)) {
        return s;
      }
    }
  }

  /** The statement defining {@code name}, or a refusal naming it. */
  public static Statement require(Program p, String name) {
    Statement s = p.definition(name);
    if (s == null) {
      throw new EditRefused("there is no variable named " + name);
    }
    return s;
  }

  /** A copy of p with the statement defining {@code name} replaced by {@code replacement}. */
  public static Program replace(Program p, String name, Statement replacement) {
    Program.Builder b = p.toBuilder();
    Statement old = p.definition(name);
    if (old instanceof Input) {
      b.inputs().replaceAll(s -> s == old ? (Input) replacement : s);
    } else {
      b.instructions().replaceAll(s -> s == old ? (Instruction) replacement : s);
    }
    return b.build();
  }

  /** Whether covariance entries of the program only mention initial vectors still defined. */
  static List<Covariance> keepCovariances(List<Covariance> cs, Set<String> removed) {
    return cs.stream().filter(c -> !removed.contains(c.a()) && !removed.contains(c.b())).toList();
  }
}
