package org.tpe.render.text;

import java.util.ArrayList;
import java.util.List;
import org.tpe.expr.Expr;
import org.tpe.expr.ExprPrinter;

/**
 * How names and expressions read in the diagrams, following the papers' typography (TP IIb §4):
 * variable names in italic with the layer index as a superscript ({@code h2} reads h², {@code W2}
 * reads W²), an explicit {@code _} part as a subscript ({@code a_12} reads a₁₂), primes kept
 * ({@code x1'} reads x¹′), a transpose as a ⊤ superscript, and function names upright.
 */
public final class Labels {
  private Labels() {}

  /** Gate labels longer than this are cut with an ellipsis (the full text is in the tooltip). */
  public static final int MAX_EXPRESSION_CHARS = 26;

  /** The label of a variable called {@code name}. */
  public static RichText name(String name) {
    return name(name, false);
  }

  /** The label of matrix {@code name}, with a ⊤ superscript when {@code transposed}. */
  public static RichText matrix(String name, boolean transposed) {
    return name(name, transposed);
  }

  private static RichText name(String name, boolean transposed) {
    int primes = 0;
    int end = name.length();
    while (end > 0 && name.charAt(end - 1) == '\'') {
      end--;
      primes++;
    }
    String core = name.substring(0, end);
    String sub = "";
    String sup = "";
    int us = core.indexOf('_');
    if (us > 0) {
      sub = core.substring(us + 1);
      core = core.substring(0, us);
    } else {
      int d = core.length();
      while (d > 1 && Character.isDigit(core.charAt(d - 1))) {
        d--;
      }
      if (d >= 1 && !Character.isDigit(core.charAt(0))) {
        sup = core.substring(d);
        core = core.substring(0, d);
      }
    }
    String primeText = "′".repeat(primes);
    String top = sup + primeText + (transposed ? "⊤" : "");
    List<Piece> ps = new ArrayList<>();
    ps.add(new Piece(core, Script.NORMAL, true));
    StringBuilder tex = new StringBuilder(core.length() > 1 && !isGreekWord(core)
        ? "\\mathit{" + Latex.math(core) + "}" : Latex.math(core));
    if (!sub.isEmpty()) {
      ps.add(new Piece(sub, Script.SUBSCRIPT, false));
      tex.append("_{").append(Latex.math(sub)).append('}');
    }
    if (!top.isEmpty()) {
      ps.add(new Piece(top, Script.SUPERSCRIPT, false));
      tex.append("^{").append(Latex.math(sup)).append("\\prime".repeat(primes))
          .append(transposed ? "\\top" : "").append('}');
    }
    return new RichText(ps, tex.toString());
  }

  private static boolean isGreekWord(String s) {
    return s.codePoints().allMatch(c -> c >= 0x370 && c <= 0x3ff);
  }

  /**
   * The label of a gate computing {@code phi}: the function's name when φ is a built-in applied to
   * one variable ({@code relu(h1)} reads relu, as in the papers' figures), otherwise the
   * expression itself with · for products, cut to {@link #MAX_EXPRESSION_CHARS} characters.
   */
  public static RichText function(Expr phi) {
    if (phi instanceof Expr.Call c && c.args().size() == 1 && c.args().get(0) instanceof Expr.Ref) {
      return RichText.plain(c.fn().symbol());
    }
    String text = ExprPrinter.print(phi).replace("*", "·").replace("-", "−");
    if (text.length() > MAX_EXPRESSION_CHARS) {
      text = text.substring(0, MAX_EXPRESSION_CHARS - 1) + "…";
    }
    return new RichText(List.of(new Piece(text, Script.NORMAL, false)), Latex.text(text));
  }

  /** A LinComb coefficient as written on its edge: "2", "−0.5"; null for a plain 1. */
  public static RichText coefficient(double c) {
    if (c == 1.0) {
      return null;
    }
    String t = c == -1.0 ? "−" : ExprPrinter.number(c).replace("-", "−");
    return new RichText(List.of(new Piece(t, Script.NORMAL, false)), Latex.math(t));
  }
}
