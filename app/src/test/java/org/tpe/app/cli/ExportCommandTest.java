package org.tpe.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tpe.samples.Samples;

/** {@code tpe export}: every sample in every format, the options, and clear refusals. */
class ExportCommandTest {
  private static Path write(Path dir, String name) throws IOException {
    Path f = dir.resolve(name + ".tp");
    Files.writeString(f, Samples.text(name));
    return f;
  }

  @Test
  void everySampleExportsToEveryFormat(@TempDir Path dir) throws IOException {
    for (Samples.Sample s : Samples.all()) {
      Path in = write(dir, s.name());
      for (String f : new String[] {"png", "svg", "pdf", "tikz"}) {
        Path out = dir.resolve(s.name() + "." + f);
        CliTestSupport.Run r = CliTestSupport.tpe("export", in.toString(), "--format", f, "-o",
            out.toString(), "--scale", "1");
        assertEquals(0, r.code(), s.name() + " " + f + ": " + r.err());
        byte[] b = Files.readAllBytes(out);
        switch (f) {
          case "png" -> assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'},
              java.util.Arrays.copyOf(b, 4));
          case "pdf" -> assertTrue(new String(b, 0, 5, StandardCharsets.US_ASCII).equals("%PDF-"));
          case "svg" -> assertTrue(new String(b, StandardCharsets.UTF_8).contains("<svg"));
          default -> assertTrue(new String(b, StandardCharsets.UTF_8)
              .contains("\\begin{tikzpicture}"));
        }
      }
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertFalse(files.anyMatch(p -> p.getFileName().toString().startsWith(".")),
          "no temporary file left");
    }
  }

  @Test
  void styleAndHighlightClassChangeThePicture(@TempDir Path dir) throws IOException {
    Path in = write(dir, "mlp-backward");
    Path plain = dir.resolve("plain.svg");
    Path lit = dir.resolve("lit.svg");
    Path print = dir.resolve("print.svg");
    assertEquals(0, CliTestSupport.tpe("export", in.toString(), "--format", "svg", "-o",
        plain.toString()).code());
    CliTestSupport.Run r = CliTestSupport.tpe("export", in.toString(), "--format", "svg", "-o",
        lit.toString(), "--highlight-class", "W2,W2^T");
    assertEquals(0, r.code(), r.err());
    assertEquals(0, CliTestSupport.tpe("export", in.toString(), "--format", "svg", "-o",
        print.toString(), "--style", "print").code());
    String p = Files.readString(plain);
    String l = Files.readString(lit);
    assertFalse(p.contains("highlighted"));
    // the class W2,W2^T: x1 → h2 (W2), then h2 → dh2 through the gate, dh2 → dx1 (W2^T)
    assertTrue(l.contains("<g class=\"matmul highlighted\" data-edge=\"m:h2\">"), l);
    assertTrue(l.contains("<g class=\"matmul highlighted\" data-edge=\"m:dx1\">"), l);
    assertTrue(l.contains("<g class=\"vector highlighted\" data-variable=\"dh2\">"), l);
    assertFalse(l.contains("<g class=\"vector highlighted\" data-variable=\"x2\">"),
        "x2 is on no path of the class");
    assertTrue(Files.readString(print).contains("#9a9a9a"), "print style's X-var grey");
  }

  private static java.util.Set<String> lit(String svg, String attribute) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "<g class=\"[a-z-]+ highlighted\" data-" + attribute + "=\"([^\"]+)\">").matcher(svg);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void aHighlightedResnetPathLightsTheSumsAndSkipVectorsBetweenItsGVars(@TempDir Path dir)
      throws IOException {
    // paths live on the reduced program, where LinCombs are transparent: x0 -W1-> g1 -> x1
    // -W2-> g2 reaches x1 through h1 = h0 + g1 and the output h6 through h2 … h6; on the
    // diagram those ⊕ gates and h's lie between the path's G-vars
    Path in = write(dir, "resnet");
    Path out = dir.resolve("lit.svg");
    CliTestSupport.Run r = CliTestSupport.tpe("export", in.toString(), "--format", "svg", "-o",
        out.toString(), "--highlight-class", "W1,W2");
    assertEquals(0, r.code(), r.err());
    String svg = Files.readString(out);
    assertEquals(new java.util.TreeSet<>(java.util.List.of("x0", "g1", "h1", "x1", "g2", "h2",
        "h3", "h4", "h5", "h6")), lit(svg, "variable"));
    assertEquals(new java.util.TreeSet<>(java.util.List.of("h1", "x1", "h2", "h3", "h4", "h5",
        "h6")), lit(svg, "instruction"), "the ⊕ gates of h1 … h6 and x1's relu gate");
    java.util.Set<String> edges = lit(svg, "edge");
    for (String e : new String[] {"m:g1", "a:h1:g1", "r:h1", "a:x1:h1", "r:x1", "m:g2",
        "a:h2:g2", "r:h2", "a:h3:h2", "a:h6:h5", "r:h6"}) {
      assertTrue(edges.contains(e), e + " is on the path: " + edges);
    }
    for (String e : new String[] {"a:h1:h0", "a:h2:h1", "a:x2:h2", "m:g3", "a:x0:h0"}) {
      assertFalse(edges.contains(e), e + " is not on the path");
    }
  }

  @Test
  void exportKeepsAPrivateFilePrivateAndWritesThroughASymlink(@TempDir Path dir)
      throws IOException {
    Path in = write(dir, "wwt-v");
    Path real = Files.writeString(dir.resolve("figure.svg"), "old");
    Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-------"));
    Path link = Files.createSymbolicLink(dir.resolve("paper-figure.svg"), Path.of("figure.svg"));
    CliTestSupport.Run r = CliTestSupport.tpe("export", in.toString(), "--format", "svg", "-o",
        link.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.isSymbolicLink(link), "the link is kept");
    assertTrue(Files.readString(real).contains("<svg"), "its target got the diagram");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(real)));
  }

  @Test
  void badOptionsAndInputsAreRefusedClearly(@TempDir Path dir) throws IOException {
    Path in = write(dir, "wwt-v");
    Path out = dir.resolve("o.png");
    CliTestSupport.Run r = CliTestSupport.tpe("export", in.toString(), "--format", "gif", "-o",
        out.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("unknown format 'gif'"), r.err());
    r = CliTestSupport.tpe("export", in.toString(), "--format", "png", "-o", out.toString(),
        "--style", "neon");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("unknown style 'neon'"), r.err());
    r = CliTestSupport.tpe("export", in.toString(), "--format", "png", "-o", out.toString(),
        "--scale", "0");
    assertEquals(2, r.code());
    r = CliTestSupport.tpe("export", in.toString(), "--format", "png", "-o",
        dir.resolve("no/such/dir/o.png").toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("does not exist"), r.err());
    r = CliTestSupport.tpe("export", in.toString(), "--format", "png", "-o", out.toString(),
        "--highlight-class", "U");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("no isomorphism class") && r.err().contains("the words are"),
        r.err());
    Path bad = dir.resolve("bad.tp");
    Files.writeString(bad, "input u : G(n)\nx := relu(u\n");
    r = CliTestSupport.tpe("export", bad.toString(), "--format", "svg", "-o", out.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith(bad + ":2:"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertFalse(Files.exists(out), "nothing written on failure");
  }
}
