package org.tpe.expr;

/**
 * Prints expressions in canonical {@code .tp} form with the fewest parentheses that keep the tree.
 * Numbers print in their shortest round-tripping decimal form, so parsing the text gives back the
 * same tree.
 */
public final class ExprPrinter {
  private ExprPrinter() {}

  /** Canonical text of {@code e}. */
  public static String print(Expr e) {
    StringBuilder sb = new StringBuilder();
    print(e, sb, 0);
    return sb.toString();
  }

  /** Formats a number as the parser reads it back: integers without a fraction, π as pi. */
  public static String number(double v) {
    if (v == Math.PI) {
      return "pi";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    String s = Double.toString(v);
    if (s.contains("E")) {
      s = s.replace("E", "e");
    }
    return s;
  }

  // precedence: + - : 1, * / : 2, unary - : 3, ^ : 4, atoms : 5
  private static int precedence(Expr e) {
    if (e instanceof Expr.Bin b) {
      switch (b.op()) {
        case '+':
        case '-':
          return 1;
        case '*':
        case '/':
          return 2;
        default:
          return 4;
      }
    }
    if (e instanceof Expr.Neg) {
      return 3;
    }
    if (e instanceof Expr.Num n && n.value() < 0) {
      return 3;
    }
    return 5;
  }

  private static void print(Expr e, StringBuilder sb, int minPrec) {
    boolean paren = precedence(e) < minPrec;
    if (paren) {
      sb.append('(');
    }
    if (e instanceof Expr.Num n) {
      sb.append(number(n.value()));
    } else if (e instanceof Expr.Ref r) {
      sb.append(r.name());
    } else if (e instanceof Expr.Neg n) {
      sb.append('-');
      print(n.operand(), sb, 3);
    } else if (e instanceof Expr.Bin b) {
      int p = precedence(b);
      if (b.op() == '^') {
        // right associative: a^b^c = a^(b^c); the base must bind tighter than unary minus
        print(b.left(), sb, 5);
        sb.append('^');
        print(b.right(), sb, 3);
      } else {
        print(b.left(), sb, p);
        sb.append(b.op() == '*' || b.op() == '/' ? String.valueOf(b.op()) : " " + b.op() + " ");
        print(b.right(), sb, p + 1);
      }
    } else {
      Expr.Call c = (Expr.Call) e;
      sb.append(c.fn().symbol()).append('(');
      for (int i = 0; i < c.args().size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        print(c.args().get(i), sb, 0);
      }
      sb.append(')');
    }
    if (paren) {
      sb.append(')');
    }
  }
}
