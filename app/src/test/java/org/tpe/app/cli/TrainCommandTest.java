package org.tpe.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tpe.app.cli.CliTestSupport.tpe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tpe.format.TpParser;
import org.tpe.model.Program;
import org.tpe.validate.Validator;

/** {@code tpe train} and {@code tpe derive train}: output shapes, and bad input rejected. */
class TrainCommandTest {
  @TempDir Path dir;

  /**
   * The linear network f = vᵀUξ/n^s. In μP one step on ξ1 (label y, G₁₁ = 1) gives f_1(ξ1) =
   * ⟨v + η y e, e + η y v⟩ = η y (σ_U² + σ_v²) = 0.3 · 0.5 · 2.3 = 0.345 (f_0 = 0, χ_0 = −y).
   */
  static final String LINEAR = """
      input e : G(n) ~ N(0, 1.5)
      input v : G(n) ~ N(0, 0.8)
      x := id(e)
      parametrization mup
      inputs ξ1, ξ2
      gram ξ1 : 1, 0.4
      gram ξ2 : 0.4, 1.2
      embedding U : e
      param U, v
      readout v · x
      train ξ1 : 0.5
      test ξ2
      lr 0.3
      steps 2
      """;

  static final String MLP = """
      input e : G(n) ~ N(0, 1)
      input W : A(n, n) ~ N(0, 1/n)
      input v : G(n) ~ N(0, 1)
      x := tanh(e)
      hb := W x
      xb := tanh(hb)
      parametrization mup
      inputs ξ1, ξ2
      gram ξ1 : 1, 0.4
      gram ξ2 : 0.4, 1.2
      embedding U : e
      param U, W, v
      readout v · xb
      train ξ1 : 0.5, ξ2 : -0.4
      steps 1
      """;

  Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void jsonHasTheLimitTheRunsTheCoordinateCheckAndTheClosedFormStep() throws IOException {
    CliTestSupport.Run r = tpe("train", write("lin.tp", LINEAR).toString(), "--json",
        "--widths", "64,128", "--seeds", "2", "--bins", "40");
    assertEquals(0, r.code(), r.err());
    JsonNode n = new ObjectMapper().readTree(r.out());
    for (String key : new String[] {"regime", "steps", "learning_rate", "inputs", "examples",
        "labels", "limit", "runs", "finite", "convergence", "coordinate_check", "notes"}) {
      assertTrue(n.has(key), key);
    }
    assertEquals("feature learning", n.get("regime").asText());
    assertEquals(0.345, n.get("limit").get("f").get(1).get(0).asDouble(), 1e-9);
    assertEquals(0.0, n.get("limit").get("f").get(0).get(0).asDouble(), 1e-12);
    assertEquals(4, n.get("runs").size(), "2 widths × 2 seeds");
    assertEquals(128, n.get("runs").get(3).get("width").asInt());
    assertTrue(n.get("runs").get(3).get("f_errors").get(1).get(0).isNull(),
        "one run cannot estimate its seed-to-seed error");
    JsonNode mean = n.get("finite").get(1);
    assertEquals(2, n.get("finite").size(), "one mean per width");
    assertEquals(128, mean.get("width").asInt());
    assertEquals(2, mean.get("seeds").asInt());
    double f2 = n.get("runs").get(2).get("f").get(1).get(0).asDouble();
    double f3 = n.get("runs").get(3).get("f").get(1).get(0).asDouble();
    assertEquals((f2 + f3) / 2, mean.get("f").get(1).get(0).asDouble(), 1e-12);
    // s/√2 with s² = (f2 − f3)²/2: |f2 − f3|/2
    assertEquals(Math.abs(f2 - f3) / 2, mean.get("f_errors").get(1).get(0).asDouble(), 1e-12,
        "the standard error over the two seeds");
    assertTrue(n.get("coordinate_check").get("rows").size() > 0);
    assertTrue(n.get("kernel_gd").isNull(), "no kernel gradient descent in μP");
    // the coordinate distribution: x_1(ξ1) = e + η y v (U₁ξ1 = Uξ1 − η χ_0 v G₁₁, χ_0 = −y), a
    // Gaussian of variance 1.5 + (0.3 · 0.5)² · 0.8 = 1.518 — the features moved from var 1.5
    JsonNode x = n.get("limit").get("vectors").get("x");
    assertEquals(1.5, x.get("variance").get(0).get(0).asDouble(), 1e-9);
    assertEquals(1.518, x.get("variance").get(1).get(0).asDouble(), 1e-9);
    assertEquals(Math.sqrt(1.518), x.get("rms").get(1).get(0).asDouble(), 1e-9);
    for (JsonNode t : List.of(n.get("limit"), n.get("runs").get(3))) {
      JsonNode h = t.get("vectors").get("x").get("histograms").get(1).get(0);
      double mass = 0;
      for (int i = 0; i < h.get("density").size(); i++) {
        mass += h.get("density").get(i).asDouble() * (h.get("edges").get(i + 1).asDouble()
            - h.get("edges").get(i).asDouble());
      }
      assertEquals(40, h.get("density").size());
      assertEquals(1, mass, 0.01, "a density over the coordinates (tails past the edges aside)");
    }
  }

