package org.tpe.app.editor.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that a crash leaves either the old content or the new, never half of it: the
 * text goes to a temporary file in the same directory, which is then moved over the target with
 * {@code ATOMIC_MOVE} (a plain replacing move where the file system cannot do that).
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes {@code text} (UTF-8) to {@code target} atomically, creating parent directories. */
  public static void write(Path target, String text) throws IOException {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
