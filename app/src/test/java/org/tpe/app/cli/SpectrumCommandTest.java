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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tpe.format.TpParser;
import org.tpe.validate.Validator;

/** {@code tpe spectrum} and {@code tpe derive jacobian}: output shapes and bad input. */
class SpectrumCommandTest {
  @TempDir Path dir;

  static final String WISHART = "input W : A(n, n) ~ N(0, 1/n)\ninput x : G(n) ~ N(0, 1)\n"
      + "h := W x\noutput h\n";
  static final String RELU = "input x : G(n) ~ N(0, 1)\ninput W1 : A(n, n) ~ N(0, 2/n)\n"
      + "input W2 : A(n, n) ~ N(0, 2/n)\nh1 := W1 x\nx1 := relu(h1)\nh2 := W2 x1\noutput h2\n";

  Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void tableShowsTheMomentsThreeWaysAndTheEdge() throws IOException {
    CliTestSupport.Run r = tpe("spectrum", write("w.tp", WISHART).toString(), "--width", "256",
        "--moments", "4", "--samples", "8192");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("J = ∂h/∂x = W\n"), r.out());
    // free probability: the Catalan numbers, exactly
    assertTrue(r.out().matches("(?s).*\\n4 +\\S.*  14\\.000000 ± .*"), r.out());
    assertTrue(r.out().contains("λ_max: 4.00000 (right edge of the support)"), r.out());
    assertTrue(r.out().contains("histogram n = 256"), r.out());
  }

  @Test
  void jsonCarriesMomentsDensityAndHistogram() throws IOException {
    CliTestSupport.Run r = tpe("spectrum", write("relu.tp", RELU).toString(), "--json",
        "--width", "128", "--moments", "3", "--grid", "40", "--samples", "4096");
    assertEquals(0, r.code(), r.err());
    JsonNode n = new ObjectMapper().readTree(r.out());
    assertEquals("x", n.get("from").asText());
    assertEquals("h2", n.get("to").asText());
    // J = W2 D W1, σ² = 2, P(h1 > 0) = 1/2: τ_1 = σ⁴/2 = 2
    assertEquals(2, n.get("moments").get("free").get(0).asDouble(), 1e-12);
    assertEquals(3, n.get("moments").get("program").size());
    assertEquals(3, n.get("moments").get("finite").size());
    assertEquals(40, n.get("free_probability").get("density").get("x").size());
    assertEquals(0.5, n.get("free_probability").get("atom_at_zero").asDouble(), 1e-12);
    assertEquals(n.get("lambda_max").asDouble(),
        n.get("free_probability").get("lambda_max").asDouble());
    assertTrue(n.get("finite_width").get("histogram").get("density").size() > 0);
    assertTrue(n.get("free_probability").get("factors").get(1).get("kind").asText()
        .equals("discrete"));
  }

  @Test
  void csvHasOneNumberALine() throws IOException {
    CliTestSupport.Run r = tpe("spectrum", write("w.tp", WISHART).toString(), "--csv",
        "--width", "0", "--moments", "2", "--grid", "10");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("\nquantity,k,x,method,value,error\n"), r.out());
    assertTrue(r.out().contains("\nmoment,2,,free,2.0,"), r.out());
    assertTrue(r.out().contains("\nlambda_max,,,free,4.0,"), r.out());
    assertEquals(10, r.out().lines().filter(l -> l.startsWith("density,")).count());
  }

  @Test
  void orthogonalSaysWhyThereAreNoProgramMoments() throws IOException {
    CliTestSupport.Run r = tpe("spectrum", write("w.tp", WISHART).toString(), "--orthogonal",
        "--width", "64", "--moments", "2", "--grid", "20");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("program moments: not computed"), r.out());
    assertTrue(r.out().contains("a point mass"), r.out());
  }

  @Test
  void endsThatAreNotConnectedExitOneWithLineAndColumn() throws IOException {
    Path f = write("relu.tp", RELU);
    CliTestSupport.Run r = tpe("spectrum", f.toString(), "--from", "h2", "--to", "x");
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith(f + ":1:7: x does not depend on h2"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    CliTestSupport.Run m = tpe("spectrum", f.toString(), "--from", "W1");
    assertEquals(1, m.code());
    assertTrue(m.err().contains("W1 is a matrix"), m.err());
  }

  @Test
  void tooManyMomentsExitOne() throws IOException {
    CliTestSupport.Run r = tpe("spectrum", write("w.tp", WISHART).toString(), "--moments", "99");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("at most 60"), r.err());
  }

  @Test
  void aWidthBelowZeroIsAUsageError() throws IOException {
    CliTestSupport.Run r = tpe("spectrum", write("w.tp", WISHART).toString(), "--width", "-1");
    assertEquals(2, r.code());
  }

  @Test
  void deriveJacobianWritesAValidProgram() throws IOException {
    Path out = dir.resolve("jac.tp");
    CliTestSupport.Run r = tpe("derive", "jacobian", write("relu.tp", RELU).toString(),
        "--from", "x", "--to", "h2", "--power", "2", "-o", out.toString());
    assertEquals(0, r.code(), r.err());
    String text = Files.readString(out);
    assertTrue(text.startsWith("# (JᵀJ)^2 v for J = ∂h2/∂x"), text);
    assertFalse(Validator.validate(TpParser.parse(text)).hasErrors());
    assertTrue(text.contains("output v, v_1, v_2"), text);
    CliTestSupport.Run printed = tpe("derive", "jacobian", write("w.tp", WISHART).toString());
    assertTrue(printed.out().contains("v_1 := W^T δh_1"), printed.out());
  }

  @Test
  void deriveJacobianRefusesAPowerLargerThanTheLimitEngineTakes() throws IOException {
    // J = W: the probe v and 2 vectors per application (δh_k, v_k): (3000 − 1)/2 = 1499
    CliTestSupport.Run r = tpe("derive", "jacobian", write("w.tp", WISHART).toString(),
        "--power", "2000");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("at most 1499 applications"), r.err());
    assertEquals(2, tpe("derive", "jacobian", write("w2.tp", WISHART).toString(), "--power",
        "0").code());
  }

  @Test
  void deriveJacobianOfAStepNetworkSaysJIsZero() throws IOException {
    Path f = write("s.tp", "input W : A(n, n) ~ N(0, 1/n)\ninput V : A(n, n) ~ N(0, 1/n)\n"
        + "input x : G(n) ~ N(0, 1)\nh := W x\ns := step(h)\ng := V s\n");
    CliTestSupport.Run r = tpe("derive", "jacobian", f.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith(f + ":5:1:") && r.err().contains("0 almost surely"), r.err());
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.MethodSource("org.tpe.app.cli.MalformedCorpusTest#corpus")
  void everyMalformedFileIsRejectedWithExitOneAndNoStackTrace(Path file) {
    CliTestSupport.Run r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(30), () -> tpe("spectrum", file.toString(), "--width", "8"));
    assertEquals(1, r.code(), file + ": " + r.err());
    assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    assertTrue(r.err().startsWith(file.toString()), r.err());
  }
}
