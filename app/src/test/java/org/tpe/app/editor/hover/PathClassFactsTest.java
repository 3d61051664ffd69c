package org.tpe.app.editor.hover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tpe.model.Program;
import org.tpe.paths.IsomorphismClass;
import org.tpe.paths.Path;
import org.tpe.paths.PathAnalysis;
import org.tpe.paths.PathSet;
import org.tpe.samples.Samples;
import org.tpe.session.PathReport;

/**
 * What an isomorphism class's hover card says (TP IIb §5.1). The residual network of depth 6 has
 * 2⁶ − 1 = 63 paths to h6, one per non-empty increasing word W_{i1} … W_{ik} (each class a single
 * path: x_{i1−1} —W_{i1}→ g_{i1} → … through the skip connections); shares and pair counts below
 * are worked out by hand.
 */
class PathClassFactsTest {
  /** The report the session would make, straight from the path analysis. */
  private static PathReport report(Program p) {
    PathAnalysis a = PathAnalysis.of(p);
    PathSet set = a.pathsToOutputs();
    List<PathReport.PathClass> cs = new ArrayList<>();
    for (IsomorphismClass c : set.firstClasses(1000).classes()) {
      cs.add(new PathReport.PathClass(c.word(), c.count(), c.pathLength()));
    }
    return new PathReport(1, null, set.count(), cs, set.notes(), a.wasReduced(), null);
  }

  @Test
  void aResnetClassIsOneOfSixtyThreePathsWithItsMatricesAndItsOnePath() {
    Program p = Samples.get("resnet").program();
    PathReport r = report(p);
    assertEquals(BigInteger.valueOf(63), r.count());
    int i = r.classes().stream().map(PathReport.PathClass::word).toList()
        .indexOf(List.of("W2", "W3"));
    PathClassFacts f = PathClassFacts.of(p, r, i, List.of(List.of("x1", "g2", "x2", "g3")));
    assertEquals("W2 W3   isomorphism class " + (i + 1) + " of 63", f.title());
    // 1/63 = 1.587…% → two significant digits
    assertEquals("1 of the 63 paths ending at the outputs (h6): 1.6%", f.facts().get(0));
    assertEquals("|p| = 4 vectors: 2 MatMuls (odd steps) and 1 Nonlin between them (even steps)",
        f.facts().get(1));
    assertEquals("the word: its matrices in path order, W2 W3; W2 (σ² = 1.000), W3 (σ² = 1.000)",
        f.facts().get(2));
    assertTrue(f.facts().get(3).contains("1² = 1 ordered pair of its paths"), f.facts().get(3));
    assertEquals("its path: x1 —W2→ g2 → x2 —W3→ g3", f.facts().get(f.facts().size() - 1));
    assertEquals("", f.limit());
    assertEquals("", f.definition());
  }

  @Test
  void aClassOfThreeOfSevenPathsWritesItsShareItsPairsAndWhatIsLeftToList() {
    Program p = Samples.get("wwt-v").program();
    PathReport r = new PathReport(1, "y", BigInteger.valueOf(7), List.of(
        new PathReport.PathClass(List.of("W^T", "W"), BigInteger.valueOf(3), 4),
        new PathReport.PathClass(List.of("W"), BigInteger.valueOf(4), 2)), List.of(), true, null);
    List<List<String>> two = List.of(List.of("v_id", "g", "g_id", "y"),
        List.of("v_id", "g", "g_id", "y"));
    PathClassFacts f = PathClassFacts.of(p, r, 0, two);
    assertEquals("3 of the 7 paths ending at y: 43%", f.facts().get(0), "3/7 = 42.9%");
    assertTrue(f.facts().get(2).endsWith("W (σ² = 1.000); a transpose has its own Ẑ family"),
        f.facts().get(2));
    assertTrue(f.facts().get(3).contains("3² = 9 ordered pairs"), f.facts().get(3));
    assertTrue(f.facts().contains("paths of the reduced program (TP IIb Def. 5.4)"));
    assertEquals("its first paths: v_id —Wᵀ→ g → g_id —W→ y;  v_id —Wᵀ→ g → g_id —W→ y;  and 1"
        + " more", f.facts().get(f.facts().size() - 1));
    PathClassFacts one = PathClassFacts.of(p, r, 1, null);
    assertEquals("|p| = 2 vectors: 1 MatMul (odd steps) and no Nonlin", one.facts().get(1));
    assertEquals("enumerating its first paths…", one.facts().get(one.facts().size() - 1));
    assertEquals("4 of the 7 paths ending at y: 57%", one.facts().get(0), "4/7 = 57.1%");
    PathReport only = new PathReport(1, "y", BigInteger.ONE, List.of(new PathReport.PathClass(
        List.of("W"), BigInteger.ONE, 2)), List.of(), false, null);
    assertEquals("the only path ending at y", PathClassFacts.of(p, only, 0, null).facts().get(0));
    PathClassFacts unknown = PathClassFacts.of(p, r, 1, List.of());
    assertFalse(unknown.facts().stream().anyMatch(s -> s.startsWith("its ")),
        "no paths listed when none are known");
  }

  @Test
  void sharesRoundToTwoDigitsAndSayAllForAll() {
    assertEquals("all of them", PathClassFacts.share(BigInteger.TWO, BigInteger.TWO));
    assertEquals("50%", PathClassFacts.share(BigInteger.ONE, BigInteger.TWO));
    assertEquals("33%", PathClassFacts.share(BigInteger.ONE, BigInteger.valueOf(3)));
    assertEquals("0.001%", PathClassFacts.share(BigInteger.ONE, BigInteger.valueOf(100_000)));
  }

  @Test
  void theFirstPathsWrittenAreThoseThePathAnalysisEnumerates() {
    Program p = Samples.get("resnet").program();
    PathReport r = report(p);
    PathSet set = PathAnalysis.of(p).pathsToOutputs();
    IsomorphismClass c = set.classOf(List.of("W1")).orElseThrow();
    List<List<String>> first = c.paths().limit(3).map(Path::vars).toList();
    int i = r.classes().stream().map(PathReport.PathClass::word).toList().indexOf(List.of("W1"));
    PathClassFacts f = PathClassFacts.of(p, r, i, first);
    assertEquals("its path: x0 —W1→ g1", f.facts().get(f.facts().size() - 1));
  }
}
