package org.tpe.ntk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tpe.format.TpParser;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.ProgressListener;
import org.tpe.model.Program;
import org.tpe.ntk.bench.NtkDeepMlpBenchmark;

/**
 * The block route ({@link KernelRecursion}: k×k blocks on the single-input program) against the
 * instantiated route (the backward pass copied on the k inputs, through the exact limit engine):
 * two computations that share only the closed forms of {@link
 * org.tpe.limit.gauss.GaussianIntegrals}, not the bookkeeping (the instantiation, the copies'
 * covariances, the ZHat families of the k-input program, its expansions and pair table). Where the
 * instantiated route uses closed forms too, they agree to rounding: 1e-12 relative to the
 * kernel's largest entry. Where it integrates (erf′ = (2/√π)e^{−h²}: 2-D Gauss–Kronrod with an
 * error bound; the block route has the closed form det(I + 2Σ)^{−1/2}), the difference must lie
 * within the error the instantiated route reports, plus the same 1e-12.
 */
class KernelRecursionTest {

  static final String RESNET = """
      input h0 : G(n) ~ N(0, 1)
      input W1 : A(n, n) ~ N(0, 0.5/n)
      input W2 : A(n, n) ~ N(0, 0.5/n)
      input v : G(n) ~ N(0, 1)
      x0 := relu(h0)
      g1 := W1 x0
      h1 := h0 + g1
      x1 := relu(h1)
      g2 := W2 x1
      h2 := h1 + g2
      inputs ξ1, ξ2, ξ3
      gram ξ1 : 1, 0.3, -0.2
      gram ξ2 : 0.3, 0.7, 0.1
      gram ξ3 : -0.2, 0.1, 1.4
      embedding U : h0
      param U, W1, W2, v
      readout v · h2
      """;

  /** Two biases declared correlated (one family of shared initial vectors), a squared Nonlin. */
  static final String CORRELATED_BIASES_SQUARE = """
      input e : G(n) ~ N(0, 1.5)
      input b1 : G(n) ~ N(0, 0.2)
      input b2 : G(n) ~ N(0, 0.3)
      input W2 : A(n, n) ~ N(0, 0.8/n)
      input v : G(n) ~ N(0, 1)
      cov(b1, b2) = 0.1
      h1 := e + b1
      x1 := relu(h1)
      g2 := W2 x1
      h2 := g2 + b2
      x2 := h2 * h2
      inputs ξ1, ξ2
      gram ξ1 : 1, 0.4
      gram ξ2 : 0.4, 0.9
      embedding U : e
      param U, b1, W2, b2, v
      readout v · x2
      """;

  /** The readout reads e^{−e²} + 1 (U fixed): E e^{−λY²} alone, and the pair's closed form. */
  static final String GAUSSIAN_EXPONENTIAL = """
      input e : G(n) ~ N(0, 0.9)
      input v : G(n) ~ N(0, 1)
      y := exp(-0.5*e^2) + 1
      inputs ξ1, ξ2
      gram ξ1 : 1, -0.3
      gram ξ2 : -0.3, 1.6
      embedding U : e
      param v
      readout v · y
      """;

  static Stream<Arguments> networks() {
    return Stream.of(
        Arguments.of("relu MLP with biases", MlpNtkTest.mlp("relu", 3, 2, 2, 0.1, 1,
            MlpNtkTest.GRAM)),
        Arguments.of("erf MLP with biases", MlpNtkTest.mlp("erf", 3, 1.5, 1.3, 0.2, 0.7,
            MlpNtkTest.GRAM)),
        Arguments.of("erf RNN on two sequences", RnnNtkTest.rnn(1.2, 0.8, 0.05, 1.5)),
        Arguments.of("residual network", RESNET),
        Arguments.of("correlated biases, x²", CORRELATED_BIASES_SQUARE),
        Arguments.of("Gaussian exponential", GAUSSIAN_EXPONENTIAL));
  }

