package org.tpe.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Only the Canvas backend ({@code org.tpe.render.fx}) may use JavaFX: the scene, the layout and
 * the file backends run headless, in the command line and in tests (DESIGN §2, STYLE "modules
 * point one way").
 */
class ModuleBoundaryTest {
  @Test
  void onlyTheCanvasBackendImportsJavaFx() throws IOException {
    Path root = Path.of("src/main/java/org/tpe/render");
    List<String> offenders;
    try (Stream<Path> files = Files.walk(root)) {
      offenders = files.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> !p.startsWith(root.resolve("fx")))
          .filter(p -> {
            try {
              return Files.readString(p).contains("import javafx.");
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          })
          .map(Path::toString).toList();
    }
    assertEquals(List.of(), offenders);
  }
}
