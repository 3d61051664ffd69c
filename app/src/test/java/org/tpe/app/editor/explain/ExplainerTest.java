package org.tpe.app.editor.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.limit.exact.Derivation;
import org.tpe.model.Program;

/** The Explain view's derivation is the command line's, and bad requests say why. */
class ExplainerTest {
  @Test
  void wwtVDerivesTwoSigmaToTheFourth() {
    // σ² = 1.5: Var Ẑ^y = σ²·σ² = 2.25, c(g) = σ² = 1.5, E[(Z^y)²] = 2.25 + 1.5² = 4.5 = 2σ⁴
    Program p = TpParser.parse("input v : G(n) ~ N(0, 1)\ninput W : A(n, n) ~ N(0, 1.5/n)\n"
        + "g := W^T v\ny := W g\n");
    Explainer.Result r = Explainer.derive(p, "y");
    Derivation d = r.derivation();
    List<String> lines = d.lines();
    assertTrue(lines.stream().anyMatch(l -> l.contains("Var Ẑ^y = σ² E[Z^g Z^g] = 1.5 × 1.5 = "
        + "2.25")), String.join("\n", lines));
    assertTrue(lines.stream().anyMatch(l -> l.trim().equals("E[(Z^y)²] = 4.5")),
        String.join("\n", lines));
    assertTrue(d.variables().containsAll(List.of("y", "W", "g", "v")));
  }

  @Test
  void theCommandLinePrintsTheSameLines() throws Exception {
    String text = "input v : G(n) ~ N(0, 1)\ninput W : A(n, n) ~ N(0, 1.5/n)\n"
        + "g := W^T v\ny := W g\n";
    java.nio.file.Path f = java.nio.file.Files.createTempFile("wwt", ".tp");
    java.nio.file.Files.writeString(f, text);
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    assertEquals(0, org.tpe.app.cli.TpeCommand.run(new java.io.PrintWriter(out),
        new java.io.PrintWriter(err), "limits", f.toString(), "--explain", "y"), err.toString());
    assertEquals(Explainer.derive(TpParser.parse(text), "y").derivation().lines(),
        out.toString().lines().toList());
  }

  @Test
  void noSelectionOrAnUnknownNameAsksForOne() {
    Program p = TpParser.parse("input v : G(n)\n");
    assertNull(Explainer.derive(p, null).derivation());
    assertTrue(Explainer.derive(p, "q").message().startsWith("Select a vector"));
  }

  /** The memo keeps a program's explanation across selections but never an older program's. */
  @Test
  void theMemoAnswersForTheProgramItIsGivenNotAnEarlierOne() {
    String wwt = "input v : G(n) ~ N(0, 1)\ninput W : A(n, n) ~ N(0, %s/n)\n"
        + "g := W^T v\ny := W g\n";
    Explainer.Memo memo = new Explainer.Memo();
    Program p = TpParser.parse(String.format(wwt, "1.5"));
    assertEquals(Explainer.derive(p, "y").derivation().lines(),
        memo.derive(p, "y").derivation().lines());
    assertEquals(Explainer.derive(p, "g").derivation().lines(),
        memo.derive(p, "g").derivation().lines(), "another selection of the same program");
    // σ² = 2: E[(Z^y)²] = 2σ⁴ = 8
    List<String> lines = memo.derive(TpParser.parse(String.format(wwt, "2")), "y").derivation()
        .lines();
    assertTrue(lines.stream().anyMatch(l -> l.trim().equals("E[(Z^y)²] = 8")),
        String.join("\n", lines));
  }
}
