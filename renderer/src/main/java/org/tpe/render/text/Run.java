package org.tpe.render.text;

import java.util.Objects;

/**
 * A {@link Piece} placed in model coordinates: its baseline starts at ({@code x}, {@code y}) and it
 * is drawn at font size {@code size} (model units). Backends draw runs where they are and never
 * measure text again (DESIGN §2: no backend re-derives geometry).
 */
public record Run(String text, double x, double y, double size, boolean italic, Script script,
    double width) {
  public Run {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(script, "script");
  }
}
