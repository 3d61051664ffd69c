package org.tpe.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.tpe.model.LinComb;
import org.tpe.model.MatMul;
import org.tpe.model.MatrixInput;
import org.tpe.model.Moment;
import org.tpe.model.Nonlin;
import org.tpe.model.Point;
import org.tpe.model.Program;
import org.tpe.model.ScalarOp;
import org.tpe.model.VarKind;
import org.tpe.model.VectorInput;

class TpParserTest {
  static final String DESIGN_EXAMPLE = String.join("\n",
      "title \"3-hidden-layer ReLU MLP on two inputs\"   # optional",
      "input u  : G(n) ~ N(0, 1)          # initial vector",
      "input u' : G(n) ~ N(0, 1.5)",
      "cov(u, u') = 0.6",
      "input W  : A(n, n) ~ N(0, 2/n)",
      "input θ  : R = 0.5",
      "x1  := relu(u)",
      "h2  := W x1",
      "g   := W^T h2",
      "s   := u + 2*h2",
      "m   := avg(x1 * x1)",
      "y   := (h2 - m) / sqrt(m + θ)",
      "c   := exp(m) / (1 + exp(m))",
      "output y, g", "");

  @Test
  void designExampleClassifiesEveryInstructionAsTheDesignSays() {
    Program p = TpParser.parse(DESIGN_EXAMPLE);
    assertEquals("3-hidden-layer ReLU MLP on two inputs", p.title());
    assertEquals(new VectorInput("u'", 0, 1.5), p.inputs().get(1));
    assertEquals(new MatrixInput("W", 2), p.inputs().get(2));
    assertEquals(0.6, p.initialCovariance("u'", "u"));
    assertInstanceOf(Nonlin.class, p.definition("x1"));
    assertEquals(new MatMul("h2", "W", false, "x1"), p.definition("h2"));
    assertEquals(new MatMul("g", "W", true, "h2"), p.definition("g"));
    LinComb s = assertInstanceOf(LinComb.class, p.definition("s"));
    assertEquals(2.0, s.coefficientOf("h2"));
    assertInstanceOf(Moment.class, p.definition("m"));
    Nonlin y = assertInstanceOf(Nonlin.class, p.definition("y"));
    assertTrue(p.isNonlinPlus(y));
    assertInstanceOf(ScalarOp.class, p.definition("c"));
    assertEquals(VarKind.X, p.kindOf("y"));
    assertEquals(java.util.List.of("y", "g"), p.outputs());
  }

  @Test
  void printThenParseIsTheIdentity() {
    Program p = TpParser.parse(DESIGN_EXAMPLE).withPosition("x1", new Point(10.5, -3));
    String text = TpPrinter.print(p);
    assertEquals(p, TpParser.parse(text), text);
    assertEquals(text, TpPrinter.print(TpParser.parse(text)));
  }

  @Test
  void transposeSpellingsAreAllMatMulByTheTranspose() {
    for (String t : new String[] {"W^T", "Wᵀ", "W^⊤", "W⊤"}) {
      Program p = TpParser.parse("input W : A(n,n)\ninput u : G(n)\nx := relu(u)\nh := " + t
          + " x\n");
      assertEquals(new MatMul("h", "W", true, "x"), p.definition("h"), t);
    }
  }

  @Test
  void everySyntaxErrorOfAFileIsReportedWithLineAndColumn() {
    TpSyntaxException e = assertThrows(TpSyntaxException.class,
        () -> TpParser.parse("input u : G(n)\nx := relu(u\ny := foo(u)\n"));
    assertEquals(2, e.problems().size());
    assertEquals(2, e.line());
    assertEquals(3, e.problems().get(1).pos().line());
    assertEquals(6, e.problems().get(1).pos().column());
  }

  @Test
  void deepNestingIsRejectedWithoutStackOverflow() {
    String deep = "input u : G(n)\nx := " + "(".repeat(20000) + "u" + ")".repeat(20000) + "\n";
    TpSyntaxException e = assertThrows(TpSyntaxException.class, () -> TpParser.parse(deep));
    assertTrue(e.getMessage().contains("nested too deeply"), e.getMessage());
  }

  @Test
  void invalidUtf8IsReportedAtItsPosition() {
    byte[] bytes = "input u : G(n)\nx := \u00ff".getBytes(StandardCharsets.ISO_8859_1);
    TpSyntaxException e = assertThrows(TpSyntaxException.class, () -> TpParser.parse(bytes));
    assertEquals(2, e.line());
    assertEquals(6, e.column());
  }

