package org.tpe.app.editor.plot;

import java.util.List;
import org.tpe.render.style.Rgba;

/**
 * A heat map of a matrix of second moments E[Z^a Z^b]: cells coloured on a diverging scale
 * symmetric about 0 (−max blue, 0 neutral, +max red), each cell's value written in it (at a
 * smaller size down to {@value #MIN_VALUE} when the cells are small; below that only colours), a colour legend with ticks, and rows and columns named. The layout is kept
 * so that a view can tell which cell is under the mouse ({@link #cellAt}) and say its value.
 */
public final class HeatMapPlot {
  private static final double VALUE = 9.5;
  /** The smallest size a cell's value is written at (smaller cells show colours and hover). */
  static final double MIN_VALUE = 6.5;

  private final PlotTheme theme;
  private final double width;
  private final double height;
  private final String title;
  private final List<String> names;
  private final double[][] values;
  private final double[][] errors;
  private final double max;
  private final double left;
  private final double top;
  private final double cell;
  private final boolean verticalColumns;
  private final double labelWidth;

  /**
   * @param values the matrix (NaN where unknown), rows and columns in the order of {@code names}
   * @param errors the values' errors (same shape), or null
   */
  public HeatMapPlot(PlotTheme theme, double width, double height, String title,
      List<String> names, double[][] values, double[][] errors) {
    this.theme = theme;
    this.width = width;
    this.height = height;
    this.title = title;
    this.names = List.copyOf(names);
    this.values = copy(values);
    this.errors = errors == null ? null : copy(errors);
    double m = 0;
    for (double[] row : values) {
      for (double v : row) {
        if (Double.isFinite(v)) {
          m = Math.max(m, Math.abs(v));
        }
      }
    }
    this.max = m;
    int k = Math.max(1, names.size());
    double lw = 0;
    for (String n : names) {
      lw = Math.max(lw, Figure.textWidth(n, Frame.TICK));
    }
    this.labelWidth = lw;
    this.left = 6 + lw + 6;
    this.top = Frame.TITLE + 14;
    double legend = 14 + 6 + Figure.textWidth("−0.000", Frame.TICK) + 8;
    double byWidth = (width - left - legend - 10) / k;
    double c = Math.min(60, Math.min(byWidth, (height - top - Frame.TICK - 10) / k));
    // column names too wide for their cells are written upwards, and need room below
    boolean vertical = c < lw + 6;
    if (vertical) {
      c = Math.min(60, Math.min(byWidth, (height - top - lw - 10) / k));
    }
    this.cell = Math.max(2, c);
    this.verticalColumns = vertical;
  }

