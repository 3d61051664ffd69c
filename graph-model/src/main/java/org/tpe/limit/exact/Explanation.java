package org.tpe.limit.exact;

import java.util.ArrayList;
import java.util.List;
import org.tpe.expr.Expr;
import org.tpe.limit.Estimate;
import org.tpe.limit.calculus.ZDotTerm;
import org.tpe.model.Instruction;
import org.tpe.model.LinComb;
import org.tpe.model.MatMul;
import org.tpe.model.Nonlin;
import org.tpe.model.Program;
import org.tpe.model.VectorInput;

/**
 * The derivation of one vector's Z as a student writes it (TP IIb App. B, Def. B.3): its rule
 * (ZInit, ZHat + ZDot, LinComb, Nonlin), the ZHat covariance σ² E[Z^x Z^y] with its numbers, each
 * ZDot coefficient cᵢ = σ² E[∂Z^x/∂Ẑ^{gᵢ}] in the Stein form b/C (or C⁺b), Z over the base
 * Gaussians, and E[(Z)²]. Plain lines of text; the command line prints them.
 */
public final class Explanation {
  private Explanation() {}

  private static String num(double v) {
    return Expr.num(v).toText();
  }

  private static String est(Estimate e) {
    return e.error() == 0 ? num(e.value()) : String.format("%.12g ± %.2g", e.value(),
        e.error());
  }

  /**
   * The lines explaining {@code vector}.
   *
   * @param secondMoment E[(Z^vector)²] as the engine computed it
   */
  public static List<String> of(Program p, SymbolicZ z, String vector, Estimate secondMoment) {
    List<String> out = new ArrayList<>();
    var def = p.definition(vector);
    if (def instanceof VectorInput in) {
      out.add(vector + " is an initial vector: Z^" + vector + " ~ N(" + num(in.mean()) + ", "
          + num(in.variance()) + ") (ZInit)");
    } else if (def instanceof MatMul m) {
      double s2 = z.zHat(vector).get(0).sigma2();
      out.add(vector + " := " + m.matrixWord() + " " + m.argument() + ": Z^" + vector + " = Ẑ^"
          + vector + " + Ż^" + vector + " (ZMatMul = ZHat + ZDot), σ² = " + num(s2));
      for (SymbolicZ.ZHatCovariance c : z.zHat(vector)) {
        String x = ((MatMul) p.definition(c.a())).argument();
        String y = ((MatMul) p.definition(c.b())).argument();
        out.add("  ZHat: " + (c.a().equals(c.b()) ? "Var Ẑ^" + c.a() : "Cov(Ẑ^" + c.a()
            + ", Ẑ^" + c.b() + ")") + " = σ² E[Z^" + x + " Z^" + y + "] = " + num(s2) + " × "
            + est(c.secondMoment()) + " = " + est(c.value()));
      }
      List<ZDotTerm> terms = org.tpe.validate.Validator.validate(p).calculus().zDot()
          .terms(vector);
      if (terms.isEmpty()) {
        out.add("  ZDot: no earlier MatMul by " + (m.transposed() ? m.matrix() : m.matrix()
            + "^T") + ", so Ż^" + vector + " = 0");
      }
      for (ZDotTerm t : terms) {
        SymbolicZ.ZDotCoefficient c = z.zDot(vector).stream()
            .filter(k -> k.term().opposite().equals(t.opposite())).findFirst().orElse(null);
        String g = t.opposite().target();
        if (c == null) {
          out.add("  ZDot: " + t.describe());
        } else {
          out.add("  ZDot: c(" + g + ") = σ² E[∂Z^" + m.argument() + "/∂Ẑ^" + g + "] = "
              + num(s2) + " × " + est(c.expectedDerivative()) + " = " + est(c.value())
              + " on Z^" + t.opposite().argument() + " (Stein form C⁺b, b = E[Ẑ^" + g + " Z^"
              + m.argument() + "]; " + t.rule().name().toLowerCase().replace('_', ' ') + ")");
        }
      }
      out.add("  so Z^" + vector + " = " + z.definition(vector).toText());
    } else if (def instanceof LinComb || def instanceof Nonlin) {
      out.add(vector + " := … : Z^" + vector + " = " + z.definition(vector).toText() + " ("
          + ((Instruction) def).instructionName() + ")");
    }
    out.add("  over the base Gaussians: Z^" + vector + " = " + z.z(vector).toText());
    out.add("  E[(Z^" + vector + ")²] = " + est(secondMoment));
    return out;
  }
}
