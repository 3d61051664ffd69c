package org.tpe.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tpe.limit.Estimate;
import org.tpe.limit.Histogram;
import org.tpe.limit.VectorStatistics;
import org.tpe.ntk.Kernel;
import org.tpe.format.JsonNumbers;
import org.tpe.ntk.NtkFormats;
import org.tpe.sim.LogLogFit;

/**
 * JSON and CSV forms of a {@link TrainingReport} ({@code tpe train --json / --csv}).
 *
 * <p>JSON:
 *
 * <pre>
 * {"regime": "feature learning"|"kernel (neural tangent)"|"no infinite-width limit",
 *  "regime_reason": "…", "steps": T, "learning_rate": η, "loss": "mse", "inputs": [NAME…],
 *  "examples": [NAME…], "labels": {NAME: y}, "batches": [[NAME…]…],
 *  "limit": TRAJECTORY | null, "no_limit": "…" | null,
 *  "ntk": [[…]] | null, "kernel_gd": {"f": [[…]], "f_errors": [[…]]} | null,
 *  "agreement": {"distance": d, "allowance": a, "holds": b, "unbounded": k} | null,
 *  "runs": [TRAJECTORY…] (one per width and seed; errors null: one run cannot estimate its
 *  seed-to-seed fluctuation), "finite": [TRAJECTORY…] (one per width: the mean over the seeds,
 *  errors the standard error over seeds s/√K, null with one seed), "convergence": {"reference": "…", "widths": […], "slope": s,
 *  "slope_error": e, "entries": [{"step": t, "input": NAME, "distances": […], "slope": s,
 *  "slope_error": e}]} | null,
 *  "coordinate_check": {"input": NAME, "widths": […], "rows": [{"quantity": NAME, "step": t,
 *  "sizes": […], "slope": s, "slope_error": e}]} | null, "notes": ["…"]}
 * </pre>
 *
 * where a TRAJECTORY is {@code {"method": "…", "width": n (0: limit), "seed": s (the first),
 * "seeds": K (0: limit), "f": [[…]] (step
 * × input), "f_errors": [[…]], "loss": […], "loss_errors": […], "feature_kernel": [[[…]]] (step ×
 * input × input), "movement": [[[…]]], "movement_errors": [[[…]]], "vectors": {X: {"mean": [[…]],
 * "variance": [[…]], "rms": [[…]], "rms_errors": [[…]] (step × input), "histograms": [[{"edges":
 * […], "density": […]} | null]] (when computed)}}}}: the coordinate distribution of every
 * forward vector at every step. A number that is not finite is {@code null}.
 *
 * <p>CSV: header {@value #CSV_HEADER}; one line per number: {@code source} is {@code limit},
 * {@code kernel_gd}, {@code n=N} (one run, seed given, error empty) or {@code n=N mean} (the
 * mean over the seeds S…, with its standard error over seeds); {@code quantity} is {@code f} (with its input), {@code loss},
 * {@code movement} (the feature kernel's, inputs {@code a|b}) or {@code size:X} (the coordinate
 * check of vector X, or {@code size:f}; one line per width, seed empty).
 */
public final class TrainingFormats {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The CSV header line. */
  public static final String CSV_HEADER = "source,seed,step,quantity,input,value,error";

  private TrainingFormats() {}

