package org.tpe.limit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tpe.model.VarKind;

/**
 * JSON form of {@link CoordinateStatistics} (DESIGN §8), shared by {@code tpe limits} and {@code
 * tpe simulate}. The keys DESIGN §8 requires come first and have exactly its shape:
 *
 * <pre>
 * {"method": "...",
 *  "vectors": {NAME: {"kind": "G"|"X", "mean": m, "variance": v}},
 *  "scalars": {NAME: value},
 *  "second_moments": {NAME: {NAME: E[Z^a Z^b]}}}
 * </pre>
 *
 * <p>Extra keys carry what the required ones cannot: {@code "notes"} (list of sentences), per
 * vector {@code "mean_error"}, {@code "variance_error"} and {@code "histogram"} ({@code {"edges":
 * [...], "density": [...], "atoms": [{"value": v, "mass": p}]}}, the atoms only when there are
 * point masses; omitted when not computed), {@code "scalar_errors"} and {@code
 * "second_moment_errors"} (same nesting as the values). An error is a standard error for Monte
 * Carlo numbers, a bound or estimate for quadrature, 0 for closed forms. A value that is not a
 * finite number is written as {@code null} (JSON has no NaN). {@link #parse} reads this format back,
 * so {@code parse(write(s))} equals {@code s} number for number.
 */
public final class StatisticsJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private StatisticsJson() {}

  /** The statistics as a JSON tree (see the class comment for the keys). */
  public static ObjectNode toTree(CoordinateStatistics s) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("method", s.method());
    ObjectNode vectors = root.putObject("vectors");
    for (VectorStatistics v : s.vectors().values()) {
      ObjectNode o = vectors.putObject(v.name());
      o.put("kind", v.kind().label());
      number(o, "mean", v.mean().value());
      number(o, "variance", v.variance().value());
      number(o, "mean_error", v.mean().error());
      number(o, "variance_error", v.variance().error());
      if (v.histogram() != null) {
        ObjectNode h = o.putObject("histogram");
        ArrayNode e = h.putArray("edges");
        for (double x : v.histogram().edges()) {
          add(e, x);
        }
        ArrayNode d = h.putArray("density");
        for (double x : v.histogram().density()) {
          add(d, x);
        }
        if (!v.histogram().atoms().isEmpty()) {
          ArrayNode at = h.putArray("atoms");
          for (Histogram.Atom a : v.histogram().atoms()) {
            ObjectNode ao = at.addObject();
            number(ao, "value", a.value());
            number(ao, "mass", a.mass());
          }
        }
      }
    }
    ObjectNode scalars = root.putObject("scalars");
    s.scalars().forEach((k, e) -> number(scalars, k, e.value()));
    ObjectNode sm = root.putObject("second_moments");
    s.secondMoments().forEach((a, row) -> {
      ObjectNode r = sm.putObject(a);
      row.forEach((b, e) -> number(r, b, e.value()));
    });
    ArrayNode notes = root.putArray("notes");
    s.notes().forEach(notes::add);
    ObjectNode se = root.putObject("scalar_errors");
    s.scalars().forEach((k, e) -> number(se, k, e.error()));
    ObjectNode sme = root.putObject("second_moment_errors");
    s.secondMoments().forEach((a, row) -> {
      ObjectNode r = sme.putObject(a);
      row.forEach((b, e) -> number(r, b, e.error()));
    });
    return root;
  }

  /** The statistics as indented JSON text, ending with a newline. */
  public static String write(CoordinateStatistics s) {
    try {
      return MAPPER.writeValueAsString(toTree(s)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise statistics", e); // a tree always serialises
    }
  }

  /**
   * Reads JSON written by {@link #write} (missing error keys read as 0, a missing histogram as
   * none, {@code null} numbers as NaN).
   *
   * @throws IllegalArgumentException if the text is not JSON of this shape, saying what is wrong
   */
  public static CoordinateStatistics parse(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject() || !root.path("method").isTextual()) {
      throw new IllegalArgumentException("expected an object with a \"method\" string");
    }
    List<String> notes = new ArrayList<>();
    root.path("notes").forEach(n -> notes.add(n.asText()));
    Map<String, VectorStatistics> vectors = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("vectors").fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> f = it.next();
      JsonNode o = f.getValue();
      String kind = o.path("kind").asText();
      VarKind k = switch (kind) {
        case "G" -> VarKind.G;
        case "X" -> VarKind.X;
        default -> throw new IllegalArgumentException(
            "vector " + f.getKey() + ": kind must be \"G\" or \"X\", not \"" + kind + "\"");
      };
      Histogram h = null;
      if (o.has("histogram")) {
        List<Histogram.Atom> atoms = new ArrayList<>();
        o.path("histogram").path("atoms").forEach(a -> atoms.add(new Histogram.Atom(
            num(a.path("value")), num(a.path("mass")))));
        h = new Histogram(doubles(o.path("histogram").path("edges")),
            doubles(o.path("histogram").path("density")), atoms);
      }
      vectors.put(f.getKey(), new VectorStatistics(f.getKey(), k,
          new Estimate(num(o.path("mean")), err(o.path("mean_error"))),
          new Estimate(num(o.path("variance")), err(o.path("variance_error"))), h));
    }
    Map<String, Estimate> scalars = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("scalars").fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> f = it.next();
      scalars.put(f.getKey(), new Estimate(num(f.getValue()),
          err(root.path("scalar_errors").path(f.getKey()))));
    }
    Map<String, Map<String, Estimate>> sm = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("second_moments").fields();
        it.hasNext();) {
      Map.Entry<String, JsonNode> f = it.next();
      Map<String, Estimate> row = new LinkedHashMap<>();
      JsonNode errs = root.path("second_moment_errors").path(f.getKey());
      for (Iterator<Map.Entry<String, JsonNode>> jt = f.getValue().fields(); jt.hasNext();) {
        Map.Entry<String, JsonNode> g = jt.next();
        row.put(g.getKey(), new Estimate(num(g.getValue()), err(errs.path(g.getKey()))));
      }
      sm.put(f.getKey(), row);
    }
    return new CoordinateStatistics(root.path("method").asText(), notes, vectors, scalars, sm);
  }

  private static void number(ObjectNode o, String key, double x) {
    if (Double.isFinite(x)) {
      o.put(key, x);
    } else {
      o.putNull(key);
    }
  }

  private static void add(ArrayNode a, double x) {
    if (Double.isFinite(x)) {
      a.add(x);
    } else {
      a.addNull();
    }
  }

  private static double num(JsonNode n) {
    return n.isNumber() ? n.asDouble() : Double.NaN;
  }

  private static double err(JsonNode n) {
    double e = num(n);
    return Double.isNaN(e) ? 0.0 : e;
  }

  private static double[] doubles(JsonNode a) {
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = num(a.get(i));
    }
    return out;
  }
}
