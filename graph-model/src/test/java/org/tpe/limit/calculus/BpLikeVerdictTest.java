package org.tpe.limit.calculus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.limit.calculus.BpLikeVerdict.Condition;
import org.tpe.validate.Validator;

/** BP-like by the definition's properties (TP II; seeds/004 Prop. 2), issue 15's table. */
class BpLikeVerdictTest {
  static final String FORWARD = "input u : G(n)\ninput u' : G(n)\ncov(u, u') = 0.5\n"
      + "input W : A(n, n) ~ N(0, 2/n)\ninput v : G(n)\n"
      + "x := relu(u)\nh := W x\nx' := relu(u')\nh' := W x'\n";

  static BpLikeVerdict verdict(String text) {
    return Validator.validate(TpParser.parse(text)).bpLike();
  }

  @Test
  void mlpBackwardWithTheReadoutUsedForTwoInputsIsBpLike() {
    BpLikeVerdict v = verdict(FORWARD + "dh := v * step(h)\ndx := W^T dh\n"
        + "dh' := v * step(h')\ndx' := W^T dh'\n");
    assertTrue(v.bpLike(), v.reason());
    assertEquals(List.of("v"), v.readouts());
    assertFalse(v.declared());
  }

  @Test
  void aReadoutWithNonzeroMeanFailsZeroMeanAtTheReadout() {
    BpLikeVerdict v = verdict(FORWARD.replace("input v : G(n)", "input v : G(n) ~ N(0.5, 1)")
        + "dh := v * step(h)\ndx := W^T dh\n");
    assertFalse(v.bpLike());
    assertEquals(Condition.ZERO_MEAN, v.failed(), v.reason());
    assertEquals("v", v.statement());
  }

  @Test
  void aReadoutCorrelatedWithAnInputFailsIndependence() {
    BpLikeVerdict v = verdict(FORWARD + "cov(v, u) = 0.3\ndh := v * step(h)\ndx := W^T dh\n");
    assertFalse(v.bpLike());
    assertEquals(Condition.INDEPENDENT, v.failed(), v.reason());
    assertEquals("v", v.statement());
  }

  @Test
  void aReadoutAlsoUsedInTheForwardPassHasNoCandidateOrBreaksTheForwardSide() {
    BpLikeVerdict v = verdict(FORWARD + "y := relu(h) + v\nh2 := W y\n"
        + "dh := v * step(h)\ndx := W^T dh\n");
    assertFalse(v.bpLike());
    assertEquals(Condition.READOUT_EXISTS, v.failed(), v.reason());
    BpLikeVerdict declared = Validator.validate(TpParser.parse(FORWARD
        + "y := relu(h) + v\nh2 := W y\ndh := v * step(h)\ndx := W^T dh\n"), Set.of("v"))
        .bpLike();
    assertTrue(declared.declared());
    assertEquals(Condition.FORWARD_FREE_OF_READOUTS, declared.failed(), declared.reason());
    assertEquals("h2", declared.statement());
  }

  @Test
  void wAndWTransposeInTheForwardPassHaveNoReadout() {
    BpLikeVerdict v = verdict("input u : G(n)\ninput W : A(n, n)\nx := relu(u)\nh := W x\n"
        + "y := relu(h)\ng := W^T y\n");
    assertFalse(v.bpLike());
    assertEquals(Condition.READOUT_EXISTS, v.failed(), v.reason());
    assertNull(v.statement());
  }

  @Test
  void aBackwardSignalEvenInTheReadoutNamesTheStatementThatBreaksOddness() {
    BpLikeVerdict v = verdict(FORWARD + "dh := v * v * step(h)\ndx := W^T dh\n");
    assertFalse(v.bpLike());
    assertEquals(Condition.BACKWARD_ODD_IN_READOUTS, v.failed(), v.reason());
    assertEquals("dh", v.statement());
  }

  @Test
  void theReadoutIsFoundByItsPropertiesNotItsPositionAmongCorrelatedEmbeddings() {
    // ua3 also feeds only the backward pass (through erf'(h3)), but it is correlated with ua1,
    // which the forward pass reads: only v can be the readout
    BpLikeVerdict v = verdict("input W : A(n, n)\ninput ua1 : G(n)\ninput ua3 : G(n)\n"
        + "input v : G(n)\ncov(ua1, ua3) = 0.4\ns1 := erf(ua1)\ng3 := W s1\n"
        + "dh3 := v * exp(-(g3 + ua3)^2)\nds := W^T dh3\n");
    assertTrue(v.bpLike(), v.reason());
    assertEquals(List.of("v"), v.readouts());
  }

  @Test
  void aProgramWithoutAMatrixUsedOnBothSidesNeedsNoCheck() {
    BpLikeVerdict v = verdict("input u : G(n)\ninput W : A(n, n)\nx := relu(u)\nh := W^T x\n");
    assertFalse(v.applicable());
  }
}
