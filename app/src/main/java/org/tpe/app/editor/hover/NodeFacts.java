package org.tpe.app.editor.hover;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tpe.format.TpPrinter;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.Estimate;
import org.tpe.limit.Histogram;
import org.tpe.limit.VectorStatistics;
import org.tpe.model.Input;
import org.tpe.model.Instruction;
import org.tpe.model.LinComb;
import org.tpe.model.MatMul;
import org.tpe.model.MatrixInput;
import org.tpe.model.Moment;
import org.tpe.model.Nonlin;
import org.tpe.model.Program;
import org.tpe.model.ScalarInput;
import org.tpe.model.ScalarOp;
import org.tpe.model.Statement;
import org.tpe.model.VarKind;
import org.tpe.model.VectorInput;
import org.tpe.session.Snapshot;

/**
 * What the hover card of a node says, decided without JavaFX: the node's kind, its definition as
 * in the text, the language-level facts (its instruction in Netsor / Netsor⊤, TP IIb Def. 2.1 and
 * App. B; a matrix's σ² and the MatMuls it enters), the limit's mean and variance of Z^x with
 * their errors, and its histogram for a sparkline. Every number comes from the snapshot of the
 * program on screen; for another program the card says the limits are being computed.
 *
 * @param name the variable
 * @param kind "G-var (MatMul)", "matrix", "scalar (Moment)", …
 * @param definition its line of text ("h := W x")
 * @param facts sentences about it
 * @param limit "E Z = 0 ± 1e−9, Var Z = 2.000 ± …", the scalar's limit, or why there is none
 * @param histogram the limit's histogram of Z^x, or null
 */
public record NodeFacts(String name, String kind, String definition, List<String> facts,
    String limit, Histogram histogram) implements CardText {
  public NodeFacts {
    facts = List.copyOf(facts);
  }

  /** "y   G-var (MatMul)". */
  @Override
  public String title() {
    return name + "   " + kind;
  }

  /** The facts of {@code name} in {@code p}, its numbers from {@code s} (null: none yet). */
  public static NodeFacts of(Program p, Snapshot s, String name) {
    Statement st = p.definition(name);
    List<String> facts = new ArrayList<>();
    String kind;
    String def;
    if (st instanceof Input in) {
      def = TpPrinter.input(in);
      if (in instanceof MatrixInput m) {
        kind = "matrix";
        facts.add(String.format(Locale.ROOT, "entries iid N(0, σ²/n), σ² = %s", num(m.sigma2())));
        List<String> uses = new ArrayList<>();
        for (Instruction i : p.instructions()) {
          if (i instanceof MatMul mm && mm.matrix().equals(name)) {
            uses.add(mm.target() + " := " + TpPrinter.rhs(mm));
          }
        }
        facts.add(uses.isEmpty() ? "used by no MatMul" : "MatMuls: " + String.join(", ", uses));
      } else if (in instanceof VectorInput v) {
        kind = "initial vector (G-var)";
        facts.add("ZInit: Z^" + name + " is Gaussian, mean " + num(v.mean()) + ", variance "
            + num(v.variance()));
      } else if (in instanceof ScalarInput) {
        kind = "initial scalar";
        facts.add("converges to its given value (TP IIb App. B, initial scalars)");
      } else {
        kind = in.kind().label();
      }
    } else {
      Instruction ins = (Instruction) st;
      def = name + " := " + TpPrinter.rhs(ins);
      if (ins instanceof MatMul mm) {
        kind = "G-var (MatMul)";
        facts.add("ZMatMul: Z^" + name + " = Ẑ^" + name + " + Ż^" + name + "; Ẑ^" + name
            + " is Gaussian, Cov(Ẑ^" + name + ", Ẑ^h') = σ² E[Z^" + mm.argument()
            + " Z^y] for each h' := " + mm.matrix() + (mm.transposed() ? "ᵀ" : "") + " y");
        if (p.isDefined(mm.matrix()) && p.definition(mm.matrix()) instanceof MatrixInput m) {
          facts.add(mm.matrix() + ": σ² = " + num(m.sigma2()));
        }
      } else if (ins instanceof Nonlin nl) {
        kind = "X-var (Nonlin" + (p.isNonlinPlus(nl) ? "⁺" : "") + ")";
        facts.add("ZNonlin: Z^" + name + " = φ(Z of its arguments)");
      } else if (ins instanceof LinComb) {
        kind = p.kindOf(name) == VarKind.G ? "G-var (LinComb)" : "X-var (LinComb)";
        facts.add("a linear combination: its Z is the same combination of Zs");
      } else if (ins instanceof Moment) {
        kind = "scalar (Moment)";
        facts.add("ZMoment: converges to θ̊ = E φ(Z…) (Netsor⊤)");
      } else if (ins instanceof ScalarOp) {
        kind = "scalar (scalar rule)";
        facts.add("a function of scalars: its limit is the function of their limits");
      } else {
        kind = p.kindOf(name).label();
      }
    }
    String limit;
    Histogram hist = null;
    if (s == null || !s.isFor(p) || s.limits().isPending()) {
      limit = "limits: computing…";
    } else if (!s.limits().isDone()) {
      limit = "no limits: " + s.limits().message();
    } else {
      CoordinateStatistics stats = s.limits().value();
      VectorStatistics vs = stats.vectors().get(name);
      Estimate sc = stats.scalars().get(name);
      if (vs != null) {
        limit = "E Z^" + name + " = " + est(vs.mean()) + ",  Var Z^" + name + " = "
            + est(vs.variance()) + "  (" + stats.method() + ")";
        VectorStatistics dv = s.density().isDone() ? s.density().value().vectors().get(name)
            : null;
        hist = dv == null ? vs.histogram() : dv.histogram();
      } else if (sc != null) {
        limit = name + "̊ = " + est(sc) + "  (" + stats.method() + ")";
      } else {
        limit = p.kindOf(name) == VarKind.A ? "" : "no limit for " + name;
      }
    }
    return new NodeFacts(name, kind, def, facts, limit, hist);
  }

  /** "0.500 ± 0.002", the value alone when it is exact, "0.500 ± ?" when its error is unknown. */
  static String est(Estimate e) {
    if (e.errorUnknown()) {
      return num(e.value()) + " ± ?";
    }
    return e.error() == 0 ? num(e.value()) : num(e.value()) + " ± " + String.format(Locale.ROOT,
        "%.1g", e.error());
  }

  static String num(double v) {
    if (v == 0) {
      return "0";
    }
    return Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v != 0)
        ? String.format(Locale.ROOT, "%.3e", v) : String.format(Locale.ROOT, "%.4g", v);
  }
}
