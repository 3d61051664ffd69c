package org.tpe.render.scene;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tpe.model.Instruction;
import org.tpe.model.MatMul;
import org.tpe.model.Nonlin;
import org.tpe.model.Program;
import org.tpe.model.Statement;
import org.tpe.model.VarKind;
import org.tpe.paths.Path;
import org.tpe.paths.PathAnalysis;
import org.tpe.paths.PathSet;
import org.tpe.validate.ReductionException;
import org.tpe.validate.Reducer;

/**
 * Where paths lie on the diagram. Paths are defined on the <em>reduced</em> program (TP IIb Def.
 * 5.4, §5.1), the diagram shows the program as written, so each path is mapped back:
 *
 * <ul>
 *   <li>a vector the reducer inserted ({@code g_id := id(g)} before a MatMul of a G-var) stands
 *       for the G-var it copies;
 *   <li>a MatMul step p^i → p^{i+1} is the dashed edge of that MatMul;
 *   <li>a Nonlin step g → x (x reads g, through LinCombs, which paths pass through, and through
 *       Nonlins the reducer collapsed into x) lights every vector and edge on the chains of LinComb
 *       and Nonlin instructions from g to x: the ⊕ gates and the h's of a residual stream
 *       between two G-vars of the path, the X-vars a collapsed Nonlin read;
 *   <li>the path's end, a G-var, is joined the same way to the vectors asked about (a selected
 *       G-var, or the outputs) when it reaches them through LinCombs and Nonlins.
 * </ul>
 *
 * Scalars are not on paths (TP IIb treats Moment scalars as constants), so chains never pass
 * through them. Cost O(program) to build, then O(chain) per distinct step, memoised.
 */
public final class PathHighlight {
  private final Program program;
  private final Program reduced;
  private final Map<String, List<String>> args = new HashMap<>();
  private final Map<String, List<String>> consumers = new HashMap<>();
  private final Map<List<String>, Set<Highlight.Step>> chains = new HashMap<>();

  private PathHighlight(Program program, Program reduced) {
    this.program = program;
    this.reduced = reduced;
    for (Instruction ins : program.instructions()) {
      if (ins instanceof MatMul || !isVector(ins.target())
          || program.definition(ins.target()) != ins) {
        continue;
      }
      for (String a : new LinkedHashSet<>(ins.arguments())) {
        if (isVector(a)) {
          args.computeIfAbsent(ins.target(), k -> new ArrayList<>()).add(a);
          consumers.computeIfAbsent(a, k -> new ArrayList<>()).add(ins.target());
        }
      }
    }
  }

  private boolean isVector(String name) {
    VarKind k = program.kindOf(name);
    return k == VarKind.G || k == VarKind.X;
  }

  /** The highlight of {@code paths}, members of {@code set}, on {@code analysis}'s program. */
  public static Highlight of(PathAnalysis analysis, PathSet set, Iterable<Path> paths) {
    return of(analysis.program(), analysis.reducedProgram(), set.queried(), paths);
  }

  /**
   * The highlight on {@code program}'s diagram of {@code paths} of its reduced form {@code
   * reduced}, joined to the vectors {@code queried} (the G-var or outputs the paths end at).
   */
  public static Highlight of(Program program, Program reduced, Collection<String> queried,
      Iterable<Path> paths) {
    List<List<String>> vars = new ArrayList<>();
    for (Path p : paths) {
      vars.add(p.vars());
    }
    return new PathHighlight(program, reduced).light(queried, vars);
  }

  /**
   * The same for paths given by their vectors p⁰, p¹, … only (as an analysis session hands them
   * out): the reduced program is computed here if a path names a vector the reduction inserted.
   */
  public static Highlight ofVectors(Program program, Collection<String> queried,
      List<List<String>> paths) {
    boolean inserted = paths.stream().flatMap(List::stream).anyMatch(v -> !program.isDefined(v));
    Program reduced = program;
    if (inserted) {
      try {
        reduced = Reducer.reduce(program);
      } catch (ReductionException e) {
        reduced = program; // paths of a program that does not reduce: nothing to map back
      }
    }
    return new PathHighlight(program, reduced).light(queried, paths);
  }

  private Highlight light(Collection<String> queried, List<List<String>> paths) {
    PathHighlight ph = this;
    Set<String> vars = new HashSet<>();
    Set<Highlight.Step> steps = new HashSet<>();
    for (List<String> p : paths) {
      if (p.isEmpty()) {
        continue;
      }
      List<String> m = new ArrayList<>();
      for (String v : p) {
        String o = ph.original(v);
        if (!program.isDefined(o)) {
          continue; // not drawn
        }
        if (m.isEmpty() || !m.get(m.size() - 1).equals(o)) {
          m.add(o);
        }
      }
      if (m.isEmpty()) {
        continue;
      }
      vars.addAll(m);
      for (int i = 0; i + 1 < m.size(); i++) {
        ph.step(m.get(i), m.get(i + 1), steps);
      }
      String end = m.get(m.size() - 1);
      for (String q : queried) {
        if (!q.equals(end)) {
          steps.addAll(ph.chains.computeIfAbsent(List.of(end, q), k -> ph.chain(end, q)));
        }
      }
    }
    for (Highlight.Step s : steps) {
      vars.add(s.from());
      vars.add(s.to());
    }
    return new Highlight(vars, steps);
  }

  /** The original vector a vector of the reduced program stands for. */
  private String original(String v) {
    if (program.isDefined(v)) {
      return v;
    }
    Statement s = reduced.definition(v);
    if (s instanceof Nonlin n && n.arguments().size() == 1) {
      return original(n.arguments().get(0)); // an identity the reducer inserted
    }
    return v;
  }

  private void step(String a, String b, Set<Highlight.Step> out) {
    Statement def = program.definition(b);
    if (def instanceof MatMul mm && mm.argument().equals(a)) {
      out.add(new Highlight.Step(a, b));
      return;
    }
    Set<Highlight.Step> chain = chains.computeIfAbsent(List.of(a, b), k -> chain(a, b));
    if (chain.isEmpty()) {
      out.add(new Highlight.Step(a, b)); // not on the diagram as a chain: the step as it is
    } else {
      out.addAll(chain);
    }
  }

  /** Every direct step on a chain of LinComb and Nonlin instructions from {@code a} to {@code b}. */
  private Set<Highlight.Step> chain(String a, String b) {
    Set<String> from = reachable(a, consumers);
    Set<String> to = reachable(b, args);
    Set<Highlight.Step> out = new HashSet<>();
    if (!from.contains(b)) {
      return out;
    }
    for (String w : to) {
      if (!from.contains(w) || w.equals(a)) {
        continue;
      }
      for (String u : args.getOrDefault(w, List.of())) {
        if (from.contains(u) && to.contains(u)) {
          out.add(new Highlight.Step(u, w));
        }
      }
    }
    return out;
  }

  /** {@code start} and everything reachable from it along {@code next}. */
  private static Set<String> reachable(String start, Map<String, List<String>> next) {
    Set<String> seen = new HashSet<>(List.of(start));
    ArrayDeque<String> todo = new ArrayDeque<>(seen);
    while (!todo.isEmpty()) {
      for (String n : next.getOrDefault(todo.poll(), List.of())) {
        if (seen.add(n)) {
          todo.add(n);
        }
      }
    }
    return seen;
  }
}