  @Test
  void inNtkParametrizationTheLimitIsCheckedAgainstKernelGradientDescent() throws IOException {
    CliTestSupport.Run r = tpe("train", write("lin.tp", LINEAR).toString(), "--param", "ntk",
        "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode n = new ObjectMapper().readTree(r.out());
    assertEquals("kernel (neural tangent)", n.get("regime").asText());
    assertTrue(n.get("agreement").get("holds").asBoolean());
    // Θ(ξ1, ξ1) = (σ_v² + σ_U²) G₁₁ for the linear network
    assertEquals(2.3, n.get("ntk").get(0).get(0).asDouble(), 1e-9);
    assertEquals(-0.3 * -0.5 * 2.3, n.get("kernel_gd").get("f").get(1).get(0).asDouble(), 1e-9);
  }

  @Test
  void tableAndCsvForms() throws IOException {
    Path f = write("lin.tp", LINEAR);
    CliTestSupport.Run t = tpe("train", f.toString(), "--widths", "64,128");
    assertEquals(0, t.code(), t.err());
    assertTrue(t.out().contains("regime: feature learning"), t.out());
    assertTrue(t.out().contains("coordinate check"), t.out());
    assertTrue(t.out().contains("pooled log-log slope"), t.out());
    CliTestSupport.Run c = tpe("train", f.toString(), "--csv");
    assertEquals(0, c.code(), c.err());
    String[] lines = c.out().split("\n");
    assertEquals("source,seed,step,quantity,input,value,error", lines[0]);
    assertTrue(c.out().contains("\nlimit,,1,f,ξ1,0.34"), c.out());
  }

  @Test
  void badTrainingInputIsRejectedWithItsPlace() throws IOException {
    CliTestSupport.Run r = tpe("train", write("bad.tp", MLP.replace("ξ2 : -0.4",
        "ξ5 : -0.4")).toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("bad.tp:14:17: train: ξ5 is not an input"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    Path ok = write("mlp.tp", MLP);
    r = tpe("train", ok.toString(), "--steps", "0");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("--steps: the number of steps T must be a whole number"),
        r.err());
    r = tpe("train", ok.toString(), "--lr", "-0.5");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("--lr: the learning rate η must be positive, not -0.5"),
        r.err());
    r = tpe("train", write("lr.tp", MLP + "lr 0\n").toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("lr.tp:16:4: the learning rate η must be positive"), r.err());
    r = tpe("train", ok.toString(), "--param", "sp");
    assertEquals(1, r.code(), "standard parametrization has no limit to compute");
    assertTrue(r.err().contains("no infinite-width limit the program can express")
        && r.err().contains("--widths"), r.err());
    r = tpe("train", ok.toString(), "--param", "banana");
    assertEquals(2, r.code(), "an unknown parametrization is wrong usage");
  }

  @Test
  void standardParametrizationRunsAtFiniteWidthsWithoutALimit() throws IOException {
    CliTestSupport.Run r = tpe("train", write("mlp.tp", MLP).toString(), "--param", "sp",
        "--widths", "32,64", "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode n = new ObjectMapper().readTree(r.out());
    assertTrue(n.get("limit").isNull());
    assertTrue(n.get("no_limit").asText().contains("n^0.5"), n.get("no_limit").asText());
    assertEquals(2 * 4, n.get("runs").size(), "4 seeds by default");
    assertEquals(2, n.get("finite").size());
  }

  @Test
  void deriveTrainWritesAnOrdinaryDocument() throws IOException {
    Path out = dir.resolve("sgd.tp");
    CliTestSupport.Run r = tpe("derive", "train", write("mlp.tp", MLP).toString(), "-o",
        out.toString(), "--steps", "2");
    assertEquals(0, r.code(), r.err());
    Program p = TpParser.parse(out);
    assertTrue(Validator.validate(p).errors().isEmpty());
    String text = Files.readString(out);
    assertTrue(text.startsWith("# Generated by tpe derive train from mlp.tp: 2 SGD steps,"
        + " infinite-width limit"), text);
    assertTrue(text.contains("hb_1 := Wx_1 - η*χ_0*cx_0_1*dhb_0"), text);
    // the header says which Master Theorem applies: W meets Wᵀ, so not BP-like (said once)
    String verdict = text.lines().filter(l -> l.startsWith("# Netsor⊤+; ")).findFirst()
        .orElseThrow();
    assertTrue(verdict.contains("general Netsor⊤+ Master Theorem (TP IIb Thm. B.4)"), verdict);
    assertEquals(verdict.indexOf("not BP-like"), verdict.lastIndexOf("not BP-like"), verdict);
    r = tpe("derive", "train", write("mlp.tp", MLP).toString(), "--width", "256", "--param",
        "ntk");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains(" : R = 0.0625\n"), "η n^-1/2 at n = 256: " + r.out());
    assertTrue(r.out().contains("f_0 := avg(16*(v*xb))"), r.out());
    r = tpe("derive", "train", write("mlp.tp", MLP).toString(), "--param", "sp");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("no infinite-width limit"), r.err());
  }
}
