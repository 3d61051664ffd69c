package org.tpe.paths;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A word (sequence of matrices) shared as a persistent list: a word is its prefix plus its last
 * matrix, and words are interned per {@link PathAnalysis}, so extending costs O(1) and equal words
 * are the same object (identity equality is value equality within one analysis).
 */
final class Word {
  final Word prefix;
  final String last;
  final int length;
  private Map<String, Word> children;

  private Word(Word prefix, String last) {
    this.prefix = prefix;
    this.last = last;
    this.length = prefix == null ? 1 : prefix.length + 1;
  }

  /** The interning table of one analysis: the one-letter words. */
  static final class Table {
    private final Map<String, Word> roots = new HashMap<>();

    Word single(String matrix) {
      return roots.computeIfAbsent(matrix, m -> new Word(null, m));
    }
  }

  Word extend(String matrix) {
    if (children == null) {
      children = new HashMap<>(2);
    }
    return children.computeIfAbsent(matrix, m -> new Word(this, m));
  }

  List<String> matrices() {
    List<String> out = new ArrayList<>(length);
    for (Word w = this; w != null; w = w.prefix) {
      out.add(w.last);
    }
    Collections.reverse(out);
    return out;
  }

  @Override
  public String toString() {
    return String.join(" ", matrices());
  }
}
