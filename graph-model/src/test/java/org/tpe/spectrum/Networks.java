package org.tpe.spectrum;

import org.tpe.format.TpParser;
import org.tpe.model.Program;

/** Small networks for the spectrum tests, as .tp text. */
final class Networks {
  private Networks() {}

  /** J = W: Marchenko–Pastur with σ². */
  static Program wishart(double sigma2) {
    return TpParser.parse("input W : A(n, n) ~ N(0, " + sigma2 + "/n)\n"
        + "input x : G(n) ~ N(0, 1)\nh := W x\noutput h\n");
  }

  /** J = W_L ⋯ W_1 (a linear network of depth L). */
  static Program linear(int depth, double sigma2) {
    StringBuilder b = new StringBuilder("title \"linear, depth " + depth + "\"\n");
    b.append("input x : G(n) ~ N(0, 1)\n");
    for (int l = 1; l <= depth; l++) {
      b.append("input W").append(l).append(" : A(n, n) ~ N(0, ").append(sigma2).append("/n)\n");
    }
    String prev = "x";
    for (int l = 1; l <= depth; l++) {
      b.append("h").append(l).append(" := W").append(l).append(' ').append(prev).append('\n');
      prev = "h" + l;
    }
    return TpParser.parse(b.append("output ").append(prev).append('\n').toString());
  }

  /** h1 = W1 x, x_l = φ(h_l), h_{l+1} = W_{l+1} x_l, up to h_depth; J = ∂h_depth/∂x. */
  static Program mlp(int depth, String phi, double sigma2, double inputVariance) {
    StringBuilder b = new StringBuilder("title \"" + phi + " MLP, depth " + depth + "\"\n");
    b.append("input x : G(n) ~ N(0, ").append(inputVariance).append(")\n");
    for (int l = 1; l <= depth; l++) {
      b.append("input W").append(l).append(" : A(n, n) ~ N(0, ").append(sigma2).append("/n)\n");
    }
    b.append("h1 := W1 x\n");
    for (int l = 1; l < depth; l++) {
      b.append("x").append(l).append(" := ").append(phi).append("(h").append(l).append(")\n");
      b.append("h").append(l + 1).append(" := W").append(l + 1).append(" x").append(l)
          .append('\n');
    }
    return TpParser.parse(b.append("output h").append(depth).append('\n').toString());
  }

  /** A residual block: h2 = h1 + W2 relu(h1), J = ∂h2/∂h1 = I + W2 D. */
  static Program residual() {
    return TpParser.parse("input x : G(n) ~ N(0, 1)\n"
        + "input W1 : A(n, n) ~ N(0, 1/n)\ninput W2 : A(n, n) ~ N(0, 1/n)\n"
        + "h1 := W1 x\nx1 := relu(h1)\ng2 := W2 x1\nh2 := h1 + g2\noutput h2\n");
  }

  /** J = ∂h2/∂h1 = I + W2 diag(relu′(h1)) for an initial h1: the powers of JᵀJ are X-vars. */
  static Program residualBlock() {
    return TpParser.parse("input h1 : G(n) ~ N(0, 1)\ninput W2 : A(n, n) ~ N(0, 1/n)\n"
        + "x1 := relu(h1)\ng2 := W2 x1\nh2 := h1 + g2\noutput h2\n");
  }
}
