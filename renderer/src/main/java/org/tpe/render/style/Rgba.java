package org.tpe.render.style;

/** An sRGB colour with opacity, components 0–255 and alpha 0–1. */
public record Rgba(int r, int g, int b, double a) {
  public Rgba {
    if ((r | g | b) < 0 || r > 255 || g > 255 || b > 255 || !(a >= 0 && a <= 1)) {
      throw new IllegalArgumentException("colour out of range: " + r + "," + g + "," + b + "," + a);
    }
  }

  /** An opaque colour from {@code 0xRRGGBB}. */
  public static Rgba hex(int rgb) {
    return new Rgba((rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255, 1.0);
  }

  /** {@code #rrggbb}, ignoring alpha. */
  public String hex() {
    return String.format("#%02x%02x%02x", r, g, b);
  }

  /**
   * Relative luminance (ITU-R BT.709 weights on linearised sRGB), 0 for black to 1 for white: what
   * a greyscale print of this colour keeps.
   */
  public double luminance() {
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  }

  private static double lin(int c) {
    double s = c / 255.0;
    return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
  }
}
