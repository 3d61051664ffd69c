package org.tpe.render.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.transform.Affine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tpe.model.Program;
import org.tpe.render.layout.AutoLayout;
import org.tpe.render.layout.Layout;
import org.tpe.render.scene.Highlight;
import org.tpe.render.scene.Prim;
import org.tpe.render.scene.Scene;
import org.tpe.render.scene.SceneBuilder;
import org.tpe.render.style.Rgba;
import org.tpe.render.style.Style;
import org.tpe.samples.Samples;

/**
 * Headless pixel tests of the JavaFX Canvas backend (Monocle, software pipeline): the scene is
 * drawn on a canvas through a zoom-and-pan transform and the snapshot shows fills, outlines and
 * the dashed MatMul where the scene has them.
 */
class CanvasBackendTest {
  @BeforeAll
  static void startFx() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    try {
      Platform.startup(started::countDown);
    } catch (IllegalStateException alreadyRunning) {
      started.countDown();
    }
    assertTrue(started.await(30, TimeUnit.SECONDS), "JavaFX did not start");
  }

  private static WritableImage render(Scene s, int w, int h, Affine t) throws Exception {
    CompletableFuture<WritableImage> f = new CompletableFuture<>();
    Platform.runLater(() -> {
      try {
        Canvas c = new Canvas(w, h);
        CanvasBackend.draw(c.getGraphicsContext2D(), s, t);
        f.complete(c.snapshot(null, null));
      } catch (Throwable e) {
        f.completeExceptionally(e);
      }
    });
    return f.get(30, TimeUnit.SECONDS);
  }

  private static void assertColour(Rgba want, Color got, String what) {
    assertEquals(want.r(), (int) Math.round(got.getRed() * 255), 3, what + " red");
    assertEquals(want.g(), (int) Math.round(got.getGreen() * 255), 3, what + " green");
    assertEquals(want.b(), (int) Math.round(got.getBlue() * 255), 3, what + " blue");
  }

  /** Draws {@code s} on a {@code w} × {@code h} canvas; its snapshot and the primitives drawn. */
  private static Object[] renderCounting(Scene s, int w, int h, Affine t) throws Exception {
    CompletableFuture<Object[]> f = new CompletableFuture<>();
    Platform.runLater(() -> {
      try {
        Canvas c = new Canvas(w, h);
        int n = CanvasBackend.drawCounting(c.getGraphicsContext2D(), s, t);
        f.complete(new Object[] {c.snapshot(null, null), n});
      } catch (Throwable e) {
        f.completeExceptionally(e);
      }
    });
    return f.get(30, TimeUnit.SECONDS);
  }

  /** The largest difference of two ARGB colours in one channel, 0…255. */
  private static int channelGap(int a, int b) {
    int gap = 0;
    for (int shift = 0; shift < 32; shift += 8) {
      gap = Math.max(gap, Math.abs((a >>> shift & 0xff) - (b >>> shift & 0xff)));
    }
    return gap;
  }

  @Test
  void aZoomedInWindowShowsThePixelsOfTheWholeDrawingAndDrawsLess() throws Exception {
    // resnet at 3×: the whole drawing on one large canvas (nothing off screen, nothing skipped),
    // and 240 × 160 pixel windows onto it, each the same transform shifted by whole pixels. A
    // skipped primitive that had ink in a window would change its pixels from ink to background
    // (a gap of ~100 or more out of 255); glyphs placed at another offset within their raster
    // tile differ by a unit or two (measured: one pixel off by 1 with nothing skipped at all).
    Program p = Samples.get("resnet").program();
    Scene s = SceneBuilder.build(p, AutoLayout.layout(p), Style.DEFAULT, Highlight.NONE);
    double zoom = 3;
    int bw = (int) Math.ceil(s.bounds().w() * zoom);
    int bh = (int) Math.ceil(s.bounds().h() * zoom);
    double tx = -s.bounds().x() * zoom;
    double ty = -s.bounds().y() * zoom;
    Object[] whole = renderCounting(s, bw, bh, new Affine(zoom, 0, tx, 0, zoom, ty));
    PixelReader all = ((WritableImage) whole[0]).getPixelReader();
    int total = s.elements().stream().mapToInt(e -> e.prims().size()).sum();
    assertEquals(total, (int) whole[1], "the whole drawing in view: every primitive drawn");
    int w = 240;
    int h = 160;
    for (int[] o : new int[][] {{bw / 3, bh / 4}, {bw / 2 - 7, bh / 2 + 3}, {bw - w, bh - h}}) {
      Object[] part = renderCounting(s, w, h, new Affine(zoom, 0, tx - o[0], 0, zoom, ty - o[1]));
      assertTrue((int) part[1] < total / 2, "a window draws a part: " + part[1] + " of " + total);
      PixelReader px = ((WritableImage) part[0]).getPixelReader();
      int differing = 0;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          if (channelGap(px.getArgb(x, y), all.getArgb(o[0] + x, o[1] + y)) > 8) {
            differing++;
          }
        }
      }
      assertEquals(0, differing, "pixels of the window at " + o[0] + ", " + o[1]
          + " that differ from the whole drawing");
    }
  }

  @Test
  void canvasShowsTheSceneThroughTheTransform() throws Exception {
    Program p = Samples.get("mlp-backward").program();
    Layout l = AutoLayout.layout(p);
    Scene s = SceneBuilder.build(p, l, Style.DEFAULT, Highlight.NONE);
    double zoom = 1.5;
    double panX = 20;
    double panY = 10;
    Affine t = new Affine(zoom, 0, panX - s.bounds().x() * zoom, 0, zoom,
        panY - s.bounds().y() * zoom);
    int w = (int) Math.ceil(s.bounds().w() * zoom + 2 * panX);
    int h = (int) Math.ceil(s.bounds().h() * zoom + 2 * panY);
    PixelReader px = render(s, w, h, t).getPixelReader();
    java.util.function.BiFunction<Double, Double, Color> at = (mx, my) -> px.getColor(
        (int) Math.floor(t.getMxx() * mx + t.getTx()), (int) Math.floor(t.getMyy() * my + t.getTy()));

    Prim.Circle x1 = (Prim.Circle) s.variable("x1").orElseThrow().prims().get(0);
    Prim.Circle h2 = (Prim.Circle) s.variable("h2").orElseThrow().prims().get(0);
    Prim.Circle u = (Prim.Circle) s.variable("u").orElseThrow().prims().get(0);
    assertColour(Style.DEFAULT.xFill(), at.apply(x1.cx() - 0.75 * x1.r(), x1.cy()), "X-var");
    assertColour(Style.DEFAULT.gFill(), at.apply(h2.cx() - 0.75 * h2.r(), h2.cy()), "G-var");
    assertColour(Style.DEFAULT.background(), at.apply(u.cx() - 0.75 * u.r(), u.cy()), "initial");
    // the outline: the darkest pixel across the stroke (its centre may fall between pixels)
    Color outline = Color.WHITE;
    for (double d = -1; d <= 1; d += 0.25) {
      Color c = at.apply(x1.cx(), x1.cy() - x1.r() + d);
      if (c.getBrightness() < outline.getBrightness()) {
        outline = c;
      }
    }
    // antialiasing blends a 1.8-pixel stroke with the fill and the page: near-black, unlike both
    assertTrue(outline.getBrightness() < 0.25, "outline drawn in ink: " + outline);
    assertColour(Style.DEFAULT.background(), px.getColor(2, 2), "page outside the scene");

    // the dashed MatMul x1 → h2: along its straight run, both ink and gaps
    var route = l.routes().get("m:h2");
    var a = route.get(0);
    var b = route.get(1);
    int ink = 0;
    int gap = 0;
    for (int k = 4; k < 40; k++) {
      double mx = a.x() + (b.x() - a.x()) * k / 48.0;
      Color c = at.apply(mx, a.y());
      if (c.getBrightness() < 0.4) {
        ink++;
      } else if (c.getBrightness() > 0.9) {
        gap++;
      }
    }
    assertTrue(ink > 5 && gap > 5, "dashed: " + ink + " ink, " + gap + " gap samples");
  }

  @Test
  void darkStyleFillsTheBackground() throws Exception {
    Program p = Samples.get("wwt-v").program();
    Scene s = SceneBuilder.build(p, Style.DARK);
    Affine t = CanvasBackend.fit(s, 300, 200, 4);
    PixelReader px = render(s, 300, 200, t).getPixelReader();
    assertColour(Style.DARK.background(), px.getColor(1, 1), "dark page");
    Prim.Circle g = (Prim.Circle) s.variable("g").orElseThrow().prims().get(0);
    Color c = px.getColor((int) (t.getMxx() * (g.cx() - 0.75 * g.r()) + t.getTx()),
        (int) (t.getMyy() * g.cy() + t.getTy()));
    assertColour(Style.DARK.gFill(), c, "G-var in the dark style");
  }

  @Test
  void thePrimeOfACopyIsInkedOnTheCanvas() throws Exception {
    Program p = org.tpe.format.TpParser.parse("input u' : G(n)\nx' := relu(u')\noutput x'\n");
    Scene s = SceneBuilder.build(p, Style.DEFAULT);
    org.tpe.render.text.Run prime = org.tpe.render.text.PrimeInk.primeRun(s, "u'");
    // where the glyph's ink is, as the bundled font draws it at the run's size
    java.awt.geom.Rectangle2D ink = org.tpe.render.text.PrimeInk.ink(prime);
    double zoom = 4;
    Affine t = new Affine(zoom, 0, -s.bounds().x() * zoom, 0, zoom, -s.bounds().y() * zoom);
    PixelReader px = render(s, (int) Math.ceil(s.bounds().w() * zoom),
        (int) Math.ceil(s.bounds().h() * zoom), t).getPixelReader();
    int dark = 0;
    for (int y = (int) Math.floor(t.getMyy() * ink.getMinY() + t.getTy());
        y <= t.getMyy() * ink.getMaxY() + t.getTy(); y++) {
      for (int x = (int) Math.floor(t.getMxx() * ink.getMinX() + t.getTx());
          x <= t.getMxx() * ink.getMaxX() + t.getTx(); x++) {
        if (px.getColor(x, y).getBrightness() < 0.4) {
          dark++;
        }
      }
    }
    // the wedge covers about a third of its ink box, about 16 × 16 pixels at zoom 4
    assertTrue(dark >= 30, "dark canvas pixels of the prime: " + dark);
  }
}
