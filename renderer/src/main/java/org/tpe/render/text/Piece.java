package org.tpe.render.text;

import java.util.Objects;

/**
 * A stretch of label text in one style: {@code italic} for variable names (math italic, as in the
 * papers), upright for function names, numbers and operators.
 */
public record Piece(String text, Script script, boolean italic) {
  public Piece {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(script, "script");
  }
}
