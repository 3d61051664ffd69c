package org.tpe.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Numbers in the JSON trees the analyses write: JSON has no NaN or ∞, so a number that is not
 * finite (an unknown error, a refused entry) is written as {@code null}. The one home of this rule
 * for the tree writers (limits convergence, NTK, spectrum, training); the streaming limits writer
 * applies the same rule token by token.
 */
public final class JsonNumbers {
  private JsonNumbers() {}

  /** Puts {@code x} under {@code key}, or null when it is not finite. */
  public static void number(ObjectNode o, String key, double x) {
    if (Double.isFinite(x)) {
      o.put(key, x);
    } else {
      o.putNull(key);
    }
  }

  /** Appends {@code x} to {@code a}, or null when it is not finite. */
  public static void add(ArrayNode a, double x) {
    if (Double.isFinite(x)) {
      a.add(x);
    } else {
      a.addNull();
    }
  }
}
