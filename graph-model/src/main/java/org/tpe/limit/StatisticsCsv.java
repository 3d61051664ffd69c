package org.tpe.limit;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CSV form of {@link CoordinateStatistics} for spreadsheets and plotting scripts: one quantity a
 * line, header {@code quantity,a,b,kind,value,error}, where {@code quantity} is {@code mean},
 * {@code variance} (of vector {@code a}, of kind G or X), {@code scalar} ({@code a}) or {@code
 * second_moment} (E[Z^a Z^b], both orders of each pair, as in the JSON's rows). Numbers are
 * written as the shortest decimal that reads back to the same double ({@code NaN}, {@code
 * Infinity} when not finite); names are quoted when they contain a comma or quote. The method and
 * notes come first as {@code #} comment lines, which most CSV readers can skip.
 */
public final class StatisticsCsv {
  /** The header line. */
  public static final String HEADER = "quantity,a,b,kind,value,error";

  private StatisticsCsv() {}

  /** The statistics as CSV text ending with a newline. */
  public static String write(CoordinateStatistics s) {
    StringWriter w = new StringWriter();
    try {
      write(s, w);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return w.toString();
  }

  /**
   * Writes the statistics to {@code out} as CSV, streaming (the second moments go straight from
   * the dense table to the output).
   * {@code out} is flushed, not closed.
   */
  public static void write(CoordinateStatistics s, Writer out) throws IOException {
    StringBuilder b = new StringBuilder(1 << 16);
    b.append("# method: ").append(oneLine(s.method())).append('\n');
    for (String n : s.notes()) {
      b.append("# ").append(oneLine(n)).append('\n');
    }
    b.append(HEADER).append('\n');
    for (VectorStatistics v : s.vectors().values()) {
      row(b, "mean", v.name(), "", v.kind().label(), v.mean().value(), v.mean().error());
      row(b, "variance", v.name(), "", v.kind().label(), v.variance().value(),
          v.variance().error());
    }
    for (Map.Entry<String, Estimate> e : s.scalars().entrySet()) {
      row(b, "scalar", e.getKey(), "", "scalar", e.getValue().value(), e.getValue().error());
    }
    SecondMoments t = s.secondMomentTable();
    List<String> names = t.names();
    List<String> quoted = new ArrayList<>(names.size());
    names.forEach(n -> quoted.add(quote(n)));
    for (int i = 0; i < names.size(); i++) {
      for (int j = 0; j < names.size(); j++) {
        if (t.has(i, j)) {
          b.append("second_moment,").append(quoted.get(i)).append(',').append(quoted.get(j))
              .append(",,").append(number(t.value(i, j))).append(',')
              .append(number(t.error(i, j))).append('\n');
        }
      }
      if (b.length() > 1 << 15) {
        out.append(b);
        b.setLength(0);
      }
    }
    out.append(b);
    out.flush();
  }

  private static void row(StringBuilder out, String q, String a, String b, String kind,
      double value, double error) {
    out.append(q).append(',').append(quote(a)).append(',').append(quote(b)).append(',')
        .append(kind).append(',').append(number(value)).append(',')
        .append(number(error)).append('\n');
  }

  private static String number(double x) {
    // shortest text that reads back to the same double (Schubfach; JDK 17's Double.toString is
    // slower and not always shortest)
    return Double.isFinite(x) ? com.fasterxml.jackson.core.io.NumberOutput.toString(x, true)
        : Double.toString(x);
  }

  private static String quote(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  private static String oneLine(String s) {
    return s.replace('\n', ' ').replace('\r', ' ');
  }
}