  /** The parser's line splitter against the regular expression it replaces (the oracle). */
  @Test
  void linesAreSplitAtEveryLineEndLikeTheRegularExpression() {
    java.util.Random r = new java.util.Random(5);
    char[] alphabet = {'a', '\r', '\n', ' '};
    for (int trial = 0; trial < 20_000; trial++) {
      StringBuilder sb = new StringBuilder();
      for (int i = r.nextInt(9); i > 0; i--) {
        sb.append(alphabet[r.nextInt(alphabet.length)]);
      }
      String t = sb.toString();
      assertEquals(java.util.List.of(t.split("\r\n|\r|\n", -1)), TpParser.lines(t),
          t.replace("\r", "\\r").replace("\n", "\\n"));
    }
  }

  /**
   * One of the {@code common} lines with up to two random characters of {@code alphabet}
   * inserted, deleted or replaced (the shortcut tests' random edits).
   */
  private static String randomEdit(java.util.Random r, String[] common, char[] alphabet) {
    StringBuilder sb = new StringBuilder(common[r.nextInt(common.length)]);
    for (int k = r.nextInt(3); k > 0; k--) {
      int at = r.nextInt(sb.length() + 1);
      switch (r.nextInt(3)) {
        case 0 -> sb.insert(at, alphabet[r.nextInt(alphabet.length)]);
        case 1 -> {
          if (at < sb.length()) {
            sb.deleteCharAt(at);
          }
        }
        default -> {
          if (at < sb.length()) {
            sb.setCharAt(at, alphabet[r.nextInt(alphabet.length)]);
          }
        }
      }
    }
    return sb.toString();
  }

  /**
   * That the parser with its shortcuts reads {@code text} (made by editing {@code line}) as the
   * general path does: the same program (every number to the bit: records compare doubles so)
   * and the same positions of every statement and reference, or the same problems.
   */
  private static void readsAsTheTokens(String text, String line) {
    Program general = generalOrSameProblems(text, line);
    if (general != null) {
      Program fast = TpParser.parse(text);
      assertEquals(general, fast, line);
      assertEquals(general.sourceMap(), fast.sourceMap(), line);
    }
  }

  /**
   * The program of the general path (no shortcuts), or null after checking that the parser with
   * its shortcuts throws the same problems.
   */
  private static Program generalOrSameProblems(String text, String line) {
    try {
      return TpParser.parseThroughTokens(text);
    } catch (TpSyntaxException e) {
      TpSyntaxException f = assertThrows(TpSyntaxException.class, () -> TpParser.parse(text),
          line);
      assertEquals(e.problems(), f.problems(), line);
      return null;
    }
  }

  /**
   * The shortcut for {@code cov(a, b) = number} lines against the general path through tokens
   * and expressions (the oracle): the same program, positions and references, or the same
   * problems, on the common form and on random edits of it (other spacing, signs, names that run
   * on, Unicode, expressions, comments, broken numbers).
   */
  @Test
  void covLinesReadByTheShortcutAreWhatTheTokensRead() {
    String head = "input a : G(n)\ninput b' : G(n)\ninput _c9 : G(n)\n";
    String[] common = {"cov(a, b') = 0.25", "cov(a,b')=-0.5", "  cov ( _c9 , a )\t= .5e-3 # x",
        "cov(a, a) = 1", "cov(b', _c9) = 2.", "cov(a, b') = 1E+2#é", "cov(a, b') = - 3"};
    for (String line : common) {
      assertTrue(TpParser.isCovShortcut(line), line);
    }
    for (String line : new String[] {"cov(a, b') = 1 + 1", "cov(a, b') = --1", "cov(é, a) = 1",
        "cov(a, b'x) = 1", "cov(a, b') = 1.2.3", "cov(a, b') = 1e999", "cov(n, a) = 1",
        "cov(a, b') = +1", "cov(a, b') = 1\u000b", "cov(a, b') = pi", "cov(relu, a) = 1"}) {
      assertTrue(!TpParser.isCovShortcut(line), line);
    }
    char[] alphabet = {'a', 'b', '\'', '_', '9', '.', 'e', 'E', '-', '+', ' ', '\t', '(', ')',
        ',', '=', '#', 'é', 'ᵀ', '\u000b', 'n', '*', '1'};
    java.util.Random r = new java.util.Random(17);
    int shortcuts = 0;
    for (int trial = 0; trial < 30_000; trial++) {
      String line = randomEdit(r, common, alphabet);
      shortcuts += TpParser.isCovShortcut(line) ? 1 : 0;
      readsAsTheTokens(head + line + "\n", line);
    }
    assertTrue(shortcuts > 3000, "the random edits keep the common form often: " + shortcuts);
  }

