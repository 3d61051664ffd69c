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
import org.tpe.format.TpDocument;
import org.tpe.model.Point;

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
  void recoveryKeepsTheExactTextAndTheDocumentUntilCleared() throws IOException {
    Recovery r = new Recovery(dir);
    assertTrue(r.find().isEmpty());
    String text = "# a comment\ninput u : G(n)   # spacing kept\n\nx := relu(u)  @at(3, 4)\n"
        + "y := relu(x +\n";
    Path doc = dir.resolve("doc.tp");
    r.save(TpDocument.of(text), doc);
    Recovery.Found f = r.find().orElseThrow();
    assertEquals(text, f.text().text());
    assertEquals(new Point(3, 4), f.text().program().layout().get("x"));
    assertEquals(doc.toAbsolutePath(), f.document());
    r.clear();
    assertTrue(r.find().isEmpty());
  }

  @Test
  void aRecoveryFileThatIsNotTextIsIgnoredNotThrown() throws IOException {
    Files.write(dir.resolve("recovery.tp"), new byte[] {'x', (byte) 0xff, (byte) 0xfe, '\n'});
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
