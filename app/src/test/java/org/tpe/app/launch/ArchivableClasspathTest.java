package org.tpe.app.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ArchivableClasspathTest {
  @TempDir static Path dir;
  static Path picocli;
  static Path jackson;
  static Path copy;
  static Path emf;

  static Path jarOf(Class<?> c) throws URISyntaxException {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  @BeforeAll
  static void upgrade() throws Exception {
    picocli = jarOf(CommandLine.class);
    jackson = jarOf(com.fasterxml.jackson.core.JsonFactory.class);
    emf = jarOf(org.eclipse.emf.common.util.URI.class);
    List<Path> out = ArchivableClasspath.of(List.of(picocli, jackson, emf), dir.resolve("lib"));
    copy = out.get(0);
    assertEquals(List.of(dir.resolve("lib").resolve(picocli.getFileName()), jackson, emf), out,
        "picocli (Java 5 class files) is copied, jackson-core (Java 8) and EMF (Java 5, signed)"
            + " are listed as they are");
  }

  /** Every entry by name: its bytes. */
  static Map<String, byte[]> entries(Path jar) throws IOException {
    Map<String, byte[]> m = new TreeMap<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        m.put(e.getName(), in.readAllBytes());
      }
    }
    return m;
  }

  /** The major version read as JVMS §4.1 lays it out: u4 magic, u2 minor, u2 major. */
  static int major(byte[] classFile) throws IOException {
    DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(classFile));
    assertEquals(0xCAFEBABE, in.readInt());
    in.readUnsignedShort();
    return in.readUnsignedShort();
  }

  @Test
  void theCopyHasEveryEntryWithClassesInVersion52AndTheRestUnchanged() throws IOException {
    Map<String, byte[]> before = entries(picocli);
    Map<String, byte[]> after = entries(copy);
    assertEquals(before.keySet(), after.keySet());
    int old = 0;
    for (Map.Entry<String, byte[]> e : before.entrySet()) {
      byte[] a = after.get(e.getKey());
      if (e.getKey().endsWith(".class") && major(e.getValue()) < 50) {
        old++;
        assertEquals(52, major(a), e.getKey());
      } else {
        assertTrue(Arrays.equals(e.getValue(), a), e.getKey() + " is copied unchanged");
      }
    }
    assertTrue(old > 100, "picocli 4.7.6 has ~200 Java 5 classes, found " + old);
  }

  @Test
  void everyUpgradedClassPassesTheVerifier() throws Exception {
    // initialising links, and linking a version-52 class runs the type-checking verifier on the
    // computed frames: a wrong frame is a VerifyError here
    int loaded = 0;
    try (URLClassLoader l = new URLClassLoader(new URL[] {copy.toUri().toURL()},
        ClassLoader.getPlatformClassLoader())) {
      for (String name : entries(copy).keySet()) {
        if (name.endsWith(".class") && !name.contains("module-info")
            && !name.startsWith("META-INF/")) {
          Class<?> c = Class.forName(name.substring(0, name.length() - 6).replace('/', '.'),
              true, l);
          assertEquals(l, c.getClassLoader());
          loaded++;
        }
      }
    }
    assertTrue(loaded > 100);
  }

  /** Runs {@code java ARGS}, returns stdout + stderr. */
  static String java(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "java " + cmd + " finished");
    return new String(out, StandardCharsets.UTF_8);
  }

  @Test
  void theArchiveHoldsTheCopysClassesButNotTheOriginals() throws Exception {
    // picocli's own main class (shell completion) builds an annotated command line
    for (Path jar : List.of(picocli, copy)) {
      Path jsa = dir.resolve(jar == copy ? "copy.jsa" : "original.jsa");
      String usage = java("-XX:ArchiveClassesAtExit=" + jsa, "-cp", jar.toString(),
          "picocli.AutoComplete", "--help");
      assertTrue(usage.contains("Usage:"), usage);
      String log = java("-XX:SharedArchiveFile=" + jsa, "-Xlog:class+load=info", "-cp",
          jar.toString(), "picocli.AutoComplete", "--help");
      long fromJar = log.lines().filter(s -> s.contains(" picocli.")
          && s.contains("source: file:")).count();
      long shared = log.lines().filter(s -> s.contains(" picocli.")
          && s.contains("shared objects file")).count();
      if (jar == copy) {
        assertEquals(0, fromJar, "every picocli class of the copy comes from the archive");
        assertTrue(shared > 50, "shared: " + shared);
      } else {
        assertTrue(fromJar > 50, "the original's classes are read from the jar: " + fromJar);
      }
    }
  }

  @Test
  void theCommandLineOnTheCopyPrintsWhatItPrintsOnTheOriginal() throws Exception {
    String cp = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    assertTrue(cp.contains(picocli.toString()), "picocli on the test classpath: " + cp);
    String upgraded = cp.replace(picocli.toString(), copy.toString());
    assertFalse(upgraded.contains(picocli.toString()));
    Path sample = dir.resolve("mlp-two-inputs.tp");
    try (var in = ArchivableClasspathTest.class.getResourceAsStream(
        "/org/tpe/samples/mlp-two-inputs.tp")) {
      Files.write(sample, in.readAllBytes());
    }
    for (String[] args : List.of(new String[] {"--help"}, new String[] {"limits", "--help"},
        new String[] {"validate", sample.toString()}, new String[] {"limits", "--bogus"})) {
      List<String> a = new ArrayList<>(List.of("-cp", "", "org.tpe.app.Main"));
      a.addAll(List.of(args));
      a.set(1, cp);
      String original = java(a.toArray(String[]::new));
      a.set(1, upgraded);
      assertEquals(original, java(a.toArray(String[]::new)), String.join(" ", args));
    }
  }
}
