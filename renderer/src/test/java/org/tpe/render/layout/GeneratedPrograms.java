package org.tpe.render.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.tpe.format.TpParser;
import org.tpe.model.Program;

/**
 * Programs the readability tests draw besides the samples: long, structured ones of the sizes
 * users reach (a deep MLP, a forward and backward pass of 240 lines) and seeded random ones that
 * mix every instruction and read mostly recent vectors, as hand-written programs do.
 */
final class GeneratedPrograms {
  private GeneratedPrograms() {}

  /**
   * A deep ReLU MLP with exactly {@code vectors} vectors: u, x¹ = relu(u), h¹ = W¹x¹, x² =
   * relu(h¹), … (one matrix per layer), the last vector an output.
   */
  static Program mlp(int vectors) {
    return TpParser.parse(LayoutBenchmark.mlp(vectors));
  }

  /**
   * The first backward pass of an L-layer ReLU MLP, as mlp-backward but deep: 5L lines, every
   * forward pre-activation read again by the backward pass (long edges across the drawing).
   */
  static Program backprop(int layers) {
    StringBuilder sb = new StringBuilder("input u : G(n)\ninput v : G(n)\n");
    for (int l = 2; l <= layers; l++) {
      sb.append("input W").append(l).append(" : A(n, n) ~ N(0, 2/n)\n");
    }
    sb.append("x1 := relu(u)\n");
    for (int l = 2; l <= layers; l++) {
      sb.append("h").append(l).append(" := W").append(l).append(" x").append(l - 1).append('\n');
      sb.append("x").append(l).append(" := relu(h").append(l).append(")\n");
    }
    sb.append("dh").append(layers).append(" := v * step(h").append(layers).append(")\n");
    for (int l = layers; l >= 2; l--) {
      sb.append("dx").append(l - 1).append(" := W").append(l).append("^T dh").append(l)
          .append('\n');
      sb.append("dh").append(l - 1).append(" := dx").append(l - 1).append(" * step(")
          .append(l == 2 ? "u" : "h" + (l - 1)).append(")\n");
    }
    sb.append("output x").append(layers).append(", dh1\n");
    return TpParser.parse(sb.toString());
  }

  /**
   * A seeded random valid program of exactly {@code lines} lines: 2–4 matrices, 2–3 initial
   * vectors and a scalar, then MatMuls (some by a transpose), LinCombs with coefficients,
   * Nonlins (some Nonlin+ reading scalars), Moments and scalar ops; arguments are mostly among
   * the six newest vectors, one in eight anywhere earlier.
   */
  static Program random(long seed, int lines) {
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder();
    List<String> vec = new ArrayList<>();
    List<String> g = new ArrayList<>();
    List<String> mats = new ArrayList<>();
    List<String> sc = new ArrayList<>();
    int nm = 2 + r.nextInt(3);
    for (int i = 0; i < nm; i++) {
      mats.add("W" + i);
      sb.append("input W").append(i).append(" : A(n, n)\n");
    }
    int nv = 2 + r.nextInt(2);
    for (int i = 0; i < nv; i++) {
      vec.add("u" + i);
      g.add("u" + i);
      sb.append("input u").append(i).append(" : G(n)\n");
    }
    sc.add("θ");
    sb.append("input θ : R = 0.5\n");
    String[] fns = {"relu", "tanh", "sin", "sigmoid"};
    Function<List<String>, String> pick = pool -> r.nextInt(8) == 0
        ? pool.get(r.nextInt(pool.size()))
        : pool.get(Math.max(0, pool.size() - 1 - r.nextInt(Math.min(6, pool.size()))));
    int n = lines - nm - nv - 2;
    for (int i = 0; i < n; i++) {
      String t = "v" + i;
      int k = r.nextInt(12);
      if (k < 4) {
        sb.append(t).append(" := ").append(mats.get(r.nextInt(nm)))
            .append(r.nextInt(3) == 0 ? "^T " : " ").append(pick.apply(vec)).append('\n');
        g.add(t);
        vec.add(t);
      } else if (k < 6) {
        String a = pick.apply(g);
        String b = pick.apply(g);
        sb.append(t).append(" := ").append(a.equals(b) ? "2*" + a
            : a + (r.nextBoolean() ? " + " : " - 0.5*") + b).append('\n');
        g.add(t);
        vec.add(t);
      } else if (k < 10) {
        String e = fns[r.nextInt(4)] + "(" + pick.apply(vec) + ")";
        if (r.nextBoolean()) {
          e = e + " * " + pick.apply(vec);
        }
        if (r.nextInt(3) == 0) {
          e = pick.apply(sc) + " * " + e;
        }
        sb.append(t).append(" := ").append(e).append('\n');
        vec.add(t);
      } else if (k < 11) {
        sb.append(t).append(" := avg(").append(pick.apply(vec)).append(" * ")
            .append(pick.apply(vec)).append(")\n");
        sc.add(t);
      } else {
        sb.append(t).append(" := ").append(pick.apply(sc)).append(" * ").append(pick.apply(sc))
            .append(" + 1\n");
        sc.add(t);
      }
    }
    sb.append("output ").append(vec.get(vec.size() - 1)).append('\n');
    return TpParser.parse(sb.toString());
  }
}
