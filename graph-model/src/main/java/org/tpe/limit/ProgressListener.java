package org.tpe.limit;

/**
 * Receives progress of a long analysis (called from worker threads; implementations must be
 * thread safe and quick, e.g. post to the UI thread).
 */
@FunctionalInterface
public interface ProgressListener {
  /** Ignores progress. */
  ProgressListener NONE = (f, m) -> {};

  /**
   * @param fraction done so far, 0 to 1
   * @param message what is being done
   */
  void progress(double fraction, String message);
}
