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
        Arguments.of("mlp-one-input", "deterministic"),
        Arguments.of("mlp-two-inputs", "deterministic"),
        // relu of a normalised batch of 3: 3-dimensional kinked integrals exceed the budget
        Arguments.of("mlp-batchnorm", "particle"),
        Arguments.of("rnn-two-sequences", "deterministic"),
        // the GRU's gates multiply four correlated G-vars: a 4-dimensional integral
        Arguments.of("gru", "particle"),
        Arguments.of("mlp-backward", "deterministic"),
        Arguments.of("wwt-v", "particle"),
        Arguments.of("layernorm", "deterministic"),
        Arguments.of("attention", "deterministic"),
        Arguments.of("resnet", "deterministic"),
        Arguments.of("sgd-step-mup", "particle"),
        Arguments.of("ntk-mlp-relu", "deterministic"),
        Arguments.of("ntk-mlp-erf", "deterministic"),
        Arguments.of("ntk-rnn", "deterministic"),
        Arguments.of("ntk-resnet", "deterministic"),
        Arguments.of("ntk-autoencoder", "particle"),
        Arguments.of("ntk-attention", "deterministic"),
        Arguments.of("ntk-attention-shared", "deterministic"),
        Arguments.of("train-mup-mlp", "deterministic"),
        Arguments.of("train-ntk-mlp", "deterministic"),
        Arguments.of("train-sp-mlp", "deterministic"),
        Arguments.of("train-linear", "deterministic"));
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
    // W Wᵀ v: E[Z^y Z^v] = σ² (σ² = 1 in the sample)
    Estimate yv = limits("wwt-v").secondMoment("y", "v");
    assertTrue(Math.abs(yv.value() - 1) <= 6 * yv.error(), yv.toString());
  }
}