  private static double[][] copy(double[][] m) {
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = m[i].clone();
    }
    return out;
  }

  /** The figure. */
  public Figure figure() {
    Figure.Builder b = new Figure.Builder(width, height, theme.background());
    Frame.title(b, theme, title);
    int k = names.size();
    if (k == 0) {
      return b.build();
    }
    String widest = "";
    for (double[] row : values) {
      for (double v : row) {
        String s = cellLabel(v);
        widest = s.length() > widest.length() ? s : widest;
      }
    }
    // the values at the largest size up to VALUE that fits the widest of them in a cell
    double size = Math.min(VALUE, Math.min(cell - 4, VALUE * (cell - 4)
        / Math.max(1e-9, Figure.textWidth(widest, VALUE))));
    while (size >= MIN_VALUE && Figure.textWidth(widest, size) + 4 > cell) {
      size -= 0.25;
    }
    boolean writeValues = size >= MIN_VALUE;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double v = values[i][j];
        Rgba fill = Double.isFinite(v) ? theme.heat(max == 0 ? 0 : v / max) : theme.grid();
        double x = left + j * cell;
        double y = top + i * cell;
        b.add(new Mark.Box(x, y, cell, cell, fill, theme.background()));
        if (writeValues) {
          Rgba ink = fill.luminance() > 0.35 ? Rgba.hex(0x111111) : Rgba.hex(0xf5f5f5);
          b.text(x + cell / 2, y + cell / 2, Double.isFinite(v) ? cellLabel(v) : "?", ink, size,
              Mark.Align.CENTER);
        }
      }
      b.text(left - 5, top + (i + 0.5) * cell, names.get(i), theme.ink(), Frame.TICK,
          Mark.Align.RIGHT);
      double cx = left + (i + 0.5) * cell;
      if (verticalColumns) {
        double tw = Figure.textWidth(names.get(i), Frame.TICK);
        b.add(new Mark.Text(cx, top + k * cell + 5 + tw / 2, names.get(i), theme.ink(),
            Frame.TICK, Mark.Align.CENTER, true));
      } else {
        b.text(cx, top + k * cell + 5 + Frame.TICK / 2, names.get(i), theme.ink(), Frame.TICK,
            Mark.Align.CENTER);
      }
    }
    legend(b, k);
    return b.build();
  }

  /** The colour bar from −max to +max with its ticks, right of the matrix. */
  private void legend(Figure.Builder b, int k) {
    double x = left + k * cell + 14;
    double h = Math.max(40, k * cell);
    double y0 = top;
    int steps = 40;
    for (int s = 0; s < steps; s++) {
      double t = 1 - 2.0 * (s + 0.5) / steps;
      b.add(new Mark.Box(x, y0 + h * s / steps, 12, h / steps + 0.5, theme.heat(t), null));
    }
    b.add(new Mark.Box(x, y0, 12, h, null, theme.ink()));
    double m = max == 0 ? 1 : max;
    for (Ticks.Tick tk : Ticks.linear(-m, m, 4)) {
      double y = y0 + h * (1 - (tk.value() + m) / (2 * m));
      b.line(x + 12, y, x + 15, y, theme.ink(), 1);
      b.text(x + 17, y, tk.label(), theme.ink(), Frame.TICK, Mark.Align.LEFT);
    }
  }

  /** The cell under figure point (x, y), {row, column}, or null. */
  public int[] cellAt(double x, double y) {
    int k = names.size();
    int j = (int) Math.floor((x - left) / cell);
    int i = (int) Math.floor((y - top) / cell);
    return x < left || y < top || i >= k || j >= k ? null : new int[] {i, j};
  }

  /** What a cell holds: "E[Z^a Z^b] = v ± e". */
  public String describe(int i, int j) {
    double v = values[i][j];
    double e = errors == null ? 0 : errors[i][j];
    return "E[Z^" + names.get(i) + " Z^" + names.get(j) + "] = " + (Double.isFinite(v)
        ? sig(v, 4) + (e > 0 ? " ± " + sig(e, 2) : "") : "unknown");
  }

  private static String sig(double v, int digits) {
    return String.format(java.util.Locale.ROOT, "%." + digits + "g", v).replace('-', '−');
  }

  /** The side of a cell in pixels. */
  public double cell() {
    return cell;
  }

  /** Whether the names under the columns are written vertically. */
  boolean verticalColumns() {
    return verticalColumns;
  }

  double labelWidth() {
    return labelWidth;
  }

  /** The text written in a cell of value {@code v}. */
  static String cellLabel(double v) {
    if (!Double.isFinite(v)) {
      return "?";
    }
    double a = Math.abs(v);
    return a != 0 && (a < 1e-3 || a >= 1e4) ? Ticks.format(v, a)
        : Ticks.format(v, a >= 100 ? 1 : a >= 10 ? 0.1 : 0.001);
  }

  /** The matrix as CSV: a header of names, then one row per name (and the errors, if known). */
  public static String csv(List<String> names, double[][] values, double[][] errors) {
    StringBuilder sb = new StringBuilder("quantity,row");
    for (String n : names) {
      sb.append(',').append(Csv.name(n));
    }
    sb.append('\n');
    for (int pass = 0; pass < (errors == null ? 1 : 2); pass++) {
      double[][] m = pass == 0 ? values : errors;
      for (int i = 0; i < names.size(); i++) {
        sb.append(pass == 0 ? "second_moment," : "error,").append(Csv.name(names.get(i)));
        for (int j = 0; j < names.size(); j++) {
          sb.append(',').append(Csv.num(m[i][j]));
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }
}
