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
      String line = sb.toString();
      shortcuts += TpParser.isCovShortcut(line) ? 1 : 0;
      String text = head + line + "\n";
      Program fast;
      Program general;
      try {
        general = TpParser.parseWithoutShortcuts(text);
      } catch (TpSyntaxException e) {
        TpSyntaxException f = assertThrows(TpSyntaxException.class, () -> TpParser.parse(text),
            line);
        assertEquals(e.problems(), f.problems(), line);
        continue;
      }
      fast = TpParser.parse(text);
      assertEquals(general, fast, line);
      assertEquals(general.covariances().size(), fast.covariances().size(), line);
      for (int i = 0; i < general.covariances().size(); i++) {
        assertEquals(Double.doubleToRawLongBits(general.covariances().get(i).value()),
            Double.doubleToRawLongBits(fast.covariances().get(i).value()), line);
        assertEquals(general.sourceMap().covariance(i), fast.sourceMap().covariance(i), line);
        for (String v : new String[] {"a", "b'", "_c9", "b"}) {
          assertEquals(general.sourceMap().covarianceReference(i, v),
              fast.sourceMap().covarianceReference(i, v), line + " " + v);
        }
      }
    }
    assertTrue(shortcuts > 3000, "the random edits keep the common form often: " + shortcuts);
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
        "z' := W _c9#c", "h := a a", "g := sin(b')", "h := W W", "x := id(a)"};
    for (String line : common) {
      assertTrue(TpParser.isAssignShortcut(line), line);
    }
    for (String line : new String[] {"h := Wᵀ a", "h := W^T a", "h := W a @at(1, 2)",
        "x := relu(a) @at(0, 0)", "h := relu a", "x := max(a)", "x := relu(n)", "x := relu(pi)",
        "n := W a", "x := avg(a)", "h := W a + a", "x := relu(a)^2", "x := relu(-a)",
        "h := Wé a", "x := relu(a)\u000b", "h := W(a)", "x := foo(a)", "h := W relu",
        "relu := W a", "h := W a'b"}) {
      assertTrue(!TpParser.isAssignShortcut(line), line);
    }
    char[] alphabet = {'a', 'W', 'b', '\'', '_', '9', ' ', '\t', '(', ')', ':', '=', '#', 'é',
        'ᵀ', '\u000b', 'n', '*', '+', '^', 'T', '@', 'r', 'e', 'l', 'u', 'x', ',', '1'};
    java.util.Random r = new java.util.Random(23);
    int shortcuts = 0;
    for (int trial = 0; trial < 30_000; trial++) {
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
      String line = sb.toString();
      shortcuts += TpParser.isAssignShortcut(line) ? 1 : 0;
      String text = head + line + "\n";
      Program general;
      try {
        general = TpParser.parseWithoutShortcuts(text);
      } catch (TpSyntaxException e) {
        TpSyntaxException f = assertThrows(TpSyntaxException.class, () -> TpParser.parse(text),
            line);
        assertEquals(e.problems(), f.problems(), line);
        continue;
      }
      Program fast = TpParser.parse(text);
      assertEquals(general, fast, line);
      assertEquals(general.instructions(), fast.instructions(), line);
      for (int i = 0; i < general.instructions().size(); i++) {
        assertEquals(general.sourceMap().instruction(i), fast.sourceMap().instruction(i), line);
        for (String v : new String[] {"a", "b'", "_c9", "W", "b", "n", "x", "h", "relu"}) {
          assertEquals(general.sourceMap().reference(i, v), fast.sourceMap().reference(i, v),
              line + " " + v);
        }
      }
    }
    assertTrue(shortcuts > 5000, "the random edits keep the common forms often: " + shortcuts);
  }
}
