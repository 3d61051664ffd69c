package org.tpe.render.layout;

import java.util.ArrayList;
import java.util.List;
import org.tpe.bench.Benchmark;
import org.tpe.bench.Timing;
import org.tpe.format.TpParser;
import org.tpe.model.Program;
import org.tpe.render.scene.Highlight;
import org.tpe.render.scene.Scene;
import org.tpe.render.scene.SceneBuilder;
import org.tpe.render.style.Style;

/**
 * {@code tpe bench layout-500}: automatic layout (ELK layered, folded into rows) and scene building
 * of a generated 500-variable program, two residual streams that exchange their MatMul outputs
 * every block (so crossing minimisation has work to do). Target: layout under 1 s, judged on the
 * CPU time of the laying-out thread (wall time on a shared machine measures the other jobs). Also
 * reports a 300-vector MLP: its layout time and its labels' size at Fit in a 1400 × 900 window
 * (target ≥ 9 pt).
 */
public final class LayoutBenchmark implements Benchmark {
  static final int VARIABLES = 500;

  @Override
  public String name() {
    return "layout-500";
  }

  @Override
  public String description() {
    return "automatic layout + scene of a 500-variable cross-coupled residual program;"
        + " target < 1 s; a 300-vector MLP's labels at Fit in 1400×900, target ≥ 9 pt";
  }

  /** Two residual streams a, b; block k: x = relu(h), g = W_k x, h' = h + g of the other stream. */
  static String program(int variables) {
    int blocks = (variables - 2) / 6;
    StringBuilder sb = new StringBuilder("input ha0 : G(n)\ninput hb0 : G(n)\n");
    for (int k = 1; k <= blocks; k++) {
      sb.append("input W").append(k).append(" : A(n, n)\n");
    }
    for (int k = 1; k <= blocks; k++) {
      int j = k - 1;
      sb.append("xa").append(j).append(" := relu(ha").append(j).append(")\n")
          .append("xb").append(j).append(" := tanh(hb").append(j).append(")\n")
          .append("ga").append(k).append(" := W").append(k).append(" xa").append(j).append('\n')
          .append("gb").append(k).append(" := W").append(k).append(" xb").append(j).append('\n')
          .append("ha").append(k).append(" := ha").append(j).append(" + gb").append(k).append('\n')
          .append("hb").append(k).append(" := hb").append(j).append(" + 0.5*ga").append(k)
          .append('\n');
    }
    return sb.append("output ha").append(blocks).append(", hb").append(blocks).append('\n')
        .toString();
  }

  /**
   * A deep ReLU MLP with exactly {@code vectors} vectors: u, x¹ = relu(u), h¹ = W¹x¹, x² =
   * relu(h¹), … (one matrix per layer), the last vector an output.
   */
  static String mlp(int vectors) {
    StringBuilder body = new StringBuilder();
    StringBuilder mats = new StringBuilder();
    String prev = "u";
    int count = 1;
    for (int l = 1; count < vectors; l++) {
      body.append("x").append(l).append(" := relu(").append(prev).append(")\n");
      prev = "x" + l;
      if (++count == vectors) {
        break;
      }
      mats.append("input W").append(l).append(" : A(n, n) ~ N(0, 2/n)\n");
      body.append("h").append(l).append(" := W").append(l).append(" x").append(l).append('\n');
      prev = "h" + l;
      count++;
    }
    return "input u : G(n)\n" + mats + body + "output " + prev + "\n";
  }

  /** Median CPU time of {@code reps} runs of {@code task} on this thread, in ms. */
  static double cpuMedianMs(Runnable task, int reps) {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    double[] t = new double[reps];
    for (int i = 0; i < reps; i++) {
      long s = mx.getCurrentThreadCpuTime();
      task.run();
      t[i] = (mx.getCurrentThreadCpuTime() - s) / 1e6;
    }
    java.util.Arrays.sort(t);
    return t[reps / 2];
  }

  @Override
  public List<String> run() {
    Program p = TpParser.parse(program(VARIABLES));
    int vars = p.vectors().size() + p.scalars().size();
    DiagramGraph g = DiagramGraph.of(p);
    List<String> out = new ArrayList<>();
    Timing.Result layout = Timing.measure(() -> AutoLayout.layout(p, g), 2, 7);
    out.add(String.format("layout of %d variables (%d nodes with gates, %d edges): %s", vars,
        g.nodes().size(), g.edges().size(), layout));
    double cpu = cpuMedianMs(() -> AutoLayout.layout(p, g), 7);
    out.add(String.format("layout CPU time of this thread (robust to a busy machine): median %.1f"
        + " ms", cpu));
    Layout l = AutoLayout.layout(p, g);
    Timing.Result scene = Timing.measure(() -> SceneBuilder.build(p, l, Style.DEFAULT,
        Highlight.NONE), 2, 7);
    out.add("scene of the same: " + scene);
    Scene s = SceneBuilder.build(p, l, Style.DEFAULT, Highlight.NONE);
    out.add(String.format("drawing %.0f × %.0f units; target layout < 1000 ms (CPU): %s",
        s.bounds().w(), s.bounds().h(), cpu < 1000 ? "met" : "NOT MET"));
    Program mlp = TpParser.parse(mlp(300));
    DiagramGraph mg = DiagramGraph.of(mlp);
    double mlpCpu = cpuMedianMs(() -> AutoLayout.layout(mlp, mg), 5);
    Scene ms = SceneBuilder.build(mlp, AutoLayout.layout(mlp, mg), Style.DEFAULT, Highlight.NONE);
    double pt = DiagramGraph.LABEL_SIZE * ms.fitScale(1400, 900, Double.POSITIVE_INFINITY);
    out.add(String.format("300-vector MLP: layout CPU median %.1f ms; drawing %.0f × %.0f units;"
        + " labels %.1f pt at Fit in 1400×900, target ≥ 9 pt: %s", mlpCpu, ms.bounds().w(),
        ms.bounds().h(), pt, pt >= 9 ? "met" : "NOT MET"));
    return out;
  }
}
