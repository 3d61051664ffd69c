package org.tpe.app.editor.plot;

/** Numbers and names as CSV cells: shortest round-trip decimals, names quoted when they must be. */
final class Csv {
  private Csv() {}

  static String num(double v) {
    return Double.isFinite(v) ? Double.toString(v) : "";
  }

  static String name(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n")
        ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
