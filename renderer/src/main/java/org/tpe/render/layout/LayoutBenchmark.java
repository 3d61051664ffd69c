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
 * {@code tpe bench layout-500}: automatic layout (ELK layered) and scene building of a generated
 * 500-variable program, two residual streams that exchange their MatMul outputs every block (so
 * crossing minimisation has work to do). Target: layout under 1 s.
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
        + " target < 1 s";
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
    out.add(String.format("layout CPU time of this thread (robust to a busy machine): median %.1f ms",
        cpuMedianMs(() -> AutoLayout.layout(p, g), 7)));
    Layout l = AutoLayout.layout(p, g);
    Timing.Result scene = Timing.measure(() -> SceneBuilder.build(p, l, Style.DEFAULT,
        Highlight.NONE), 2, 7);
    out.add("scene of the same: " + scene);
    Scene s = SceneBuilder.build(p, l, Style.DEFAULT, Highlight.NONE);
    out.add(String.format("drawing %.0f × %.0f units; target layout < 1000 ms: %s", s.bounds().w(),
        s.bounds().h(), layout.medianMs() < 1000 ? "met" : "NOT MET"));
    return out;
  }
}
