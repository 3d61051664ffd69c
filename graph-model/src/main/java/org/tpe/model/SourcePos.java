package org.tpe.model;

/** A place in the {@code .tp} text: 1-based line and column (columns count code points). */
public record SourcePos(int line, int column) {
  public SourcePos {
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
    }
  }

  @Override
  public String toString() {
    return line + ":" + column;
  }
}