  /**
   * The shortcut for input lines against the general path through tokens and expressions (the
   * oracle): the same inputs and positions, or the same problems, on the common forms and on
   * random edits of them (other spacing, signs, names that run on, reserved names, Unicode,
   * expressions, {@code @at}, comments, broken numbers, {@code :=}).
   */
  @Test
  void inputLinesReadByTheShortcutAreWhatTheTokensRead() {
    String tail = "\nh := W x\n";
    String[] common = {"input x : G(n)", "input x:G(n)~N(0,1)", "  input b'\t: G ( n ) ~ N(-0.5,"
        + " 2.5e-1) # é", "input W : A(n, n)", "input W : A(n,n) ~ N(0, 2/n)",
        "input c : R = -3", "input _x9 : G(n) ~ N(1E+2, .5)", "input W : A(n, n) ~ N(0.0, 1.0/n)#"};
    for (String line : common) {
      assertTrue(TpParser.isInputShortcut(line), line);
    }
    for (String line : new String[] {"input x : G(n) @at(1, 2)", "input x : G(n) ~ N(0, 1/2)",
        "input W : A(n, n) ~ N(1, 2/n)", "input W : A(n, n) ~ N(0, -2/n)", "input n : G(n)",
        "input relu : G(n)", "input x := G(n)", "input x : G(m)", "input x : G(n) ~ N(0, 1e999)",
        "input x : G(n) ~ N(+1, 1)", "input é : G(n)", "input x : G(n)\u000b", "inputx : G(n)",
        "input x : R = pi", "input W : A(n, n) ~ N(0, 2/n2)"}) {
      assertTrue(!TpParser.isInputShortcut(line), line);
    }
    char[] alphabet = {'x', 'b', '\'', '_', '9', '.', 'e', 'E', '-', '+', ' ', '\t', '(', ')',
        ',', '=', ':', '~', '#', 'é', '\u000b', 'n', 'N', 'G', 'A', 'R', '/', '*', '1', '0', '@'};
    java.util.Random r = new java.util.Random(29);
    int shortcuts = 0;
    for (int trial = 0; trial < 30_000; trial++) {
      String line = randomEdit(r, common, alphabet);
      shortcuts += TpParser.isInputShortcut(line) ? 1 : 0;
      readsAsTheTokens(line + tail, line);
    }
    assertTrue(shortcuts > 3000, "the random edits keep the common forms often: " + shortcuts);
  }

  /**
   * The shortcut for {@code t := W x} and {@code t := f(x)} lines against the general path
   * through tokens and expressions (the oracle): the same program, positions and references, or
   * the same problems, on the common forms and on random edits of them (other spacing, primes,
   * names that run on, reserved names and functions, transposes, {@code @at}, Unicode,
   * comments, operators).
   */
  @Test
  void assignmentLinesReadByTheShortcutAreWhatTheTokensRead() {
    String head = "input a : G(n)\ninput b' : G(n)\ninput W : A(n, n)\ninput _c9 : G(n)\n";
    String[] common = {"h := W a", "h:=W b'", "  x9\t:=  relu( _c9 ) # é", "y := tanh(a)",
        "z' := W _c9#c", "h := a a", "g := sin(b')", "h := W W", "x := id(a)",
        "x := relu(a + b')", "y:=erf(a+_c9+b' + a)#", "x := tanh( a +\tb' )"};
    for (String line : common) {
      assertTrue(TpParser.isAssignShortcut(line), line);
    }
    for (String line : new String[] {"h := Wᵀ a", "h := W^T a", "h := W a @at(1, 2)",
        "x := relu(a) @at(0, 0)", "h := relu a", "x := max(a)", "x := relu(n)", "x := relu(pi)",
        "n := W a", "x := avg(a)", "h := W a + a", "x := relu(a)^2", "x := relu(-a)",
        "h := Wé a", "x := relu(a)\u000b", "h := W(a)", "x := foo(a)", "h := W relu",
        "relu := W a", "h := W a'b", "x := relu(a - b')", "x := relu(a + 1)", "x := relu(a + )",
        "x := relu(+ a)", "x := relu(a + n)", "x := relu(a + b' + a + a + a + a + a + a + a + a"
        + " + a + a + a + a + a + a + a)"}) {
      assertTrue(!TpParser.isAssignShortcut(line), line);
    }
    char[] alphabet = {'a', 'W', 'b', '\'', '_', '9', ' ', '\t', '(', ')', ':', '=', '#', 'é',
        'ᵀ', '\u000b', 'n', '*', '+', '^', 'T', '@', 'r', 'e', 'l', 'u', 'x', ',', '1'};
    java.util.Random r = new java.util.Random(23);
    int shortcuts = 0;
    for (int trial = 0; trial < 30_000; trial++) {
      String line = randomEdit(r, common, alphabet);
      shortcuts += TpParser.isAssignShortcut(line) ? 1 : 0;
      readsAsTheTokens(head + line + "\n", line);
    }
    assertTrue(shortcuts > 5000, "the random edits keep the common forms often: " + shortcuts);
  }

