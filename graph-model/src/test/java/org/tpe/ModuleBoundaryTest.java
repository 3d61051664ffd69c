package org.tpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** graph-model knows nothing of JavaFX, the renderer or the app (modules point one way). */
class ModuleBoundaryTest {
  @Test
  void graphModelSourcesImportNoJavaFxRendererOrApp() throws IOException {
    Path src = Path.of("src/main/java");
    assertTrue(Files.isDirectory(src), "run from the graph-model module directory");
    List<String> offenders;
    try (Stream<Path> files = Files.walk(src)) {
      offenders = files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
        try {
          String s = Files.readString(f);
          return s.contains("import javafx") || s.contains("import org.tpe.render")
              || s.contains("import org.tpe.app");
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).map(Path::toString).toList();
    }
    assertEquals(List.of(), offenders);
  }
}
