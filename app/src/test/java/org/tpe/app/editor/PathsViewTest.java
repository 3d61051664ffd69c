package org.tpe.app.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tpe.model.Program;
import org.tpe.paths.Path;
import org.tpe.paths.PathAnalysis;
import org.tpe.render.scene.Highlight;
import org.tpe.samples.Samples;
import org.tpe.session.PathReport;

/**
 * The paths panel's highlight and text, given the paths as the analysis session hands them out
 * (each path its vectors p⁰, p¹, … of the reduced program, {@code Path::vars}). Expected sets are
 * read off the programs by hand.
 */
class PathsViewTest {
  private static List<List<String>> members(PathAnalysis a, String target, List<String> word) {
    return (target == null ? a.pathsToOutputs() : a.pathsTo(target)).classOf(word).orElseThrow()
        .paths().map(Path::vars).toList();
  }

  @Test
  void aResnetClassLightsTheSumsAndStreamBetweenItsGVarsOnTheDrawnProgram() {
    // resnet: x_{l-1} = relu(h_{l-1}), g_l = W_l x_{l-1}, h_l = h_{l-1} + g_l, output h6. The path
    // x0 -W1-> g1 -> x1 -W2-> g2 reaches x1 through the sum h1 = h0 + g1, and the output h6
    // through h2 = h1 + g2, h3, …, h6.
    Program p = Samples.get("resnet").program();
    PathAnalysis a = PathAnalysis.of(p);
    Highlight h = PathsView.highlight(p, null, members(a, null, List.of("W1", "W2")));
    assertEquals(Set.of("x0", "g1", "h1", "x1", "g2", "h2", "h3", "h4", "h5", "h6"),
        h.variables());
    assertEquals(Set.of(new Highlight.Step("g1", "h1"), new Highlight.Step("h1", "x1"),
        new Highlight.Step("g2", "h2"), new Highlight.Step("h5", "h6")), Set.copyOf(
        h.steps().stream().filter(s -> Set.of("g1", "h1", "g2", "h5").contains(s.from()))
            .toList()));
    // the paths of a selected G-var end there: nothing of the stream after it
    Highlight at = PathsView.highlight(p, "g2", members(a, "g2", List.of("W1", "W2")));
    assertEquals(Set.of("x0", "g1", "h1", "x1", "g2"), at.variables());
  }

  @Test
  void pathsThroughAnInsertedIdentityLightTheGVarItCopies() {
    // wwt-v: g = Wᵀ v, y = W g. The reduction inserts v_id = id(v) and g_id = id(g) (TP IIb Def.
    // 5.4); neither is drawn, so v -Wᵀ-> g -W-> y is what lights.
    Program p = Samples.get("wwt-v").program();
    Highlight h = PathsView.highlight(p, null, members(PathAnalysis.of(p), null,
        List.of("W^T", "W")));
    assertEquals(Set.of("v", "g", "y"), h.variables());
    assertEquals(Set.of(new Highlight.Step("v", "g"), new Highlight.Step("g", "y")), h.steps());
  }

  @Test
  void classAndMemberLinesWriteTransposesAsTheDiagramDoes() {
    Program p = Samples.get("wwt-v").program();
    assertEquals("Wᵀ W    — 1 path, |p| = 2", PathsView.describe(new PathReport.PathClass(
        List.of("W^T", "W"), BigInteger.ONE, 2)));
    assertEquals("v_id —Wᵀ→ g → g_id —W→ y", PathsView.describe(p, List.of("v_id", "g", "g_id",
        "y")));
  }
}
