package org.tpe.render.export;

import java.nio.charset.StandardCharsets;
import org.tpe.render.scene.Scene;

/** One entry point for every file format: the bytes of a scene in a format. */
public final class Exporter {
  private Exporter() {}

  /**
   * The file content of {@code scene} in {@code format}. {@code scale} is the PNG's pixels per
   * model unit (ignored by the vector formats); {@code title} goes into the TikZ comment.
   */
  public static byte[] export(Scene scene, Format format, double scale, String title) {
    return switch (format) {
      case PNG -> PngExporter.png(scene, scale);
      case SVG -> SvgWriter.svg(scene).getBytes(StandardCharsets.UTF_8);
      case PDF -> PdfExporter.pdf(scene);
      case TIKZ -> TikzWriter.tikz(scene, title).getBytes(StandardCharsets.UTF_8);
    };
  }
}
