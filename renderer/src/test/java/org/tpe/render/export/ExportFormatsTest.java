package org.tpe.render.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tpe.model.Program;
import org.tpe.render.layout.Layout;
import org.tpe.render.scene.Element;
import org.tpe.render.scene.Prim;
import org.tpe.render.scene.Scene;
import org.tpe.render.scene.SceneBuilder;
import org.tpe.render.style.Rgba;
import org.tpe.render.style.Style;
import org.tpe.samples.Samples;

/**
 * Every sample exports to all four formats; PNG pixels, the PDF's page, fonts and text, and the
 * TikZ source (golden files) are checked against the scene.
 */
class ExportFormatsTest {
  static Stream<Samples.Sample> samples() {
    return Samples.all().stream();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void everySampleExportsToEveryFormatInEveryStyle(Samples.Sample sample) throws IOException {
    Program p = sample.program();
    for (Style st : Style.all()) {
      Scene s = SceneBuilder.build(p, st);
      for (Format f : Format.values()) {
        byte[] b = Exporter.export(s, f, 1, p.title());
        assertTrue(b.length > 200, sample.name() + " " + f);
      }
    }
    Scene s = SceneBuilder.build(p, Style.DEFAULT);
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(Exporter.export(s, Format.PNG, 1.5,
        "")));
    assertEquals((int) Math.ceil(s.bounds().w() * 1.5), img.getWidth());
    assertEquals((int) Math.ceil(s.bounds().h() * 1.5), img.getHeight());
    try (PDDocument d = Loader.loadPDF(Exporter.export(s, Format.PDF, 1, ""))) {
      assertEquals(1, d.getNumberOfPages());
      assertEquals(s.bounds().w() * PdfExporter.POINTS_PER_UNIT,
          d.getPage(0).getMediaBox().getWidth(), 0.01);
    }
  }

  @Test
  void pngPixelsShowTheFillsWhereTheSceneHasTheNodes() throws IOException {
    Program p = Samples.get("mlp-backward").program();
    Scene s = SceneBuilder.build(p, Style.DEFAULT);
    double scale = 2;
    BufferedImage img = PngExporter.image(s, scale);
    // a point inside x1's circle, left of its label: the X-var fill
    Prim.Circle x1 = circle(s, "x1");
    assertEquals(Style.DEFAULT.xFill(), pixel(img, s, x1.cx() - x1.r() * 0.75, x1.cy(), scale));
    Prim.Circle h2 = circle(s, "h2");
    assertEquals(Style.DEFAULT.gFill(), pixel(img, s, h2.cx() - h2.r() * 0.75, h2.cy(), scale));
    Prim.Circle u = circle(s, "u");
    assertEquals(Style.DEFAULT.background(), pixel(img, s, u.cx() - u.r() * 0.75, u.cy(), scale));
    // on the outline: ink
    assertEquals(Style.DEFAULT.ink(), pixel(img, s, x1.cx(), x1.cy() - x1.r(), scale));
  }

  static Prim.Circle circle(Scene s, String var) {
    Element e = s.variable(var).orElseThrow();
    return (Prim.Circle) e.prims().get(0);
  }

  static Rgba pixel(BufferedImage img, Scene s, double mx, double my, double scale) {
    int rgb = img.getRGB((int) Math.floor((mx - s.bounds().x()) * scale),
        (int) Math.floor((my - s.bounds().y()) * scale));
    return Rgba.hex(rgb & 0xffffff);
  }

  @Test
  void pdfEmbedsTheSerifFontAndKeepsLabelsAsText() throws IOException {
    Program p = Samples.get("mlp-backward").program();
    byte[] pdf = Exporter.export(SceneBuilder.build(p, Style.DEFAULT), Format.PDF, 1, "");
    try (PDDocument d = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(d);
      assertTrue(text.contains("relu"), text);
      List<String> fonts = new ArrayList<>();
      collectFonts(d.getPage(0).getResources(), fonts);
      assertTrue(fonts.stream().anyMatch(f -> f.contains("DejaVuSerif")), fonts.toString());
      PDPage page = d.getPage(0);
      assertTrue(page.getMediaBox().getWidth() > 100);
    }
  }

  private static void collectFonts(PDResources r, List<String> out) throws IOException {
    if (r == null) {
      return;
    }
    for (COSName n : r.getFontNames()) {
      PDFont f = r.getFont(n);
      out.add(f.getName());
      assertTrue(f.isEmbedded(), f.getName() + " is embedded");
    }
    for (COSName n : r.getXObjectNames()) {
      PDXObject x = r.getXObject(n);
      if (x instanceof PDFormXObject form) {
        collectFonts(form.getResources(), out);
      }
    }
  }