  /**
   * {@link TpParser#decimal} (FastDoubleParser) against {@link Double#parseDouble} (the oracle),
   * bit for bit: on random doubles printed shortest, with 17 and with 20 significant digits
   * (the cov lines a generator prints), on random digit strings with exponents, and on edge
   * cases (subnormals, the largest double, halfway cases, overflow and underflow, malformed
   * text: both throw).
   */
  @Test
  void numbersAreReadToTheSameDoubleAsDoubleParseDouble() {
    java.util.Random r = new java.util.Random(23);
    java.util.List<String> texts = new java.util.ArrayList<>(java.util.List.of("0", "0.0", ".5",
        "1.", "1e5", "1E-5", "1e+5", "4.9e-324", "2.4703282292062327e-324",
        "2.4703282292062328e-324", "1.7976931348623157e308", "1.7976931348623158e308",
        "1.7976931348623159e308", "1e309", "1e-400", "9007199254740993", "9007199254740992.5",
        "0.1000000000000000055511151231257827", "2.2250738585072011e-308",
        "2.2250738585072012e-308", "123456789012345678901234567890", "00000.00001e0000000005",
        "1e99999999999", "1e-99999999999", "1.2.3", "1..", "e5", "1e", "1e+", "-", "", "."));
    for (int trial = 0; trial < 20_000; trial++) {
      double x = Double.longBitsToDouble(r.nextLong());
      if (!Double.isFinite(x)) {
        continue;
      }
      x = Math.abs(x);
      texts.add(Double.toString(x));
      texts.add(String.format(java.util.Locale.ROOT, "%.16e", x));
      texts.add(String.format(java.util.Locale.ROOT, "%.19e", x));
      double y = r.nextDouble();
      texts.add(Double.toString(y));
      texts.add(new java.math.BigDecimal(y).toPlainString()); // the exact value: many digits
      StringBuilder digits = new StringBuilder();
      for (int k = 1 + r.nextInt(25); k > 0; k--) {
        digits.append((char) ('0' + r.nextInt(10)));
      }
      digits.insert(r.nextInt(digits.length() + 1), '.');
      texts.add(digits + "e" + (r.nextInt(700) - 350));
    }
    for (String t : texts) {
      Double expected;
      try {
        expected = Double.parseDouble(t);
      } catch (NumberFormatException e) {
        expected = null;
      }
      for (int form = 0; form < 2; form++) {
        String where = t + (form == 0 ? " (String)" : " (chars)");
        if (expected == null) {
          if (form == 0) {
            assertThrows(NumberFormatException.class, () -> TpParser.decimal(t), where);
          } else {
            char[] padded = ("x" + t + "y").toCharArray();
            assertThrows(NumberFormatException.class,
                () -> TpParser.decimal(padded, 1, t.length()), where);
          }
          continue;
        }
        double got = form == 0 ? TpParser.decimal(t)
            : TpParser.decimal(("x" + t + "y").toCharArray(), 1, t.length());
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(got),
            where);
      }
    }
  }

  /**
   * A file of many cov lines over many names (more than the shortcut's table of names holds
   * at first) reads to the same program as through the tokens, and each name is one String
   * however many lines name it.
   */
  @Test
  void manyCovLinesOverManyNamesReadAsThroughTheTokens() {
    int k = 150;
    StringBuilder t = new StringBuilder();
    for (int i = 0; i < k; i++) {
      t.append("input u").append(i).append(" : G(n)\r\n");
    }
    java.util.Random r = new java.util.Random(3);
    for (int i = 0; i < k; i++) {
      for (int j = i + 1; j < k; j += 1 + r.nextInt(4)) {
        t.append("cov(u").append(i).append(", u").append(j).append(") = ")
            .append(r.nextDouble() / k).append(j % 7 == 0 ? "\r" : "\n");
      }
    }
    String text = t.toString();
    Program fast = TpParser.parse(text);
    Program general = TpParser.parseThroughTokens(text);
    assertEquals(general, fast);
    assertEquals(general.sourceMap(), fast.sourceMap());
    java.util.Map<String, String> seen = new java.util.HashMap<>();
    for (org.tpe.model.Covariance c : fast.covariances()) {
      for (String name : new String[] {c.a(), c.b()}) {
        assertTrue(seen.computeIfAbsent(name, x -> name) == name, name);
      }
    }
    assertTrue(seen.size() > 100, "names past the table's first size: " + seen.size());
  }
}
