package org.tpe.limit;

import java.util.Map;

/**
 * CSV form of {@link CoordinateStatistics} for spreadsheets and plotting scripts: one quantity a
 * line, header {@code quantity,a,b,kind,value,error}, where {@code quantity} is {@code mean},
 * {@code variance} (of vector {@code a}, of kind G or X), {@code scalar} ({@code a}) or {@code
 * second_moment} (E[Z^a Z^b]). Numbers are written as the shortest decimal that reads back to the same double ({@code
 * NaN}, {@code Infinity} when not finite); names are quoted when they contain a comma or quote. The method and notes come first
 * as {@code #} comment lines, which most CSV readers can skip.
 */
public final class StatisticsCsv {
  /** The header line. */
  public static final String HEADER = "quantity,a,b,kind,value,error";

  private StatisticsCsv() {}

  /** The statistics as CSV text ending with a newline. */
  public static String write(CoordinateStatistics s) {
    StringBuilder out = new StringBuilder();
    out.append("# method: ").append(oneLine(s.method())).append('\n');
    for (String n : s.notes()) {
      out.append("# ").append(oneLine(n)).append('\n');
    }
    out.append(HEADER).append('\n');
    for (VectorStatistics v : s.vectors().values()) {
      row(out, "mean", v.name(), "", v.kind().label(), v.mean());
      row(out, "variance", v.name(), "", v.kind().label(), v.variance());
    }
    s.scalars().forEach((k, e) -> row(out, "scalar", k, "", "scalar", e));
    for (Map.Entry<String, Map<String, Estimate>> r : s.secondMoments().entrySet()) {
      r.getValue().forEach((b, e) -> row(out, "second_moment", r.getKey(), b, "", e));
    }
    return out.toString();
  }

  private static void row(StringBuilder out, String q, String a, String b, String kind,
      Estimate e) {
    out.append(q).append(',').append(quote(a)).append(',').append(quote(b)).append(',')
        .append(kind).append(',').append(number(e.value())).append(',')
        .append(number(e.error())).append('\n');
  }

  private static String number(double x) {
    return Double.toString(x); // shortest text that reads back to the same double
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
