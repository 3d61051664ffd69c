package org.tpe.paths;

/**
 * An enumeration bound was exceeded (too many distinct isomorphism classes to list). The message
 * says which bound and how to raise it; counting paths has no such bound.
 */
public final class PathLimitException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public PathLimitException(String message) {
    super(message);
  }
}
