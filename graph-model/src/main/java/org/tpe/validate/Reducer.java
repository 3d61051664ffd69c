package org.tpe.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tpe.expr.Expr;
import org.tpe.expr.Fn;
import org.tpe.model.Instruction;
import org.tpe.model.MatMul;
import org.tpe.model.Names;
import org.tpe.model.Nonlin;
import org.tpe.model.Program;
import org.tpe.model.Statement;
import org.tpe.model.VarKind;

/**
 * Rewrites a program into an equivalent <em>reduced</em> one (TP IIb Def. 5.4, DESIGN §3): only
 * G-vars (and scalars) feed a Nonlin, only X-vars feed a MatMul. Paths and isomorphism classes
 * (TP IIb §5.1) are defined on reduced programs.
 *
 * <p>Exactly what {@link #reduce(Program)} does, walking the instructions in order:
 *
 * <ol>
 *   <li><b>Collapsing Nonlins.</b> A Nonlin {@code z := ψ(…, x, …)} that reads an X-var {@code x
 *       := φ(…)} becomes {@code z := ψ(…, φ(…), …)}: every X-var argument is replaced by its own
 *       (already collapsed) φ with {@link Expr#substitute}. Afterwards every Nonlin reads only
 *       G-vars and scalars. Nothing is re-evaluated differently: the new φ performs exactly the
 *       same floating-point operations, so every vector keeps its value bit for bit.
 *   <li><b>Identity Nonlins.</b> Before the first MatMul that reads a G-var {@code g} (initial,
 *       MatMul or LinComb result) the reducer inserts {@code g_id := id(g)} and every MatMul
 *       reading {@code g} reads {@code g_id} instead (one identity per G-var, shared by all its
 *       MatMuls). The fresh name is {@code g_id}, then {@code g_id2}, {@code g_id3}, … until it
 *       collides with no name of the program; primes stay at the end ({@code u'} gives {@code
 *       u_id'}).
 *   <li><b>Dropping collapsed X-vars.</b> An X-var that some Nonlin read before collapsing and that
 *       nothing reads any more (no MatMul, Moment, or other instruction) and that is not an output
 *       is removed, with its layout position. Every other vector is kept: G-vars are never
 *       removed or renamed, and dead code the user wrote stays.
 * </ol>
 *
 * Inputs, covariances, the title, the outputs and the positions of kept variables are unchanged.
 * Moments and scalar ops may keep reading X-vars (Def. 5.4 constrains only Nonlin and MatMul).
 * A reduced program is returned as is (the same object), so {@code reduce} is idempotent.
 *
 * <p>Cost: one validation, then O(size of the program) plus the size of the collapsed φ's. A
 * chain of Nonlins each reading the previous one twice doubles the collapsed tree at every step;
 * the reducer refuses (with a {@link ReductionException} naming the Nonlin) a collapsed φ with
 * more than {@link #MAX_COLLAPSED_SIZE} nodes or deeper than {@link Expr#MAX_DEPTH}, rather than
 * build a formula nobody can read or evaluate.
 */
public final class Reducer {
  /** Largest collapsed φ, in expression-tree nodes, the reducer builds. */
  public static final long MAX_COLLAPSED_SIZE = 100_000;

  private Reducer() {}

  /** Whether {@code program} is reduced (TP IIb Def. 5.4); see {@link Validator#isReduced}. */
  public static boolean isReduced(Program program) {
    return Validator.isReduced(program);
  }

  /**
   * The reduced form of {@code program} (see the class comment for exactly what changes).
   *
   * @throws ReductionException if the program has validation errors (the first is quoted), or a
   *     collapsed φ would exceed {@link #MAX_COLLAPSED_SIZE} nodes or {@link Expr#MAX_DEPTH}
   */
  public static Program reduce(Program program) {
    return reduce(program, Validator.validate(program));
  }

