package org.tpe.app.editor.canvas;

import org.tpe.model.Point;
import org.tpe.render.layout.Layout.Box;

/**
 * The view transform of the canvas: screen = model · scale + (tx, ty). Immutable; every change
 * returns a new viewport. Scales stay within [{@link #MIN_SCALE}, {@link #MAX_SCALE}].
 */
public record Viewport(double scale, double tx, double ty) {
  public static final double MIN_SCALE = 0.05;
  public static final double MAX_SCALE = 8;
  /** Fitting never magnifies beyond this (a two-node program would fill the screen). */
  public static final double MAX_FIT_SCALE = 1.5;
  /** Scale 1, model origin at the top-left corner: the view of a new, empty document. */
  public static final Viewport IDENTITY = new Viewport(1, 0, 0);

  public Viewport {
    if (!(scale > 0) || !Double.isFinite(scale) || !Double.isFinite(tx) || !Double.isFinite(ty)) {
      throw new IllegalArgumentException("not a view transform: " + scale + ", " + tx + ", " + ty);
    }
  }

  public double[] toScreen(Point q) {
    return new double[] {q.x() * scale + tx, q.y() * scale + ty};
  }

  public Point toModel(double sx, double sy) {
    return new Point((sx - tx) / scale, (sy - ty) / scale);
  }

  /** Zoomed by {@code f} keeping the screen point (sx, sy) fixed. */
  public Viewport zoomedAbout(double f, double sx, double sy) {
    double next = Math.max(MIN_SCALE, Math.min(MAX_SCALE, scale * f));
    double g = next / scale;
    return new Viewport(next, sx - (sx - tx) * g, sy - (sy - ty) * g);
  }

  public Viewport pannedBy(double dx, double dy) {
    return new Viewport(scale, tx + dx, ty + dy);
  }

  /** {@code name}'s point {@code q} in the middle of a view of {@code w} × {@code h}. */
  public Viewport centredOn(Point q, double w, double h) {
    return new Viewport(scale, w / 2 - q.x() * scale, h / 2 - q.y() * scale);
  }

  /**
   * The viewport showing all of {@code bounds} centred in a view of {@code w} × {@code h}, never
   * magnified beyond {@link #MAX_FIT_SCALE}; {@link #IDENTITY} when there is nothing to show.
   */
  public static Viewport fit(Box bounds, double w, double h) {
    if (bounds == null || !(w > 0) || !(h > 0) || !(bounds.w() > 0) || !(bounds.h() > 0)) {
      return IDENTITY;
    }
    double s = Math.max(MIN_SCALE, Math.min(MAX_FIT_SCALE, Math.min(w / bounds.w(),
        h / bounds.h())));
    return new Viewport(s, (w - bounds.w() * s) / 2 - bounds.x() * s,
        (h - bounds.h() * s) / 2 - bounds.y() * s);
  }
}
