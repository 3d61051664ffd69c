package org.tpe.app.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tpe.model.Program;
import org.tpe.paths.IsomorphismClass;
import org.tpe.paths.PathAnalysis;
import org.tpe.samples.Samples;
import org.tpe.session.PathReport;

/**
 * The Paths filter. In the depth-6 residual network the classes to h6 are the 63 non-empty
 * subsets of {W1, …, W6} written in increasing order (TP IIb §5.1), so the classes whose word has
 * W2 are the subsets containing 2: 2⁵ = 32 of them; those with W2 and W3: 2⁴ = 16.
 */
class PathsFilterTest {
  private static final Program RESNET = Samples.get("resnet").program();

  private static List<PathReport.PathClass> resnetClasses() {
    List<PathReport.PathClass> cs = new ArrayList<>();
    for (IsomorphismClass c : PathAnalysis.of(RESNET).pathsToOutputs().firstClasses(1000)
        .classes()) {
      cs.add(new PathReport.PathClass(c.word(), c.count(), c.pathLength()));
    }
    return cs;
  }

  @Test
  void matrixTermsKeepTheClassesWhoseWordHasThem() {
    List<PathReport.PathClass> all = resnetClasses();
    assertEquals(63, all.size());
    assertEquals(32, PathsFilter.of(RESNET, "W2").classes(all).size());
    assertEquals(32, PathsFilter.of(RESNET, "  w2 ").classes(all).size(), "case and spaces");
    assertEquals(16, PathsFilter.of(RESNET, "W2 W3").classes(all).size());
    assertEquals(63, PathsFilter.of(RESNET, "W").classes(all).size(), "a prefix being typed");
    assertEquals("32 of 63 classes with W2 in their word",
        PathsFilter.of(RESNET, "W2").summary(32, 63));
    assertTrue(PathsFilter.of(RESNET, "").isEmpty());
    assertEquals(63, PathsFilter.of(RESNET, null).classes(all).size());
    assertEquals("", PathsFilter.of(RESNET, " ").summary(63, 63));
  }

  @Test
  void vectorTermsKeepEveryClassAndThePathsThroughThem() {
    List<PathReport.PathClass> all = resnetClasses();
    PathsFilter f = PathsFilter.of(RESNET, "x1");
    assertEquals(63, f.classes(all).size(), "a class's vectors are not known before listing");
    assertTrue(f.keepsPath(List.of("x1", "g2")));
    assertFalse(f.keepsPath(List.of("x0", "g1", "x2", "g3")));
    assertEquals("63 of 63 classes; paths through x1", f.summary(63, 63));
    PathsFilter both = PathsFilter.of(RESNET, "W2 x1");
    assertEquals(32, both.classes(all).size());
    assertEquals(List.of(List.of("x1", "g2"), List.of("x0", "g1", "x1", "g2")),
        both.paths(List.of(List.of("x1", "g2"), List.of("x0", "g1", "x1", "g2"),
            List.of("x0", "g1"))));
  }

  @Test
  void transposesMatchHoweverTheyAreWritten() {
    Program p = Samples.get("mlp-backward").program();
    List<PathReport.PathClass> cs = List.of(
        new PathReport.PathClass(List.of("W2"), BigInteger.ONE, 2),
        new PathReport.PathClass(List.of("W2", "W2^T"), BigInteger.TWO, 4));
    for (String t : List.of("W2^T", "W2ᵀ", "w2^⊤", "W2⊤", "w2^t")) {
      assertEquals(List.of(cs.get(1)), PathsFilter.of(p, t).classes(cs), t);
    }
    assertEquals(cs, PathsFilter.of(p, "W2^").classes(cs), "a transpose half typed is W2");
  }

  @Test
  void aTermThatNamesNothingKeepsNothingAndSaysWhatToType() {
    List<PathReport.PathClass> all = resnetClasses();
    PathsFilter f = PathsFilter.of(RESNET, "W2 zz");
    assertTrue(f.classes(all).isEmpty());
    assertFalse(f.keepsPath(List.of("x1", "g2")));
    assertEquals("no matrix or vector is named like “zz”: type part of a matrix's name (W2, W2ᵀ)"
        + " for the words, of a vector's (x1) for the paths", f.summary(0, 63));
  }
}
