package org.tpe.app.editor.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file-writing rules of {@link AtomicFiles} (POSIX file systems: the build's Linux). */
class AtomicFilesTest {
  @TempDir Path dir;

  private List<Path> listing() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  @Test
  void writingThroughASymlinkKeepsTheLinkAndChangesItsTarget() throws IOException {
    Path real = Files.writeString(dir.resolve("real.svg"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("link.svg"), Path.of("real.svg"));
    AtomicFiles.write(link, "new".getBytes(StandardCharsets.UTF_8));
    assertTrue(Files.isSymbolicLink(link), "the link is still a link");
    assertEquals(Path.of("real.svg"), Files.readSymbolicLink(link));
    assertEquals("new", Files.readString(real));
    assertEquals(List.of(link, real), listing(), "no temporary file left");
  }

  @Test
  void aDanglingSymlinkIsWrittenThroughToTheFileItNames() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("out.png"), Path.of("made.png"));
    AtomicFiles.write(link, new byte[] {1, 2, 3});
    assertTrue(Files.isSymbolicLink(link));
    assertEquals(3, Files.size(dir.resolve("made.png")));
  }

  @Test
  void anExistingFileKeepsItsMode() throws IOException {
    for (String mode : List.of("rw-------", "rw-r-----", "rwxr-xr-x")) {
      Path f = Files.writeString(dir.resolve("f-" + mode + ".tp"), "old");
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
      AtomicFiles.write(f, "new");
      assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
      assertEquals("new", Files.readString(f));
    }
  }

  @Test
  void aNewFileGetsTheModeTheUmaskGivesAnyNewFile() throws IOException {
    // the independent value: what the OS gives a file this process creates without attributes
    Path plain = dir.resolve("plain");
    Files.newByteChannel(plain, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
    Path f = dir.resolve("new.tp");
    AtomicFiles.write(f, "x");
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(f));
  }

  @Test
  void whereAtomicMovesAreUnsupportedAPlainMoveReplacesTheFile() throws IOException {
    Path f = Files.writeString(dir.resolve("a.tp"), "old");
    AtomicFiles.write(f, "new".getBytes(StandardCharsets.UTF_8), (from, to, options) -> {
      if (Arrays.asList(options).contains(StandardCopyOption.ATOMIC_MOVE)) {
        throw new AtomicMoveNotSupportedException(from.toString(), to.toString(), "test");
      }
      Files.move(from, to, options);
    });
    assertEquals("new", Files.readString(f));
    assertEquals(List.of(f), listing());
  }

  @Test
  void whereNoRenameWorksTheFileIsOverwrittenInPlaceAndNoTemporaryIsLeft() throws IOException {
    Path f = Files.writeString(dir.resolve("a.tp"), "a much longer old content");
    AtomicFiles.write(f, "new".getBytes(StandardCharsets.UTF_8), (from, to, options) -> {
      if (Arrays.asList(options).contains(StandardCopyOption.ATOMIC_MOVE)) {
        throw new AtomicMoveNotSupportedException(from.toString(), to.toString(), "test");
      }
      throw new FileSystemException(from.toString(), to.toString(), "rename not supported");
    });
    assertEquals("new", Files.readString(f));
    assertEquals(List.of(f), listing());
  }

  @Test
  void aMissingDirectoryIsAnIOExceptionNotACreatedTree() {
    Path f = dir.resolve("no/such/dir/a.svg");
    assertThrows(IOException.class, () -> AtomicFiles.write(f, new byte[] {1}));
    assertTrue(Files.notExists(dir.resolve("no")));
  }
}
