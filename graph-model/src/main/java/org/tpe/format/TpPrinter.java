package org.tpe.format;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
import org.tpe.model.SourceMap;
import org.tpe.model.SourcePos;
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
    // the statements of statements(p), in its order, written straight into one buffer (no keys,
    // no line lists: this runs on every save and print)
    StringBuilder sb = new StringBuilder(32 * (p.inputs().size() + p.covariances().size()
        + p.instructions().size()) + 64);
    if (!p.title().isEmpty()) {
      line(sb, title(p), null);
    }
    for (Input in : p.inputs()) {
      line(sb, input(in), p.layout().get(in.target()));
    }
    for (Covariance c : p.covariances()) {
      line(sb, cov(c), null);
    }
    for (Instruction ins : p.instructions()) {
      line(sb, definition(ins), p.layout().get(ins.target()));
    }
    if (!p.outputs().isEmpty()) {
      line(sb, output(p), null);
    }
    for (Keyed k : NetworkSyntax.statements(p.network())) {
      line(sb, k.code(), k.at());
    }
    return sb.toString();
  }

  /** One line of the canonical text: the code, its {@code @at} if any, a newline. */
  private static void line(StringBuilder sb, String code, Point at) {
    sb.append(code);
    if (at != null) {
      sb.append(at(at));
    }
    sb.append('\n');
  }

  private static String title(Program p) {
    return "title \"" + escape(p.title()) + "\"";
  }

  private static String cov(Covariance c) {
    return "cov(" + c.a() + ", " + c.b() + ") = " + num(c.value());
  }

  private static String definition(Instruction ins) {
    return ins.target() + " := " + rhs(ins);
  }

  private static String output(Program p) {
    return "output " + String.join(", ", p.outputs());
  }

  /**
   * One statement of the canonical form, by its key.
   *
   * @param key which statement this is
   * @param code its canonical text without the {@code @at} annotation and without a newline
   * @param at the node position its line carries, or null
   * @param lines the 1-based lines of {@code p}'s text the statement was read from, from its
   *     {@link org.tpe.model.SourceMap} (empty for a program that has no text, or where the map
   *     does not say); an output statement may span several {@code output} lines
   */
  public record Keyed(StatementKey key, String code, Point at, List<Integer> lines) {
    public Keyed {
      lines = List.copyOf(lines);
    }
  }

  /**
   * The program as keyed statements in canonical order: title, inputs, covariances, instructions,
   * outputs, network declarations ({@link NetworkSyntax}); {@link #print} is their concatenation,
   * one a line. A statement kind added to the
   * format needs an entry here (its key, its text, its lines) and nothing else for the editor's
   * document ({@link TpDocument}) to keep it.
   */
  public static List<Keyed> statements(Program p) {
    SourceMap sm = p.sourceMap();
    List<Keyed> out = new ArrayList<>();
    if (!p.title().isEmpty()) {
      out.add(new Keyed(StatementKey.title(), title(p), null, lines(sm.title())));
    }
    for (int i = 0; i < p.inputs().size(); i++) {
      Input in = p.inputs().get(i);
      out.add(new Keyed(StatementKey.input(in.target()), input(in), p.layout().get(in.target()),
          lines(sm.input(i))));
    }
    for (int i = 0; i < p.covariances().size(); i++) {
      Covariance c = p.covariances().get(i);
      out.add(new Keyed(StatementKey.cov(c.a(), c.b()), cov(c), null, lines(sm.covariance(i))));
    }
    for (int i = 0; i < p.instructions().size(); i++) {
      Instruction ins = p.instructions().get(i);
      out.add(new Keyed(StatementKey.def(ins.target()), definition(ins),
          p.layout().get(ins.target()), lines(sm.instruction(i))));
    }
    if (!p.outputs().isEmpty()) {
      Set<Integer> ls = new LinkedHashSet<>();
      for (int i = 0; i < p.outputs().size(); i++) {
        ls.addAll(lines(sm.output(i)));
      }
      out.add(new Keyed(StatementKey.output(), output(p), null, List.copyOf(ls)));
    }
    out.addAll(NetworkSyntax.statements(p.network()));
    return out;
  }

  private static List<Integer> lines(SourcePos pos) {
    return pos == null ? List.of() : List.of(pos.line());
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

  /** The annotation of a node position as the printer writes it: {@code "  @at(x, y)"}. */
  static String at(Point pt) {
    return "  @at(" + num(pt.x()) + ", " + num(pt.y()) + ")";
  }

  private static String num(double v) {
    String s = ExprPrinter.number(v);
    return s;
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
