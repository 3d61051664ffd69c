package org.tpe.samples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.tpe.format.TpParser;
import org.tpe.model.Program;

/**
 * The sample programs shipped with the editor, as {@code .tp} resources. Each begins with a
 * comment saying what it shows and which paper, algorithm or equation it comes from; {@code
 * SamplesTest} pins their validation results, path counts and limits.
 */
public final class Samples {
  private Samples() {}

  /** A sample: its resource name (without .tp) and a one-line description. */
  public record Sample(String name, String description) {
    /** The program text. */
    public String text() {
      return Samples.text(name);
    }

    /** The parsed program. */
    public Program program() {
      return TpParser.parse(text());
    }
  }

  private static final List<Sample> ALL = List.of(
      new Sample("mlp-one-input", "MLP forward pass, one input (TP I, Alg. 1)"),
      new Sample("mlp-two-inputs", "ReLU MLP on two inputs: the NNGP kernel (TP I)"),
      new Sample("mlp-batchnorm", "MLP with batch norm (TP I, Alg. 2)"),
      new Sample("rnn-two-sequences", "erf RNN on two sequences (TP I)"),
      new Sample("gru", "GRU, two steps (TP I)"),
      new Sample("mlp-backward", "first backward pass, BP-like (TP II)"),
      new Sample("wwt-v", "W Wᵀ v: why ZDot exists (TP III)"),
      new Sample("layernorm", "layer norm via Moment (Netsor⊤+)"),
      new Sample("attention", "single-head attention (Netsor⊤+)"),
      new Sample("resnet", "residual network: exponentially many paths (TP IIb §5.1)"),
      new Sample("sgd-step-mup", "one SGD step of a μP MLP: not BP-like (seeds/004)"),
      new Sample("ntk-mlp-relu", "NTK of a ReLU MLP with biases (TP II)"),
      new Sample("ntk-mlp-erf", "NTK of an erf MLP (TP II)"),
      new Sample("ntk-rnn", "NTK of an erf RNN on two sequences (TP II)"),
      new Sample("ntk-resnet", "NTK of a residual network: a sum over path classes (TP IIb)"),
      new Sample("ntk-autoencoder", "NTK of a tied autoencoder: W meets Wᵀ (ZDot)"),
      new Sample("ntk-attention", "NTK of attention, independent Wq, Wk (TP II)"),
      new Sample("ntk-attention-shared", "NTK of attention, shared query/key weights"),
      new Sample("train-mup-mlp", "SGD on the μP MLP of seeds/004: the features move (TP IV)"),
      new Sample("train-ntk-mlp", "the same MLP in NTK parametrization: kernel GD (TP IIb)"),
      new Sample("train-sp-mlp", "the same MLP in standard parametrization: no limit (TP IV)"),
      new Sample("train-linear", "SGD on a linear network: a closed-form limit (TP IV)"),
      new Sample("spectrum-linear", "linear network: Fuss–Catalan Jacobian spectrum (seeds/004)"),
      new Sample("spectrum-relu", "deep ReLU at σ² = 2: Jacobian spectrum (seeds/004, 003)"),
      new Sample("spectrum-erf", "erf MLP at criticality: Jacobian spectrum (seeds/003)"),
      new Sample("spectrum-orthogonal",
          "orthogonal weights: dynamical isometry (seeds/003, --orthogonal)"));

  /** Every sample, in menu order. */
  public static List<Sample> all() {
    return ALL;
  }

  /** The sample opened by a bare {@code ./tpe}. */
  public static Sample defaultSample() {
    return get("mlp-backward");
  }

  /** The sample called {@code name}. */
  public static Sample get(String name) {
    return ALL.stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no sample named " + name));
  }

  /** The text of the sample resource {@code name}.tp. */
  public static String text(String name) {
    try (InputStream in = Samples.class.getResourceAsStream(name + ".tp")) {
      if (in == null) {
        throw new IllegalArgumentException("no sample named " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
