package org.tpe.app.editor.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.tpe.format.TpDocument;

/**
 * Autosave for crash recovery. After every edit that leaves the document dirty the editor writes
 * its text, exactly (comments, positions, lines that do not parse yet), to {@code recovery.tp} in
 * the editor's home directory, atomically; a clean exit, a save, or discarding the work deletes
 * it. So a file found at start-up means the last session ended without saving, and the editor
 * offers to restore it.
 *
 * <p>The first line records the document's file, so the recovered document saves where the lost
 * one would have: {@code # tpe-recovery: /path/to/file.tp} (empty for a new document).
 */
public final class Recovery {
  private static final String HEADER = "# tpe-recovery: ";
  private final Path file;

  /** Recovery kept in {@code home} (created when first written). */
  public Recovery(Path home) {
    this.file = home.resolve("recovery.tp");
  }

  /** What a previous session left: the document's text, its file (or null), when. */
  public record Found(TpDocument text, Path document, Instant written) {}

  public Path file() {
    return file;
  }

  /** Writes the autosave of {@code text}, edited from {@code document} (null for a new one). */
  public void save(TpDocument text, Path document) throws IOException {
    String head = HEADER + (document == null ? "" : document.toAbsolutePath()) + "\n";
    AtomicFiles.write(file, head + text.text());
  }

  /** Deletes the autosave (after a save, a clean exit, or when the user discards it). */
  public void clear() throws IOException {
    Files.deleteIfExists(file);
  }

  /**
   * The autosave of a previous session, if one exists and is text (its lines need not parse); an
   * unreadable one is reported as empty (and left on disk for the user to inspect).
   */
  public Optional<Found> find() {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      Path doc = null;
      if (text.startsWith(HEADER)) {
        int end = text.indexOf('\n');
        String first = text.substring(HEADER.length(), end < 0 ? text.length() : end).trim();
        doc = first.isEmpty() ? null : Path.of(first);
        text = end < 0 ? "" : text.substring(end + 1);
      }
      return Optional.of(new Found(TpDocument.of(text), doc,
          Files.getLastModifiedTime(file).toInstant()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

}
