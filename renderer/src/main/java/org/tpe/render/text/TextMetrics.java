package org.tpe.render.text;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures and places label text with the bundled DejaVu Serif (regular and italic), so that the
 * scene's geometry is the same on every machine and every backend draws text where the scene put
 * it. Uses AWT font metrics, which work headless; no JavaFX.
 *
 * <p>Sub- and superscripts are set at {@link #SCRIPT_SCALE} of the base size, raised by
 * {@link #SUPERSCRIPT_RISE} or lowered by {@link #SUBSCRIPT_DROP} times the base size, as TeX
 * does roughly for first-level scripts.
 *
 * <p>A prime ({@link Script#PRIME}) is the font's ′ enlarged {@link #PRIME_SCALE} times and
 * lowered so that its ink starts at the top of the capitals and ascenders: DejaVu Serif's ′ is a
 * small wedge (2.4 units of ink at size 13), a speck at superscript size on screen and in PDF;
 * enlarged it is about as big as an apostrophe, like TeX's {@code \prime} in a superscript.
 */
public final class TextMetrics {
  public static final double SCRIPT_SCALE = 0.7;
  public static final double SUPERSCRIPT_RISE = 0.38;
  public static final double SUBSCRIPT_DROP = 0.2;
  /** Size of a prime mark relative to the base size. */
  public static final double PRIME_SCALE = 1.7;
  /** The ink top of DejaVu Serif's ′ above its baseline, per unit of size. */
  static final double PRIME_INK_TOP = 0.729;
  /** The ink height of DejaVu Serif's ′, per unit of size. */
  static final double PRIME_INK_HEIGHT = 0.183;
  /** Family name of the bundled font, used by the SVG backend as the first choice. */
  public static final String FAMILY = "DejaVu Serif";

  private static final FontRenderContext FRC = new FontRenderContext(null, true, true);
  private static final Font REGULAR = load("DejaVuSerif.ttf");
  private static final Font ITALIC = load("DejaVuSerif-Italic.ttf");

  private TextMetrics() {}

  private static Font load(String file) {
    try (InputStream in = TextMetrics.class.getResourceAsStream("/org/tpe/render/fonts/" + file)) {
      if (in == null) {
        throw new IllegalStateException("bundled font " + file + " is missing from the jar");
      }
      return Font.createFont(Font.TRUETYPE_FONT, in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.awt.FontFormatException e) {
      throw new IllegalStateException("bundled font " + file + " is damaged", e);
    }
  }

  /** The AWT font for a run (size 1 derived to {@code size}); used by the Java2D backend. */
  public static Font awtFont(boolean italic, double size) {
    return (italic ? ITALIC : REGULAR).deriveFont((float) size);
  }

  /** The bytes of the bundled font file, for backends that embed or register it. */
  public static InputStream fontStream(boolean italic) {
    return TextMetrics.class.getResourceAsStream(
        "/org/tpe/render/fonts/" + (italic ? "DejaVuSerif-Italic.ttf" : "DejaVuSerif.ttf"));
  }

  /** Advance width of {@code s} at {@code size}. */
  public static double width(String s, boolean italic, double size) {
    if (s.isEmpty()) {
      return 0;
    }
    return awtFont(italic, size).getStringBounds(s, FRC).getWidth();
  }

  /** Ascent of the font at {@code size} (height above the baseline of capitals and ascenders). */
  public static double ascent(double size) {
    return 0.76 * size;
  }

  /** Descent of the font at {@code size}. */
  public static double descent(double size) {
    return 0.24 * size;
  }

  /** A placed label: its runs and its extent. */
  public record Placed(List<Run> runs, double width, double top, double bottom) {}

  /**
   * Places {@code text} with its baseline starting at ({@code x}, {@code y}) at base size
   * {@code size}. {@code top} and {@code bottom} bound the ink vertically, scripts included.
   */
  public static Placed place(RichText text, double x, double y, double size) {
    List<Run> runs = new ArrayList<>();
    double cx = x;
    double top = y - ascent(size);
    double bottom = y + descent(size);
    for (Piece p : text.pieces()) {
      double s = switch (p.script()) {
        case NORMAL -> size;
        case SUPERSCRIPT, SUBSCRIPT -> size * SCRIPT_SCALE;
        case PRIME -> size * PRIME_SCALE;
      };
      double by = switch (p.script()) {
        case NORMAL -> y;
        case SUPERSCRIPT -> y - SUPERSCRIPT_RISE * size;
        case SUBSCRIPT -> y + SUBSCRIPT_DROP * size;
        case PRIME -> y - ascent(size) + PRIME_INK_TOP * s; // ink starts at the capitals' top
      };
      double w = width(p.text(), p.italic(), s);
      runs.add(new Run(p.text(), cx, by, s, p.italic(), p.script(), w));
      if (p.script() == Script.PRIME) {
        top = Math.min(top, by - PRIME_INK_TOP * s);
        bottom = Math.max(bottom, by - (PRIME_INK_TOP - PRIME_INK_HEIGHT) * s);
      } else {
        top = Math.min(top, by - ascent(s));
        bottom = Math.max(bottom, by + descent(s));
      }
      cx += w;
      if (p.italic()) {
        cx += 0.08 * s; // italic correction before an upright script
      }
    }
    return new Placed(runs, cx - x, top, bottom);
  }

  /** Width of {@code text} at base size {@code size}. */
  public static double width(RichText text, double size) {
    return place(text, 0, 0, size).width();
  }
}
