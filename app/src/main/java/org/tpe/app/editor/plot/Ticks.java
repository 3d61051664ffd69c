package org.tpe.app.editor.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Axis ticks at "nice" values: 1, 2, 2.5 or 5 times a power of ten on a linear axis, powers of
 * ten (and 2 and 5 times them when the axis spans less than two decades) on a logarithmic one.
 */
public final class Ticks {
  private Ticks() {}

  /**
   * A tick.
   *
   * @param value where it is, in data units
   * @param label what it says
   */
  public record Tick(double value, String label) {}

  /** About {@code target} ticks in [lo, hi] (at least two when lo < hi). */
  public static List<Tick> linear(double lo, double hi, int target) {
    List<Tick> out = new ArrayList<>();
    if (!(hi > lo) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
      out.add(new Tick(lo, format(lo, 1)));
      return out;
    }
    double step = niceStep((hi - lo) / Math.max(1, target));
    double first = Math.ceil(lo / step - 1e-9) * step;
    for (double v = first; v <= hi + step * 1e-9; v += step) {
      double r = Math.abs(v) < step * 1e-9 ? 0 : v;
      out.add(new Tick(r, format(r, step)));
      if (out.size() > 50) {
        break;
      }
    }
    return out;
  }

  /** The nice step nearest above {@code raw}: 1, 2, 2.5 or 5 × 10^k. */
  static double niceStep(double raw) {
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / p;
    double m = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
    return m * p;
  }

  /** Ticks of a logarithmic axis over [lo, hi], both positive. */
  public static List<Tick> log(double lo, double hi) {
    List<Tick> out = new ArrayList<>();
    if (!(lo > 0) || !(hi > lo)) {
      return out;
    }
    int k0 = (int) Math.floor(Math.log10(lo));
    int k1 = (int) Math.ceil(Math.log10(hi));
    double[] mult = Math.log10(hi / lo) <= 2 ? new double[] {1, 2, 5} : new double[] {1};
    for (int k = k0; k <= k1; k++) {
      for (double m : mult) {
        double v = m * Math.pow(10, k);
        if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) {
          out.add(new Tick(v, power(m, k)));
        }
      }
    }
    if (out.size() < 2) {
      out.clear();
      out.add(new Tick(lo, format(lo, lo / 10)));
      out.add(new Tick(hi, format(hi, hi / 10)));
    }
    return out;
  }

  /** m·10^k as "0.02", "5", "1e-4", "2e+05". */
  private static String power(double m, int k) {
    double v = m * Math.pow(10, k);
    if (k >= -3 && k <= 4) {
      return format(v, Math.pow(10, k));
    }
    return (m == 1 ? "1" : String.valueOf((int) m)) + "e" + (k < 0 ? "−" + (-k) : "+" + k);
  }

  /** Ticks at the given values (the widths of a sweep), labelled as integers. */
  public static List<Tick> at(int[] values) {
    List<Tick> out = new ArrayList<>();
    for (int v : values) {
      out.add(new Tick(v, Integer.toString(v)));
    }
    return out;
  }

  /** {@code v} in at most three significant digits, without trailing zeros ("0", "1.5", "−2"). */
  public static String compact(double v) {
    if (v == 0) {
      return "0";
    }
    String s = String.format(Locale.ROOT, "%.3g", v);
    if (!s.contains("e") && s.contains(".")) {
      s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return s.replace('-', '−');
  }

  /** {@code v} with as many decimals as a step of {@code step} needs; scientific when extreme. */
  public static String format(double v, double step) {
    double a = Math.abs(v);
    if (v != 0 && (a >= 1e5 || a < 1e-3)) {
      return String.format(Locale.ROOT, "%.2g", v).replace("e-0", "e−").replace("e-", "e−")
          .replace("e+0", "e+");
    }
    int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
    if (step * Math.pow(10, decimals) % 1 > 1e-6 && decimals < 6) {
      decimals++; // 2.5 × 10^k needs one more digit
    }
    String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
    return (s.matches("-0\\.?0*") ? s.substring(1) : s).replace('-', '−');
  }
}
