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
  public static final int MAX_EXPRESSION_CHARS = 32;

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
    List<Piece> ps = new ArrayList<>();
    ps.add(new Piece(core, Script.NORMAL, true));
    StringBuilder tex = new StringBuilder(core.length() > 1 && !isGreekWord(core)
        ? "\\mathit{" + Latex.math(core) + "}" : Latex.math(core));
    if (!sub.isEmpty()) {
      ps.add(new Piece(sub, Script.SUBSCRIPT, false));
      tex.append("_{").append(Latex.math(sub)).append('}');
    }
    if (!sup.isEmpty()) {
      ps.add(new Piece(sup, Script.SUPERSCRIPT, false));
    }
    if (primes > 0) {
      // a full-size prime set high: DejaVu's ′ at script size is a speck (see TextMetrics)
      ps.add(new Piece("′".repeat(primes), Script.PRIME, false));
    }
    if (transposed) {
      ps.add(new Piece("⊤", Script.SUPERSCRIPT, false));
    }
    if (!sup.isEmpty() || primes > 0 || transposed) {
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
   * expression itself with · for products, cut after the last whole name, number or operator that
   * fits in {@link #MAX_EXPRESSION_CHARS} characters with the ellipsis (still typeset: a cut label
   * keeps its superscripts).
   */
  public static RichText function(Expr phi) {
    if (phi instanceof Expr.Call c && c.args().size() == 1 && c.args().get(0) instanceof Expr.Ref) {
      return RichText.plain(c.fn().symbol());
    }
    Typeset out = new Typeset();
    expr(phi, out, 0);
    return out.cut(MAX_EXPRESSION_CHARS);
  }

  /**
   * Pieces and their LaTeX, appended in units (a name, a number, an operator) that a cut never
   * splits, so a cut label's LaTeX stays balanced.
   */
  private static final class Typeset {
    private final List<Piece> pieces = new ArrayList<>();
    private final StringBuilder tex = new StringBuilder();
    /** After each unit: number of pieces, LaTeX length, plain-text length. */
    private final List<int[]> ends = new ArrayList<>();
    private int chars;

    void unit(List<Piece> ps, String latex) {
      pieces.addAll(ps);
      tex.append(latex);
      for (Piece p : ps) {
        chars += p.text().length();
      }
      ends.add(new int[] {pieces.size(), tex.length(), chars});
    }

    void upright(String text, String latex) {
      unit(List.of(new Piece(text, Script.NORMAL, false)), latex);
    }

    /** The whole text if it has at most {@code max} characters, else its longest cut with "…". */
    RichText cut(int max) {
      if (chars <= max) {
        return new RichText(List.copyOf(pieces), tex.toString());
      }
      int[] keep = {0, 0, 0};
      for (int[] e : ends) {
        if (e[2] > max - 1) {
          break;
        }
        keep = e;
      }
      List<Piece> ps = new ArrayList<>(pieces.subList(0, keep[0]));
      ps.add(new Piece("…", Script.NORMAL, false));
      return new RichText(ps, tex.substring(0, keep[1]) + "\\ldots");
    }
  }

  // precedence as in ExprPrinter: + - : 1, * / : 2, unary - : 3, ^ : 4, atoms : 5
  private static int precedence(Expr e) {
    if (e instanceof Expr.Bin b) {
      return b.op() == '+' || b.op() == '-' ? 1 : b.op() == '^' ? 4 : 2;
    }
    if (e instanceof Expr.Neg || e instanceof Expr.Num n && n.value() < 0) {
      return 3;
    }
    return 5;
  }

  /** Typesets φ: names as in {@link #name}, functions upright, products as ·, powers raised. */
  private static void expr(Expr e, Typeset out, int minPrec) {
    boolean paren = precedence(e) < minPrec;
    if (paren) {
      out.upright("(", "(");
    }
    if (e instanceof Expr.Num n) {
      String t = ExprPrinter.number(n.value());
      int ex = t.indexOf('e');
      if (ex > 0) { // 1.0e-5 reads 10⁻⁵, 2.5e-7 reads 2.5·10⁻⁷
        String mant = t.substring(0, ex);
        String pow = t.substring(ex + 1).replace("-", "−");
        boolean one = Double.parseDouble(mant) == 1.0;
        out.unit(List.of(new Piece(one ? "10" : mant.replace("-", "−") + "·10", Script.NORMAL,
            false), new Piece(pow, Script.SUPERSCRIPT, false)), (one ? "10" : mant + " \\cdot 10")
            + "^{" + pow.replace("−", "-") + "}");
      } else {
        t = t.replace("-", "−");
        out.upright(t, t.equals("pi") ? "\\pi" : Latex.math(t));
      }
    } else if (e instanceof Expr.Ref r) {
      RichText nt = name(r.name());
      out.unit(nt.pieces(), nt.latex());
    } else if (e instanceof Expr.Neg ng) {
      out.upright("−", "-");
      expr(ng.operand(), out, 3);
    } else if (e instanceof Expr.Bin b) {
      int p = precedence(b);
      if (b.op() == '^') {
        boolean scripted = b.left() instanceof Expr.Ref r && name(r.name()).pieces().size() > 1;
        if (scripted) {
          out.upright("(", "(");
        }
        expr(b.left(), out, scripted ? 0 : 5);
        if (scripted) {
          out.upright(")", ")");
        }
        String exp = ExprPrinter.print(b.right()).replace("-", "−");
        out.unit(List.of(new Piece(exp, Script.SUPERSCRIPT, false)), "^{" + Latex.math(exp) + "}");
      } else {
        expr(b.left(), out, p);
        switch (b.op()) {
          case '*' -> out.upright("·", " \\cdot ");
          case '/' -> out.upright("/", "/");
          case '+' -> out.upright(" + ", " + ");
          default -> out.upright(" − ", " - ");
        }
        expr(b.right(), out, p + 1);
      }
    } else if (e instanceof Expr.Call c) {
      out.upright(c.fn().symbol() + "(", "\\mathrm{" + c.fn().symbol() + "}(");
      for (int i = 0; i < c.args().size(); i++) {
        if (i > 0) {
          out.upright(", ", ", ");
        }
        expr(c.args().get(i), out, 0);
      }
      out.upright(")", ")");
    }
    if (paren) {
      out.upright(")", ")");
    }
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