  /** The JSON tree of {@code r}. */
  public static ObjectNode toTree(TrainingReport r) {
    ObjectNode root = MAPPER.createObjectNode();
    UnrolledSgd.Result s = r.schedule();
    root.put("regime", r.regime().kind().label());
    root.put("regime_reason", r.regime().reason());
    root.put("steps", s.steps());
    JsonNumbers.number(root, "learning_rate", s.learningRate());
    root.put("loss", s.loss().keyword());
    ArrayNode in = root.putArray("inputs");
    s.inputs().forEach(in::add);
    ArrayNode ex = root.putArray("examples");
    s.examples().forEach(a -> ex.add(s.inputs().get(a)));
    ObjectNode labels = root.putObject("labels");
    s.labels().forEach((a, y) -> JsonNumbers.number(labels, s.inputs().get(a), y));
    ArrayNode batches = root.putArray("batches");
    for (var b : s.batches()) {
      ArrayNode row = batches.addArray();
      b.forEach(a -> row.add(s.inputs().get(a)));
    }
    if (r.limit() == null) {
      root.putNull("limit");
    } else {
      root.set("limit", trajectory(r.limit()));
    }
    if (r.noLimit() == null) {
      root.putNull("no_limit");
    } else {
      root.put("no_limit", r.noLimit());
    }
    if (r.ntk() == null) {
      root.putNull("ntk");
    } else {
      root.set("ntk", NtkFormats.matrix(r.ntk(), false));
    }
    if (r.kernelGd() == null) {
      root.putNull("kernel_gd");
    } else {
      ObjectNode gd = root.putObject("kernel_gd");
      gd.set("f", estimates(r.kernelGd(), false));
      gd.set("f_errors", estimates(r.kernelGd(), true));
    }
    if (r.agreement() == null) {
      root.putNull("agreement");
    } else {
      ObjectNode a = root.putObject("agreement");
      JsonNumbers.number(a, "distance", r.agreement().distance());
      JsonNumbers.number(a, "allowance", r.agreement().allowance());
      a.put("holds", r.agreement().holds());
      a.put("unbounded", r.agreement().unbounded());
    }
    ArrayNode runs = root.putArray("runs");
    r.runs().forEach(t -> runs.add(trajectory(t)));
    ArrayNode finite = root.putArray("finite");
    r.means().forEach(t -> finite.add(trajectory(t)));
    if (r.convergence() == null) {
      root.putNull("convergence");
    } else {
      TrainingReport.Convergence c = r.convergence();
      ObjectNode o = root.putObject("convergence");
      o.put("reference", c.reference());
      ArrayNode ws = o.putArray("widths");
      c.widths().forEach(ws::add);
      fit(o, c.pooled());
      ArrayNode es = o.putArray("entries");
      for (TrainingReport.Entry e : c.entries()) {
        ObjectNode eo = es.addObject();
        eo.put("step", e.step());
        eo.put("input", e.input());
        ArrayNode d = eo.putArray("distances");
        e.distances().forEach(x -> JsonNumbers.add(d, x));
        fit(eo, e.fit());
      }
    }
    if (r.check() == null) {
      root.putNull("coordinate_check");
    } else {
      ObjectNode o = root.putObject("coordinate_check");
      o.put("input", r.check().input());
      ArrayNode ws = o.putArray("widths");
      r.check().widths().forEach(ws::add);
      ArrayNode rows = o.putArray("rows");
      for (CoordinateCheck.Row row : r.check().rows()) {
        ObjectNode ro = rows.addObject();
        ro.put("quantity", row.quantity());
        ro.put("step", row.step());
        ArrayNode sz = ro.putArray("sizes");
        row.sizes().forEach(x -> JsonNumbers.add(sz, x));
        fit(ro, row.fit());
      }
    }
    ArrayNode notes = root.putArray("notes");
    r.notes().forEach(notes::add);
    return root;
  }

