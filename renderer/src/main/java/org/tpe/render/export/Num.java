package org.tpe.render.export;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Short, locale-independent decimal numbers for text formats (SVG, TikZ). */
final class Num {
  private Num() {}

  /** {@code v} rounded to two decimals without trailing zeros ("12.5", "-3", "0.25"). */
  static String f(double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("not a finite coordinate: " + v);
    }
    BigDecimal d = BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros();
    String s = d.toPlainString();
    return s.equals("-0") ? "0" : s;
  }
}
