package org.tpe.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tpe.model.Instruction;
import org.tpe.model.Nonlin;
import org.tpe.model.Program;
import org.tpe.model.SourcePos;
import org.tpe.model.VarKind;
import org.tpe.paths.IsomorphismClass;
import org.tpe.paths.Path;
import org.tpe.paths.PathAnalysis;
import org.tpe.paths.PathLimitException;
import org.tpe.paths.PathSet;
import org.tpe.validate.ReductionException;
import org.tpe.validate.ValidationReport;
import org.tpe.validate.Validator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tpe paths FILE [--to VAR] [--json] [--limit N] [--max-classes N]}: the paths ending at VAR
 * (default: the outputs) and their isomorphism classes (TP IIb §5.1, DESIGN §6, §8), computed on
 * the reduced program by {@link PathAnalysis}. The count of paths and the count of every listed
 * class are exact whatever their size; only the listings are bounded (paths by {@code --limit},
 * classes by {@code --max-classes}, shortest words first), and the output says what was left out.
 */
@Command(name = "paths", mixinStandardHelpOptions = true,
    description = {"List the paths ending at a G-var (default: the outputs) and their "
        + "isomorphism classes (TP IIb §5.1).",
        "Paths are those of the reduced program. Counts are exact; paths are listed up to "
        + "--limit, classes (shortest words first, each with its exact count) up to "
        + "--max-classes. LinCombs are transparent: the paths ending at a LinComb end at its "
        + "arguments."})
