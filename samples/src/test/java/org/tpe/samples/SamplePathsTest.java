package org.tpe.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tpe.paths.IsomorphismClass;
import org.tpe.paths.Path;
import org.tpe.paths.PathAnalysis;
import org.tpe.paths.PathSet;

/**
 * Pins the paths and isomorphism classes ending at every sample's outputs (what {@code tpe paths
 * --json} prints). The counts are checked against a brute-force oracle in graph-model's {@code
 * PathAnalysisTest}; those derived by hand here are marked.
 */
class SamplePathsTest {

  static Stream<Arguments> pins() {
    // name, paths ending at the outputs, isomorphism classes
    return Stream.of(
        Arguments.of("mlp-one-input", 1, 1),
        Arguments.of("mlp-two-inputs", 4, 2),
        Arguments.of("mlp-batchnorm", 3, 1),
        Arguments.of("rnn-two-sequences", 4, 2),
        Arguments.of("gru", 15, 12),
        Arguments.of("mlp-backward", 3, 3),
        Arguments.of("wwt-v", 2, 2),
        Arguments.of("layernorm", 1, 1),
        Arguments.of("attention", 2, 1),
        Arguments.of("resnet", 63, 63),
        Arguments.of("sgd-step-mup", 4, 3),
        Arguments.of("ntk-mlp-relu", 2, 2),
        Arguments.of("ntk-mlp-erf", 1, 1),
        Arguments.of("ntk-rnn", 2, 2),
        Arguments.of("ntk-resnet", 15, 15),
        Arguments.of("ntk-autoencoder", 2, 2),
        // u1 and u2 end one path each, both by Wv
        Arguments.of("ntk-attention", 2, 1),
        Arguments.of("ntk-attention-shared", 2, 1),
        // x := tanh(e), h̄ := W x, x̄ := tanh(h̄): the one path (x, h̄)
        Arguments.of("train-mup-mlp", 1, 1),
        Arguments.of("train-ntk-mlp", 1, 1),
        Arguments.of("train-sp-mlp", 1, 1),
        // no MatMul: no path
        Arguments.of("train-linear", 0, 0),
        // by hand: a chain of L MatMuls has L paths to its output, one entering before each
        // matrix (W_L; W_{L−1} W_L; …), each its own class
        Arguments.of("spectrum-linear", 3, 3),
        Arguments.of("spectrum-relu", 5, 5),
        Arguments.of("spectrum-erf", 4, 4),
        Arguments.of("spectrum-orthogonal", 6, 6));
  }

  private static PathSet outputs(String sample) {
    return PathAnalysis.of(Samples.get(sample).program()).pathsToOutputs();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pins")
  void sampleHasThePinnedPathsAndClasses(String name, int paths, int classes) {
    PathSet s = outputs(name);
    assertEquals(BigInteger.valueOf(paths), s.count(), name);
    assertEquals(paths, s.paths().count(), name);
    List<IsomorphismClass> cs = s.classes();
    assertEquals(classes, cs.size(), name);
    assertEquals(s.count(), cs.stream().map(IsomorphismClass::count)
        .reduce(BigInteger.ZERO, BigInteger::add), name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pins")
  void sampleReductionIsReducedAndStable(String name, int paths, int classes) {
    org.tpe.model.Program p = Samples.get(name).program();
    org.tpe.model.Program r = org.tpe.validate.Reducer.reduce(p);
    assertEquals(true, org.tpe.validate.Reducer.isReduced(r), name);
    assertEquals(r, org.tpe.validate.Reducer.reduce(r), name);
    assertEquals(p.outputs(), r.outputs(), name);
    assertEquals(r, org.tpe.format.TpParser.parse(org.tpe.format.TpPrinter.print(r)), name);
  }

  @Test
  void everySampleIsPinned() {
    assertEquals(Samples.all().size(), pins().count());
  }

  private static Map<String, BigInteger> words(PathSet s) {
    return s.classes().stream().collect(Collectors.toMap(c -> String.join(" ", c.word()),
        IsomorphismClass::count));
  }

  /** By hand: h_l = h_{l−1} + W_l relu(h_{l−1}) gives c_l = 2c_{l−1} + 1, c_0 = 0: c_6 = 63. */
  @Test
  void resnetHasTwoToTheDepthMinusOnePathsOnePerIncreasingWord() {
    PathSet s = outputs("resnet");
    assertEquals(BigInteger.valueOf(63), s.count());
    assertEquals(BigInteger.ONE, words(s).get("W1 W3 W6"));
    assertEquals(null, words(s).get("W3 W1"));
  }

  /**
   * By hand: reduced y = W g_id, g_id = id(g), g = Wᵀ v_id, v_id = id(v): the paths ending at y
   * are (g_id, y) and (v_id, g, g_id, y).
   */
  @Test
  void wwtVHasTheTwoPathsOfItsReduction() {
    assertEquals(List.of(new Path(List.of("g_id", "y"), List.of("W")),
        new Path(List.of("v_id", "g", "g_id", "y"), List.of("W^T", "W"))),
        outputs("wwt-v").paths().toList());
  }

  /**
   * By hand: the output X-var x2 = relu(h2) reads h2, ended by (x1, h2); dh1 = dx1 ⊙ step(u)
   * reads dx1 = W2ᵀ dh2 with dh2 = v ⊙ step(h2), ended by (dh2, dx1) and (x1, h2, dh2, dx1).
   */
  @Test
  void mlpBackwardHasTheForwardAndTheTwoBackwardPaths() {
    assertEquals(Map.of("W2", BigInteger.ONE, "W2^T", BigInteger.ONE, "W2 W2^T", BigInteger.ONE),
        words(outputs("mlp-backward")));
  }

  /**
   * By hand: on each input, x3 reads h3 (paths W3 and W2 W3); the two inputs share W2, W3, so the
   * classes are W3 and W2 W3 with two paths each.
   */
  @Test
  void mlpOnTwoInputsPairsIsomorphicPaths() {
    assertEquals(Map.of("W3", BigInteger.TWO, "W2 W3", BigInteger.TWO),
        words(outputs("mlp-two-inputs")));
  }

  /**
   * By hand (see the sample's comments): after reduction xb1 reads wx1 and hb0 (through dhb0 =
   * V ⊙ (1 − tanh(hb0)²)); x1 reads U and dx0 = Wᵀ dhb0. Paths: (x0, hb0); (x1, wx1);
   * (dhb0, dx0, x1, wx1); (x0, hb0, dhb0, dx0, x1, wx1) — the last has W meet Wᵀ.
   */
  @Test
  void sgdStepHasAPathWhereWMeetsItsTranspose() {
    assertEquals(Map.of("W", BigInteger.TWO, "W^T W", BigInteger.ONE, "W W^T W", BigInteger.ONE),
        words(outputs("sgd-step-mup")));
  }
}
