package org.tpe.app.editor.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the line plot says, read from its display list: each point where its axis ticks put its
 * value (linear and logarithmic), error bars exactly ± the error long, dashed series dashed,
 * values a log axis cannot show left out, the legend naming the listed series, no label outside
 * the figure, and the CSV holding every number.
 */
class LinePlotTest {
  private static final PlotTheme T = PlotTheme.LIGHT;
  private static final double[] STEPS = {0, 1, 2, 3};

  private static List<Mark.Dot> dots(Figure f, double r) {
    return f.marks().stream().filter(m -> m instanceof Mark.Dot d && d.r() == r)
        .map(m -> (Mark.Dot) m).toList();
  }

  /** The y tick label saying {@code s} (right-aligned, vertically centred on its tick). */
  private static Mark.Text yLabel(Figure f, String s) {
    return label(f, s, Mark.Align.RIGHT);
  }

  /** The x tick label saying {@code s} (centred on its tick). */
  private static Mark.Text xLabel(Figure f, String s) {
    return label(f, s, Mark.Align.CENTER);
  }

  private static Mark.Text label(Figure f, String s, Mark.Align a) {
    return f.texts().stream().filter(t -> t.text().equals(s) && t.align() == a && !t.vertical())
        .findFirst().orElseThrow(() -> new AssertionError("no label '" + s + "' in "
            + f.texts().stream().map(Mark.Text::text).toList()));
  }

  private static List<Mark.Line> verticals(Figure f) {
    return f.marks().stream().filter(m -> m instanceof Mark.Line l && l.x1() == l.x2()
        && l.y1() != l.y2()).map(m -> (Mark.Line) m).toList();
  }

  @Test
  void pointsSitWhereTheTicksPutTheirValuesWithErrorBarsOfTwiceTheError() {
    LinePlot.Series s = new LinePlot.Series("ξ1 n = 64", false, 0, new double[] {1, 2, 3, 4},
        new double[] {0.25, 0.125, 0.25, 0.25}, LinePlot.Style.POINTS, 0);
    Figure f = LinePlot.figure(T, 480, 240, "f_t", STEPS, List.of(s),
        new LinePlot.Axes("step t", false, "f_t", false));
    List<Mark.Dot> pts = dots(f, LinePlot.POINT);
    assertEquals(4, pts.size());
    // x: the step's tick label is centred on the point; y: the value's tick label (1, 2, 3, 4
    // are the nice ticks, a step of 1, of the range [0.75, 4.25] padded by 6 % to [0.54, 4.46])
    // is vertically centred on it
    double unit = yLabel(f, "1").y() - yLabel(f, "2").y();
    assertTrue(unit > 10, "one data unit is " + unit + " px");
    for (int i = 0; i < 4; i++) {
      Mark.Dot d = pts.get(i);
      assertEquals(yLabel(f, Integer.toString(i + 1)).y(), d.cy(), 1e-9, "value " + (i + 1));
      assertEquals(xLabel(f, Integer.toString(i)).x(), d.cx(), 1e-9, "step " + i);
    }
    // each error bar: a vertical through the point from value − e to value + e, capped
    double[] e = {0.25, 0.125, 0.25, 0.25};
    for (int i = 0; i < 4; i++) {
      Mark.Dot d = pts.get(i);
      // (the x-axis tick below the point is a vertical too, in the axes' ink)
      List<Mark.Line> bar = verticals(f).stream().filter(l -> l.x1() == d.cx()
          && l.ink().equals(T.seriesColour(0))).toList();
      assertEquals(1, bar.size(), "one bar at step " + i);
      Mark.Line l = bar.get(0);
      assertEquals(2 * e[i] * unit, Math.abs(l.y2() - l.y1()), 1e-9);
      assertEquals(d.cy(), (l.y1() + l.y2()) / 2, 1e-9, "the bar is centred on its point");
      long caps = f.marks().stream().filter(m -> m instanceof Mark.Line c && c.y1() == c.y2()
          && Math.abs((c.x1() + c.x2()) / 2 - d.cx()) < 1e-9).count();
      assertEquals(2, caps, "both ends capped at step " + i);
    }
    PlotsTest.assertInside(f);
  }

  @Test
  void anOffsetShiftsPointsSidewaysOnly() {
    double[] y = {1, 2, 3, 4};
    LinePlot.Series a = new LinePlot.Series("a", false, 0, y, null, LinePlot.Style.POINTS, -4);
    LinePlot.Series b = new LinePlot.Series("b", false, 1, y, null, LinePlot.Style.POINTS, 4);
    Figure f = LinePlot.figure(T, 480, 240, "", STEPS, List.of(a, b),
        new LinePlot.Axes("step", false, "", false));
    List<Mark.Dot> pts = dots(f, LinePlot.POINT);
    assertEquals(8, pts.size());
    for (int i = 0; i < 4; i++) {
      assertEquals(8, pts.get(4 + i).cx() - pts.get(i).cx(), 1e-9);
      assertEquals(pts.get(4 + i).cy(), pts.get(i).cy(), 1e-9);
    }
    assertTrue(verticals(f).stream().allMatch(l -> pts.stream().noneMatch(d -> d.cx() == l.x1())),
        "no error bars without errors");
  }

