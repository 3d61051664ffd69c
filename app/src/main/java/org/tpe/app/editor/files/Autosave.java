package org.tpe.app.editor.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.tpe.format.TpDocument;

/**
 * Writes the {@link Recovery} file on a thread of its own, so that the JavaFX thread never waits
 * for the disk after an edit. Only the latest wish counts (the text of the last edit, or no
 * recovery file); wishes are carried out in the order made, so a deletion is never followed by
 * an older write. {@link #flush} waits until the latest wish is carried out.
 */
public final class Autosave implements AutoCloseable {
  /** The recovery file wanted: this text, saved from {@code document}, or none (text null). */
  private record Wish(TpDocument text, Path document) {}

  private final Recovery recovery;
  private final Consumer<String> errors;
  private final AtomicReference<Wish> wanted = new AtomicReference<>();
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "tpe-autosave");
    t.setDaemon(true);
    return t;
  });

  /** Autosaves to {@code recovery}; a failure is told to {@code errors} (on the writer thread). */
  public Autosave(Recovery recovery, Consumer<String> errors) {
    this.recovery = Objects.requireNonNull(recovery, "recovery");
    this.errors = Objects.requireNonNull(errors, "errors");
  }

  /** Keep {@code text} (edited from {@code document}, null for a new one) for recovery. */
  public void save(TpDocument text, Path document) {
    wish(new Wish(Objects.requireNonNull(text), document));
  }

  /** No recovery file (the work is saved, discarded, or the session ends cleanly). */
  public void clear() {
    wish(new Wish(null, null));
  }

  private void wish(Wish w) {
    if (wanted.getAndSet(w) == null) {
      thread.submit(this::drain);
    }
  }

  private void drain() {
    Wish w;
    while ((w = wanted.getAndSet(null)) != null) {
      try {
        if (w.text() == null) {
          recovery.clear();
        } else {
          recovery.save(w.text(), w.document());
        }
      } catch (IOException | RuntimeException e) {
        errors.accept((w.text() == null ? "could not delete the recovery file "
            : "autosave failed: could not write ") + recovery.file() + ": " + e.getMessage());
      }
    }
  }

  /** Waits until the latest wish is on disk (or has failed). */
  public void flush() {
    try {
      thread.submit(() -> { }).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Carries out what is pending, then stops the writer thread. */
  @Override
  public void close() {
    flush();
    thread.shutdown();
  }
}
