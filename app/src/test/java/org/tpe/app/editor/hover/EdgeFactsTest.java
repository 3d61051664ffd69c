package org.tpe.app.editor.hover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.model.Program;
import org.tpe.session.Snapshot;

/**
 * What a MatMul edge's hover card says, against values derived by hand from ZHat and ZDot (TP IIb
 * App. B): for y = W Wᵀ v at σ² = 1.5, E[(Z^g)²] = σ² = 1.5 (g = Wᵀ v, no ZDot), Var Ẑ^y = σ²
 * E[(Z^g)²] = σ⁴ = 2.25, E[(Z^y)²] = 2σ⁴ = 4.5, so Ż^y's share is σ⁴ = 2.25.
 */
class EdgeFactsTest {
  static final String WWT = "input v : G(n) ~ N(0, 1)\ninput W : A(n, n) ~ N(0, 1.5/n)\n"
      + "g := W^T v\ny := W g\n";

  /** The number after {@code prefix} in {@code text} (the value, before any ±). */
  static double after(String text, String prefix) {
    int i = text.indexOf(prefix);
    assertTrue(i >= 0, "'" + prefix + "' in " + text);
    Matcher m = Pattern.compile("-?[0-9.]+(e-?[0-9]+)?").matcher(text.substring(i
        + prefix.length()));
    assertTrue(m.lookingAt(), text.substring(i));
    return Double.parseDouble(m.group());
  }

  /** The number after the last " = " of {@code text}. */
  static double last(String text) {
    return after(text.substring(text.lastIndexOf(" = ")), " = ");
  }

  @Test
  void theEdgeIntoWWtVHasItsZHatVarianceAndItsZDotShare() throws Exception {
    Program p = TpParser.parse(WWT);
    Snapshot s = NodeFactsTest.finished(p);
    EdgeFacts y = EdgeFacts.of(p, s, "y");
    assertEquals("MatMul   g —W→ y", y.title());
    assertEquals("y := W g", y.definition());
    assertEquals("W: entries iid N(0, σ²/n), σ² = 1.500", y.facts().get(0));
    String hat = y.facts().get(1);
    assertTrue(hat.startsWith("ZHat: Ẑ^y is Gaussian, mean 0, Var Ẑ^y = σ² E[(Z^g)²] = 1.500 × "),
        hat);
    assertEquals(1.5, after(hat, "1.500 × "), 1e-3, "E[(Z^g)²] = σ²");
    assertEquals(2.25, last(hat), 1e-3, "σ⁴");
    assertEquals("the only MatMul by W: Ẑ^y is independent of every other Ẑ", y.facts().get(2));
    String dot = y.facts().get(3);
    assertTrue(dot.startsWith("ZDot: y := W g reads g, which depends on g := W^T v"), dot);
    assertEquals(2.25, after(dot, "E[(Z^y)²] − Var Ẑ^y = "), 1e-3, "2σ⁴ − σ⁴");
    assertEquals(4.5, after(y.limit(), "E[(Z^y)²] = "), 1e-3, y.limit());
    assertEquals(0, after(y.limit(), "E Z^y = "), 1e-9, y.limit());
    assertNull(y.histogram());
  }

  @Test
  void theTransposedEdgeOutOfVHasNoZDot() throws Exception {
    Program p = TpParser.parse(WWT);
    EdgeFacts g = EdgeFacts.of(p, NodeFactsTest.finished(p), "g");
    assertEquals("MatMul   v —Wᵀ→ g", g.title());
    assertEquals("Wᵀ, the transpose of W: entries iid N(0, σ²/n), σ² = 1.500", g.facts().get(0));
    assertEquals(1, after(g.facts().get(1), "E[(Z^v)²] = 1.500 × "), 1e-3, g.facts().get(1));
    assertEquals(1.5, last(g.facts().get(1)), 1e-3, "σ² E[(Z^v)²] = σ²");
    assertEquals("ZDot: Ż^g = 0, since no MatMul by W comes before it: Z^g = Ẑ^g",
        g.facts().get(3));
    assertEquals(1.5, after(g.limit(), "E[(Z^g)²] = "), 1e-3, g.limit());
  }

