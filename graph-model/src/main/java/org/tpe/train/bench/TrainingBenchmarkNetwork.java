package org.tpe.train.bench;

import org.tpe.format.TpParser;
import org.tpe.model.Program;

/**
 * The network both training benchmarks train: the two-hidden-layer tanh MLP of seeds/004 in μP on
 * two training inputs and one test input, three SGD steps — the program of the {@code
 * train-mup-mlp} sample (a samples test checks that the two stay the same).
 */
public final class TrainingBenchmarkNetwork {
  private TrainingBenchmarkNetwork() {}

  static final String TEXT = """
      input e : G(n) ~ N(0, 1)
      input W : A(n, n) ~ N(0, 1/n)
      input v : G(n) ~ N(0, 1)
      x := tanh(e)
      hb := W x
      xb := tanh(hb)
      output xb
      parametrization mup
      inputs ξ1, ξ2, ξ3
      gram ξ1 : 1, 0.4, -0.3
      gram ξ2 : 0.4, 1.2, 0.2
      gram ξ3 : -0.3, 0.2, 0.9
      embedding U : e
      param U, W, v
      readout v · xb
      train ξ1 : 0.5, ξ2 : -0.4
      test ξ3
      loss mse
      lr 1
      steps 3
      batch cyclic
      """;

  /** The network, untitled. */
  public static Program program() {
    return TpParser.parse(TEXT);
  }
}
