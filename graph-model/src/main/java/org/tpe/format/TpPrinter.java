package org.tpe.format;

import java.util.List;
import org.tpe.expr.ExprPrinter;
import org.tpe.model.Covariance;
import org.tpe.model.Input;
import org.tpe.model.Instruction;
import org.tpe.model.LinComb;
import org.tpe.model.MatMul;
import org.tpe.model.MatrixInput;
import org.tpe.model.Moment;
import org.tpe.model.Nonlin;
import org.tpe.model.Point;
import org.tpe.model.Program;
import org.tpe.model.ScalarInput;
import org.tpe.model.ScalarOp;
import org.tpe.model.VectorInput;

/**
 * Prints a program in the canonical {@code .tp} form: title, inputs, covariances, instructions,
 * outputs, network declarations, each on its own line, with {@code @at(x, y)} after statements
 * whose node has a position.
 * For every program the parser or {@link org.tpe.model.Classifier} produces, {@code
 * TpParser.parse(print(p)).equals(p)}.
 */
public final class TpPrinter {
  private TpPrinter() {}

  /** The canonical text of {@code p}, ending with a newline. */
  public static String print(Program p) {
    StringBuilder sb = new StringBuilder();
    if (!p.title().isEmpty()) {
      sb.append("title \"").append(escape(p.title())).append("\"\n");
    }
    for (Input in : p.inputs()) {
      sb.append(input(in));
      at(sb, p, in.target());
      sb.append('\n');
    }
    for (Covariance c : p.covariances()) {
      sb.append("cov(").append(c.a()).append(", ").append(c.b()).append(") = ")
          .append(num(c.value())).append('\n');
    }
    for (Instruction ins : p.instructions()) {
      sb.append(ins.target()).append(" := ").append(rhs(ins));
      at(sb, p, ins.target());
      sb.append('\n');
    }
    if (!p.outputs().isEmpty()) {
      sb.append("output ").append(String.join(", ", p.outputs())).append('\n');
    }
    sb.append(NetworkSyntax.print(p.network()));
    return sb.toString();
  }

  /** The declaration of an input, without its position. */
  public static String input(Input in) {
    if (in instanceof VectorInput v) {
      return "input " + v.name() + " : G(n) ~ N(" + num(v.mean()) + ", " + num(v.variance()) + ")";
    } else if (in instanceof MatrixInput m) {
      return "input " + m.name() + " : A(n, n) ~ N(0, " + num(m.sigma2()) + "/n)";
    } else {
      ScalarInput s = (ScalarInput) in;
      return "input " + s.name() + " : R = " + num(s.value());
    }
  }

  /** The right-hand side of an instruction, as written after {@code :=}. */
  public static String rhs(Instruction ins) {
    if (ins instanceof MatMul m) {
      return m.matrix() + (m.transposed() ? "^T " : " ") + m.argument();
    } else if (ins instanceof LinComb l) {
      return linComb(l.terms());
    } else if (ins instanceof Nonlin n) {
      return ExprPrinter.print(n.phi());
    } else if (ins instanceof Moment m) {
      return "avg(" + ExprPrinter.print(m.phi()) + ")";
    } else {
      return ExprPrinter.print(((ScalarOp) ins).f());
    }
  }

  private static String linComb(List<LinComb.Term> terms) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < terms.size(); i++) {
      double c = terms.get(i).coefficient();
      String v = terms.get(i).variable();
      if (i == 0) {
        sb.append(c == 1 ? v : c == -1 ? "-" + v : num(c) + "*" + v);
      } else {
        double a = Math.abs(c);
        sb.append(c < 0 ? " - " : " + ").append(a == 1 ? v : num(a) + "*" + v);
      }
    }
    return sb.toString();
  }

  private static void at(StringBuilder sb, Program p, String name) {
    Point pt = p.layout().get(name);
    if (pt != null) {
      sb.append("  @at(").append(num(pt.x())).append(", ").append(num(pt.y())).append(')');
    }
  }

  private static String num(double v) {
    String s = ExprPrinter.number(v);
    return s;
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
