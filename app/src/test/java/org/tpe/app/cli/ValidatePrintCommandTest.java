package org.tpe.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tpe.format.TpParser;
import org.tpe.samples.Samples;

class ValidatePrintCommandTest {

  private static Path write(Path dir, Samples.Sample s) throws IOException {
    Path f = dir.resolve(s.name() + ".tp");
    Files.writeString(f, s.text());
    return f;
  }

  @Test
  void validateAcceptsEverySample(@TempDir Path dir) throws IOException {
    for (Samples.Sample s : Samples.all()) {
      CliTestSupport.Run r = CliTestSupport.tpe("validate", write(dir, s).toString());
      assertEquals(0, r.code(), s.name() + ": " + r.err());
      assertTrue(r.out().contains(": ok — Netsor"), r.out());
    }
  }

  @Test
  void validateReportsLevelReducedAndBpLike(@TempDir Path dir) throws IOException {
    CliTestSupport.Run r = CliTestSupport.tpe("validate",
        write(dir, Samples.get("mlp-backward")).toString());
    assertTrue(r.out().contains("Netsor⊤ program, reduced"), r.out());
    assertTrue(r.out().contains("BP-like: the readout v"), r.out());
  }

  @Test
  void validateJsonHasLevelAndVerdict(@TempDir Path dir) throws IOException {
    CliTestSupport.Run r = CliTestSupport.tpe("validate", "--json",
        write(dir, Samples.get("wwt-v")).toString());
    assertEquals(0, r.code());
    assertTrue(r.out().contains("\"level\" : \"NetsorT\""), r.out());
    assertTrue(r.out().contains("\"verdict\" : false"), r.out());
  }

  @Test
  void printGivesTheNormalFormWhichParsesToTheSameProgram(@TempDir Path dir)
      throws IOException {
    for (Samples.Sample s : Samples.all()) {
      CliTestSupport.Run r = CliTestSupport.tpe("print", write(dir, s).toString());
      assertEquals(0, r.code(), r.err());
      assertEquals(s.program(), TpParser.parse(r.out()), s.name());
    }
  }
}
