package org.tpe.render.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.model.Program;
import org.tpe.paths.IsomorphismClass;
import org.tpe.paths.Path;
import org.tpe.paths.PathAnalysis;
import org.tpe.paths.PathSet;
import org.tpe.render.layout.AutoLayout;
import org.tpe.render.style.Style;
import org.tpe.samples.Samples;

/**
 * Paths of the reduced program lit on the diagram of the program as written: identities the
 * reducer inserted stand for the G-var they copy, LinCombs and collapsed Nonlins between two
 * vectors of a path are lit, and so is the way from the path's end to the vectors asked about.
 * Expected sets are derived by hand from the programs in each test.
 */
class PathHighlightTest {
  private static Set<Highlight.Step> steps(String... fromTo) {
    Set<Highlight.Step> out = new HashSet<>();
    for (int i = 0; i < fromTo.length; i += 2) {
      out.add(new Highlight.Step(fromTo[i], fromTo[i + 1]));
    }
    return out;
  }

  private static Highlight of(Program p, PathSet set, List<String> word) {
    PathAnalysis a = PathAnalysis.of(p);
    IsomorphismClass c = set.classes().stream().filter(k -> k.word().equals(word)).findFirst()
        .orElseThrow(() -> new AssertionError("no class " + word + " in " + set.classes()));
    return PathHighlight.of(a, set, c.paths().toList());
  }

  @Test
  void aResnetPathLightsTheSumsBetweenItsGVarsAndTheStreamToTheOutput() {
    Program p = Samples.get("resnet").program();
    PathAnalysis a = PathAnalysis.of(p);
    // x0 -W1-> g1 -> x1 -W2-> g2: x1 = relu(h1), h1 = h0 + g1; the output h6 = h5 + g6, … h2 = h1 + g2
    Highlight h = of(p, a.pathsToOutputs(), List.of("W1", "W2"));
    assertEquals(steps("x0", "g1", "g1", "h1", "h1", "x1", "x1", "g2", "g2", "h2", "h2", "h3",
        "h3", "h4", "h4", "h5", "h5", "h6"), h.steps());
    assertEquals(Set.of("x0", "g1", "h1", "x1", "g2", "h2", "h3", "h4", "h5", "h6"),
        h.variables());
    // asked at g2 itself, the stream to the output is not part of the answer
    Highlight at = of(p, a.pathsTo("g2"), List.of("W1", "W2"));
    assertEquals(steps("x0", "g1", "g1", "h1", "h1", "x1", "x1", "g2"), at.steps());
  }

  @Test
  void identitiesAndCollapsedNonlinsOfTheReductionMapBackToTheDrawnVectors() {
    Program p = TpParser.parse("""
        input W : A(n, n)
        input u : G(n)
        x1 := relu(u)
        x2 := tanh(x1)
        h := W x2
        g := W h
        k := g + h
        y := relu(k)
        z := W y
        output z
        """);
    PathAnalysis a = PathAnalysis.of(p);
    assertTrue(a.wasReduced(), "x2 reads an X-var and g a G-var: the program is not reduced");
    // the reduced path x2 -W-> h -> h_id -W-> g -> y -W-> z: h_id is h; g reaches y through k
    Highlight www = of(p, a.pathsToOutputs(), List.of("W", "W", "W"));
    assertEquals(steps("x2", "h", "h", "g", "g", "k", "k", "y", "y", "z"), www.steps());
    // the class W W: x2 -W-> h -> y -W-> z (h reaches y through k, not through the MatMul g)
    // and h_id -W-> g -> y -W-> z, where h_id is h
    Highlight ww = of(p, a.pathsToOutputs(), List.of("W", "W"));
    assertEquals(steps("x2", "h", "h", "k", "k", "y", "y", "z", "h", "g", "g", "k"),
        ww.steps());
    assertEquals(Set.of("x2", "h", "g", "k", "y", "z"), ww.variables());
  }

  @Test
  void aStepThroughACollapsedNonlinLightsTheXVarsBetween() {
    Program p = TpParser.parse("""
        input W : A(n, n)
        input u : G(n)
        x0 := relu(u)
        g := W x0
        x1 := relu(g)
        x2 := tanh(x1) * x1
        h := W x2
        output h
        """);
    PathAnalysis a = PathAnalysis.of(p);
    // reduced: x2 := tanh(relu(g)) * relu(g), x1 dropped; the path x0 -W-> g -> x2 -W-> h
    Highlight h = of(p, a.pathsToOutputs(), List.of("W", "W"));
    assertEquals(steps("x0", "g", "g", "x1", "x1", "x2", "x2", "h"), h.steps());
  }

  @Test
  void theSceneLightsTheGatesAndEdgesOfTheMappedSteps() {
    Program p = Samples.get("resnet").program();
    PathAnalysis a = PathAnalysis.of(p);
    Scene s = SceneBuilder.build(p, AutoLayout.layout(p), Style.DEFAULT,
        of(p, a.pathsToOutputs(), List.of("W1", "W2")));
    Set<String> lit = new HashSet<>();
    s.elements().stream().filter(Element::highlighted).forEach(e -> lit.add(e.id().type() + " "
        + e.id().name()));
    assertTrue(lit.containsAll(List.of("INSTRUCTION h1", "EDGE a:h1:g1", "EDGE r:h1",
        "VARIABLE h1", "EDGE a:x1:h1", "INSTRUCTION x1", "EDGE a:h6:h5")), lit.toString());
    assertTrue(!lit.contains("EDGE a:h1:h0") && !lit.contains("VARIABLE h0"), lit.toString());
  }

  @Test
  void pathsGivenByTheirVectorsAloneAreMappedTheSameWay() {
    // what an analysis session hands out: the vectors, no matrices, no reduced program
    Program p = Samples.get("wwt-v").program();
    PathAnalysis a = PathAnalysis.of(p);
    List<List<String>> vars = a.pathsToOutputs().paths().map(Path::vars).toList();
    assertEquals(List.of(List.of("g_id", "y"), List.of("v_id", "g", "g_id", "y")), vars,
        "the reduced paths: g_id -W-> y and v_id -W^T-> g -> g_id -W-> y");
    Highlight h = PathHighlight.ofVectors(p, p.outputs(), vars);
    assertEquals(steps("v", "g", "g", "y"), h.steps());
    assertEquals(PathHighlight.of(a, a.pathsToOutputs(), a.pathsToOutputs().paths().toList()), h);
    Program r = Samples.get("resnet").program();
    PathAnalysis ra = PathAnalysis.of(r);
    List<Path> ps = ra.pathsToOutputs().classes().stream()
        .filter(k -> k.word().equals(List.of("W1", "W2"))).findFirst().orElseThrow().paths()
        .toList();
    assertEquals(PathHighlight.of(ra, ra.pathsToOutputs(), ps), PathHighlight.ofVectors(r,
        r.outputs(), ps.stream().map(Path::vars).toList()));
    assertEquals("v_id —Wᵀ→ g → g_id —W→ y", org.tpe.render.text.PathText.of(p, vars.get(1)));
    assertEquals("x0 —W1→ g1 → x1 —W2→ g2", org.tpe.render.text.PathText.of(r,
        ps.get(0).vars()));
  }

  @Test
  void pathTextUsesTheNotationOfTheClassList() {
    Path p = new Path(List.of("v_id", "g", "g_id", "y"), List.of("W^T", "W"));
    assertEquals("v_id —Wᵀ→ g → g_id —W→ y", org.tpe.render.text.PathText.of(p));
    assertEquals("W2 W2ᵀ", org.tpe.render.text.PathText.word(List.of("W2", "W2^T")));
  }
}
