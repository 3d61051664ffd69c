package org.tpe.app.editor.files;

import java.nio.file.Files;
import java.nio.file.Path;
import org.tpe.render.export.Format;
import org.tpe.render.style.Style;

/**
 * Where an export starts and what it is called: the directory of the document (else of the last
 * export, else the home directory) and the document's name with the format's extension (else the
 * program's title made a file name, else "diagram").
 */
public final class ExportDefaults {
  private ExportDefaults() {}

  /**
   * What the export dialog asks for and starts from.
   *
   * @param directory where the file chooser opens
   * @param fileName the suggested name, with extension
   * @param format the diagram's format
   * @param style the renderer's style
   * @param scale pixels per diagram unit (PNG) or the size factor
   */
  public record Request(Path directory, String fileName, Format format, Style style,
      double scale) {
    /** The file chosen: the name in the directory. */
    public Path file() {
      return directory.resolve(fileName);
    }
  }

  /** Scales the dialog offers. */
  public static final double[] SCALES = {1, 2, 3, 4};

  /**
   * The defaults for {@code format}.
   *
   * @param document the document's file, or null
   * @param title the program's title
   * @param lastExport the last file exported in this session, or null
   * @param home the user's home directory
   */
  public static Request of(Format format, Path document, String title, Path lastExport,
      Path home) {
    Path dir = document != null && document.toAbsolutePath().getParent() != null
        ? document.toAbsolutePath().getParent()
        : lastExport != null && lastExport.toAbsolutePath().getParent() != null
        ? lastExport.toAbsolutePath().getParent() : home;
    if (!Files.isDirectory(dir)) {
      dir = home;
    }
    String base;
    if (document != null) {
      String n = document.getFileName().toString();
      base = n.endsWith(".tp") ? n.substring(0, n.length() - 3) : n;
    } else {
      base = slug(title);
    }
    return new Request(dir, (base.isEmpty() ? "diagram" : base) + "." + format.extension(),
        format, Style.DEFAULT, format == Format.PNG ? 2 : 1);
  }

  /** A title as a file name: letters, digits and '-' ("Residual network, depth 6" → …). */
  static String slug(String title) {
    String s = title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-")
        .replaceAll("^-+|-+$", "");
    return s.length() > 60 ? s.substring(0, 60).replaceAll("-+$", "") : s;
  }

  /** The menu's name of a format: "PNG", "SVG", "PDF", "TikZ". */
  public static String label(Format f) {
    return f == Format.TIKZ ? "TikZ" : f.name();
  }
}
