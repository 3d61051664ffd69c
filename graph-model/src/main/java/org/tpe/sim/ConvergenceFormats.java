package org.tpe.sim;

import static org.tpe.format.JsonNumbers.number;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON and CSV forms of a {@link ConvergenceResult} ({@code tpe converge --json / --csv}).
 *
 * <p>JSON: {@code {"limit_method": "...", "widths": [...], "seeds": [...], "slope": s,
 * "slope_error": e, "quantities": [{"quantity": "mean"|"variance"|"second_moment"|"scalar", "a":
 * NAME, "b": NAME or "", "limit": v, "limit_error": e, "errors": [|simulated − limit| per width],
 * "slope": s, "slope_error": e}], "notes": [...]}}; a slope is {@code null} where it was not
 * fitted, as is any number that is not finite.
 *
 * <p>CSV: header {@code quantity,a,b,limit,limit_error,width,error}, one line per quantity and
 * width, then one line per quantity with {@code width} = {@code slope} and the fitted slope in
 * {@code error}; the pooled slope is the line with quantity {@code pooled}. Comment lines ({@code
 * #}) first carry the limit's method and the notes.
 */
public final class ConvergenceFormats {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The CSV header line. */
  public static final String CSV_HEADER = "quantity,a,b,limit,limit_error,width,error";

  private ConvergenceFormats() {}

  /** The result as a JSON tree. */
  public static ObjectNode toTree(ConvergenceResult r) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("limit_method", r.limitMethod());
    ArrayNode ws = root.putArray("widths");
    r.widths().forEach(ws::add);
    ArrayNode ss = root.putArray("seeds");
    r.seeds().forEach(ss::add);
    number(root, "slope", r.pooled() == null ? Double.NaN : r.pooled().slope());
    number(root, "slope_error", r.pooled() == null ? Double.NaN : r.pooled().slopeError());
    ArrayNode qs = root.putArray("quantities");
    for (ConvergenceResult.Quantity q : r.quantities()) {
      ObjectNode o = qs.addObject();
      o.put("quantity", q.quantity());
      o.put("a", q.a());
      o.put("b", q.b());
      number(o, "limit", q.limit());
      number(o, "limit_error", q.limitError());
      ArrayNode e = o.putArray("errors");
      for (double d : q.errors()) {
        if (Double.isFinite(d)) {
          e.add(d);
        } else {
          e.addNull();
        }
      }
      number(o, "slope", q.fit() == null ? Double.NaN : q.fit().slope());
      number(o, "slope_error", q.fit() == null ? Double.NaN : q.fit().slopeError());
    }
    ArrayNode notes = root.putArray("notes");
    r.notes().forEach(notes::add);
    return root;
  }

  /** The result as indented JSON ending with a newline. */
  public static String json(ConvergenceResult r) {
    try {
      return MAPPER.writeValueAsString(toTree(r)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e); // cannot happen
    }
  }

  /** The result as CSV text ending with a newline. */
  public static String csv(ConvergenceResult r) {
    StringBuilder b = new StringBuilder();
    b.append("# limit method: ").append(oneLine(r.limitMethod())).append('\n');
    for (String n : r.notes()) {
      b.append("# ").append(oneLine(n)).append('\n');
    }
    b.append(CSV_HEADER).append('\n');
    for (ConvergenceResult.Quantity q : r.quantities()) {
      for (int i = 0; i < r.widths().size(); i++) {
        row(b, q, Integer.toString(r.widths().get(i)), q.errors().get(i));
      }
    }
    for (ConvergenceResult.Quantity q : r.quantities()) {
      if (q.fit() != null) {
        row(b, q, "slope", q.fit().slope());
      }
    }
    if (r.pooled() != null) {
      b.append("pooled,,,,,slope,").append(r.pooled().slope()).append('\n');
    }
    return b.toString();
  }

  private static void row(StringBuilder b, ConvergenceResult.Quantity q, String width,
      double value) {
    b.append(q.quantity()).append(',').append(quote(q.a())).append(',').append(quote(q.b()))
        .append(',').append(q.limit()).append(',').append(q.limitError()).append(',')
        .append(width).append(',').append(value).append('\n');
  }


  private static String quote(String s) {
    return s.indexOf(',') < 0 && s.indexOf('"') < 0 ? s : '"' + s.replace("\"", "\"\"") + '"';
  }

  private static String oneLine(String s) {
    return s.replace('\n', ' ').replace('\r', ' ');
  }
}
