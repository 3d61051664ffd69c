package org.tpe.render.text;

/** Vertical placement of a piece of a label: on the baseline, raised or lowered. */
public enum Script {
  NORMAL,
  SUPERSCRIPT,
  SUBSCRIPT
}
