package org.tpe.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.tpe.app.editor.files.AtomicFiles;
import org.tpe.model.Program;
import org.tpe.paths.IsomorphismClass;
import org.tpe.paths.PathAnalysis;
import org.tpe.paths.PathLimitException;
import org.tpe.paths.PathSet;
import org.tpe.render.export.Exporter;
import org.tpe.render.export.Format;
import org.tpe.render.layout.AutoLayout;
import org.tpe.render.scene.Highlight;
import org.tpe.render.scene.PathHighlight;
import org.tpe.render.scene.Scene;
import org.tpe.render.scene.SceneBuilder;
import org.tpe.render.style.Style;
import org.tpe.validate.ReductionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tpe export FILE --format png|svg|pdf|tikz -o OUT [--style default|print|dark] [--scale S]
 * [--highlight-class WORD]}: the program's diagram in TP IIb's notation (DESIGN §5, §8), laid out
 * automatically (positions from {@code @at} kept). The file is written by {@link AtomicFiles}: OUT
 * is never left half written, a symbolic link is written through, and OUT keeps its mode.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Draw the program in the graphical notation of TP IIb (§4, App. C) as PNG, "
        + "SVG, PDF or a TikZ picture.",
        "The layout is automatic; positions from @at annotations are kept."})
final class ExportCommand implements Callable<Integer> {
  /** At most this many paths of a class are highlighted (their count can be exponential). */
  static final int MAX_HIGHLIGHTED_PATHS = 100_000;

  @Parameters(index = "0", paramLabel = "FILE", description = "the .tp file")
  Path file;

  @Option(names = "--format", required = true, paramLabel = "FORMAT",
      description = "png, svg, pdf or tikz")
  String format;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
      description = "the file to write")
  Path output;

  @Option(names = "--style", paramLabel = "STYLE", defaultValue = "default",
      description = "default (like the paper), print (greyscale) or dark (default: ${DEFAULT-VALUE})")
  String style;

  @Option(names = "--scale", paramLabel = "S", defaultValue = "2",
      description = "PNG pixels per diagram unit (default: ${DEFAULT-VALUE})")
  double scale;

  @Option(names = "--highlight-class", paramLabel = "WORD",
      description = "highlight the paths to the outputs of the isomorphism class with this word:"
          + " its matrices in path order, comma separated, a transpose as W^T (e.g. W2,W2^T)")
  String highlightClass;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Format f;
    Style st;
    try {
      f = Format.named(format);
      st = Style.named(style);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (!(scale > 0) || scale > 50) {
      throw new ParameterException(spec.commandLine(),
          "--scale must be a number above 0 and at most 50, not " + scale);
    }
    Program p = ProgramFiles.load(file);
    Highlight h = highlightClass == null ? Highlight.NONE : highlight(p, highlightClass);
    Scene scene = SceneBuilder.build(p, AutoLayout.layout(p), st, h);
    byte[] bytes;
    try {
      bytes = Exporter.export(scene, f, scale, p.title());
    } catch (IllegalArgumentException e) {
      throw new Rejected(file + ": " + e.getMessage());
    }
    write(output, bytes);
    return 0;
  }

  /** The highlight of the class with word {@code word} among the paths to the outputs. */
  private Highlight highlight(Program p, String word) {
    List<String> w = Arrays.stream(word.split(",")).map(String::trim)
        .map(s -> s.replace("^⊤", "^T").replace("ᵀ", "^T").replace("^t", "^T"))
        .filter(s -> !s.isEmpty()).toList();
    if (w.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--highlight-class needs a word, e.g. W,W^T");
    }
    PathAnalysis analysis;
    PathSet set;
    try {
      analysis = PathAnalysis.of(p);
      set = analysis.pathsToOutputs();
    } catch (ReductionException | PathLimitException e) {
      throw new Rejected(file + ": " + e.getMessage());
    }
    Optional<IsomorphismClass> c;
    try {
      c = set.classOf(w);
    } catch (PathLimitException e) {
      throw new Rejected(file + ": --highlight-class: " + e.getMessage());
    }
    if (c.isPresent()) {
      // paths live on the reduced program: PathHighlight maps them onto the drawn one
      return PathHighlight.of(analysis, set, c.get().paths().limit(MAX_HIGHLIGHTED_PATHS)
          .toList());
    }
    PathSet.ClassListing first = set.firstClasses(20);
    String known = first.classes().stream().map(k -> String.join(",", k.word()))
        .collect(Collectors.joining("; "));
    throw new Rejected(file + ": no isomorphism class of paths to the outputs has the word "
        + String.join(",", w) + (known.isEmpty() ? " (the program has no paths)"
        : "; the words are: " + known + (first.complete() ? "" : "; …")));
  }

  /** Writes {@code bytes} to {@code out} atomically ({@link AtomicFiles}), or rejects. */
  static void write(Path out, byte[] bytes) {
    Path abs = out.toAbsolutePath();
    Path dir = abs.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new Rejected(out + ": the directory " + dir + " does not exist");
    }
    if (Files.isDirectory(abs)) {
      throw new Rejected(out + ": is a directory");
    }
    try {
      AtomicFiles.write(abs, bytes);
    } catch (IOException e) {
      throw new Rejected(out + ": cannot write: " + e.getMessage());
    }
  }
}
