package org.tpe.app.editor.plot;

import org.tpe.render.style.Rgba;

/**
 * The colours of the plots in one editor theme.
 *
 * @param background page
 * @param ink text and axes
 * @param grid grid lines and minor marks
 * @param limit the limit's curve and atoms (first series)
 * @param finite the finite-width bars and atoms
 * @param negative the heat map's colour at −max
 * @param positive the heat map's colour at +max
 * @param middle the heat map's colour at 0
 * @param series colours of further series (convergence plot)
 */
public record PlotTheme(Rgba background, Rgba ink, Rgba grid, Rgba limit, Rgba finite,
    Rgba negative, Rgba positive, Rgba middle, Rgba[] series) {

  public static final PlotTheme LIGHT = new PlotTheme(Rgba.hex(0xffffff), Rgba.hex(0x1a1a1a),
      Rgba.hex(0xd0d0d0), Rgba.hex(0x1f5fbf), new Rgba(0xe0, 0x8a, 0x3c, 0.6),
      Rgba.hex(0x2166ac), Rgba.hex(0xb2182b), Rgba.hex(0xf7f7f7), new Rgba[] {
          Rgba.hex(0x1f5fbf), Rgba.hex(0xc0392b), Rgba.hex(0x1b8a6b), Rgba.hex(0x8a6d00),
          Rgba.hex(0x6f42c1)});

  public static final PlotTheme DARK = new PlotTheme(Rgba.hex(0x1e1f24), Rgba.hex(0xe2e2e2),
      Rgba.hex(0x44464f), Rgba.hex(0x7fb2ff), new Rgba(0xf0, 0xa0, 0x50, 0.55),
      Rgba.hex(0x4393c3), Rgba.hex(0xd6604d), Rgba.hex(0x2a2b31), new Rgba[] {
          Rgba.hex(0x7fb2ff), Rgba.hex(0xff7b72), Rgba.hex(0x56d4a8), Rgba.hex(0xe3c15a),
          Rgba.hex(0xc297ff)});

  /** The colour of series {@code i}. */
  public Rgba seriesColour(int i) {
    return series[i % series.length];
  }

  /** {@code c} with opacity {@code a}. */
  public static Rgba alpha(Rgba c, double a) {
    return new Rgba(c.r(), c.g(), c.b(), a);
  }

  /** The colour between {@code a} (t = 0) and {@code b} (t = 1). */
  public static Rgba mix(Rgba a, Rgba b, double t) {
    double u = Math.max(0, Math.min(1, t));
    return new Rgba((int) Math.round(a.r() + (b.r() - a.r()) * u),
        (int) Math.round(a.g() + (b.g() - a.g()) * u),
        (int) Math.round(a.b() + (b.b() - a.b()) * u), a.a() + (b.a() - a.a()) * u);
  }

  /** The diverging heat-map colour of t ∈ [−1, 1]. */
  public Rgba heat(double t) {
    return t >= 0 ? mix(middle, positive, t) : mix(middle, negative, -t);
  }
}
