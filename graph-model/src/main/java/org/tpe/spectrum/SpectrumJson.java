package org.tpe.spectrum;

import static org.tpe.format.JsonNumbers.number;
import static org.tpe.format.JsonNumbers.add;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tpe.limit.Estimate;
import org.tpe.limit.Histogram;

/**
 * JSON form of a {@link SpectrumReport} ({@code tpe spectrum --json}):
 *
 * <pre>
 * {"from": A, "to": B, "jacobian": "W3 · diag(relu′(h2)) · …", "lambda_max": λ or null,
 *  "moments": {"k": [1, …, K], "program": [...] or null, "program_errors": [...],
 *              "free": [...] or null, "free_errors": [...], "finite": [...] or null},
 *  "program": {"method": ..., "notes": [...], "vectors": N} or {"note": why not},
 *  "free_probability": {"applicable": true, "factors": [{"kind": "marchenko_pastur" |
 *        "point_mass" | "discrete", "label": ..., ...}], "lambda_max": λ, "support": [[lo, hi]],
 *        "support_mass": [mass of each interval],
 *        "atom_at_zero": m, "density": {"x": [...], "density": [...], "eta": η, "mass": m}}
 *      or {"applicable": false, "reason": ...},
 *  "finite_width": {"width": n, "seed": s, "orthogonal": b, "lambda_max": λ̂,
 *        "fraction_at_zero": f, "moments": [...],
 *        "histogram": {"edges": [...], "density": [...]}} or null,
 *  "notes": [...]}
 * </pre>
 *
 * A number that is not finite is written as null (JSON has no NaN).
 */
public final class SpectrumJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Bins of the finite-width histogram in the JSON. */
  public static final int HISTOGRAM_BINS = 60;

  private SpectrumJson() {}

  /** The report as JSON text ending with a newline. */
  public static String write(SpectrumReport r) {
    try {
      return MAPPER.writeValueAsString(toTree(r)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The report as a JSON tree. */
  public static ObjectNode toTree(SpectrumReport r) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("from", r.jacobian().from());
    root.put("to", r.jacobian().to());
    root.put("jacobian", r.jacobian().formula());
    number(root, "lambda_max", r.free() == null ? Double.NaN : r.free().lambdaMax());
    ObjectNode m = root.putObject("moments");
    ArrayNode ks = m.putArray("k");
    for (int k = 1; k <= r.moments(); k++) {
      ks.add(k);
    }
    estimates(m, "program", r.program() == null ? null : r.program().moments().toArray(
        new Estimate[0]));
    estimates(m, "free", r.free() == null ? null : r.free().moments().toArray(new Estimate[0]));
    if (r.finite() == null) {
      m.putNull("finite");
    } else {
      array(m.putArray("finite"), r.finite().moments(r.moments()));
    }
    ObjectNode prog = root.putObject("program");
    if (r.program() == null) {
      prog.put("note", r.programNote());
    } else {
      prog.put("method", r.program().method());
      r.program().notes().forEach(prog.putArray("notes")::add);
      prog.put("vectors", r.program().program().program().vectors().size());
    }
    ObjectNode free = root.putObject("free_probability");
    free.put("applicable", r.free() != null);
    if (r.free() == null) {
      free.put("reason", r.freeNote());
    } else {
      FreeSpectrum f = r.free();
      ArrayNode fs = free.putArray("factors");
      for (SpectralFactor sf : f.factors()) {
        ObjectNode o = fs.addObject();
        if (sf instanceof SpectralFactor.MarchenkoPastur mp) {
          o.put("kind", "marchenko_pastur");
          number(o, "sigma2", mp.sigma2());
        } else if (sf instanceof SpectralFactor.PointMass pm) {
          o.put("kind", "point_mass");
          number(o, "value", pm.value());
        } else {
          SpectralFactor.DiscreteLaw d = (SpectralFactor.DiscreteLaw) sf;
          o.put("kind", "discrete");
          array(o.putArray("atoms"), d.atoms());
          array(o.putArray("weights"), d.weights());
          o.put("accuracy", d.accuracy());
        }
        o.put("label", sf.label());
      }
      number(free, "lambda_max", f.lambdaMax());
      ArrayNode sup = free.putArray("support");
      ArrayNode masses = free.putArray("support_mass");
      for (FreeSpectrum.Interval iv : f.support()) {
        ArrayNode a = sup.addArray();
        add(a, iv.lo());
        add(a, iv.hi());
        add(masses, iv.mass());
      }
      number(free, "atom_at_zero", f.massAtZero());
      ObjectNode d = free.putObject("density");
      array(d.putArray("x"), f.density().x());
      array(d.putArray("density"), f.density().density());
      number(d, "eta", f.density().eta());
      number(d, "mass", f.density().mass());
    }
    if (r.finite() == null) {
      root.putNull("finite_width");
    } else {
      FiniteWidthSpectrum fw = r.finite();
      ObjectNode o = root.putObject("finite_width");
      o.put("width", fw.width());
      o.put("seed", fw.seed());
      o.put("orthogonal", fw.orthogonal());
      number(o, "lambda_max", fw.lambdaMax());
      number(o, "fraction_at_zero", fw.fractionAtZero());
      array(o.putArray("moments"), fw.moments(r.moments()));
      Histogram h = fw.histogram(HISTOGRAM_BINS, r.range());
      ObjectNode ho = o.putObject("histogram");
      array(ho.putArray("edges"), h.edges());
      array(ho.putArray("density"), h.density());
    }
    r.notes().forEach(root.putArray("notes")::add);
    return root;
  }

  private static void estimates(ObjectNode m, String key, Estimate[] es) {
    if (es == null) {
      m.putNull(key);
      m.putNull(key + "_errors");
      return;
    }
    ArrayNode v = m.putArray(key);
    ArrayNode e = m.putArray(key + "_errors");
    for (Estimate x : es) {
      add(v, x.value());
      add(e, x.error());
    }
  }

  private static void array(ArrayNode a, double[] xs) {
    for (double x : xs) {
      add(a, x);
    }
  }


}
