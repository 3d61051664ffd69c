package org.tpe.train;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.tpe.sim.ConvergenceSweep;
import org.tpe.sim.LogLogFit;

/**
 * The coordinate check of TP V / the {@code mup} package: the typical size of every vector's
 * coordinates at every step against the width. A parametrization with a well-defined limit keeps
 * every size of order 1 (flat lines: log-log slope ≈ 0, μP and NTK); in standard parametrization
 * with a width-independent learning rate the hidden vectors after the first step grow like n^{1/2}
 * and the output like n (TP IV §3.1, seeds/004 "standard parameterization: Δf = ω(1), the output
 * blows up").
 *
 * <p>The size of a vector is the root mean square of its coordinates √((1/n) Σ x_α²) on one input
 * (the first training example), of the output its absolute value |f_t|; each averaged over the
 * seeds run at the width; the slope is the least-squares fit of log size against log n with its
 * standard error ({@link ConvergenceSweep#fit}).
 *
 * @param widths the widths, increasing
 * @param input the input the sizes are measured on
 * @param rows one row per quantity and step
 * @param notes sentences for the user
 */
public record CoordinateCheck(List<Integer> widths, String input, List<Row> rows,
    List<String> notes) {

  /** The output's row is named this. */
  public static final String OUTPUT = "f";

  /**
   * One quantity at one step.
   *
   * @param quantity a forward vector of the network, or {@link #OUTPUT}
   * @param step t
   * @param sizes the mean size at each width
   * @param fit the log-log slope (null when a size is 0 or fewer than two widths)
   */
  public record Row(String quantity, int step, List<Double> sizes, LogLogFit fit) {
    public Row {
      sizes = List.copyOf(sizes);
    }
  }

  public CoordinateCheck {
    widths = List.copyOf(widths);
    rows = List.copyOf(rows);
    notes = List.copyOf(notes);
  }

  /** The check of finite-width runs of one network (any widths and seeds, at least one run). */
  public static CoordinateCheck of(List<TrainingTrajectory> runs) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("the coordinate check needs at least one run");
    }
    TreeMap<Integer, List<TrainingTrajectory>> byWidth = new TreeMap<>();
    for (TrainingTrajectory r : runs) {
      if (r.width() < 2) {
        throw new IllegalArgumentException("the coordinate check takes finite-width runs");
      }
      byWidth.computeIfAbsent(r.width(), w -> new ArrayList<>()).add(r);
    }
    List<Integer> ws = new ArrayList<>(byWidth.keySet());
    double[] x = ws.stream().mapToDouble(Math::log).toArray();
    TrainingTrajectory first = runs.get(0);
    int b = first.examples().get(0);
    List<Row> rows = new ArrayList<>();
    List<String> quantities = new ArrayList<>(first.forward());
    quantities.add(OUTPUT);
    for (String q : quantities) {
      for (int t = 0; t <= first.steps(); t++) {
        List<Double> sizes = new ArrayList<>();
        for (List<TrainingTrajectory> same : byWidth.values()) {
          double s = 0;
          for (TrainingTrajectory r : same) {
            s += q.equals(OUTPUT) ? Math.abs(r.output(t, b).value()) : r.rms(q, t, b).value();
          }
          sizes.add(s / same.size());
        }
        rows.add(new Row(q, t, sizes, fit(x, sizes)));
      }
    }
    List<String> notes = new ArrayList<>();
    notes.add("size = root mean square of the coordinates on " + first.inputs().get(b)
        + " (|f| for the output), mean over " + byWidth.firstEntry().getValue().size()
        + " seed(s) per width; flat (slope ≈ 0) when the limit exists, slope 1/2 for a vector"
        + " growing like √n");
    return new CoordinateCheck(ws, first.inputs().get(b), rows, notes);
  }

  private static LogLogFit fit(double[] x, List<Double> sizes) {
    if (x.length < 2) {
      return null;
    }
    double[] y = new double[sizes.size()];
    for (int i = 0; i < y.length; i++) {
      if (!(sizes.get(i) > 0) || !Double.isFinite(sizes.get(i))) {
        return null;
      }
      y[i] = Math.log(sizes.get(i));
    }
    return ConvergenceSweep.fit(x, y);
  }

  /** The row of {@code quantity} at step t, or null. */
  public Row row(String quantity, int t) {
    return rows.stream().filter(r -> r.quantity().equals(quantity) && r.step() == t).findFirst()
        .orElse(null);
  }
}
