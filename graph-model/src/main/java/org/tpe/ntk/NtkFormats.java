package org.tpe.ntk;

import static org.tpe.format.JsonNumbers.add;
import static org.tpe.format.JsonNumbers.number;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * JSON and CSV forms of an {@link NtkResult} ({@code tpe ntk --json / --csv}).
 *
 * <p>JSON (the keys of the NTK issue first):
 *
 * <pre>
 * {"inputs": [NAME…], "ntk": [[…]], "nngp": [[…]], "by_parameter": {NAME: [[…]]},
 *  "by_class": {WORD: [[…]]}, "method": "…",
 *  "errors": {"ntk": [[…]], "nngp": [[…]], "by_parameter": {NAME: [[…]]}, "by_class": {…}},
 *  "exponents": {NAME: e}, "width": n (0 for the limit), "seed": s,
 *  "path_form": {"applies": b, "agreement": d, "note": "…",
 *                "assumptions": [{"name": "…", "holds": b, "detail": "…"}]},
 *  "notes": ["…"]}
 * </pre>
 *
 * {@code by_class} is empty where the path form does not apply (and absent at finite width); a
 * number that is not finite is {@code null}. Optional sections: {@code "finite_width"} (an
 * empirical result in the same shape) and {@code "convergence"} ({@code {"widths": […], "seeds":
 * […], "slope": s, "slope_error": e, "entries": [{"a", "b", "limit", "limit_error", "distances":
 * […], "slope", "slope_error"}]}}).
 *
 * <p>CSV: header {@value #CSV_HEADER}, one line per kernel entry: {@code source} is {@code limit}
 * or {@code n=N}, {@code kernel} is {@code ntk}, {@code nngp}, {@code parameter} or {@code class},
 * {@code term} the parameter or the word (empty for ntk and nngp).
 */
public final class NtkFormats {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The CSV header line. */
  public static final String CSV_HEADER = "source,kernel,term,a,b,value,error";

  private NtkFormats() {}

  /** The JSON tree of {@code r}, with optional finite-width and convergence sections. */
  public static ObjectNode toTree(NtkResult r, NtkResult finite, NtkConvergence convergence) {
    ObjectNode root = tree(r);
    if (finite != null) {
      root.set("finite_width", tree(finite));
    }
    if (convergence != null) {
      ObjectNode c = root.putObject("convergence");
      ArrayNode ws = c.putArray("widths");
      convergence.widths().forEach(ws::add);
      ArrayNode ss = c.putArray("seeds");
      convergence.seeds().forEach(ss::add);
      number(c, "slope", convergence.pooled() == null ? Double.NaN
          : convergence.pooled().slope());
      number(c, "slope_error", convergence.pooled() == null ? Double.NaN
          : convergence.pooled().slopeError());
      ArrayNode es = c.putArray("entries");
      for (NtkConvergence.Entry e : convergence.entries()) {
        ObjectNode o = es.addObject();
        o.put("a", e.a());
        o.put("b", e.b());
        number(o, "limit", e.limit());
        number(o, "limit_error", e.limitError());
        ArrayNode d = o.putArray("distances");
        e.distances().forEach(x -> add(d, x));
        number(o, "slope", e.fit() == null ? Double.NaN : e.fit().slope());
        number(o, "slope_error", e.fit() == null ? Double.NaN : e.fit().slopeError());
      }
      ArrayNode notes = c.putArray("notes");
      convergence.notes().forEach(notes::add);
    }
    return root;
  }

  private static ObjectNode tree(NtkResult r) {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode in = root.putArray("inputs");
    r.inputs().forEach(in::add);
    root.set("ntk", matrix(r.ntk(), false));
    root.set("nngp", matrix(r.nngp(), false));
    ObjectNode bp = root.putObject("by_parameter");
    r.byParameter().forEach((k, v) -> bp.set(k, matrix(v, false)));
    if (r.pathForm() != null) {
      ObjectNode bc = root.putObject("by_class");
      r.pathForm().classes().forEach((k, v) -> bc.set(k, matrix(v.contribution(), false)));
    }
    root.put("method", r.method());
    ObjectNode err = root.putObject("errors");
    err.set("ntk", matrix(r.ntk(), true));
    err.set("nngp", matrix(r.nngp(), true));
    ObjectNode ebp = err.putObject("by_parameter");
    r.byParameter().forEach((k, v) -> ebp.set(k, matrix(v, true)));
    if (r.pathForm() != null) {
      ObjectNode ebc = err.putObject("by_class");
      r.pathForm().classes().forEach((k, v) -> ebc.set(k, matrix(v.contribution(), true)));
    }
    ObjectNode ex = root.putObject("exponents");
    r.exponents().forEach((k, v) -> number(ex, k, v));
    root.put("width", r.width());
    root.put("seed", r.seed());
    if (r.pathForm() != null) {
      ObjectNode pf = root.putObject("path_form");
      pf.put("applies", r.pathForm().applies());
      number(pf, "agreement", r.pathForm().agreement());
      pf.put("note", r.pathForm().note());
      ArrayNode as = pf.putArray("assumptions");
      for (PathForm.Assumption a : r.pathForm().assumptions()) {
        ObjectNode o = as.addObject();
        o.put("name", a.name());
        o.put("holds", a.holds());
        o.put("detail", a.detail());
      }
    }
    ArrayNode notes = root.putArray("notes");
    r.notes().forEach(notes::add);
    return root;
  }

  /** A kernel's values (or errors) as rows of a JSON array; non-finite numbers as null. */
  public static ArrayNode matrix(Kernel k, boolean errors) {
    ArrayNode rows = MAPPER.createArrayNode();
    for (int a = 0; a < k.size(); a++) {
      ArrayNode row = rows.addArray();
      for (int b = 0; b < k.size(); b++) {
        add(row, errors ? k.error(a, b) : k.value(a, b));
      }
    }
    return rows;
  }



  /** The JSON text. */
  public static String json(NtkResult r, NtkResult finite, NtkConvergence convergence) {
    try {
      return MAPPER.writeValueAsString(toTree(r, finite, convergence)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The CSV text of {@code r} and, if given, a finite-width result. */
  public static String csv(NtkResult r, NtkResult finite) {
    StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
    rows(sb, r);
    if (finite != null) {
      rows(sb, finite);
    }
    return sb.toString();
  }

  private static void rows(StringBuilder sb, NtkResult r) {
    String source = r.isLimit() ? "limit" : "n=" + r.width();
    rows(sb, source, "ntk", "", r.ntk(), r);
    rows(sb, source, "nngp", "", r.nngp(), r);
    for (Map.Entry<String, Kernel> e : r.byParameter().entrySet()) {
      rows(sb, source, "parameter", e.getKey(), e.getValue(), r);
    }
    if (r.pathForm() != null) {
      for (Map.Entry<String, PathForm.PathClass> e : r.pathForm().classes().entrySet()) {
        rows(sb, source, "class", e.getKey(), e.getValue().contribution(), r);
      }
    }
  }

  private static void rows(StringBuilder sb, String source, String kernel, String term, Kernel k,
      NtkResult r) {
    for (int a = 0; a < k.size(); a++) {
      for (int b = a; b < k.size(); b++) {
        sb.append(source).append(',').append(kernel).append(',').append(csvText(term)).append(',')
            .append(csvText(r.inputs().get(a))).append(',').append(csvText(r.inputs().get(b)))
            .append(',').append(k.value(a, b)).append(',').append(k.error(a, b)).append('\n');
      }
    }
  }

  private static String csvText(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