  /**
   * The TikZ of two samples is pinned by golden files (regenerate them with
   * -Dtpe.updateGolden=true after an intended change, and look at the diff).
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"mlp-backward", "layernorm"})
  void tikzMatchesTheGoldenFile(String name) throws IOException {
    Program p = Samples.get(name).program();
    String tikz = TikzWriter.tikz(SceneBuilder.build(p, Style.DEFAULT), p.title());
    String resource = "/org/tpe/render/golden/" + name + ".tex";
    if (Boolean.getBoolean("tpe.updateGolden")) {
      Path out = Path.of("src/test/resources/org/tpe/render/golden/" + name + ".tex");
      Files.createDirectories(out.getParent());
      Files.writeString(out, tikz);
    }
    try (InputStream in = ExportFormatsTest.class.getResourceAsStream(resource)) {
      assertTrue(in != null, "golden file " + resource + " is missing");
      assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), tikz);
    }
  }

  @Test
  void tikzUsesShapesDashesAndMathLabels() {
    Program p = Samples.get("wwt-v").program();
    String tikz = TikzWriter.tikz(SceneBuilder.build(p, Style.DEFAULT), p.title());
    assertTrue(tikz.startsWith("% Tensor Program diagram"));
    assertTrue(tikz.contains("\\begin{tikzpicture}") && tikz.trim().endsWith("\\end{tikzpicture}"));
    assertEquals(p.vectors().size(), tikz.lines().filter(l -> l.startsWith("\\node[circle"))
        .count());
    assertEquals(2, tikz.lines().filter(l -> l.contains("dash pattern=")).count(), "two MatMuls");
    assertTrue(tikz.contains("{$W^{\\top}$}"), "W transpose in math mode");
    assertTrue(tikz.contains("{$v$}") && tikz.contains("{$g$}"));
    long open = tikz.chars().filter(c -> c == '{').count();
    long close = tikz.chars().filter(c -> c == '}').count();
    assertEquals(open, close, "balanced braces");
  }

  @Test
  void svgAndTikzCoordinatesAgreeWithTheScene() {
    Program p = Samples.get("wwt-v").program();
    Scene s = SceneBuilder.build(p, Style.DEFAULT);
    Prim.Circle g = circle(s, "g");
    String svg = SvgWriter.svg(s);
    assertTrue(svg.contains("cx=\"" + Num.f(g.cx()) + "\" cy=\"" + Num.f(g.cy()) + "\" r=\""
        + Num.f(g.r()) + "\""), svg);
    Layout.Box b = s.bounds();
    String tikz = TikzWriter.tikz(s, "");
    assertTrue(tikz.contains(" at (" + Num.f((g.cx() - b.x()) * 0.75) + ","
        + Num.f((b.y() + b.h() - g.cy()) * 0.75) + ") {$g$}"), tikz);
  }

  @Test
  void aPngTooLargeForMemoryIsRefusedWithAHint() {
    Scene s = SceneBuilder.build(Samples.get("resnet").program(), Style.DEFAULT);
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> PngExporter.png(s, 40));
    assertTrue(e.getMessage().contains("use a smaller --scale"), e.getMessage());
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> PngExporter.png(s, -1));
  }

  @Test
  void formatsAreNamedAsPeopleWriteThem() {
    assertEquals(List.of("PNG", "SVG", "PDF", "TikZ"),
        java.util.Arrays.stream(Format.values()).map(Format::label).toList());
    assertEquals(Format.TIKZ, Format.named("tikz"));
    assertEquals("tex", Format.TIKZ.extension());
  }

  @Test
  void thePrimeOfACopyIsInkedInPngAndKeptAsTextInPdf() throws IOException {
    Program p = org.tpe.format.TpParser.parse("input u : G(n)\ninput u' : G(n)\n"
        + "x' := relu(u')\noutput x'\n");
    Scene s = SceneBuilder.build(p, Style.DEFAULT);
    org.tpe.render.text.Run prime = org.tpe.render.text.PrimeInk.primeRun(s, "u'");
    // the ink of the enlarged prime: its glyph outline, as AWT draws it at the run's size
    java.awt.geom.Rectangle2D ink = org.tpe.render.text.PrimeInk.ink(prime);
    double scale = 4;
    BufferedImage img = PngExporter.image(s, scale);
    int dark = 0;
    for (double y = ink.getMinY(); y <= ink.getMaxY(); y += 1 / scale) {
      for (double x = ink.getMinX(); x <= ink.getMaxX(); x += 1 / scale) {
        if (Rgba.hex(img.getRGB((int) ((x - s.bounds().x()) * scale),
            (int) ((y - s.bounds().y()) * scale)) & 0xffffff).luminance() < 0.3) {
          dark++;
        }
      }
    }
    // the wedge fills about a third of its box: at 4 px a unit, ≥ 30 dark pixels
    assertTrue(dark >= 30, "dark pixels of the prime: " + dark + " in " + ink);
    try (PDDocument d = Loader.loadPDF(Exporter.export(s, Format.PDF, 1, ""))) {
      String text = new PDFTextStripper().getText(d);
      assertTrue(text.contains("′"), "the PDF keeps the prime as a character: " + text);
    }
  }
}
