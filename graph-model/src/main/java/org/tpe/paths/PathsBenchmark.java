package org.tpe.paths;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.tpe.bench.Benchmark;
import org.tpe.bench.Timing;
import org.tpe.format.TpParser;
import org.tpe.model.Program;
import org.tpe.validate.ValidationReport;
import org.tpe.validate.Validator;

/**
 * Parse + validate + count paths of generated 10 000-instruction programs (issue 2, "Done means";
 * target under 1 s). Two programs: a reduced residual network of 3 334 blocks h_l = h_{l−1} + W_l
 * relu(h_{l−1}) with 2^3334 − 1 paths, and an unreduced one of 2 000 blocks a_l = W h_{l−1}, x_l =
 * relu(a_l), z_l = x_l · tanh(a_l), c_l = U z_l, h_l = h_{l−1} + c_l, which the analysis must first
 * reduce (an identity per h_{l−1}, z_l collapsed) and which has 2^2001 − 2 paths (S_l = 2 S_{l−1} +
 * 2, S_0 = 0). Each run checks its count against the closed form, so a wrong fast answer fails.
 */
public final class PathsBenchmark implements Benchmark {
  static final int RESNET_BLOCKS = 3334;
  static final int UNREDUCED_BLOCKS = 2000;

  @Override
  public String name() {
    return "parse-validate-paths";
  }

  @Override
  public String description() {
    return "parse + validate + count paths of generated 10 000-instruction programs; target < 1 s";
  }

  /** The reduced residual network of {@code blocks} blocks (3 instructions each). */
  static String resnet(int blocks) {
    StringBuilder sb = new StringBuilder(blocks * 60).append("input h0 : G(n)\n");
    for (int l = 1; l <= blocks; l++) {
      sb.append("input W").append(l).append(" : A(n, n) ~ N(0, 1/n)\n");
    }
    for (int l = 1; l <= blocks; l++) {
      sb.append("x").append(l - 1).append(" := relu(h").append(l - 1).append(")\n")
          .append("g").append(l).append(" := W").append(l).append(" x").append(l - 1).append('\n')
          .append("h").append(l).append(" := h").append(l - 1).append(" + g").append(l)
          .append('\n');
    }
    return sb.append("output h").append(blocks).append('\n').toString();
  }

  /** The unreduced network of {@code blocks} blocks (5 instructions each). */
  static String unreduced(int blocks) {
    StringBuilder sb = new StringBuilder(blocks * 100)
        .append("input h0 : G(n)\ninput W : A(n, n)\ninput U : A(n, n)\n");
    for (int l = 1; l <= blocks; l++) {
      sb.append("a").append(l).append(" := W h").append(l - 1).append('\n')
          .append("x").append(l).append(" := relu(a").append(l).append(")\n")
          .append("z").append(l).append(" := x").append(l).append(" * tanh(a").append(l)
          .append(")\n")
          .append("c").append(l).append(" := U z").append(l).append('\n')
          .append("h").append(l).append(" := h").append(l - 1).append(" + c").append(l)
          .append('\n');
    }
    return sb.append("output h").append(blocks).append('\n').toString();
  }

  /** Parses, validates and counts the paths ending at the outputs. */
  static BigInteger parseValidateCount(String text) {
    Program p = TpParser.parse(text);
    ValidationReport r = Validator.validate(p);
    if (r.hasErrors()) {
      throw new IllegalStateException("generated program is invalid: " + r.errors().get(0));
    }
    return PathAnalysis.of(p, r).pathsToOutputs().count();
  }

  @Override
  public List<String> run() {
    List<String> out = new ArrayList<>();
    out.add(measure("reduced residual net, " + 3 * RESNET_BLOCKS + " instructions",
        resnet(RESNET_BLOCKS), BigInteger.ONE.shiftLeft(RESNET_BLOCKS).subtract(BigInteger.ONE)));
    out.add(measure("unreduced net, " + 5 * UNREDUCED_BLOCKS + " instructions",
        unreduced(UNREDUCED_BLOCKS),
        BigInteger.ONE.shiftLeft(UNREDUCED_BLOCKS + 1).subtract(BigInteger.TWO)));
    return out;
  }

  private static String measure(String what, String text, BigInteger expected) {
    BigInteger got = parseValidateCount(text);
    if (!got.equals(expected)) {
      throw new IllegalStateException(what + ": counted " + got + ", expected " + expected);
    }
    Timing.Result t = Timing.measure(() -> parseValidateCount(text), 3, 7);
    return what + " (" + got.bitLength() + "-bit path count): " + t;
  }
}