  @Test
  void aFamilyOfTwoMatMulsHasTheirCovariance() throws Exception {
    // h1 = W x, h2 = W relu(x), σ² = 2: Cov(Ẑ^h1, Ẑ^h2) = σ² E[x relu(x)] = 2 · E[x²; x > 0]
    // = 2 · 1/2 = 1 (x ~ N(0, 1)); Var Ẑ^h2 = σ² E[relu(x)²] = 2 · 1/2 = 1
    Program p = TpParser.parse("input x : G(n) ~ N(0, 1)\ninput W : A(n, n) ~ N(0, 2/n)\n"
        + "h1 := W x\nz := relu(x)\nh2 := W z\n");
    Snapshot s = NodeFactsTest.finished(p);
    EdgeFacts h1 = EdgeFacts.of(p, s, "h1");
    String fam = h1.facts().get(2);
    assertTrue(fam.startsWith("family of W (ZHat, jointly Gaussian): Cov(Ẑ^h1, Ẑ^h2) = σ² E[Z^x"
        + " Z^z] = "), fam);
    assertEquals(1.0, after(fam, "E[Z^x Z^z] = "), 1e-3, fam);
    EdgeFacts h2 = EdgeFacts.of(p, s, "h2");
    assertEquals(0.5, after(h2.facts().get(1), "E[(Z^z)²] = 2.000 × "), 1e-3, "E relu(x)² = 1/2");
    assertEquals(1.0, last(h2.facts().get(1)), 1e-3, h2.facts().get(1));
    assertEquals("ZDot: Ż^h2 = 0, since no MatMul by Wᵀ comes before it: Z^h2 = Ẑ^h2",
        h2.facts().get(3), "Netsor: no transposes");
  }

  @Test
  void aBpLikeBackwardMatMulHasItsZDotTermVanishAndZHatAlone() throws Exception {
    // mlp-backward: dx1 = W2ᵀ dh2 after h2 = W2 x1, dh2 = v ⊙ step(h2), v an independent readout:
    // the term vanishes (odd in v), so E[(Z^dx1)²] = Var Ẑ^dx1 = σ² E[v² step(h2)] = 2 · 1 · 1/2
    Program p = org.tpe.samples.Samples.get("mlp-backward").program();
    EdgeFacts dx1 = EdgeFacts.of(p, NodeFactsTest.finished(p), "dx1");
    String dot = dx1.facts().get(3);
    assertTrue(dot.contains("vanishes because Z^dh2 is odd in the readouts v"), dot);
    assertTrue(dot.endsWith("; so Ż^dx1 = 0: Z^dx1 = Ẑ^dx1"), dot);
    assertEquals(1.0, last(dx1.facts().get(1)), 1e-3, dx1.facts().get(1));
    assertEquals(1.0, after(dx1.limit(), "E[(Z^dx1)²] = "), 1e-3, dx1.limit());
  }

  @Test
  void withoutNumbersTheCardSaysTheRulesAndThatLimitsAreComing() {
    Program p = TpParser.parse(WWT);
    EdgeFacts y = EdgeFacts.of(p, null, "y");
    assertEquals("ZHat: Ẑ^y is Gaussian, mean 0, Var Ẑ^y = σ² E[(Z^g)²]", y.facts().get(1));
    assertEquals("ZDot: Ż^y = σ² Σᵢ Z^yᵢ E[∂Z^g/∂Ẑ^(Wᵀ yᵢ)] over the earlier MatMuls yᵢ by Wᵀ;"
        + " which terms vanish is being decided", y.facts().get(3));
    assertEquals("limits: computing…", y.limit());
    assertNull(EdgeFacts.of(p, null, "v"), "an input is no MatMul");
    assertNull(EdgeFacts.of(p, null, "nowhere"));
    assertEquals(List.of("y", "g"), List.of(EdgeFacts.of(p, null, "y").target(),
        EdgeFacts.of(p, null, "g").target()));
  }
}