final class PathsCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "the .tp file")
  java.nio.file.Path file;

  @Option(names = "--to", paramLabel = "VAR",
      description = "a G-var: list the paths ending there (default: the output vectors)")
  String to;

  @Option(names = "--json", description = "print JSON: {\"paths\": [...], \"classes\": [...], …}")
  boolean json;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
      description = "list at most N paths, and at most N per class (default ${DEFAULT-VALUE});"
          + " counts are always complete")
  int limit;

  /** Classes listed by default: enough for every sample, short for a residual network. */
  static final int DEFAULT_LISTED_CLASSES = 1000;

  @Option(names = "--max-classes", paramLabel = "N", defaultValue = "" + DEFAULT_LISTED_CLASSES,
      description = "list at most N isomorphism classes, shortest words first (default"
          + " ${DEFAULT-VALUE}); each listed class has its exact count")
  int maxClasses;

  @Option(names = "--no-classes",
      description = "skip the isomorphism classes: only the count and the paths")
  boolean noClasses;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (limit < 0) {
      throw new ParameterException(spec.commandLine(), "--limit must be 0 or more: " + limit);
    }
    if (maxClasses < 1) {
      throw new ParameterException(spec.commandLine(),
          "--max-classes must be at least 1: " + maxClasses);
    }
    String name = file.toString();
    Program p = ProgramFiles.parse(file);
    ValidationReport report = Validator.validate(p);
    if (report.hasErrors()) {
      throw new Rejected(ProgramFiles.format(name, report.errors()));
    }
    PathAnalysis analysis;
    try {
      analysis = PathAnalysis.of(p, report);
    } catch (ReductionException e) {
      throw new Rejected(at(name, p, e.subject()) + e.getMessage());
    } catch (PathLimitException e) {
      throw new Rejected(name + ": " + e.getMessage());
    }
    PathSet set;
    try {
      set = to == null ? analysis.pathsToOutputs() : analysis.pathsTo(to);
    } catch (IllegalArgumentException e) {
      throw new Rejected(at(name, p, to) + "--to " + to + ": " + e.getMessage());
    }
    PathSet.ClassListing classes = noClasses ? new PathSet.ClassListing(List.of(), true)
        : set.firstClasses(maxClasses);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(json(analysis, set, classes));
    } else {
      human(out, name, analysis, set, classes);
    }
    out.flush();
    return 0;
  }

  /** {@code file:line:col: } at the definition of {@code var}, or {@code file: }. */
  private static String at(String file, Program p, String var) {
    SourcePos pos = var == null ? null : p.definitionPos(var);
    return pos == null ? file + ": " : file + ":" + pos.line() + ":" + pos.column() + ": ";
  }

  private String query(PathSet set) {
    return to != null ? to : "the outputs (" + String.join(", ", set.queried()) + ")";
  }

  /** What reduction changed, one line per kind of change, for the reader of the paths. */
  static List<String> reductionNotes(PathAnalysis a) {
    List<String> notes = new ArrayList<>();
    if (!a.wasReduced()) {
      return notes;
    }
    Program p = a.program();
    Program r = a.reducedProgram();
    List<String> inserted = new ArrayList<>();
    List<String> collapsed = new ArrayList<>();
    for (Instruction ins : r.instructions()) {
      if (!p.isDefined(ins.target())) {
        inserted.add(ins.target() + " := " + ((Nonlin) ins).phi().toText());
      } else if (ins instanceof Nonlin n && !n.equals(p.definition(n.target()))) {
        collapsed.add(n.target());
      }
    }
    List<String> dropped = p.names(VarKind.X).stream().filter(x -> !r.isDefined(x)).toList();
    notes.add("the program is not reduced (TP IIb Def. 5.4); paths are those of its reduction");
    if (!inserted.isEmpty()) {
      notes.add("identity Nonlins inserted before MatMuls of G-vars: "
          + String.join(", ", inserted));
    }
    if (!collapsed.isEmpty()) {
      notes.add("Nonlins collapsed to read G-vars only: " + String.join(", ", collapsed)
          + (dropped.isEmpty() ? "" : " (no longer needed: " + String.join(", ", dropped) + ")"));
    }
    return notes;
  }

  /** "in 7 isomorphism classes" or "in more than 1000 isomorphism classes". */
  private static String classCount(PathSet.ClassListing l) {
    int k = l.classes().size();
    return (l.complete() ? "" : "more than ") + k + " isomorphism "
        + (k == 1 && l.complete() ? "class" : "classes");
  }

  private void human(PrintWriter out, String name, PathAnalysis a, PathSet set,
      PathSet.ClassListing listing) {
    BigInteger n = set.count();
    List<IsomorphismClass> classes = listing.classes();
    out.println(name + ": " + n + approximately(n) + (n.equals(BigInteger.ONE) ? " path"
        : " paths")
        + " ending at " + query(set) + (noClasses ? "" : ", in " + classCount(listing)));
    if (!set.ends().isEmpty()) {
      out.println("  path ends (MatMul results): " + String.join(", ", set.ends()));
    }
    for (String note : reductionNotes(a)) {
      out.println("  note: " + note);
    }
    for (String note : set.notes()) {
      out.println("  note: " + note);
    }
    if (n.signum() == 0) {
      return;
    }
    List<Path> listed = set.paths().limit(limit).toList();
    out.println();
    out.println("Paths" + (BigInteger.valueOf(listed.size()).equals(n) ? ":"
        : " (first " + listed.size() + " of " + n + "; --limit N for more):"));
    for (Path p : listed) {
      out.println("  " + p);
    }
    if (noClasses) {
      return;
    }
    out.println();
    if (listing.complete()) {
      out.println("Isomorphism classes (same matrices in the same order):");
    } else {
      BigInteger held = BigInteger.ZERO;
      for (IsomorphismClass c : classes) {
        held = held.add(c.count());
      }
      out.println("Isomorphism classes (same matrices in the same order), the first "
          + classes.size() + " by word length, holding " + held + approximately(held) + " of the "
          + n + approximately(n) + " paths; there are more: " + (listing.workBound()
          ? "listing longer words would take too long (every MatMul has many predecessors);"
          + " --to VAR narrows the query:"
          : "--max-classes N lists more, --to VAR narrows the query:"));
    }
    int width = 0;
    for (IsomorphismClass c : classes) {
      width = Math.max(width, String.join(" ", c.word()).length());
    }
    width = Math.min(width, 60);
    for (IsomorphismClass c : classes) {
      String w = String.join(" ", c.word());
      out.println("  " + w + " ".repeat(Math.max(1, width - w.length() + 2)) + c.count()
          + (c.count().equals(BigInteger.ONE) ? " path" : " paths") + " of length "
          + c.pathLength());
    }
  }

  /** {@code " (≈ 4.31e+1003)"} for counts of more than 15 digits, else "". */
  static String approximately(BigInteger n) {
    if (n.toString().length() <= 15) {
      return "";
    }
    return String.format(java.util.Locale.ROOT, " (≈ %.2e)", new java.math.BigDecimal(n));
  }

  private String json(PathAnalysis a, PathSet set, PathSet.ClassListing listing)
      throws Exception {
    List<IsomorphismClass> classes = listing.classes();
    ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = m.createObjectNode();
    root.put("file", file.toString());
    root.put("to", to);
    ArrayNode queried = root.putArray("queried");
    set.queried().forEach(queried::add);
    ArrayNode ends = root.putArray("ends");
    set.ends().forEach(ends::add);
    root.put("count", set.count());
    root.put("reduced", !a.wasReduced());
    ArrayNode notes = root.putArray("notes");
    reductionNotes(a).forEach(notes::add);
    set.notes().forEach(notes::add);
    root.put("limit", limit);
    List<Path> listed = set.paths().limit(limit).toList();
    root.put("truncated", !BigInteger.valueOf(listed.size()).equals(set.count()));
    putPaths(root.putArray("paths"), listed);
    root.put("classes_omitted", noClasses);
    root.put("classes_complete", listing.complete());
    root.put("classes_work_bound", listing.workBound());
    root.put("max_classes", maxClasses);
    ArrayNode cs = root.putArray("classes");
    for (IsomorphismClass c : classes) {
      ObjectNode o = cs.addObject();
      ArrayNode w = o.putArray("matrices");
      c.word().forEach(w::add);
      o.put("count", c.count());
      List<Path> members = c.paths().limit(limit).toList();
      o.put("truncated", !BigInteger.valueOf(members.size()).equals(c.count()));
      putPaths(o.putArray("paths"), members);
    }
    return m.writeValueAsString(root);
  }

  private static void putPaths(ArrayNode into, List<Path> paths) {
    for (Path p : paths) {
      ObjectNode o = into.addObject();
      ArrayNode vars = o.putArray("vars");
      p.vars().forEach(vars::add);
      ArrayNode mats = o.putArray("matrices");
      p.matrices().forEach(mats::add);
    }
  }
}