  static NtkResult compute(Program p, NtkLimit.Route route) {
    return NtkLimit.compute(p, LimitOptions.defaults(), false, route, ProgressListener.NONE,
        CancellationToken.NONE);
  }

  /** |block − instantiated| ≤ 1e-12 · (largest |entry| of the kernel) + the instantiated error. */
  static void assertAgree(Kernel want, Kernel got, String what) {
    int k = want.size();
    double scale = want.largestMagnitude();
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        double tol = 1e-12 * scale + want.error(a, b);
        assertEquals(want.value(a, b), got.value(a, b), tol, what + "[" + a + "][" + b + "]");
        assertEquals(0, got.error(a, b), what + ": closed forms, error 0");
      }
    }
  }

  static void assertSameNtk(NtkResult want, NtkResult got) {
    assertAgree(want.ntk(), got.ntk(), "Θ");
    assertAgree(want.nngp(), got.nngp(), "NNGP");
    assertEquals(want.byParameter().keySet(), got.byParameter().keySet());
    for (Map.Entry<String, Kernel> e : want.byParameter().entrySet()) {
      assertAgree(e.getValue(), got.byParameter().get(e.getKey()), "Θ_" + e.getKey());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("networks")
  void blockRouteEqualsTheInstantiatedRoute(String name, String text) {
    Program p = TpParser.parse(text);
    NtkResult blocks = compute(p, NtkLimit.Route.AUTO);
    assertEquals("limit (k×k kernel blocks, closed forms)", blocks.method(), name);
    NtkResult inst = compute(p, NtkLimit.Route.INSTANTIATED);
    assertTrue(inst.method().startsWith("limit (exact"), inst.method());
    assertSameNtk(inst, blocks);
  }

  @Test
  void deepBenchmarkMlpGoesThroughBlocksAndAgrees() {
    Program p = NtkDeepMlpBenchmark.program();
    NtkResult blocks = compute(p, NtkLimit.Route.BLOCKS);
    assertSameNtk(compute(p, NtkLimit.Route.INSTANTIATED), blocks);
    assertTrue(blocks.notes().stream().anyMatch(n -> n.contains("8×8 block per pair")),
        blocks.notes().toString());
  }

  /**
   * A 1000-layer ReLU MLP (σ_U² = σ_W² = 2, G_aa = 1, no biases) through the block route without
   * overflowing a stack: Σ^l = 2, K^l = 1 and K̇^l = 1/2 on the diagonal, so Θ̃^{l+1} = 1 + Θ̃^l
   * from Θ̃¹ = G = 1, and Θ(ξ, ξ) = K^L + σ_v² K̇^L Θ̃^L = 1 + L/2.
   */
  @Test
  void aThousandLayerMlpGoesThroughTheBlocks() {
    int depth = 1000;
    StringBuilder b = new StringBuilder("input h1 : G(n) ~ N(0, 2)\n");
    for (int l = 2; l <= depth; l++) {
      b.append("input W").append(l).append(" : A(n, n) ~ N(0, 2/n)\n");
    }
    b.append("input v : G(n) ~ N(0, 1)\nx1 := relu(h1)\n");
    for (int l = 2; l <= depth; l++) {
      b.append("h").append(l).append(" := W").append(l).append(" x").append(l - 1)
          .append("\nx").append(l).append(" := relu(h").append(l).append(")\n");
    }
    b.append("inputs ξ1, ξ2\ngram ξ1 : 1, 0.5\ngram ξ2 : 0.5, 1\nembedding U : h1\nparam U, v");
    for (int l = 2; l <= depth; l++) {
      b.append(", W").append(l);
    }
    b.append("\nreadout v · x").append(depth).append('\n');
    NtkResult r = compute(TpParser.parse(b.toString()), NtkLimit.Route.BLOCKS);
    assertEquals(1 + depth / 2.0, r.ntk().value(0, 0), 1e-12 * depth);
    assertEquals(1 + depth / 2.0, r.ntk().value(1, 1), 1e-12 * depth);
  }

  @Test
  void tiedAutoencoderHasZDotSoTakesTheInstantiatedRoute() {
    Program p = TpParser.parse("""
        input e : G(n) ~ N(0, 1)
        input W : A(n, n) ~ N(0, 1.5/n)
        input v : G(n) ~ N(0, 1)
        x1 := relu(e)
        h2 := W x1
        x2 := relu(h2)
        h3 := W^T x2
        inputs ξ1, ξ2
        gram ξ1 : 1, 0.5
        gram ξ2 : 0.5, 1.2
        embedding U : e
        param U, W, v
        readout v · h3
        """);
    NtkResult r = compute(p, NtkLimit.Route.AUTO);
    assertTrue(r.method().startsWith("limit (exact"), r.method());
    assertTrue(r.notes().stream().anyMatch(n -> n.contains("not k×k kernel blocks: a ZDot term"
        + " is present")), r.notes().toString());
    NtkException e = assertThrows(NtkException.class, () -> compute(p, NtkLimit.Route.BLOCKS));
    assertTrue(e.getMessage().contains("ZDot"), e.getMessage());
  }

  @Test
  void momentsAndFunctionsWithoutClosedFormTakeTheInstantiatedRoute() {
    String attention = """
        input e1 : G(n) ~ N(0, 1)
        input e2 : G(n) ~ N(0, 1)
        input W : A(n, n) ~ N(0, 2/n)
        input r : G(n) ~ N(0, 1)
        x1 := relu(e1)
        x2 := relu(e2)
        q1 := W x1
        q2 := W x2
        s12 := avg(q1 * q2)
        o1 := s12 * q1 + q2
        inputs ξ, ζ
        gram ξ(1) : 1, 0.4, 0.5, 0.1
        gram ξ(2) : 0.4, 0.6, 0.2, 0.3
        gram ζ(1) : 0.5, 0.2, 1.2, -0.3
        gram ζ(2) : 0.1, 0.3, -0.3, 0.8
        embedding U : e1, e2
        param U, W, r
        readout r · o1
        """;
    NtkResult m = compute(TpParser.parse(attention), NtkLimit.Route.AUTO);
    assertTrue(m.notes().stream().anyMatch(n -> n.contains("s12 is a Moment, whose value differs"
        + " per input")), m.notes().toString());
    String tanh = MlpNtkTest.mlp("tanh", 2, 1, 1.5, 0.1, 1, MlpNtkTest.GRAM);
    NtkResult t = compute(TpParser.parse(tanh), NtkLimit.Route.AUTO);
    assertTrue(t.notes().stream().anyMatch(n -> n.contains("no closed form is used for tanh")),
        t.notes().toString());
    // a bias with a non-zero mean: E relu relu of non-centred Gaussians has no closed form here
    String mean = MlpNtkTest.mlp("relu", 2, 2, 2, 0.1, 1, MlpNtkTest.GRAM)
        .replace("input b1 : G(n) ~ N(0, 0.1)", "input b1 : G(n) ~ N(0.3, 0.1)");
    NtkResult n = compute(TpParser.parse(mean), NtkLimit.Route.AUTO);
    assertTrue(n.method().startsWith("limit (exact"), n.method());
    assertTrue(n.notes().stream().anyMatch(x -> x.contains("no closed form is used for E[relu ·"
        + " relu]")), n.notes().toString());
  }

  @Test
  void aParticleEngineAskedForTakesTheInstantiatedRoute() {
    Program p = TpParser.parse(MlpNtkTest.mlp("relu", 2, 2, 2, 0.1, 1, MlpNtkTest.GRAM));
    NtkResult r = NtkLimit.compute(p, LimitOptions.defaults().withEngine(
        LimitOptions.Engine.PARTICLE).withSamples(1 << 12), false, ProgressListener.NONE,
        CancellationToken.NONE);
    assertTrue(r.method().contains("particle"), r.method());
    assertTrue(r.notes().stream().anyMatch(n -> n.contains("the particle engine is asked for")),
        r.notes().toString());
  }
}
