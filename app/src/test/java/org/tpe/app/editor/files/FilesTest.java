package org.tpe.app.editor.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tpe.format.TpParser;
import org.tpe.model.Point;
import org.tpe.model.Program;

class FilesTest {
  @TempDir Path dir;

  @Test
  void atomicWriteReplacesTheFileAndLeavesNoTemporaryBehind() throws IOException {
    Path f = dir.resolve("sub/a.tp");
    AtomicFiles.write(f, "one\n");
    AtomicFiles.write(f, "two\n");
    assertEquals("two\n", Files.readString(f));
    try (Stream<Path> s = Files.list(f.getParent())) {
      assertEquals(List.of(f), s.toList());
    }
  }

  @Test
  void recoveryKeepsProgramLayoutAndDocumentUntilCleared() throws IOException {
    Recovery r = new Recovery(dir);
    assertTrue(r.find().isEmpty());
    Program p = TpParser.parse("input u : G(n)\nx := relu(u)\n").withPosition("x",
        new Point(3, 4));
    Path doc = dir.resolve("doc.tp");
    r.save(p, doc);
    Recovery.Found f = r.find().orElseThrow();
    assertEquals(p, f.program());
    assertEquals(doc.toAbsolutePath(), f.document());
    r.clear();
    assertTrue(r.find().isEmpty());
  }

  @Test
  void anUnreadableRecoveryFileIsIgnoredNotThrown() throws IOException {
    Files.writeString(dir.resolve("recovery.tp"), "x := relu(\n");
    assertTrue(new Recovery(dir).find().isEmpty());
  }

  @Test
  void recentFilesAreNewestFirstWithoutDuplicatesOrMissingFiles() throws IOException {
    RecentFiles rf = new RecentFiles(dir);
    Path a = Files.writeString(dir.resolve("a.tp"), "");
    Path b = Files.writeString(dir.resolve("b.tp"), "");
    rf.add(a);
    rf.add(b);
    rf.add(a);
    assertEquals(List.of(a.toAbsolutePath(), b.toAbsolutePath()), rf.list());
    Files.delete(b);
    assertEquals(List.of(a.toAbsolutePath()), rf.list());
    assertFalse(rf.list().contains(b.toAbsolutePath()));
  }
}
