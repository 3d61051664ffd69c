package org.tpe.render.text;

/**
 * Vertical placement of a piece of a label: on the baseline, raised, lowered, or a prime mark
 * (enlarged and set at the top of the letters, see {@link TextMetrics#PRIME_SCALE}).
 */
public enum Script {
  NORMAL,
  SUPERSCRIPT,
  SUBSCRIPT,
  PRIME
}