  private static ObjectNode trajectory(TrainingTrajectory t) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("method", t.method());
    o.put("width", t.width());
    o.put("seed", t.seed());
    o.put("seeds", t.replicates());
    int steps = t.steps();
    int k = t.inputs().size();
    Estimate[][] f = new Estimate[steps + 1][k];
    for (int s = 0; s <= steps; s++) {
      for (int b = 0; b < k; b++) {
        f[s][b] = t.output(s, b);
      }
    }
    o.set("f", estimates(f, false));
    o.set("f_errors", estimates(f, true));
    ArrayNode loss = o.putArray("loss");
    ArrayNode lossErr = o.putArray("loss_errors");
    ArrayNode kernel = o.putArray("feature_kernel");
    ArrayNode move = o.putArray("movement");
    ArrayNode moveErr = o.putArray("movement_errors");
    for (int s = 0; s <= steps; s++) {
      JsonNumbers.add(loss, t.loss(s).value());
      JsonNumbers.add(lossErr, t.loss(s).error());
      kernel.add(NtkFormats.matrix(t.featureKernel(s), false));
      move.add(NtkFormats.matrix(t.movement(s), false));
      moveErr.add(NtkFormats.matrix(t.movement(s), true));
    }
    ObjectNode vectors = o.putObject("vectors");
    for (String x : t.forward()) {
      ObjectNode v = vectors.putObject(x);
      Estimate[][] mean = new Estimate[steps + 1][k];
      Estimate[][] variance = new Estimate[steps + 1][k];
      Estimate[][] rms = new Estimate[steps + 1][k];
      boolean histograms = false;
      for (int s = 0; s <= steps; s++) {
        for (int b = 0; b < k; b++) {
          VectorStatistics st = t.vector(x, s, b);
          mean[s][b] = st.mean();
          variance[s][b] = st.variance();
          rms[s][b] = t.rms(x, s, b);
          histograms |= st.histogram() != null;
        }
      }
      v.set("mean", estimates(mean, false));
      v.set("variance", estimates(variance, false));
      v.set("rms", estimates(rms, false));
      v.set("rms_errors", estimates(rms, true));
      if (histograms) {
        ArrayNode hs = v.putArray("histograms");
        for (int s = 0; s <= steps; s++) {
          ArrayNode row = hs.addArray();
          for (int b = 0; b < k; b++) {
            Histogram h = t.vector(x, s, b).histogram();
            if (h == null) {
              row.addNull();
              continue;
            }
            ObjectNode ho = row.addObject();
            ArrayNode edges = ho.putArray("edges");
            for (double e : h.edges()) {
              JsonNumbers.add(edges, e);
            }
            ArrayNode density = ho.putArray("density");
            for (double d : h.density()) {
              JsonNumbers.add(density, d);
            }
          }
        }
      }
    }
    return o;
  }

  private static ArrayNode estimates(Estimate[][] m, boolean errors) {
    ArrayNode rows = MAPPER.createArrayNode();
    for (Estimate[] r : m) {
      ArrayNode row = rows.addArray();
      for (Estimate e : r) {
        JsonNumbers.add(row, errors ? e.error() : e.value());
      }
    }
    return rows;
  }

  private static void fit(ObjectNode o, LogLogFit f) {
    JsonNumbers.number(o, "slope", f == null ? Double.NaN : f.slope());
    JsonNumbers.number(o, "slope_error", f == null ? Double.NaN : f.slopeError());
  }

  /** The JSON text. */
  public static String json(TrainingReport r) {
    try {
      return MAPPER.writeValueAsString(toTree(r)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The CSV text. */
  public static String csv(TrainingReport r) {
    StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
    if (r.limit() != null) {
      rows(sb, "limit", "", r.limit());
    }
    if (r.kernelGd() != null) {
      Estimate[][] gd = r.kernelGd();
      for (int t = 0; t < gd.length; t++) {
        for (int b = 0; b < gd[t].length; b++) {
          line(sb, "kernel_gd", "", t, "f", r.schedule().inputs().get(b), gd[t][b]);
        }
      }
    }
    for (TrainingTrajectory t : r.runs()) {
      rows(sb, "n=" + t.width(), String.valueOf(t.seed()), t);
    }
    for (TrainingTrajectory t : r.means()) {
      rows(sb, "n=" + t.width() + " mean", t.seed() + "…", t);
    }
    if (r.check() != null) {
      for (CoordinateCheck.Row row : r.check().rows()) {
        for (int w = 0; w < r.check().widths().size(); w++) {
          line(sb, "n=" + r.check().widths().get(w), "", row.step(), "size:" + row.quantity(),
              r.check().input(), new Estimate(row.sizes().get(w), 0));
        }
      }
    }
    return sb.toString();
  }

  private static void rows(StringBuilder sb, String source, String seed, TrainingTrajectory t) {
    for (int s = 0; s <= t.steps(); s++) {
      for (int b = 0; b < t.inputs().size(); b++) {
        line(sb, source, seed, s, "f", t.inputs().get(b), t.output(s, b));
      }
      line(sb, source, seed, s, "loss", "", t.loss(s));
      Kernel m = t.movement(s);
      for (int a = 0; a < m.size(); a++) {
        for (int b = a; b < m.size(); b++) {
          line(sb, source, seed, s, "movement", t.inputs().get(a) + "|" + t.inputs().get(b),
              new Estimate(m.value(a, b), m.error(a, b)));
        }
      }
    }
  }

  private static void line(StringBuilder sb, String source, String seed, int step, String q,
      String input, Estimate e) {
    sb.append(source).append(',').append(seed).append(',').append(step).append(',')
        .append(csvText(q)).append(',').append(csvText(input)).append(',').append(e.value())
        .append(',').append(e.errorUnknown() ? "" : String.valueOf(e.error())).append('\n');
  }

  private static String csvText(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
