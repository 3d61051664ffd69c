package org.tpe.render.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tpe.model.Program;
import org.tpe.render.scene.Scene;
import org.tpe.samples.Samples;

/**
 * The automatic layout is readable (see {@link Readability} for the rules) on every sample, on
 * long structured programs and on seeded random ones; and long chains are wrapped into rows, so
 * that at Fit in a 1400 × 900 window labels stay at least 9 pt (TP IIb's resnet and the μP SGD
 * step used to shrink to a one-row strip).
 */
class ReadabilityTest {
  /** Layouts by program, computed once for the three tests (the long programs take a while). */
  private static final java.util.Map<Program, Layout> LAYOUTS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static Layout layout(Program p) {
    return LAYOUTS.computeIfAbsent(p, AutoLayout::layout);
  }

  /** Samples and long programs: every rule, including the label size at Fit. */
  static Stream<Arguments> readable() {
    List<Arguments> out = new ArrayList<>();
    for (Samples.Sample s : Samples.all()) {
      out.add(Arguments.of(s.name(), s.program()));
    }
    out.add(Arguments.of("300-vector MLP", GeneratedPrograms.mlp(300)));
    return out.stream();
  }

  /** Programs for the geometric rules and the aspect ratio (not all fit at 9 pt). */
  static Stream<Arguments> drawable() {
    List<Arguments> out = new ArrayList<>();
    out.add(Arguments.of("240-line backward pass", GeneratedPrograms.backprop(48)));
    out.add(Arguments.of("240-line random program", GeneratedPrograms.random(7, 240)));
    for (int seed = 1; seed <= 12; seed++) {
      out.add(Arguments.of("random program " + seed, GeneratedPrograms.random(seed, 12 + 4
          * seed)));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"readable", "drawable"})
  void nothingOverlapsAndNoEdgeCrossesANodeOrALabel(String name, Program p) {
    DiagramGraph g = DiagramGraph.of(p);
    List<String> bad = Readability.geometry(p, g, layout(p));
    assertEquals(List.of(), bad.subList(0, Math.min(12, bad.size())), name + ": " + bad.size()
        + " problems");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"readable", "drawable"})
  void largeDiagramsKeepAnAspectRatioWithinOneToFour(String name, Program p) {
    DiagramGraph g = DiagramGraph.of(p);
    Scene s = Readability.scene(p, layout(p));
    if (g.nodes().size() > Readability.MANY) {
      assertTrue(Readability.ratio(s) <= Readability.MAX_RATIO, name + ": "
          + s.bounds().w() + " × " + s.bounds().h());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readable")
  void labelsAreAtLeastNinePointAtFitInA1400By900Window(String name, Program p) {
    Scene s = Readability.scene(p, layout(p));
    double pt = Readability.labelPtAtFit(s);
    assertTrue(pt >= Readability.MIN_LABEL_PT, name + ": labels " + pt + " pt at Fit of "
        + s.bounds().w() + " × " + s.bounds().h());
  }
}
