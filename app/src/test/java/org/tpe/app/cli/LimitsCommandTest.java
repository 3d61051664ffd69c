package org.tpe.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tpe.app.cli.CliTestSupport.tpe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LimitsCommandTest {
  @TempDir Path dir;

  Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void tableShowsMethodAndValues() throws IOException {
    Path f = write("mlp.tp", "input u : G(n) ~ N(0, 1)\ninput W : A(n, n) ~ N(0, 2/n)\n"
        + "x := relu(u)\nh := W x\n");
    CliTestSupport.Run r = tpe("limits", f.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("method: exact"), r.out());
    // E h² = σ² E relu(u)² = 2 · 1/2
    assertTrue(r.out().matches("(?s).*\\nh\\s+h\\s+1\\.000000000\\n.*"), r.out());
  }

  @Test
  void jsonHasTheDesignShape() throws IOException {
    Path f = write("wwt.tp", "input v : G(n) ~ N(0, 1)\ninput W : A(n, n) ~ N(0, 1/n)\n"
        + "u := W^T v\ny := W u\n");
    CliTestSupport.Run r = tpe("limits", f.toString(), "--json", "--samples", "4096", "--seed",
        "7", "--engine", "particle");
    assertEquals(0, r.code(), r.err());
    JsonNode n = new ObjectMapper().readTree(r.out());
    assertEquals("particle", n.get("method").asText());
    assertEquals("G", n.get("vectors").get("y").get("kind").asText());
    assertTrue(n.get("second_moments").get("y").has("v"));
    assertTrue(n.get("second_moment_errors").get("y").get("v").asDouble() > 0);
    assertEquals(r.out(), tpe("limits", f.toString(), "--json", "--samples", "4096", "--seed",
        "7", "--engine", "particle").out(), "same seed, same output");
  }

  @Test
  void explainPrintsTheDerivationOfWwtV() throws IOException {
    // W Wᵀ v → Ẑ^y + σ² Z^v → E[(Z^y)²] = σ⁴·1 + σ⁴·1 = 2σ⁴ = 4.5 at σ² = 1.5
    Path f = write("wwt.tp", "input v : G(n) ~ N(0, 1)\ninput W : A(n, n) ~ N(0, 1.5/n)\n"
        + "g := W^T v\ny := W g\n");
    CliTestSupport.Run r = tpe("limits", f.toString(), "--explain", "y");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("Var Ẑ^y = σ² E[Z^g Z^g] = 1.5 × 1.5 = 2.25"), r.out());
    assertTrue(r.out().contains("c(g) = σ² E[∂Z^g/∂Ẑ^g] = 1.5 × 1 = 1.5 on Z^v"), r.out());
    assertTrue(r.out().contains("Z^y = Ẑ^y + 1.5*Z^v"), r.out());
    assertTrue(r.out().contains("E[(Z^y)²] = 4.5"), r.out());
    CliTestSupport.Run bad = tpe("limits", f.toString(), "--explain", "W");
    assertEquals(1, bad.code());
    assertTrue(bad.err().contains("not a vector"), bad.err());
  }

  @Test
  void tableShowsTheEngineTheMethodsAndTheLargestError() throws IOException {
    Path f = write("tanh.tp", "input u : G(n) ~ N(0, 1)\ninput W : A(n, n) ~ N(0, 1/n)\n"
        + "x := tanh(u)\nh := W x\ny := tanh(h) * x\n");
    CliTestSupport.Run r = tpe("limits", f.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("largest error estimate: "), r.out());
    assertTrue(r.out().contains("methods: "), r.out());
    assertTrue(r.out().contains("exact engine chosen"), r.out());
  }

  @Test
  void badNumericsExitOneWithFileLineAndVariable() throws IOException {
    Path f = write("exp.tp", "input u : G(n) ~ N(0, 1)\ny := exp(1000 * u)\n");
    CliTestSupport.Run r = tpe("limits", f.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith(f + ":2:"), r.err());
    assertTrue(r.err().contains("y"), r.err());
    assertTrue(!r.err().contains("Exception"), r.err());
  }

  @Test
  void wrongUsageExitsTwo() throws IOException {
    Path f = write("a.tp", "input u : G(n) ~ N(0, 1)\n");
    assertEquals(2, tpe("limits", f.toString(), "--engine", "magic").code());
    assertEquals(2, tpe("limits", f.toString(), "--samples", "3").code());
    assertEquals(2, tpe("limits", f.toString(), "--json", "--csv").code());
  }
}
