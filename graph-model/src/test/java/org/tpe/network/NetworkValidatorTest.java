package org.tpe.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.model.Problem;
import org.tpe.validate.Validator;

/** Every check of the network declarations, with its message and its place. */
class NetworkValidatorTest {
  static final String NET = """
      input h : G(n) ~ N(0, 1)
      input b : G(n) ~ N(0, 0.1)
      input W : A(n, n) ~ N(0, 2/n)
      input v : G(n) ~ N(0, 1)
      x := relu(h + b)
      g := W x
      y := relu(g)
      inputs a, c
      gram a : 1, 0.5
      gram c : 0.5, 1
      embedding U : h
      param U, W, b, v
      readout v · y
      """;

  private static List<Problem> errors(String text) {
    return Validator.validate(TpParser.parse(text)).errors();
  }

  /** The single error of {@code text}: at {@code where}, its message containing {@code what}. */
  private static void error(String text, String where, String what) {
    List<Problem> es = errors(text);
    assertEquals(1, es.size(), es.toString());
    assertEquals(where, String.valueOf(es.get(0).pos()), es.get(0).message());
    assertTrue(es.get(0).message().contains(what), es.get(0).message());
  }

  @Test
  void aWellFormedNetworkHasNoErrors() {
    assertEquals(List.of(), errors(NET));
  }

  @Test
  void readoutWeightsMustBeAZeroMeanIndependentInitialVector() {
    error(NET.replace("input v : G(n) ~ N(0, 1)", "input v : G(n) ~ N(1, 1)"), "13:9",
        "have mean 1");
    error(NET + "cov(v, b) = 0.1\n", "13:9", "correlated with b");
    error(NET.replace("readout v · y", "readout x · y").replace("param U, W, b, v",
        "param U, W, b"), "13:9", "must be an initial vector");
  }

  @Test
  void aParameterMustBeSomethingThatCanBeTrained() {
    error(NET.replace("param U, W, b, v", "param U, W, b, v, g"), "12:19",
        "g is a vector computed by the program");
    error(NET.replace("param U, W, b, v", "param U, W, b, v, Q"), "12:19",
        "parameter Q is not defined");
    error(NET.replace("param U, W, b, v", "param U, W, b, v, h"), "12:19",
        "an embedding vector of the input layer U");
  }

  @Test
  void embeddingVectorsAreZeroMeanInitialVectorsOfOneVarianceWithoutCovariances() {
    error(NET.replace("input h : G(n) ~ N(0, 1)", "input h : G(n) ~ N(0.5, 1)"), "11:15",
        "has mean 0, not 0.5");
    error(NET + "cov(h, b) = 0.2\n", "11:15", "come from the Gram matrix");
    error(NET.replace("embedding U : h", "embedding W : h").replace("param U, W, b, v",
        "param W, b, v"), "11:1", "names a matrix of the program");
    error(NET.replace("embedding U : h", "embedding U : x"), "11:15",
        "must be an initial vector");
  }

  @Test
  void gramRowsMustCoverEveryInputOnceSymmetrically() {
    error(NET.replace("gram c : 0.5, 1", "gram c : 0.4, 1"), "10:10", "not symmetric");
    error(NET.replace("gram c : 0.5, 1", "gram d : 0.5, 1"), "10:1", "d is not an input");
    error(NET.replace("gram c : 0.5, 1", "gram a : 0.5, 1"), "10:1", "given twice");
    error(NET.replace("gram a : 1, 0.5", "gram a : -1, 0.5"), "9:10",
        "negative diagonal entry");
    error(NET.replace("inputs a, c\n", ""), "8:1", "no inputs");
  }

  @Test
  void aParametrizationMustAgreeWithTheProgramsNormalisation() {
    error(NET.replace("param U, W, b, v", "param U, b, v\nparam W : abc(0, 0, 0)"), "13:11",
        "a + b = 1/2");
    error(NET.replace("param U, W, b, v", "param U, W, b\nparam v : abc(0, 0, 0)"), "14:9",
        "grows without bound");
  }

  @Test
  void aSequenceNetworkNeedsOneRowPerToken() {
    String seq = NET.replace("input b :", "input h2 : G(n) ~ N(0, 1)\ninput b :")
        .replace("embedding U : h", "embedding U : h, h2").replace("x := relu(h + b)",
            "x := relu(h + h2 + b)");
    List<Problem> es = errors(seq);
    assertEquals(2, es.size(), es.toString());
    assertEquals("10:1", es.get(0).pos().toString());
    assertTrue(es.get(0).message().contains("give one row per token: gram a(1)"),
        es.get(0).message());
  }

  @Test
  void warningsDoNotBlock() {
    List<Problem> ps = Validator.validate(TpParser.parse(NET.replace("param U, W, b, v",
        "param U, W, b, v, W"))).problems();
    assertTrue(ps.stream().anyMatch(p -> p.message().contains("declared twice")
        && !p.isError()), ps.toString());
  }

  /**
   * A reproducer of the fuzz run: a Gram entry of 0.7e308 made the eigendecomposition throw
   * MaxCountExceededException out of the validator, which is documented never to throw.
   */
  @Test
  void aGramMatrixTooExtremeToFactoriseIsAProblemNotAnException() {
    List<Problem> es = errors(NET.replace("gram a : 1, 0.5\ngram c : 0.5, 1",
        "inputs a, c, d, e\ngram a : 1, 0.4, 0.5, 0.1\ngram c : 0.4, .7e308, 0.2, 0.3\n"
            + "gram d : 0.5, 0.2, 1.2, -0.3\ngram e : 0.1, 0.3, -0.3, 0.8")
        .replace("inputs a, c\ninputs", "inputs"));
    assertEquals(1, es.size(), es.toString());
    assertTrue(es.get(0).message().contains("cannot be checked"), es.get(0).message());
    assertTrue(es.get(0).pos() != null);
  }
}
