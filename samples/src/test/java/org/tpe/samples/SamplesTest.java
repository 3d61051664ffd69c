package org.tpe.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tpe.format.TpParser;
import org.tpe.format.TpPrinter;
import org.tpe.model.Program;
import org.tpe.validate.LanguageLevel;
import org.tpe.validate.ValidationReport;
import org.tpe.validate.Validator;

/** Pins what the validator says of every sample (level, reduced, BP-like). */
class SamplesTest {

  static Stream<Arguments> expectations() {
    // name, level, reduced, BP-like applicable, BP-like verdict
    return Stream.of(
        Arguments.of("mlp-one-input", LanguageLevel.NETSOR, true, false, false),
        Arguments.of("mlp-two-inputs", LanguageLevel.NETSOR, true, false, false),
        Arguments.of("mlp-batchnorm", LanguageLevel.NETSOR, true, false, false),
        Arguments.of("rnn-two-sequences", LanguageLevel.NETSOR, true, false, false),
        // h0 (a G-var) feeds MatMuls and the state h1 (an X-var) feeds a Nonlin at step 2
        Arguments.of("gru", LanguageLevel.NETSOR, false, false, false),
        Arguments.of("mlp-backward", LanguageLevel.NETSOR_T, true, true, true),
        // g = Wᵀv is a G-var fed to the MatMul W g
        Arguments.of("wwt-v", LanguageLevel.NETSOR_T, false, true, false),
        Arguments.of("layernorm", LanguageLevel.NETSOR_T_PLUS, true, false, false),
        Arguments.of("attention", LanguageLevel.NETSOR_T_PLUS, true, false, false),
        Arguments.of("resnet", LanguageLevel.NETSOR, true, false, false),
        // x1 reads the X-var dh0 and xb1 the X-var dhb0: Nonlins of Nonlins
        Arguments.of("sgd-step-mup", LanguageLevel.NETSOR_T_PLUS, false, true, false),
        // networks: the program is the forward pass of one input (see NtkSamplesTest)
        Arguments.of("ntk-mlp-relu", LanguageLevel.NETSOR, true, false, false),
        Arguments.of("ntk-mlp-erf", LanguageLevel.NETSOR, true, false, false),
        Arguments.of("ntk-rnn", LanguageLevel.NETSOR, true, false, false),
        Arguments.of("ntk-resnet", LanguageLevel.NETSOR, true, false, false),
        // W then Wᵀ in the forward pass: not BP-like
        Arguments.of("ntk-autoencoder", LanguageLevel.NETSOR_T, true, true, false),
        Arguments.of("ntk-attention", LanguageLevel.NETSOR_T_PLUS, true, false, false),
        Arguments.of("ntk-attention-shared", LanguageLevel.NETSOR_T_PLUS, true, false, false),
        // trained networks: the program is still the forward pass of one input
        Arguments.of("train-mup-mlp", LanguageLevel.NETSOR, true, false, false),
        Arguments.of("train-ntk-mlp", LanguageLevel.NETSOR, true, false, false),
        Arguments.of("train-sp-mlp", LanguageLevel.NETSOR, true, false, false),
        Arguments.of("train-linear", LanguageLevel.NETSOR, true, false, false),
        // h1 := W1 x reads the G-var x (and each h_l the G-var h_{l−1})
        Arguments.of("spectrum-linear", LanguageLevel.NETSOR, false, false, false),
        Arguments.of("spectrum-relu", LanguageLevel.NETSOR, false, false, false),
        Arguments.of("spectrum-erf", LanguageLevel.NETSOR, true, false, false),
        Arguments.of("spectrum-orthogonal", LanguageLevel.NETSOR, true, false, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expectations")
  void sampleValidatesAsPinned(String name, LanguageLevel level, boolean reduced,
      boolean bpApplicable, boolean bpLike) {
    Program p = Samples.get(name).program();
    ValidationReport r = Validator.validate(p);
    assertFalse(r.hasErrors(), () -> name + ": " + r.errors());
    assertEquals(level, r.level(), name);
    assertEquals(reduced, r.reduced(), name);
    assertEquals(bpApplicable, r.bpLike().applicable(), () -> name + ": " + r.bpLike());
    assertEquals(bpLike, r.bpLike().bpLike(), () -> name + ": " + r.bpLike());
  }

  @Test
  void everySampleIsPinnedAndHasAHeaderSayingWhereItComesFrom() {
    assertEquals(Samples.all().size(), expectations().count());
    for (Samples.Sample s : Samples.all()) {
      String text = s.text();
      assertTrue(text.startsWith("# "), s.name() + " starts with a header comment");
      assertTrue(text.matches("(?s).*(TP I|TP II|TP III|TP IV|seeds/).*"),
          s.name() + " names its source");
      Program p = s.program();
      assertFalse(p.title().isEmpty(), s.name() + " has a title");
      assertEquals(p, TpParser.parse(TpPrinter.print(p)), s.name() + " survives print∘parse");
    }
  }

  @Test
  void mlpBackwardReadoutIsV() {
    ValidationReport r = Validator.validate(Samples.get("mlp-backward").program());
    assertEquals(java.util.List.of("v"), r.bpLike().readouts());
  }

  @Test
  void sgdStepIsNotBpLikeBecauseWMeetsItsTranspose() {
    ValidationReport r = Validator.validate(Samples.get("sgd-step-mup").program());
    assertEquals(org.tpe.limit.calculus.BpLikeVerdict.Condition.SEPARATE_PASSES,
        r.bpLike().failed(), r.bpLike().reason());
    assertEquals("wx1", r.bpLike().statement(), r.bpLike().reason());
    assertTrue(r.bpLike().reason().contains("W meets W^T"), r.bpLike().reason());
  }
}
