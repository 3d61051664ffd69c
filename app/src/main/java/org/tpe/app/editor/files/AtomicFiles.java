package org.tpe.app.editor.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.CopyOption;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one way the application writes a file (saving a program, the recovery file, the recent
 * files, an exported diagram or result): a crash or a full disk leaves either the old content or
 * the new, never half of it.
 *
 * <ol>
 *   <li>A symbolic link is written through: the file replaced is the link's final target, and
 *       the link stays a link (replacing it with a regular file would cut it from what it points
 *       to).
 *   <li>The bytes go to a new temporary file in the target's directory (so the rename below stays
 *       on one file system), created with the process's default mode — the umask decides, as for
 *       any new file — and then given the target's permissions if the target exists.
 *   <li>The temporary file is flushed to the disk ({@code fsync}), then renamed over the target
 *       with {@code ATOMIC_MOVE}, and the directory is flushed so that the rename itself survives
 *       a power cut.
 *   <li>Where the file system cannot rename atomically, a plain replacing move is used; where it
 *       cannot replace by renaming at all, the target is overwritten in place and flushed (not
 *       atomic, but the only way left, and said here).
 * </ol>
 */
public final class AtomicFiles {
  /** Longest chain of symbolic links followed. */
  private static final int MAX_LINKS = 40;

  private AtomicFiles() {}

  /** Writes {@code text} (UTF-8) to {@code target} atomically, creating parent directories. */
  public static void write(Path target, String text) throws IOException {
    Path abs = resolveLinks(target.toAbsolutePath());
    Files.createDirectories(abs.getParent());
    write(abs, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes {@code bytes} to {@code target} atomically; the target's directory must exist.
   *
   * @throws IOException if the directory does not exist or writing fails; the target then
   *     keeps its old content (except after the in-place fallback of the class comment)
   */
  public static void write(Path target, byte[] bytes) throws IOException {
    write(target, bytes, Files::move);
  }

  /** How the temporary file is renamed over the target ({@link Files#move}; tests fail it). */
  @FunctionalInterface
  interface Mover {
    void move(Path from, Path to, CopyOption... options) throws IOException;
  }

  static void write(Path target, byte[] bytes, Mover mover) throws IOException {
    Path abs = resolveLinks(target.toAbsolutePath());
    Path dir = abs.getParent();
    Path tmp = createTemporary(dir, abs.getFileName().toString());
    boolean moved = false;
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        writeFully(ch, bytes);
        ch.force(true);
      }
      copyPermissions(abs, tmp);
      try {
        mover.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        moved = true;
      } catch (AtomicMoveNotSupportedException e) {
        try {
          mover.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
          moved = true;
        } catch (IOException notByRenaming) {
          overwriteInPlace(abs, bytes);
        }
      }
      if (moved) {
        forceDirectory(dir);
      }
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /** The final target of a chain of symbolic links (the path itself if it is not a link). */
  static Path resolveLinks(Path p) throws IOException {
    Path cur = p;
    for (int i = 0; i < MAX_LINKS && Files.isSymbolicLink(cur); i++) {
      Path link = Files.readSymbolicLink(cur);
      cur = cur.resolveSibling(link).normalize();
    }
    if (Files.isSymbolicLink(cur)) {
      throw new IOException(p + ": more than " + MAX_LINKS + " symbolic links (a loop?)");
    }
    return cur;
  }

  private static Path createTemporary(Path dir, String name) throws IOException {
    if (dir == null || !Files.isDirectory(dir)) {
      throw new NoSuchFileException(String.valueOf(dir), null, "the directory does not exist");
    }
    for (int attempt = 0; ; attempt++) {
      Path tmp = dir.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current()
          .nextLong()) + ".tmp");
      try {
        // no file attributes: the OS applies its default mode and the umask
        Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
            .close();
        return tmp;
      } catch (FileAlreadyExistsException e) {
        if (attempt > 100) {
          throw e;
        }
      }
    }
  }

  private static void writeFully(FileChannel ch, byte[] bytes) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  private static void copyPermissions(Path from, Path to) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(from, PosixFileAttributeView.class,
        LinkOption.NOFOLLOW_LINKS);
    if (view == null || !Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
      return; // no target yet, or not a POSIX file system: the new file's mode stays
    }
    Set<PosixFilePermission> perms = view.readAttributes().permissions();
    Files.setPosixFilePermissions(to, perms);
  }

  private static void overwriteInPlace(Path target, byte[] bytes) throws IOException {
    try (FileChannel ch = FileChannel.open(target, StandardOpenOption.WRITE,
        StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
      writeFully(ch, bytes);
      ch.force(true);
    }
  }

  /** Flushes a directory's entries; file systems that cannot (or Windows) are left as they are. */
  private static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // the rename is done; only its durability across a power cut is not guaranteed here
    }
  }
}
