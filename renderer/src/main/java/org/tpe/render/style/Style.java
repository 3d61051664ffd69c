package org.tpe.render.style;

import java.util.List;
import java.util.Locale;

/**
 * Colours and stroke widths of a diagram. The geometry (sizes, positions, fonts) is the same in
 * every style, so switching style never moves anything.
 *
 * <p>G-vars and X-vars differ in fill colour and, so that a greyscale print still tells them
 * apart, in lightness: the default and print styles keep their relative luminances at least 0.25
 * apart (tested); the dark style is for the screen only.
 *
 * @param background page colour (SVG/PDF/PNG background, hollow nodes' fill)
 * @param ink strokes, arrowheads and text
 * @param gFill fill of computed G-vars (MatMul and LinComb results)
 * @param xFill fill of X-vars (Nonlin results)
 * @param scalarFill fill of computed scalars (Moment and scalar-op results)
 * @param gateFill fill of gate glyphs
 * @param matrixInk colour of MatMul labels
 * @param highlight colour of highlighted nodes and edges (a path or an isomorphism class)
 * @param lineWidth width of edges and outlines
 * @param highlightWidth width of highlighted edges and outlines
 */
public record Style(String name, Rgba background, Rgba ink, Rgba gFill, Rgba xFill,
    Rgba scalarFill, Rgba gateFill, Rgba matrixInk, Rgba highlight, double lineWidth,
    double highlightWidth) {

  /** Looks like the paper's figures: white page, black ink, pale blue G-vars, orange X-vars. */
  public static final Style DEFAULT = new Style("default", Rgba.hex(0xffffff), Rgba.hex(0x1a1a1a),
      Rgba.hex(0xc6dcf2), Rgba.hex(0xe8863c), Rgba.hex(0xcfe8c0), Rgba.hex(0xffffff),
      Rgba.hex(0x1f3f8f), Rgba.hex(0xd62728), 1.2, 3.0);

  /** Greyscale for print: G-vars light grey, X-vars mid grey; highlights by width and black. */
  public static final Style PRINT = new Style("print", Rgba.hex(0xffffff), Rgba.hex(0x000000),
      Rgba.hex(0xe3e3e3), Rgba.hex(0x9a9a9a), Rgba.hex(0xc8c8c8), Rgba.hex(0xffffff),
      Rgba.hex(0x000000), Rgba.hex(0x000000), 1.2, 3.4);

  /** Dark background for the editor. */
  public static final Style DARK = new Style("dark", Rgba.hex(0x1e1f24), Rgba.hex(0xdcdcdc),
      Rgba.hex(0x2c5d8f), Rgba.hex(0xa0521d), Rgba.hex(0x3f6e3a), Rgba.hex(0x2a2b31),
      Rgba.hex(0x8fb8ff), Rgba.hex(0xffd23f), 1.2, 3.0);

  /** Every built-in style, in the order the command line lists them. */
  public static List<Style> all() {
    return List.of(DEFAULT, PRINT, DARK);
  }

  /** The built-in style called {@code name} (case-insensitive). */
  public static Style named(String name) {
    for (Style s : all()) {
      if (s.name.equals(name.toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown style '" + name + "' (default, print or dark)");
  }
}
