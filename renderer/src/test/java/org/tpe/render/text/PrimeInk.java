package org.tpe.render.text;

import java.awt.font.FontRenderContext;
import java.awt.geom.Rectangle2D;
import org.tpe.render.scene.Prim;
import org.tpe.render.scene.Scene;

/** For the tests that a prime is inked by each backend: the prime's run and its glyph's ink. */
public final class PrimeInk {
  private PrimeInk() {}

  /** The run of {@code var}'s label that holds its prime ′. */
  public static Run primeRun(Scene s, String var) {
    return s.variable(var).orElseThrow().prims().stream()
        .filter(q -> q instanceof Prim.Text).map(q -> (Prim.Text) q)
        .flatMap(t -> t.runs().stream()).filter(r -> r.text().contains("′")).findFirst()
        .orElseThrow(() -> new AssertionError(var + " has no prime in its label"));
  }

  /** Where the run's first glyph has ink, as the bundled font (AWT) draws it at the run's size. */
  public static Rectangle2D ink(Run prime) {
    return TextMetrics.awtFont(prime.italic(), prime.size()).createGlyphVector(
        new FontRenderContext(null, true, true), prime.text())
        .getGlyphOutline(0, (float) prime.x(), (float) prime.y()).getBounds2D();
  }
}
