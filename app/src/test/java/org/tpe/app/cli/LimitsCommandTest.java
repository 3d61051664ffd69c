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

  /**
   * On the process's stdout the JSON goes out as UTF-8 bytes (no writer): the same text as
   * through a writer, names that are not ASCII included.
   */
  @Test
  void jsonOnTheProcessStdoutIsTheTextInUtf8() throws IOException {
    StringBuilder t = new StringBuilder("input ξ : G(n) ~ N(0, 1)\ninput u' : G(n) ~ N(0, 2)\n"
        + "cov(ξ, u') = 0.5\ninput W : A(n, n) ~ N(0, 1/n)\nx := erf(ξ + u')\nh := W x\n");
    Path f = write("utf8.tp", t.toString());
    CliTestSupport.Run r = tpe("limits", f.toString(), "--json");
    assertEquals(0, r.code(), r.err());
    java.io.PrintStream was = System.out;
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
      code = TpeCommand.run("limits", f.toString(), "--json");
    } finally {
      System.setOut(was);
    }
    assertEquals(0, code);
    assertTrue(r.out().contains("\"ξ\" : {"), r.out());
    assertEquals(r.out(), bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
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
    // the parts: Var Ẑ^y + c(g)² E[Z^v Z^v] = σ²·σ² + (σ²)²·1 = 2.25 + 2.25
    assertTrue(r.out().contains("= Var Ẑ^y + c(g)² E[Z^v Z^v] = 2.25 + 1.5² × 1 = 4.5"), r.out());
    CliTestSupport.Run w = tpe("limits", f.toString(), "--explain", "W");
    assertEquals(0, w.code(), w.err());
    assertTrue(w.out().contains("its MatMuls: g := W^T v, y := W g"), w.out());
    CliTestSupport.Run bad = tpe("limits", f.toString(), "--explain", "q");
    assertEquals(1, bad.code());
    assertTrue(bad.err().contains("q: not a variable"), bad.err());
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

  static final String RNN = "input W : A(n, n) ~ N(0, 1/n)\ninput b : G(n) ~ N(0, 0.05)\n"
      + "input Ux1 : G(n) ~ N(0, 1)\ninput Ux2 : G(n) ~ N(0, 1)\n"
      + "input Uy1 : G(n) ~ N(0, 1)\ninput Uy2 : G(n) ~ N(0, 1)\n"
      + "cov(Ux1, Uy1) = 0.8\ncov(Ux2, Uy2) = 0.5\n"
      + "s1 := erf(Ux1 + b)\ng2 := W s1\ns2 := erf(g2 + Ux2 + b)\n"
      + "s1' := erf(Uy1 + b)\ng2' := W s1'\ns2' := erf(g2' + Uy2 + b)\noutput s2, s2'\n";

  @Test
  void pairsPatternGivesTheKernelOfTheMatchingVectorsOnly() throws IOException {
    Path f = write("rnn.tp", RNN);
    CliTestSupport.Run r = tpe("limits", f.toString(), "--json", "--pairs", "s*");
    assertEquals(0, r.code(), r.err());
    JsonNode n = new ObjectMapper().readTree(r.out());
    JsonNode sm = n.get("second_moments");
    assertEquals(4, sm.size());
    for (String a : new String[] {"s1", "s2", "s1'", "s2'"}) {
      assertEquals(4, sm.get(a).size(), a);
      assertEquals(sm.get(a).get("s2").asDouble(), sm.get("s2").get(a).asDouble(), a);
    }
    assertEquals(4, n.get("vectors").size());
    assertTrue(!n.get("vectors").get("s1").has("histogram"), "no histogram unless asked");
    // E[s1 s1'] = (2/π) asin(2c / √((1 + 2a)(1 + 2b))), a = b = 1.05, c = 0.85 (Williams)
    assertEquals(2 / Math.PI * Math.asin(2 * 0.85 / (1 + 2 * 1.05)),
        sm.get("s1").get("s1'").asDouble(), 1e-14);
    // every pair, the default, holds the same number
    JsonNode all = new ObjectMapper().readTree(tpe("limits", f.toString(), "--json").out());
    assertEquals(11, all.get("second_moments").size());
    assertEquals(sm.get("s2").get("s2'").asDouble(),
        all.get("second_moments").get("s2").get("s2'").asDouble(), 0.0);
  }

  @Test
  void onePairAndOutputsOnlyAndHistogramsOnRequest() throws IOException {
    Path f = write("rnn.tp", RNN);
    JsonNode one = new ObjectMapper().readTree(tpe("limits", f.toString(), "--json", "--pairs",
        "s2:g2'").out());
    assertEquals(1, one.get("second_moments").get("s2").size());
    assertTrue(one.get("second_moments").get("s2").has("g2'"));
    assertEquals(1, one.get("second_moments").get("g2'").size());
    JsonNode out = new ObjectMapper().readTree(tpe("limits", f.toString(), "--json",
        "--outputs-only", "--histograms").out());
    assertEquals(2, out.get("vectors").size());
    assertTrue(out.get("vectors").get("s2'").has("histogram"));
    CliTestSupport.Run csv = tpe("limits", f.toString(), "--csv", "--pairs", "s2, s2'");
    assertEquals(0, csv.code(), csv.err());
    assertEquals(4, csv.out().lines().filter(l -> l.startsWith("second_moment,")).count(),
        csv.out());
  }

  @Test
  void pairsNamingNoVectorExitOneAndClashingOptionsTwo() throws IOException {
    Path f = write("rnn.tp", RNN);
    CliTestSupport.Run bad = tpe("limits", f.toString(), "--pairs", "s1,q7");
    assertEquals(1, bad.code());
    assertTrue(bad.err().contains("--pairs q7: q7 is not a vector of the program"), bad.err());
    CliTestSupport.Run none = tpe("limits", f.toString(), "--pairs", "z*");
    assertEquals(1, none.code());
    assertTrue(none.err().contains("matches no vector"), none.err());
    assertEquals(1, tpe("limits", f.toString(), "--pairs", "W:s1").code());
    assertEquals(2, tpe("limits", f.toString(), "--pairs", "s1", "--outputs-only").code());
  }

  /**
   * {@link LimitsCommand#quick} against picocli (the oracle) on random argument lists of the
   * quick forms and of others (options it leaves to picocli, {@code =} forms, @-files, quotes,
   * empty items, repeats, conflicts): whenever it reads a list, picocli reads it without error
   * to the same fields; and it reads the common lists.
   */
  @Test
  void theQuickReadingOfTheArgumentsIsPicocliS() {
    String[] words = {"--json", "--csv", "--outputs-only", "--histograms", "--pairs", "s*",
        "a,b", "x:y", ",a", "a,,b", "a,", "\"q\"", "f.tp", "g.tp", "-", "@f", "--pairs=s*",
        "--samples", "10", "--engine", "exact", "--", "-h", "--version", "", "--explain"};
    java.util.Random r = new java.util.Random(29);
    int quick = 0;
    for (int trial = 0; trial < 20_000; trial++) {
      java.util.List<String> args = new java.util.ArrayList<>();
      for (int k = r.nextInt(7); k > 0; k--) {
        args.add(words[r.nextInt(words.length)]);
      }
      if (r.nextBoolean()) {
        args.add(r.nextInt(args.size() + 1), "f.tp");
      }
      LimitsCommand q = LimitsCommand.quick(args);
      if (q == null) {
        continue;
      }
      quick++;
      picocli.CommandLine cl = new picocli.CommandLine(new TpeCommand());
      cl.addSubcommand("limits", LimitsCommand.class);
      cl.setCaseInsensitiveEnumValuesAllowed(true);
      java.util.List<String> all = new java.util.ArrayList<>(args);
      all.add(0, "limits");
      picocli.CommandLine.ParseResult parsed = cl.parseArgs(all.toArray(String[]::new));
      LimitsCommand p = (LimitsCommand) parsed.subcommand().commandSpec().userObject();
      String what = args.toString();
      assertEquals(p.file, q.file, what);
      assertEquals(p.json, q.json, what);
      assertEquals(p.csv, q.csv, what);
      assertEquals(p.pairs, q.pairs, what);
      assertEquals(p.outputsOnly, q.outputsOnly, what);
      assertEquals(p.histograms, q.histograms, what);
      assertEquals(p.samples, q.samples, what);
      assertEquals(p.seed, q.seed, what);
      assertEquals(p.engine, q.engine, what);
      assertEquals(p.tolerance, q.tolerance, what);
      assertEquals(p.explain, q.explain, what);
      assertTrue(!(q.json && q.csv) && !(q.pairs != null && q.outputsOnly), what);
    }
    assertTrue(quick > 1000, "lists read quickly: " + quick);
    assertTrue(LimitsCommand.quick(java.util.List.of("--json", "--pairs", "s*", "f.tp")) != null);
    assertTrue(LimitsCommand.quick(java.util.List.of("f.tp", "--csv", "--outputs-only")) != null);
  }

  /**
   * A command read quickly prints what the same command read by picocli prints (the {@code
   * --pairs=SEL} form goes through picocli), exit code and stderr included: results, a file
   * that is not there, a program with an error.
   */
  @Test
  void aCommandReadQuicklyPrintsWhatPicocliSOnePrints() throws IOException {
    Path ok = write("rnn.tp", "input W : A(n, n) ~ N(0, 1/n)\ninput u1 : G(n)\ninput u2 : G(n)\n"
        + "cov(u1, u2) = 0.3\ns1 := erf(u1)\ng := W s1\ns2 := erf(g + u2)\noutput s2\n");
    Path bad = write("bad.tp", "input u : G(n)\nx := relu(v)\n");
    for (Path f : new Path[] {ok, bad, dir.resolve("missing.tp")}) {
      CliTestSupport.Run quick = tpe("limits", "--json", "--pairs", "s*", f.toString());
      CliTestSupport.Run picocli = tpe("limits", "--json", "--pairs=s*", f.toString());
      assertEquals(picocli, quick, f.toString());
      assertEquals(tpe("limits", "--outputs-only", "--csv=true", f.toString()),
          tpe("limits", "--outputs-only", "--csv", f.toString()), f.toString());
    }
    assertEquals(0, tpe("limits", "--json", "--pairs", "s*", ok.toString()).code());
    assertEquals(1, tpe("limits", "--json", "--pairs", "s*", bad.toString()).code());
  }
}
