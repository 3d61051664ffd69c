package org.tpe.render.export;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.tpe.render.scene.Scene;
import org.tpe.render.text.TextMetrics;

/**
 * Writes a {@link Scene} as a one-page vector PDF whose page is the scene's bounds (one model unit
 * = {@link #POINTS_PER_UNIT} pt), through PDFBox and rototor's PdfBoxGraphics2D. The bundled DejaVu
 * Serif is embedded (subset), so labels stay text and print the same everywhere.
 */
public final class PdfExporter {
  /** Model units are pixels at 96 dpi; PDF user space is in points (72 per inch). */
  public static final double POINTS_PER_UNIT = 0.75;

  private PdfExporter() {}

  /** The PDF file's bytes. */
  public static byte[] pdf(Scene scene) {
    float w = (float) (scene.bounds().w() * POINTS_PER_UNIT);
    float h = (float) (scene.bounds().h() * POINTS_PER_UNIT);
    try (PDDocument doc = new PDDocument();
        PdfBoxGraphics2DFontTextDrawer fonts = new PdfBoxGraphics2DFontTextDrawer()) {
      PDPage page = new PDPage(new PDRectangle(w, h));
      doc.addPage(page);
      for (boolean italic : new boolean[] {false, true}) {
        try (InputStream in = TextMetrics.fontStream(italic)) {
          fonts.registerFont(TextMetrics.awtFont(italic, 12).getFontName(), in);
        }
      }
      PdfBoxGraphics2D g = new PdfBoxGraphics2D(doc, w, h);
      g.setFontTextDrawer(fonts);
      try {
        Java2DBackend.draw(g, scene, POINTS_PER_UNIT);
      } finally {
        g.dispose();
      }
      PDFormXObject form = g.getXFormObject();
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.drawForm(form);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