  /**
   * {@link #reduce(Program)} for a caller that has already validated {@code program} (saves the
   * O(V + E) validation when both are needed).
   *
   * @param report {@code Validator.validate(program)}; the result is unspecified for a report of
   *     another program
   * @throws ReductionException as {@link #reduce(Program)}
   */
  public static Program reduce(Program program, ValidationReport report) {
    if (report.hasErrors()) {
      var first = report.errors().get(0);
      throw new ReductionException("cannot reduce a program with errors; first: "
          + first.message(), first.subject());
    }
    if (isReduced(program)) {
      return program;
    }
    Set<String> taken = new HashSet<>();
    for (Statement s : program.statements()) {
      taken.add(s.target());
    }
    for (Instruction ins : program.instructions()) {
      taken.addAll(ins.arguments());
    }
    taken.addAll(program.outputs());

    Map<String, Expr> collapsed = new HashMap<>();
    Map<String, String> identityOf = new HashMap<>();
    Set<String> readByCollapsed = new LinkedHashSet<>();
    List<Instruction> out = new ArrayList<>();
    for (Instruction ins : program.instructions()) {
      if (ins instanceof Nonlin n) {
        Map<String, Expr> by = new HashMap<>();
        for (String a : n.arguments()) {
          if (program.kindOf(a) == VarKind.X) {
            by.put(a, collapsed.get(a));
          }
        }
        Expr phi = n.phi();
        if (!by.isEmpty()) {
          phi = phi.substitute(by);
          readByCollapsed.addAll(by.keySet());
          checkSize(n.target(), phi);
        }
        collapsed.put(n.target(), phi);
        out.add(phi == n.phi() ? n : new Nonlin(n.target(), phi));
      } else if (ins instanceof MatMul m && program.kindOf(m.argument()) == VarKind.G) {
        String id = identityOf.get(m.argument());
        if (id == null) {
          id = freshIdentityName(m.argument(), taken);
          taken.add(id);
          identityOf.put(m.argument(), id);
          out.add(new Nonlin(id, Expr.call(Fn.ID, Expr.ref(m.argument()))));
        }
        out.add(new MatMul(m.target(), m.matrix(), m.transposed(), id));
      } else {
        out.add(ins);
      }
    }

    Set<String> stillRead = new HashSet<>(program.outputs());
    for (Instruction ins : out) {
      stillRead.addAll(ins.arguments());
    }
    Set<String> dropped = new HashSet<>();
    for (String x : readByCollapsed) {
      if (!stillRead.contains(x)) {
        dropped.add(x);
      }
    }
    Program.Builder b = program.toBuilder();
    b.instructions().clear();
    for (Instruction ins : out) {
      if (!dropped.contains(ins.target())) {
        b.instruction(ins);
      }
    }
    b.layout().keySet().removeAll(dropped);
    return b.build();
  }

  /** {@code g_id}, {@code g_id2}, … (primes kept at the end) colliding with no taken name. */
  static String freshIdentityName(String g, Set<String> taken) {
    int end = g.length();
    while (end > 0 && Names.isPrime(g.codePointBefore(end))) {
      end -= Character.charCount(g.codePointBefore(end));
    }
    String base = g.substring(0, end);
    String primes = g.substring(end);
    for (int k = 1; ; k++) {
      String candidate = base + "_id" + (k == 1 ? "" : Integer.toString(k)) + primes;
      if (!taken.contains(candidate) && Names.isValid(candidate)) {
        return candidate;
      }
    }
  }

  private static void checkSize(String target, Expr phi) {
    Map<Expr, long[]> memo = new IdentityHashMap<>();
    long[] sd = sizeAndDepth(phi, memo);
    if (sd[0] > MAX_COLLAPSED_SIZE || sd[1] > Expr.MAX_DEPTH) {
      throw new ReductionException("collapsing the Nonlins that feed '" + target + "' gives a φ of "
          + (sd[0] > MAX_COLLAPSED_SIZE ? "more than " + MAX_COLLAPSED_SIZE + " nodes"
              : "depth " + sd[1] + " (more than " + Expr.MAX_DEPTH + ")")
          + "; the program cannot be reduced into something readable — shorten the chain of"
          + " Nonlins reading Nonlins (for example by passing through a MatMul)", target);
    }
  }

  /**
   * Tree size (saturating) and depth of {@code e}, memoised by identity: collapsed φ's share
   * subtrees, so a walk of the tree itself could take exponential time.
   */
  private static long[] sizeAndDepth(Expr e, Map<Expr, long[]> memo) {
    long[] known = memo.get(e);
    if (known != null) {
      return known;
    }
    long size = 1;
    long depth = 0;
    List<Expr> children = e instanceof Expr.Neg n ? List.of(n.operand())
        : e instanceof Expr.Bin b ? List.of(b.left(), b.right())
        : e instanceof Expr.Call c ? c.args() : List.of();
    for (Expr c : children) {
      long[] sd = sizeAndDepth(c, memo);
      size = Math.min(Long.MAX_VALUE / 4, size + sd[0]);
      depth = Math.max(depth, sd[1]);
    }
    long[] r = {size, depth + 1};
    memo.put(e, r);
    return r;
  }
}
