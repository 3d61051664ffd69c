package org.tpe.render.export;

import java.util.Locale;

/** The export formats of {@code tpe export} (DESIGN §8). */
public enum Format {
  PNG, SVG, PDF, TIKZ;

  /** The format called {@code name} (case-insensitive). */
  public static Format named(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown format '" + name + "' (png, svg, pdf or tikz)");
    }
  }

  /** The format's name as people write it, for menus and messages: PNG, SVG, PDF, TikZ. */
  public String label() {
    return this == TIKZ ? "TikZ" : name();
  }

  /** The usual file extension, without the dot. */
  public String extension() {
    return this == TIKZ ? "tex" : name().toLowerCase(Locale.ROOT);
  }
}
