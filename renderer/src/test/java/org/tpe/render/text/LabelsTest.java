package org.tpe.render.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.model.Nonlin;

/** Label typography: the papers' sub/superscripts, ⊤, primes, Greek, and TikZ math. */
class LabelsTest {
  @Test
  void layerIndexIsASuperscript() {
    RichText h2 = Labels.name("h2");
    assertEquals(List.of(new Piece("h", Script.NORMAL, true), new Piece("2", Script.SUPERSCRIPT,
        false)), h2.pieces());
    assertEquals("h^{2}", h2.latex());
  }

  @Test
  void transposeIsATopSuperscript() {
    assertEquals("W^{2\\top}", Labels.matrix("W2", true).latex());
    assertEquals("W^{\\top}", Labels.matrix("W", true).latex());
    assertEquals("W2⊤", Labels.matrix("W2", true).plainText());
    assertEquals("W", Labels.matrix("W", false).latex());
  }

  @Test
  void primesUnderscoresAndGreek() {
    assertEquals("x^{1\\prime}", Labels.name("x1'").latex());
    assertEquals("a_{12}", Labels.name("a_12").latex());
    assertEquals(Script.SUBSCRIPT, Labels.name("a_12").pieces().get(1).script());
    assertEquals("\\theta", Labels.name("θ").latex());
    assertEquals("\\chi^{0}", Labels.name("χ0").latex());
    assertEquals("\\mathit{dhb}^{0}", Labels.name("dhb0").latex());
  }

  @Test
  void gateLabelIsTheFunctionOrTheExpression() {
    Nonlin relu = (Nonlin) TpParser.parse("input u : G(n)\nx := relu(u)\n").instructions().get(0);
    assertEquals("relu", Labels.function(relu.phi()).plainText());
    Nonlin prod = (Nonlin) TpParser.parse("input v : G(n)\ninput h2 : G(n)\nd := v * step(h2)\n")
        .instructions().get(0);
    RichText t = Labels.function(prod.phi());
    assertEquals("v·step(h2)", t.plainText());
    assertEquals("v \\cdot \\mathrm{step}(h^{2})", t.latex());
  }

  @Test
  void smallConstantsArePowersOfTen() {
    Nonlin n = (Nonlin) TpParser.parse("input u : G(n)\nx := u / sqrt(u*u + 0.00001)\n")
        .instructions().get(0);
    RichText t = Labels.function(n.phi());
    assertEquals("u/sqrt(u·u + 10−5)", t.plainText());
    assertEquals("u/\\mathrm{sqrt}(u \\cdot u + 10^{-5})", t.latex());
  }

  @Test
  void longExpressionsAreCut() {
    Nonlin n = (Nonlin) TpParser.parse(
        "input u : G(n)\nx := tanh(u) * sin(u) + cos(u) * exp(u) * relu(u) * gelu(u)\n")
        .instructions().get(0);
    String t = Labels.function(n.phi()).plainText();
    assertTrue(t.length() <= Labels.MAX_EXPRESSION_CHARS, t);
    assertTrue(t.endsWith("…"));
  }

  @Test
  void aCutExpressionKeepsItsTypesettingAndEndsAtAWholeName() {
    // the GRU update (1 − sigmoid(a1 + Uzx1))·h0 + sigmoid(a1 + Uzx1)·e1: 56 characters
    Nonlin n = (Nonlin) TpParser.parse("input a1 : G(n)\ninput Uzx1 : G(n)\ninput h0 : G(n)\n"
        + "input e1 : G(n)\nh1 := (1 - sigmoid(a1 + Uzx1)) * h0 + sigmoid(a1 + Uzx1) * e1\n")
        .instructions().get(0);
    RichText t = Labels.function(n.phi());
    // whole units up to 31 characters, then the ellipsis: "(1 − sigmoid(a1 + Uzx1))·h0 + " is
    // 30 characters and the next unit, "sigmoid(", would pass 31
    assertEquals("(1 − sigmoid(a1 + Uzx1))·h0 + …", t.plainText());
    assertEquals("(1 - \\mathrm{sigmoid}(a^{1} + \\mathit{Uzx}^{1})) \\cdot h^{0} + \\ldots",
        t.latex());
    assertTrue(t.pieces().stream().anyMatch(p -> p.script() == Script.SUPERSCRIPT
        && p.text().equals("1")), "a1 still reads a¹: " + t.pieces());
  }

  @Test
  void coefficientsOtherThanOneAreShown() {
    assertNull(Labels.coefficient(1));
    assertEquals("2", Labels.coefficient(2).plainText());
    assertEquals("−0.5", Labels.coefficient(-0.5).plainText());
  }

  @Test
  void scriptsAreSmallerAndShifted() {
    TextMetrics.Placed p = TextMetrics.place(Labels.name("h2"), 10, 100, 13);
    Run base = p.runs().get(0);
    Run sup = p.runs().get(1);
    assertEquals(100, base.y());
    assertEquals(100 - TextMetrics.SUPERSCRIPT_RISE * 13, sup.y(), 1e-12);
    assertEquals(13 * TextMetrics.SCRIPT_SCALE, sup.size(), 1e-12);
    assertTrue(sup.x() >= base.x() + base.width(), "superscript follows the stem");
  }

  /** Ink box of the first glyph of a run, as AWT draws it with the bundled font. */
  private static java.awt.geom.Rectangle2D ink(Run r, char c) {
    java.awt.font.FontRenderContext frc = new java.awt.font.FontRenderContext(null, true, true);
    int at = r.text().indexOf(c);
    java.awt.font.GlyphVector gv = TextMetrics.awtFont(r.italic(), r.size())
        .createGlyphVector(frc, r.text());
    java.awt.Shape s = gv.getGlyphOutline(at, (float) r.x(), (float) r.y());
    return s.getBounds2D();
  }

  @Test
  void thePrimeOfACopyIsAsLargeAsAnApostropheAndSitsAtTheTopOfTheLetter() {
    // DejaVu Serif's ′ is a small wedge: at superscript size it was about 1.7 units of ink at
    // the 13-unit name size, a speck on screen and in PDF
    double size = 13;
    for (String name : List.of("u'", "h1'", "x''")) {
      TextMetrics.Placed p = TextMetrics.place(Labels.name(name), 0, 100, size);
      Run prime = p.runs().stream().filter(r -> r.text().indexOf('′') >= 0).findFirst()
          .orElseThrow();
      java.awt.geom.Rectangle2D ink = ink(prime, '′');
      java.awt.geom.Rectangle2D stem = ink(p.runs().get(0), name.charAt(0));
      assertTrue(ink.getHeight() >= 0.3 * size, name + ": prime ink " + ink.getHeight() + " high");
      assertTrue(ink.getWidth() >= 0.25 * size, name + ": prime ink " + ink.getWidth() + " wide");
      assertTrue(ink.getMinY() <= 100 - 0.55 * size && ink.getMaxY() < 100 - 0.2 * size,
          name + ": the prime is raised like a superscript: " + ink);
      assertTrue(ink.getMinX() >= stem.getMaxX() - 0.5, name + ": the prime follows the letter");
      assertTrue(p.top() <= ink.getMinY() && p.width() >= ink.getMaxX(),
          name + ": the label's box contains the prime");
    }
    assertEquals("x^{1\\prime}", Labels.name("x1'").latex());
  }
}
