package org.tpe.app.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Makes a classpath that the launcher's class-data-sharing archive can hold whole. JDK 17's
 * AppCDS leaves out every class file older than Java 6 (version &lt; 50): picocli and
 * commons-math3 are compiled for Java 5, so each start loaded, parsed and verified their classes
 * from the jars (picocli alone: 173 classes, ≈ 50 ms CPU of a 0.25 s {@code tpe validate}). For
 * each jar of the classpath that has such class files this writes a copy whose classes are
 * version 52 (Java 8) with stack-map frames computed by ASM ({@link ClassWriter#COMPUTE_FRAMES}
 * over the whole classpath's type hierarchy), byte code and every other entry unchanged; a class
 * whose frames cannot be computed (a type it names is not on the classpath) is kept as it was,
 * so the copy never loads less than the original. Jars without old class files are listed as
 * they are, and so are signed jars (EMF's): a changed class would break their signature, and the
 * archive leaves out classes of signed jars anyway.
 *
 * <p>{@code java org.tpe.app.launch.ArchivableClasspath CLASSPATH_FILE DIR OUT_FILE} reads a
 * classpath (one line, entries separated by the path separator, as {@code
 * maven-dependency-plugin:build-classpath} writes it), writes the copies into {@code DIR} and the
 * new classpath into {@code OUT_FILE}. The cost is once per build (the launcher runs it when it
 * makes the archive).
 */
public final class ArchivableClasspath {
  /** The oldest class-file version the archive holds (Java 6). */
  static final int ARCHIVABLE = 50;
  /** The version the copies are written in (Java 8: frames required, nothing else new). */
  static final int UPGRADED = Opcodes.V1_8;

  /** A jar signature's files (JAR File Specification, "Signed JAR File"). */
  private static final Pattern SIGNATURE =
      Pattern.compile("META-INF/[^/]+\\.(SF|RSA|DSA|EC)", Pattern.CASE_INSENSITIVE);

  private final List<Path> entries;
  private final ClassLoader hierarchy;

  private ArchivableClasspath(List<Path> entries) {
    this.entries = List.copyOf(entries);
    List<URL> urls = new ArrayList<>();
    for (Path p : entries) {
      try {
        urls.add(p.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("not a classpath entry: " + p, e);
      }
    }
    // the types the frames merge are looked up here, never initialised
    this.hierarchy = new URLClassLoader(urls.toArray(URL[]::new),
        ClassLoader.getPlatformClassLoader());
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: ArchivableClasspath CLASSPATH_FILE DIR OUT_FILE");
      System.exit(2);
    }
    String cp = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8).strip();
    List<Path> out = of(split(cp), Path.of(args[1]));
    Files.writeString(Path.of(args[2]), join(out) + "\n", StandardCharsets.UTF_8);
  }

  /**
   * The classpath {@code entries} with each jar that has pre-Java-6 class files replaced by its
   * upgraded copy in {@code dir} (same file name).
   */
  public static List<Path> of(List<Path> entries, Path dir) throws IOException {
    ArchivableClasspath a = new ArchivableClasspath(entries);
    Files.createDirectories(dir);
    List<Path> result = new ArrayList<>();
    for (Path p : a.entries) {
      if (Files.isRegularFile(p) && p.toString().endsWith(".jar") && hasOldClasses(p)
          && !isSigned(p)) {
        Path copy = dir.resolve(p.getFileName());
        a.upgrade(p, copy);
        result.add(copy);
      } else {
        result.add(p);
      }
    }
    return result;
  }

  static List<Path> split(String classpath) {
    List<Path> l = new ArrayList<>();
    for (String s : classpath.split(Pattern.quote(java.io.File.pathSeparator))) {
      if (!s.isBlank()) {
        l.add(Path.of(s));
      }
    }
    return l;
  }

  static String join(List<Path> entries) {
    StringBuilder b = new StringBuilder();
    for (Path p : entries) {
      b.append(b.length() == 0 ? "" : java.io.File.pathSeparator).append(p);
    }
    return b.toString();
  }

  /** The class-file major version of {@code classFile}'s bytes (JVMS §4.1: bytes 6–7). */
  static int majorVersion(byte[] classFile) {
    return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
  }

  static boolean hasOldClasses(Path jar) throws IOException {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        if (isClass(e)) {
          byte[] head = in.readNBytes(8);
          if (head.length == 8 && majorVersion(head) < ARCHIVABLE) {
            return true;
          }
        }
      }
    }
    return false;
  }

  static boolean isSigned(Path jar) throws IOException {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        if (SIGNATURE.matcher(e.getName()).matches()) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isClass(ZipEntry e) {
    return !e.isDirectory() && e.getName().endsWith(".class");
  }

  private void upgrade(Path jar, Path copy) throws IOException {
    Path tmp = copy.resolveSibling(copy.getFileName() + ".tmp");
    try (InputStream raw = Files.newInputStream(jar);
        ZipInputStream in = new ZipInputStream(raw);
        OutputStream os = Files.newOutputStream(tmp);
        ZipOutputStream out = new ZipOutputStream(os)) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        byte[] b = in.readAllBytes();
        if (isClass(e) && b.length >= 8 && majorVersion(b) < ARCHIVABLE) {
          b = upgrade(b);
        }
        ZipEntry o = new ZipEntry(e.getName());
        if (e.getTime() != -1) {
          o.setTime(e.getTime());
        }
        out.putNextEntry(o);
        out.write(b);
        out.closeEntry();
      }
    }
    Files.move(tmp, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /** One class file in version 52 with computed frames, or unchanged if that is impossible. */
  byte[] upgrade(byte[] classFile) {
    try {
      ClassReader r = new ClassReader(classFile);
      ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
        @Override
        protected ClassLoader getClassLoader() {
          return hierarchy;
        }
      };
      r.accept(new ClassVisitor(Opcodes.ASM9, w) {
        @Override
        public void visit(int version, int access, String name, String signature,
            String superName, String[] interfaces) {
          super.visit(UPGRADED, access, name, signature, superName, interfaces);
        }
      }, ClassReader.SKIP_FRAMES);
      return w.toByteArray();
    } catch (RuntimeException | LinkageError e) {
      // a type the frames would merge is missing (TypeNotPresentException), or malformed input:
      // the original loads exactly as before, it is only left out of the archive
      return classFile;
    }
  }
}
