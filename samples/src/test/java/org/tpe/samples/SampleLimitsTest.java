package org.tpe.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.Estimate;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.Limits;

/**
 * Every sample's limits compute, with the engine pinned (and why), and without a NaN; a few values
 * derivable by hand are pinned too. Particle numbers are checked within 6 standard errors (16
 * batches: Student t with 15 degrees of freedom, false-failure chance ≈ 2·10⁻⁵ per check).
 */
class SampleLimitsTest {
  static Stream<Arguments> engines() {
    return Stream.of(
        Arguments.of("mlp-one-input", "exact"),
        Arguments.of("mlp-two-inputs", "exact"),
        // relu of a normalised batch of 3: 3-dimensional integrals exceed the run budget
        Arguments.of("mlp-batchnorm", "particle"),
        Arguments.of("rnn-two-sequences", "exact"),
        // the GRU's gates read at most 3 linear forms of G-vars at once
        Arguments.of("gru", "exact"),
        Arguments.of("mlp-backward", "exact"),
        Arguments.of("wwt-v", "exact"),
        Arguments.of("layernorm", "exact"),
        Arguments.of("attention", "exact"),
        Arguments.of("resnet", "exact"),
        // all 66 pairs need 13 three-dimensional integrals of tanh compositions (analytic: the
        // Gauss–Hermite ladder first, within the exact engine's run budget)
        Arguments.of("sgd-step-mup", "exact"),
        Arguments.of("ntk-mlp-relu", "exact"),
        Arguments.of("ntk-mlp-erf", "exact"),
        Arguments.of("ntk-rnn", "exact"),
        Arguments.of("ntk-resnet", "exact"),
        // W then Wᵀ in the forward pass: ZDot present, written out by the exact engine
        Arguments.of("ntk-autoencoder", "exact"),
        Arguments.of("ntk-attention", "exact"),
        Arguments.of("ntk-attention-shared", "exact"),
        Arguments.of("train-mup-mlp", "exact"),
        Arguments.of("train-ntk-mlp", "exact"),
        Arguments.of("train-sp-mlp", "exact"),
        Arguments.of("train-linear", "exact"),
        Arguments.of("spectrum-linear", "exact"),
        Arguments.of("spectrum-relu", "exact"),
        Arguments.of("spectrum-erf", "exact"),
        Arguments.of("spectrum-orthogonal", "exact"));
  }

  static CoordinateStatistics limits(String name) {
    return Limits.compute(Samples.get(name).program(),
        LimitOptions.defaults().withSamples(1 << 15));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("engines")
  void everySampleHasFiniteLimitsFromThePinnedEngine(String name, String method) {
    CoordinateStatistics s = limits(name);
    assertEquals(method, s.method(), () -> name + ": " + s.notes());
    assertTrue(s.notes().stream().anyMatch(n -> n.contains("engine chosen")), name);
    s.vectors().values().forEach(v -> {
      assertTrue(Double.isFinite(v.mean().value()) && Double.isFinite(v.variance().value()),
          name + " " + v);
    });
    s.scalars().values().forEach(e -> assertTrue(Double.isFinite(e.value()), name + " " + e));
    s.secondMoments().values().forEach(row -> row.values().forEach(
        e -> assertTrue(Double.isFinite(e.value()), name + " " + e)));
  }

  @org.junit.jupiter.api.Test
  void handDerivedValuesOfSamples() {
    // BP-like backward pass: E dh1² = σ² E v² E step(h2) E step(u) = 2 · 1 · ½ · ½
    assertEquals(0.5, limits("mlp-backward").secondMoment("dh1", "dh1").value(), 1e-12);
    // layer norm: ν = E h² = σ² E relu(u)² = 2 · ½
    assertEquals(1.0, limits("layernorm").scalars().get("ν").value(), 1e-12);
    // W Wᵀ v: Z^y = Ẑ^y + σ² Z^v, E[Z^y Z^v] = σ², E[(Z^y)²] = 2σ⁴ (σ² = 1 in the sample)
    assertEquals(1.0, limits("wwt-v").secondMoment("y", "v").value(), 1e-12);
    assertEquals(2.0, limits("wwt-v").secondMoment("y", "y").value(), 1e-12);
  }
}
