package org.tpe.spectrum;

import org.tpe.limit.Estimate;
import org.tpe.limit.Histogram;

/**
 * CSV form of a {@link SpectrumReport} ({@code tpe spectrum --csv}), one number a line, header
 * {@code quantity,k,x,method,value,error}: {@code moment} (k, method {@code program}, {@code free}
 * or {@code finite}), {@code lambda_max} ({@code free} or {@code finite}), {@code support_lo} /
 * {@code support_hi} / {@code support_mass} (k = the interval's number), {@code atom_at_zero}, {@code density} (x, {@code
 * free}) and {@code histogram} (x = the bin's left edge, {@code finite}, the density). The notes
 * come first as {@code #} lines. Numbers are the shortest decimals that read back to the same
 * double.
 */
public final class SpectrumCsv {
  /** The header line. */
  public static final String HEADER = "quantity,k,x,method,value,error";

  private SpectrumCsv() {}

  /** The report as CSV text ending with a newline. */
  public static String write(SpectrumReport r) {
    StringBuilder out = new StringBuilder();
    for (String n : r.notes()) {
      out.append("# ").append(n.replace('\n', ' ')).append('\n');
    }
    out.append(HEADER).append('\n');
    for (int k = 1; k <= r.moments(); k++) {
      if (r.program() != null) {
        row(out, "moment", k, "", "program", r.program().moments().get(k - 1));
      }
      if (r.free() != null) {
        row(out, "moment", k, "", "free", r.free().moments().get(k - 1));
      }
      if (r.finite() != null) {
        row(out, "moment", k, "", "finite", Estimate.exact(r.finite().moments(k)[k - 1]));
      }
    }
    if (r.free() != null) {
      FreeSpectrum f = r.free();
      row(out, "lambda_max", 0, "", "free", Estimate.exact(f.lambdaMax()));
      for (int i = 0; i < f.support().size(); i++) {
        row(out, "support_lo", i + 1, "", "free", Estimate.exact(f.support().get(i).lo()));
        row(out, "support_hi", i + 1, "", "free", Estimate.exact(f.support().get(i).hi()));
        row(out, "support_mass", i + 1, "", "free", Estimate.exact(f.support().get(i).mass()));
      }
      row(out, "atom_at_zero", 0, "", "free", Estimate.exact(f.massAtZero()));
      double[] x = f.density().x();
      double[] d = f.density().density();
      for (int i = 0; i < x.length; i++) {
        row(out, "density", 0, Double.toString(x[i]), "free", Estimate.exact(d[i]));
      }
    }
    if (r.finite() != null) {
      row(out, "lambda_max", 0, "", "finite", Estimate.exact(r.finite().lambdaMax()));
      Histogram h = r.finite().histogram(SpectrumJson.HISTOGRAM_BINS, r.range());
      double[] e = h.edges();
      double[] d = h.density();
      for (int i = 0; i < d.length; i++) {
        row(out, "histogram", 0, Double.toString(e[i]), "finite", Estimate.exact(d[i]));
      }
    }
    return out.toString();
  }

  private static void row(StringBuilder out, String q, int k, String x, String method,
      Estimate e) {
    out.append(q).append(',').append(k == 0 ? "" : Integer.toString(k)).append(',').append(x)
        .append(',').append(method).append(',').append(e.value()).append(',')
        .append(e.error() == 0 ? "" : Double.toString(e.error())).append('\n');
  }
}