  @Test
  void aLogAxisSpacesDecadesEquallyAndLeavesOutWhatItCannotShow() {
    // sizes 1, 10, 100, 1000 against widths 64…512: equal steps in log y at the labels "1"…
    double[] widths = {64, 128, 256, 512};
    LinePlot.Series s = new LinePlot.Series("h", false, 0, new double[] {1, 10, 100, 1000}, null,
        LinePlot.Style.POINTS, 0);
    Figure f = LinePlot.figure(T, 480, 240, "sizes", widths, List.of(s),
        new LinePlot.Axes("width n", true, "size", true));
    List<Mark.Dot> pts = dots(f, LinePlot.POINT);
    String[] decades = {"1", "10", "100", "1000"};
    for (int i = 0; i < 4; i++) {
      assertEquals(yLabel(f, decades[i]).y(), pts.get(i).cy(), 1e-9, decades[i]);
      // the widths double: equal steps in log x too
      if (i > 1) {
        assertEquals(pts.get(i).cx() - pts.get(i - 1).cx(), pts.get(1).cx() - pts.get(0).cx(),
            1e-9);
      }
    }
    // a solid line through 1, 0, 10, 100: the 0 breaks it into a lone point and a segment
    LinePlot.Series broken = new LinePlot.Series("g", true, 1, new double[] {1, 0, 10, 100},
        null, LinePlot.Style.SOLID, 0);
    Figure g = LinePlot.figure(T, 480, 240, "", widths, List.of(broken),
        new LinePlot.Axes("n", true, "", true));
    List<Mark.Path> paths = g.marks().stream().filter(m -> m instanceof Mark.Path)
        .map(m -> (Mark.Path) m).toList();
    assertEquals(1, paths.size());
    assertEquals(2, paths.get(0).xs().length, "the segment 10 → 100");
    assertEquals(1, dots(g, 1.5).size(), "the lone first value");
    assertEquals(yLabel(g, "10").y(), paths.get(0).ys()[0], 1e-9);
  }

  @Test
  void dashedSeriesAreDashedAndTheLegendNamesOnlyTheListedSeries() {
    LinePlot.Series limit = new LinePlot.Series("ξ1", true, 0, new double[] {0, 0.5, 0.7, 0.8},
        null, LinePlot.Style.SOLID, 0);
    LinePlot.Series gd = new LinePlot.Series("ξ1 GD", true, 0, new double[] {0, 0.4, 0.6, 0.7},
        null, LinePlot.Style.DASHED, 0);
    LinePlot.Series finite = new LinePlot.Series("ξ1 n = 64", false, 0,
        new double[] {0.1, 0.5, 0.6, 0.9}, new double[] {0.1, 0.1, 0.1, 0.1},
        LinePlot.Style.POINTS, 0);
    Figure f = LinePlot.figure(T, 480, 240, "f_t", STEPS, List.of(limit, gd, finite),
        new LinePlot.Axes("step t", false, "f_t", false));
    long dashedInPlot = f.marks().stream().filter(m -> m instanceof Mark.Line l && l.dashed())
        .count();
    assertEquals(3 + 1, dashedInPlot, "three dashed segments and the legend's sample");
    List<String> said = f.texts().stream().map(Mark.Text::text).toList();
    assertTrue(said.contains("ξ1") && said.contains("ξ1 GD"), said.toString());
    assertFalse(said.contains("ξ1 n = 64"), "finite widths are not in the legend");
    assertTrue(said.contains("step t") && said.contains("f_t"), said.toString());
  }

  @Test
  void noLabelLeavesANarrowFigureEvenWithLongLegendsAndManySeries() {
    java.util.ArrayList<LinePlot.Series> many = new java.util.ArrayList<>();
    for (int k = 0; k < 30; k++) {
      many.add(new LinePlot.Series("a rather long name of quantity number " + k, true, k,
          new double[] {k, k + 1e6, -k, 3}, null, LinePlot.Style.SOLID, 0));
    }
    for (double w : new double[] {160, 260, 480}) {
      Figure f = LinePlot.figure(T, w, 120, "a title much longer than any narrow figure is wide",
          STEPS, many, new LinePlot.Axes("step t", false, "a long y title", false));
      PlotsTest.assertInside(f);
      assertTrue(f.texts().stream().anyMatch(t -> t.text().matches("\\+ \\d+ more")),
          "30 series do not fit in 120 px: the legend says how many are left out");
    }
  }

  @Test
  void withoutValuesOnlyTheTitleIsDrawn() {
    LinePlot.Series nan = new LinePlot.Series("x", true, 0, new double[] {Double.NaN}, null,
        LinePlot.Style.SOLID, 0);
    Figure f = LinePlot.figure(T, 300, 150, "nothing yet", STEPS, List.of(nan),
        new LinePlot.Axes("step", false, "", false));
    assertEquals(List.of("nothing yet"), f.texts().stream().map(Mark.Text::text).toList());
    assertEquals(1, f.marks().size());
  }

  @Test
  void csvHoldsEveryValueAndError() {
    LinePlot.Series a = new LinePlot.Series("ξ1, limit", true, 0, new double[] {0.25, 0.5},
        null, LinePlot.Style.SOLID, 0);
    LinePlot.Series b = new LinePlot.Series("ξ1 n = 64", false, 0, new double[] {0.3, 0.45},
        new double[] {0.01, 0.02}, LinePlot.Style.POINTS, 0);
    List<String> lines = LinePlot.csv("step", new double[] {0, 1}, List.of(a, b)).lines()
        .toList();
    assertEquals(List.of("series,style,step,value,error", "\"ξ1, limit\",solid,0.0,0.25,",
        "\"ξ1, limit\",solid,1.0,0.5,", "ξ1 n = 64,points,0.0,0.3,0.01",
        "ξ1 n = 64,points,1.0,0.45,0.02"), lines);
  }
}
