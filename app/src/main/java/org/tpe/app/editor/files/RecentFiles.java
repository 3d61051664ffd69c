package org.tpe.app.editor.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The most recently opened or saved files, newest first, kept one per line in {@code recent.txt}
 * of the editor's home directory. Files that no longer exist are dropped when listed.
 */
public final class RecentFiles {
  /** How many files the menu shows. */
  public static final int MAX = 10;
  private final Path store;

  public RecentFiles(Path home) {
    this.store = home.resolve("recent.txt");
  }

  /** The recent files that still exist, newest first. */
  public List<Path> list() {
    if (!Files.isRegularFile(store)) {
      return List.of();
    }
    try {
      return Files.readAllLines(store, StandardCharsets.UTF_8).stream().filter(s -> !s.isBlank())
          .map(Path::of).filter(Files::isRegularFile).limit(MAX).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Puts {@code f} first. */
  public void add(Path f) throws IOException {
    List<Path> l = new ArrayList<>(list());
    Path abs = f.toAbsolutePath().normalize();
    l.remove(abs);
    l.add(0, abs);
    while (l.size() > MAX) {
      l.remove(l.size() - 1);
    }
    AtomicFiles.write(store, String.join("\n", l.stream().map(Path::toString).toList()) + "\n");
  }
}
