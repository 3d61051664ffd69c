package org.tpe.session;

import java.util.Objects;

/**
 * One analysis of a {@link Snapshot}: not computed yet, its value, why it failed or was skipped,
 * or cancelled. Immutable.
 *
 * @param state where the analysis stands
 * @param value the result when {@link State#DONE}, else null
 * @param message for {@link State#FAILED} and {@link State#SKIPPED}, a sentence saying why
 *     (e.g. the validator's first error); "" otherwise
 */
public record Part<T>(State state, T value, String message) {
  /** Where an analysis stands. */
  public enum State {
    /** Queued or running. */
    PENDING,
    /** Finished with a value. */
    DONE,
    /** The analysis refused the program or failed on its numbers. */
    FAILED,
    /** Not run, because an earlier analysis failed or the program is too large for it. */
    SKIPPED,
    /** Stopped by {@link AnalysisSession#cancel()} or superseded. */
    CANCELLED
  }

  public Part {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(message, "message");
    if ((state == State.DONE) != (value != null)) {
      throw new IllegalArgumentException("a value exactly when done: " + state);
    }
  }

  public static <T> Part<T> pending() {
    return new Part<>(State.PENDING, null, "");
  }

  public static <T> Part<T> done(T value) {
    return new Part<>(State.DONE, Objects.requireNonNull(value, "value"), "");
  }

  public static <T> Part<T> failed(String why) {
    return new Part<>(State.FAILED, null, why);
  }

  public static <T> Part<T> skipped(String why) {
    return new Part<>(State.SKIPPED, null, why);
  }

  public static <T> Part<T> cancelled() {
    return new Part<>(State.CANCELLED, null, "");
  }

  public boolean isDone() {
    return state == State.DONE;
  }

  public boolean isPending() {
    return state == State.PENDING;
  }

  /** A pending part becomes cancelled; any other stays as it is. */
  Part<T> cancelIfPending() {
    return state == State.PENDING ? cancelled() : this;
  }
}
