package org.tpe.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tpe.model.Problem;
import org.tpe.model.Program;
import org.tpe.model.Severity;
import org.tpe.validate.ValidationReport;
import org.tpe.validate.Validator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tpe validate FILE}: language level, reduced or not, BP-like verdict, warnings; or errors. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Check a program: its language level, whether it is reduced, the BP-like "
        + "verdict and the warnings.",
        "The level is the smallest of Netsor, Netsor⊤ and Netsor⊤+ that holds. A program with "
        + "errors prints every error as file:line:col: message (exit 1)."})
final class ValidateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "the .tp file")
  Path file;

  @Option(names = "--json", description = "print the report as JSON")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Program p = ProgramFiles.parse(file);
    ValidationReport r = Validator.validate(p);
    PrintWriter out = spec.commandLine().getOut();
    String name = file.toString();
    if (json) {
      out.println(toJson(r));
      return r.hasErrors() ? TpeCommand.REJECTED : 0;
    }
    if (r.hasErrors()) {
      throw new Rejected(ProgramFiles.format(name, r.errors()));
    }
    out.println(name + ": ok — " + r.level().label() + " program, "
        + (r.reduced() ? "reduced" : "not reduced (paths use its reduction)"));
    out.println("  Master Theorem: " + r.masterTheorem());
    if (r.bpLike().applicable()) {
      out.println("  " + r.bpLike().reason());
    }
    for (Problem w : r.ofSeverity(Severity.WARNING)) {
      out.println(w.format(name));
    }
    return 0;
  }

  private String toJson(ValidationReport r) throws Exception {
    ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = m.createObjectNode();
    root.put("ok", !r.hasErrors());
    root.put("level", r.level().ascii());
    root.put("reduced", r.reduced());
    ObjectNode bp = root.putObject("bp_like");
    bp.put("applicable", r.bpLike().applicable());
    bp.put("verdict", r.bpLike().bpLike());
    bp.put("reason", r.bpLike().reason());
    root.put("master_theorem", r.masterTheorem());
    ArrayNode ps = root.putArray("problems");
    for (Problem p : r.problems()) {
      ObjectNode o = ps.addObject();
      o.put("severity", p.severity().name().toLowerCase());
      o.put("message", p.message());
      if (p.pos() != null) {
        o.put("line", p.pos().line());
        o.put("column", p.pos().column());
      }
      if (p.subject() != null) {
        o.put("variable", p.subject());
      }
    }
    return m.writeValueAsString(root);
  }
}
