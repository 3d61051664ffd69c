package org.tpe.app.editor.hover;

import java.util.List;
import org.tpe.limit.Histogram;

/**
 * What a hover card shows, decided without JavaFX and drawn by {@link HoverCard}: a bold title, a
 * definition in the program's text, sentences of facts, a line of limit numbers and an optional
 * density for a sparkline. The node's ({@link NodeFacts}), the MatMul edge's ({@link EdgeFacts})
 * and the isomorphism class's ({@link PathClassFacts}) cards are the three kinds.
 */
public interface CardText {
  /** The bold first line. */
  String title();

  /** A line of the program's text (monospaced), or "" for none. */
  String definition();

  /** Sentences, one a line. */
  List<String> facts();

  /** The limit's numbers (or why there are none), or "" for none. */
  String limit();

  /** A density for the sparkline, or null. */
  Histogram histogram();
}
