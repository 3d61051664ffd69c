package org.tpe.render.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Label content: pieces with sub- and superscripts (for drawing) and the same text in LaTeX math
 * (for TikZ), e.g. {@code W} with superscript {@code 2⊤} and {@code W^{2\top}}.
 */
public record RichText(List<Piece> pieces, String latex) {
  public RichText {
    pieces = List.copyOf(pieces);
    Objects.requireNonNull(latex, "latex");
  }

  /** Plain upright text. */
  public static RichText plain(String text) {
    return new RichText(List.of(new Piece(text, Script.NORMAL, false)), Latex.text(text));
  }

  /** The characters of all pieces, without scripts (for tests, tooltips and accessibility). */
  public String plainText() {
    StringBuilder sb = new StringBuilder();
    for (Piece p : pieces) {
      sb.append(p.text());
    }
    return sb.toString();
  }

  /** This text followed by {@code other}. */
  public RichText append(RichText other) {
    List<Piece> ps = new ArrayList<>(pieces);
    ps.addAll(other.pieces);
    return new RichText(ps, latex + other.latex);
  }
}
