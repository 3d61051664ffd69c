package org.tpe.paths;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** An iterator defined by {@link #advance()}: the next element, or null at the end. */
abstract class Advancing<T> implements Iterator<T> {
  private T pending;

  /** The next element, or null when there is none (called at most once past the end). */
  abstract T advance();

  @Override
  public final boolean hasNext() {
    if (pending == null) {
      pending = advance();
    }
    return pending != null;
  }

  @Override
  public final T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    T t = pending;
    pending = null;
    return t;
  }
}
