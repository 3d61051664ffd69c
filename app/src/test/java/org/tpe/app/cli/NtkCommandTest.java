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
import org.tpe.model.Program;
import org.tpe.validate.Validator;

/** {@code tpe ntk} and {@code tpe derive}: output shapes, and bad networks rejected at line:col. */
class NtkCommandTest {
  @TempDir Path dir;

  /** A one-hidden-layer ReLU network: Θ = K¹ + σ_v² K̇¹ G in closed form (see below). */
  static final String NET = """
      input h : G(n) ~ N(0, 1)
      input v : G(n) ~ N(0, 1)
      x := relu(h)
      inputs a, b
      gram a : 1, 0
      gram b : 0, 1
      embedding U : h
      param U, v
      readout v · x
      """;

  Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  /**
   * Orthogonal unit inputs: Θ(a, a) = E relu(h)² + E step(h)² · 1 = 1/2 + 1/2 = 1 and Θ(a, b) =
   * E relu(h)E relu(h̄) + E step·E step · 0 = 1/(2π) for independent h, h̄ ~ N(0, 1).
   */
  @Test
  void jsonHasTheKeysOfTheIssueAndTheClosedFormKernel() throws IOException {
    CliTestSupport.Run r = tpe("ntk", write("net.tp", NET).toString(), "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode n = new ObjectMapper().readTree(r.out());
    for (String key : new String[] {"inputs", "ntk", "nngp", "by_parameter", "by_class",
        "method", "errors"}) {
      assertTrue(n.has(key), key);
    }
    assertEquals("a", n.get("inputs").get(0).asText());
    assertEquals(1.0, n.get("ntk").get(0).get(0).asDouble(), 1e-12);
    assertEquals(1 / (2 * Math.PI), n.get("ntk").get(0).get(1).asDouble(), 1e-12);
    assertEquals(0.5, n.get("by_parameter").get("U").get(0).get(0).asDouble(), 1e-12);
    assertEquals(0.0, n.get("by_parameter").get("U").get(0).get(1).asDouble(), 1e-12);
    assertEquals(0.5, n.get("by_class").get("v").get(1).get(1).asDouble(), 1e-12);
    assertEquals(0.5, n.get("nngp").get(0).get(0).asDouble(), 1e-12);
    assertTrue(n.get("path_form").get("applies").asBoolean());
  }

  @Test
  void widthAddsTheEmpiricalNtkAndWidthsItsConvergence() throws IOException {
    Path f = write("net.tp", NET);
    CliTestSupport.Run r = tpe("ntk", f.toString(), "--json", "--width", "64", "--widths",
        "64,128,256", "--seeds", "2");
    assertEquals(0, r.code(), r.err());
    JsonNode n = new ObjectMapper().readTree(r.out());
    assertEquals(64, n.get("finite_width").get("width").asInt());
    assertEquals(3, n.get("convergence").get("widths").size());
    assertEquals(3, n.get("convergence").get("entries").size(), "a ≤ b over two inputs");
    CliTestSupport.Run t = tpe("ntk", f.toString(), "--width", "64");
    assertTrue(t.out().contains("empirical NTK at width 64"), t.out());
    CliTestSupport.Run c = tpe("ntk", f.toString(), "--csv");
    assertTrue(c.out().startsWith("source,kernel,term,a,b,value,error\nlimit,ntk,,a,a,1.0,"),
        c.out());
  }

  /** Two layers: the backward pass multiplies by Wᵀ. */
  static final String DEEP = NET.replace("input v : G(n) ~ N(0, 1)\n",
      "input v : G(n) ~ N(0, 1)\ninput W : A(n, n) ~ N(0, 2/n)\n").replace("x := relu(h)\n",
      "x := relu(h)\ng := W x\ny := relu(g)\n").replace("param U, v", "param U, W, v")
      .replace("readout v · x", "readout v · y");

  @Test
  void deriveBackwardWritesAnOrdinaryBpLikeProgramThatKeepsTheNetwork() throws IOException {
    Path f = write("net.tp", DEEP);
    Path out = dir.resolve("bw.tp");
    CliTestSupport.Run r = tpe("derive", "backward", f.toString(), "-o", out.toString());
    assertEquals(0, r.code(), r.err());
    String text = Files.readString(out);
    assertTrue(text.contains("dg := v*step(g)"), text);
    assertTrue(text.contains("dx := W^T dg"), text);
    assertTrue(text.contains("dh := dx*step(h)"), text);
    assertTrue(text.contains("# Netsor⊤; BP-like"), text);
    Program p = TpParser.parse(text);
    assertFalse(Validator.validate(p).hasErrors());
    assertEquals(TpParser.parse(DEEP).network(), p.network(), "declarations kept");
    Path inst = dir.resolve("inst.tp");
    assertEquals(0, tpe("derive", "inputs", out.toString(), "-o", inst.toString()).code());
    Program q = TpParser.parse(Files.readString(inst));
    assertTrue(q.isDefined("dh'"), "the backward pass copied on input b");
    assertTrue(q.network().isEmpty(), "the inputs are consumed");
    assertEquals(0, tpe("derive", "backward", f.toString(), "--inputs").code());
  }

  private void rejected(String text, String where, String what, String... command)
      throws IOException {
    Path f = write("bad.tp", text);
    String[] args = new String[command.length + 1];
    System.arraycopy(command, 0, args, 0, command.length);
    args[command.length] = f.toString();
    CliTestSupport.Run r = tpe(args);
    assertEquals(1, r.code(), r.out());
    assertTrue(r.err().startsWith(f + ":" + where + ": "), r.err());
    assertTrue(r.err().contains(what), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void networkWithoutReadoutIsRejectedAtItsFirstDeclaration() throws IOException {
    rejected(NET.replace("readout v · x\n", ""), "4:1", "no readout", "ntk");
  }

  @Test
  void parameterNeverUsedIsRejectedWhereItIsListed() throws IOException {
    rejected(NET.replace("input v : G(n) ~ N(0, 1)\n",
        "input v : G(n) ~ N(0, 1)\ninput W : A(n, n) ~ N(0, 1/n)\n").replace("param U, v",
        "param U, W, v"), "9:10", "never used", "ntk");
  }

  @Test
  void gramRowOfTheWrongLengthIsRejected() throws IOException {
    rejected(NET.replace("gram b : 0, 1", "gram b : 0, 1, 0.5"), "6:1", "3 entries but there are"
        + " 2 inputs", "ntk");
  }

  @Test
  void missingGramRowIsRejectedAtTheInputs() throws IOException {
    rejected(NET.replace("inputs a, b", "inputs a, b, c").replace("gram a : 1, 0",
        "gram a : 1, 0, 0").replace("gram b : 0, 1", "gram b : 0, 1, 0"), "4:14",
        "no Gram row for c", "ntk");
  }

  @Test
  void gramMatrixThatIsNotPsdIsRejected() throws IOException {
    rejected(NET.replace("gram a : 1, 0", "gram a : 1, 2").replace("gram b : 0, 1",
        "gram b : 2, 1"), "5:13", "not positive semidefinite: |G[1][2]| = 2 exceeds", "ntk");
  }

  @Test
  void readoutOfAMatrixIsRejected() throws IOException {
    rejected(NET.replace("input v : G(n) ~ N(0, 1)\n", "input v : G(n) ~ N(0, 1)\n"
        + "input M : A(n, n) ~ N(0, 1/n)\n").replace("readout v · x", "readout v · M"), "10:13",
        "must read a vector", "derive", "backward");
  }

  @Test
  void standardParametrizationHasNoFiniteNtk() throws IOException {
    String sp = NET.replace("param U, v", "param U, v : standard")
        .replace("x := relu(h)\n", "x := relu(h)\n");
    CliTestSupport.Run r = tpe("ntk", write("sp.tp", sp).toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("grows like n^1"), r.err());
  }

  @Test
  void syntaxErrorInADeclarationHasLineAndColumn() throws IOException {
    rejected(NET.replace("readout v · x", "readout v x"), "9:11", "expected '*'", "ntk");
  }
}
