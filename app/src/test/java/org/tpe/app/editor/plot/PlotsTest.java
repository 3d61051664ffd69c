package org.tpe.app.editor.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.tpe.limit.Histogram;
import org.tpe.sim.ConvergenceResult;
import org.tpe.sim.LogLogFit;

/**
 * What the plots say, read from their display lists: point masses drawn as atoms at their mass,
 * x-ranges from the support, axes with ticks and titles, heat-map legends and values, the
 * convergence plot's slope and band, every label inside its figure, and the PNG, SVG and CSV
 * exports.
 */
class PlotsTest {
  private static final PlotTheme T = PlotTheme.LIGHT;

  private static double[] normals(int n, long seed) {
    Random r = new Random(seed);
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      z[i] = r.nextGaussian();
    }
    return z;
  }

  private static Histogram relu() {
    double[] z = normals(20_000, 1);
    for (int i = 0; i < z.length; i++) {
      z[i] = Math.max(0, z[i]);
    }
    return Histogram.ofSample(z, 40);
  }

  /** Left and right edge of a text mark (a vertical one: its anchor ± half its height). */
  private static double[] extent(Mark.Text t) {
    if (t.vertical()) {
      return new double[] {t.x() - t.size() / 2, t.x() + t.size() / 2};
    }
    double w = Figure.textWidth(t.text(), t.size());
    return switch (t.align()) {
      case LEFT -> new double[] {t.x(), t.x() + w};
      case CENTER -> new double[] {t.x() - w / 2, t.x() + w / 2};
      case RIGHT -> new double[] {t.x() - w, t.x()};
    };
  }

  static void assertInside(Figure f) {
    for (Mark.Text t : f.texts()) {
      double[] e = extent(t);
      assertTrue(e[0] >= -0.5 && e[1] <= f.width() + 0.5,
          "'" + t.text() + "' leaves a " + f.width() + " px figure: " + e[0] + ".." + e[1]);
      double half = t.vertical() ? Figure.textWidth(t.text(), t.size()) / 2 : t.size() / 2;
      assertTrue(t.y() - half >= -0.5 && t.y() + half <= f.height() + 0.5,
          "'" + t.text() + "' leaves the figure vertically");
    }
  }

  @Test
  void reluPointMassAtZeroIsAnAtomAtItsMassOnTheMassAxis() {
    Histogram h = relu();
    assertEquals(1, h.atoms().size(), "relu's draws have one atom (at 0)");
    double mass = h.atoms().get(0).mass();
    // P(relu(Z) = 0) = P(Z ≤ 0) = 1/2; 20 000 draws: sd 0.0035
    assertEquals(0.5, mass, 0.015);
    Figure f = DensityPlot.figure(T, 560, 220, "density of Z^u", "u", h, null, "limit", "");
    Mark.Text label = f.texts().stream().filter(t -> t.text().startsWith("P(Z = 0) = "))
        .findFirst().orElseThrow();
    assertEquals(String.format(java.util.Locale.ROOT, "P(Z = 0) = %.3f", mass), label.text());
    // the mass axis: labels "0" and "1" on the right of the frame, the atom's dot between them
    Mark.Text zero = rightAxis(f, "0.0");
    Mark.Text one = rightAxis(f, "1.0");
    double expected = zero.y() + mass * (one.y() - zero.y());
    Mark.Dot dot = f.marks().stream().filter(m -> m instanceof Mark.Dot).map(m -> (Mark.Dot) m)
        .filter(d -> Math.abs(d.cy() - expected) < 0.5).findFirst().orElse(null);
    assertNotNull(dot, "a dot at the atom's mass " + mass + " (y = " + expected + ")");
    assertTrue(f.texts().stream().anyMatch(t -> t.vertical() && t.text().equals("mass")));
    assertTrue(f.texts().stream().anyMatch(t -> t.vertical() && t.text().equals("density")));
    // the continuous part is a curve that does not reach into the atom: it starts right of 0
    Mark.Path curve = f.marks().stream().filter(m -> m instanceof Mark.Path)
        .map(m -> (Mark.Path) m).findFirst().orElseThrow();
    assertTrue(curve.xs()[0] > dot.cx(), "the curve starts right of the atom");
    assertInside(f);
  }

  private static Mark.Text rightAxis(Figure f, String s) {
    return f.texts().stream().filter(t -> t.text().equals(s) && t.align() == Mark.Align.LEFT
        && t.x() > f.width() / 2).findFirst().orElseThrow(() -> new AssertionError(s));
  }

  @Test
  void positiveLawGetsAnXRangeFromItsSupportAndYTicks() {
    double[] z = normals(20_000, 2);
    double max = 0;
    for (int i = 0; i < z.length; i++) {
      z[i] = Math.exp(z[i]);
      max = Math.max(max, z[i]);
    }
    Histogram h = Histogram.ofSample(z, 40);
    Figure f = DensityPlot.figure(T, 480, 200, "density of Z^y", "y", h, null, "limit", "");
    List<Mark.Text> xTicks = f.texts().stream().filter(t -> t.align() == Mark.Align.CENTER
        && !t.vertical() && t.y() > 170 && t.text().matches("[−0-9.]+")).toList();
    assertTrue(xTicks.size() >= 3, "x ticks: " + xTicks);
    for (Mark.Text t : xTicks) {
      assertFalse(t.text().startsWith("−"), "exp(Z) > 0, yet the x axis shows " + t.text());
      assertTrue(Double.parseDouble(t.text()) <= max, t.text() + " beyond every draw " + max);
    }
    List<Mark.Text> yTicks = f.texts().stream().filter(t -> t.align() == Mark.Align.RIGHT
        && t.x() < 60).toList();
    assertTrue(yTicks.size() >= 2, "y ticks: " + yTicks);
    assertTrue(f.texts().stream().anyMatch(t -> t.text().equals("value of Z^y")));
  }

  @Test
  void everyLabelStaysInsideAtEveryWidth() {
    Histogram h = relu();
    Histogram finite = Histogram.ofSample(normals(1000, 3), 30);
    for (int w : new int[] {220, 300, 420, 640, 1000}) {
      assertInside(DensityPlot.figure(T, w, 190, "density of Z^relu_output_with_a_long_name "
          + "(limit, 4096 particles); bars: width n = 1024", "relu_output_with_a_long_name", h,
          finite, "limit, 4096 particles", "width n = 1024"));
      assertInside(new HeatMapPlot(T, w, 240, "over the vectors", List.of("x", "h", "u",
          "hidden_2"), sym(4), null).figure());
    }
  }

  private static double[][] sym(int k) {
    double[][] m = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        m[i][j] = i == j ? 1 + i : -0.25 * (i + j) / k;
      }
    }
    return m;
  }

  @Test
  void heatMapWritesEveryValueOfEightVectorsAndALegendSymmetricAboutZero() {
    List<String> names = List.of("x", "h1", "h2", "h3", "x1", "x2", "x3", "y");
    double[][] m = sym(8);
    Figure f = new HeatMapPlot(T, 760, 460, "over the vectors", names, m, null).figure();
    for (double[] row : m) {
      for (double v : row) {
        String s = HeatMapPlot.cellLabel(v);
        assertTrue(f.texts().stream().anyMatch(t -> t.text().equals(s)), "value " + s);
      }
    }
    // legend from −max to +max: max = 8 (the last diagonal entry)
    assertTrue(f.texts().stream().anyMatch(t -> t.text().equals("0")));
    assertTrue(f.texts().stream().anyMatch(t -> t.text().equals("5")));
    assertTrue(f.texts().stream().anyMatch(t -> t.text().equals("−5")));
  }

  @Test
  void smallCellsStillShowTheirValuesAtASmallerSizeThatFitsThem() {
    // a 5×5 kernel in a narrow panel: cells of ≈ 32 px, too small for 9.5 pt values (−0.400 is
    // 35 px wide at 9.5 pt, 24 px at 6.5 pt)
    List<String> names = List.of("ξ1", "ξ2", "ξ3", "ξ4", "ξ5");
    double[][] m = sym(5);
    HeatMapPlot p = new HeatMapPlot(T, 260, 250, "kernel", names, m, null);
    assertTrue(p.cell() > 28, "cells: " + p.cell());
    assertTrue(p.cell() < 40, "small cells: " + p.cell());
    Figure f = p.figure();
    for (double[] row : m) {
      for (double v : row) {
        String s = HeatMapPlot.cellLabel(v);
        Mark.Text t = f.texts().stream().filter(x -> x.text().equals(s)).findFirst()
            .orElseThrow(() -> new AssertionError("value " + s + " not written"));
        assertTrue(t.size() >= HeatMapPlot.MIN_VALUE, "legible: " + t.size());
        assertTrue(Figure.textWidth(s, t.size()) + 4 <= p.cell(), "fits its cell: " + s);
      }
    }
    assertInside(f);
    // cells of a few pixels: colours only (hover still tells the value)
    HeatMapPlot tiny = new HeatMapPlot(T, 230, 220, "kernel",
        java.util.stream.IntStream.range(0, 40).mapToObj(i -> "v" + i).toList(),
        new double[40][40], null);
    assertTrue(tiny.figure().texts().stream().noneMatch(x -> x.text().equals("0")
        && x.size() < HeatMapPlot.MIN_VALUE));
  }

  @Test
  void heatMapHoverNamesTheCellAndItsError() {
    List<String> names = List.of("a", "b", "c");
    double[][] m = {{1, 0.5, 0}, {0.5, 2, 0.25}, {0, 0.25, 3}};
    double[][] e = {{0.01, 0, 0}, {0, 0.02, 0}, {0, 0, 0.03}};
    HeatMapPlot p = new HeatMapPlot(T, 400, 260, "t", names, m, e);
    p.figure();
    double c = p.cell();
    // the middle of the cell in row b, column c
    int[] at = p.cellAt(leftEdge(p) + 2.5 * c, top(p) + 1.5 * c);
    assertEquals(1, at[0]);
    assertEquals(2, at[1]);
    assertEquals("E[Z^b Z^c] = 0.2500", p.describe(1, 2));
    assertTrue(p.describe(1, 1).startsWith("E[Z^b Z^b] = 2") && p.describe(1, 1).contains(
        " ± 0.02"), p.describe(1, 1));
    assertEquals(null, p.cellAt(1, 1));
  }

  /** The left edge of the matrix: the first x where cellAt answers in the first row. */
  private static double leftEdge(HeatMapPlot p) {
    for (double x = 0; x < 400; x += 0.25) {
      if (p.cellAt(x, top(p) + 1) != null) {
        return x;
      }
    }
    throw new AssertionError("no cell");
  }

  private static double top(HeatMapPlot p) {
    for (double y = 0; y < 260; y += 0.25) {
      for (double x = 0; x < 400; x += 4) {
        if (p.cellAt(x, y) != null) {
          return y;
        }
      }
    }
    throw new AssertionError("no cell");
  }

  @Test
  void heatMapCsvHoldsTheValuesAndErrors() {
    double[][] m = {{1, -0.5}, {-0.5, 2}};
    double[][] e = {{0.1, 0.2}, {0.2, 0.3}};
    String csv = HeatMapPlot.csv(List.of("x", "a,b"), m, e);
    List<String> lines = csv.lines().toList();
    assertEquals("quantity,row,x,\"a,b\"", lines.get(0));
    assertEquals("second_moment,x,1.0,-0.5", lines.get(1));
    assertEquals("error,\"a,b\",0.2,0.3", lines.get(4));
  }

  /** Errors 3 n^{-1/2} times a fixed wobble, so the fit and its band are known by hand. */
  private static ConvergenceResult sweep() {
    int[] ns = {64, 128, 256, 512, 1024};
    double[] wobble = {1.1, 0.9, 1.05, 0.97, 1.0};
    double[] lx = new double[5];
    double[] ly = new double[5];
    List<Double> err = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      double v = 3 / Math.sqrt(ns[i]) * wobble[i];
      err.add(v);
      lx[i] = Math.log(ns[i]);
      ly[i] = Math.log(v);
    }
    double[] fit = ols(lx, ly);
    ConvergenceResult.Quantity q = new ConvergenceResult.Quantity("variance", "h", "", 1, 0, err,
        new LogLogFit(fit[0], fit[1], 5));
    return new ConvergenceResult("exact", List.of(64, 128, 256, 512, 1024), List.of(1L, 2L),
        List.of(q), q.fit(), List.of());
  }

  /** Slope and its standard error by the textbook formulas. */
  private static double[] ols(double[] x, double[] y) {
    int m = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < m; i++) {
      mx += x[i] / m;
      my += y[i] / m;
    }
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < m; i++) {
      sxx += (x[i] - mx) * (x[i] - mx);
      sxy += (x[i] - mx) * (y[i] - my);
    }
    double b = sxy / sxx;
    double rss = 0;
    for (int i = 0; i < m; i++) {
      double r = y[i] - my - b * (x[i] - mx);
      rss += r * r;
    }
    return new double[] {b, Math.sqrt(rss / (m - 2) / sxx)};
  }

  @Test
  void convergencePlotStatesTheFittedSlopeAndDrawsItsBandAroundTheLine() {
    ConvergenceResult c = sweep();
    ConvergenceResult.Quantity q = c.quantities().get(0);
    Figure f = ConvergencePlot.figure(T, 620, 240, "|simulated − limit| against n", c,
        c.quantities());
    String expected = String.format(java.util.Locale.ROOT, "var(h) slope %.2f ± %.2f",
        q.fit().slope(), q.fit().slopeError()).replace('-', '−');
    assertTrue(f.texts().stream().anyMatch(t -> t.text().equals(expected)),
        "legend " + expected + " in " + f.texts().stream().map(Mark.Text::text).toList());
    assertTrue(Math.abs(q.fit().slope() + 0.5) < 0.1, "the wobble keeps the slope near −1/2");
    // the band is a polygon whose upper edge lies above and lower edge below the fitted line
    Mark.Path band = f.marks().stream().filter(m -> m instanceof Mark.Path p && p.fill() != null)
        .map(m -> (Mark.Path) m).findFirst().orElseThrow();
    Mark.Line line = f.marks().stream().filter(m -> m instanceof Mark.Line l && !l.dashed()
        && l.width() == 1.5).map(m -> (Mark.Line) m).findFirst().orElseThrow();
    double[] xs = band.xs();
    double[] ys = band.ys();
    int k = xs.length / 2;
    for (int i = 0; i < k; i++) {
      double t = (xs[i] - line.x1()) / (line.x2() - line.x1());
      double yLine = line.y1() + t * (line.y2() - line.y1());
      assertTrue(ys[i] < yLine && ys[2 * k - 1 - i] > yLine, "band around the line at " + i);
    }
    // x ticks are the widths, the axes say what they are
    for (int n : new int[] {64, 128, 256, 512, 1024}) {
      assertTrue(f.texts().stream().anyMatch(t -> t.text().equals(Integer.toString(n))),
          "tick " + n);
    }
    assertTrue(f.texts().stream().anyMatch(t -> t.text().equals("width n")));
    assertTrue(f.texts().stream().anyMatch(t -> t.text().equals("|simulated − limit|")));
    assertInside(f);
  }

  @Test
  void convergenceCsvHasTheBandOfTheResult() {
    ConvergenceResult c = sweep();
    ConvergenceResult.Quantity q = c.quantities().get(0);
    List<String> lines = ConvergencePlot.csv(c, c.quantities()).lines().toList();
    assertEquals(6, lines.size());
    String[] row = lines.get(3).split(",");
    assertEquals("256", row[1]);
    double[] band = c.band(q, 256);
    assertEquals(band[0], Double.parseDouble(row[4]));
    assertEquals(band[1], Double.parseDouble(row[5]));
    assertEquals(q.errors().get(2), Double.parseDouble(row[2]));
  }

  @Test
  void svgIsWellFormedAndHoldsEveryText() throws Exception {
    Figure f = DensityPlot.figure(T, 400, 200, "density of Z^<u> & co", "u", relu(), null,
        "limit", "");
    String svg = SvgFigure.svg(f);
    org.w3c.dom.Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertEquals(f.texts().size(), d.getElementsByTagName("text").getLength());
    assertEquals("density of Z^<u> & co",
        d.getElementsByTagName("text").item(0).getTextContent());
  }

  @Test
  void pngHasTheFigureSizeTimesTheScale() throws Exception {
    Figure f = Sparkline.figure(T, 120, 30, relu());
    java.awt.image.BufferedImage img = ImageIO.read(new ByteArrayInputStream(PngFigure.png(f,
        2)));
    assertEquals(240, img.getWidth());
    assertEquals(60, img.getHeight());
  }

  @Test
  void densityCsvListsBinsAndAtomsThatHoldEveryDrawInsideTheBins() {
    double[] z = normals(20_000, 1);
    for (int i = 0; i < z.length; i++) {
      z[i] = Math.max(0, z[i]);
    }
    Histogram h = Histogram.ofSample(z, 40);
    double[] e = h.edges();
    // the bins span the support around the mean (Histogram.SPREAD sd): draws beyond are not binned
    long outside = java.util.Arrays.stream(z).filter(v -> v != 0 && (v < e[0]
        || v > e[e.length - 1])).count();
    double total = (double) outside / z.length;
    for (String line : DensityPlot.csv(h, null).lines().skip(1).toList()) {
      String[] c = line.split(",");
      double v = Double.parseDouble(c[4]);
      total += c[1].equals("atom") ? v : v * (Double.parseDouble(c[3]) - Double.parseDouble(c[2]));
    }
    assertEquals(1, total, 1e-9, "bins (density × width), atoms (mass) and the draws beyond the "
        + "bins hold all the law");
  }

  @Test
  void ticksAreNiceAndCoverTheRange() {
    List<Ticks.Tick> t = Ticks.linear(0, 7.3, 4);
    assertEquals(List.of("0", "2", "4", "6"), t.stream().map(Ticks.Tick::label).toList());
    assertEquals(List.of("0.0", "2.5", "5.0"), Ticks.linear(0, 7.4, 3).stream()
        .map(Ticks.Tick::label).toList());
    assertEquals(List.of("0.01", "0.02", "0.05", "0.1"), Ticks.log(0.009, 0.11).stream()
        .map(Ticks.Tick::label).toList());
  }
}
