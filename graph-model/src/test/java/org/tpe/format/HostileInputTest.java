package org.tpe.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.tpe.expr.Expr;
import org.tpe.model.LinComb;
import org.tpe.model.Names;
import org.tpe.model.Nonlin;
import org.tpe.model.Point;
import org.tpe.model.Program;
import org.tpe.model.SourcePos;

/**
 * Reproducers from the fuzz run of the robustness issue, each pinned: the parser throws only
 * {@link TpSyntaxException} with a line:column, uses no call stack for what is not nesting, and
 * print∘parse stays the identity.
 */
class HostileInputTest {
  private static TpSyntaxException rejected(String text) {
    return assertThrows(TpSyntaxException.class, () -> TpParser.parse(text));
  }

  private static TpSyntaxException rejected(byte[] bytes) {
    return assertThrows(TpSyntaxException.class, () -> TpParser.parse(bytes));
  }

  /** Runs {@code r} on a thread with a 256 KiB stack (a quarter of the JVM's default). */
  private static void onSmallStack(Runnable r) throws InterruptedException {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t = new Thread(null, () -> {
      try {
        r.run();
      } catch (Throwable e) {
        failure.set(e);
      }
    }, "small-stack", 256 * 1024);
    t.start();
    t.join();
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
  }

  @Test
  void coefficientOverflowIsASyntaxErrorAtTheVariable() {
    // the premise: 5 · 0.7e308 = 3.5e308 is beyond the largest double, 1.797…e308
    assertEquals(Double.POSITIVE_INFINITY, 5 * .7e308);
    TpSyntaxException e = rejected("input u : G(n)\nx := 5*u*.7e308\n");
    assertEquals(new SourcePos(2, 8), e.problems().get(0).pos());
    assertTrue(e.getMessage().contains("coefficient of u"), e.getMessage());
  }

  @Test
  void aSumOfCoefficientsThatOverflowsIsASyntaxErrorToo() {
    TpSyntaxException e = rejected("input u : G(n)\ninput v : G(n)\ny := v + 1e308*u + 1e308*u\n");
    assertEquals(new SourcePos(3, 16), e.problems().get(0).pos());
    // while 1e308*u alone is an ordinary LinComb
    Program p = TpParser.parse("input u : G(n)\ny := 1e308*u\n");
    assertEquals(1e308, assertInstanceOf(LinComb.class, p.definition("y")).coefficientOf("u"));
  }

  @Test
  void aMillionUnaryPlusesParseOnASmallStack() throws InterruptedException {
    String text = "input u : G(n)\nx := " + "+".repeat(1_000_000) + "u\n";
    onSmallStack(() -> assertEquals(TpParser.parse("input u : G(n)\nx := u\n"),
        TpParser.parse(text)));
  }

  @Test
  void signsAreReadInALoopAndMinusesCountAgainstTheDepthBudget() throws InterruptedException {
    onSmallStack(() -> {
      // an even run of minuses on a literal folds away: - - 3 = 3
      Program p = TpParser.parse("input u : G(n)\nx := u * " + "-+".repeat(400) + "3\n");
      assertEquals(3.0, assertInstanceOf(LinComb.class, p.definition("x")).coefficientOf("u"));
      Nonlin n = assertInstanceOf(Nonlin.class, TpParser.parse("input u : G(n)\nx := relu("
          + "-".repeat(3) + "u)\n").definition("x"));
      assertEquals("relu(---u)", n.phi().toText());
      TpSyntaxException e = rejected("input u : G(n)\nx := " + "-".repeat(5000) + "u\n");
      assertTrue(e.getMessage().contains("more than " + Expr.MAX_DEPTH + " operators"),
          e.getMessage());
    });
  }

  @Test
  void negativeZeroPositionPrintsAndParsesBack() {
    Program p = TpParser.parse("input u : G(n) @at(0*-1, -0)\n");
    assertEquals(new Point(0, 0), p.layout().get("u"));
    assertEquals(p, TpParser.parse(TpPrinter.print(p)));
    assertEquals(new Point(0.0, 0.0), new Point(-0.0, -0.0));
  }

  /**
   * The same for a network's Gram entry (found by the long fuzz run, seed 1, input 115 931: a
   * mutated attention sample with {@code 0*-1} in its Gram matrix): every constant the parser
   * reads is +0.0 rather than −0.0.
   */
  @Test
  void negativeZeroInAGramMatrixPrintsAndParsesBack() {
    Program p = TpParser.parse("input e : G(n)\nx := relu(e)\noutput x\ninputs a, b\n"
        + "gram a : 1, 0*-1\ngram b : -0, 1\nembedding U : e\nparam U\n");
    assertEquals(p, TpParser.parse(TpPrinter.print(p)));
    assertEquals(0x0L, Double.doubleToRawLongBits(p.network().gram().get(0).values().get(1)));
  }

  @Test
  void positionsOutsideTheDrawingAreRefusedWithTheirColumn() {
    TpSyntaxException e = rejected("input u : G(n)\nx := relu(u)  @at(4.9e-324, 1e308)\n");
    assertEquals(new SourcePos(2, 29), e.problems().get(0).pos());
    assertTrue(e.getMessage().contains("outside the drawing"), e.getMessage());
    // a subnormal coordinate is a finite position like any other, and round-trips
    Program p = TpParser.parse("input u : G(n)\nx := relu(u)  @at(4.9e-324, -1e9)\n");
    assertEquals(new Point(Double.MIN_VALUE, -Point.MAX_COORDINATE), p.layout().get("x"));
    assertEquals(p, TpParser.parse(TpPrinter.print(p)));
    // and a program built in code is clamped into the drawing
    assertEquals(new Point(Point.MAX_COORDINATE, -Point.MAX_COORDINATE), new Point(1e300, -1e300));
  }

  @Test
  void undecodableBytesAreLocatedWithCarriageReturnLineEnds() {
    byte[] b = "input u : G(n)\r\rx := \u00ff".getBytes(StandardCharsets.ISO_8859_1);
    TpSyntaxException e = rejected(b);
    assertEquals(new SourcePos(3, 6), e.problems().get(0).pos());
    assertTrue(e.getMessage().contains("0xFF"), e.getMessage());
  }

  @Test
  void overlongAndSurrogateEncodingsAreLocatedAtTheirFirstByte() {
    // C0 AF is an overlong '/', ED A0 80 an encoded surrogate: neither is UTF-8
    TpSyntaxException overlong = rejected(new byte[] {'a', 'b', (byte) 0xC0, (byte) 0xAF, 'c'});
    assertEquals(new SourcePos(1, 3), overlong.problems().get(0).pos());
    assertTrue(overlong.getMessage().contains("0xC0"), overlong.getMessage());
    TpSyntaxException surrogate = rejected(new byte[] {'x', '\n', 'y', (byte) 0xED, (byte) 0xA0,
        (byte) 0x80});
    assertEquals(new SourcePos(2, 2), surrogate.problems().get(0).pos());
    assertTrue(surrogate.getMessage().contains("0xED"), surrogate.getMessage());
  }

  @Test
  void aNulAfterCarriageReturnsIsLocatedOnItsLine() {
    TpSyntaxException e = rejected("a\rb\r\nc\0".getBytes(StandardCharsets.UTF_8));
    assertEquals(new SourcePos(3, 2), e.problems().get(0).pos());
  }

  @Test
  void theTransposeMarkIsNotPartOfAName() {
    assertFalse(Names.isValid("Wᵀ"));
    assertFalse(Names.isValid("ᵀ"));
    assertTrue(Names.isValid("θ̃"));
  }
}
