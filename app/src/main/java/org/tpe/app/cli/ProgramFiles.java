package org.tpe.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.tpe.format.TpParser;
import org.tpe.format.TpSyntaxException;
import org.tpe.model.Problem;
import org.tpe.model.Program;
import org.tpe.validate.ValidationReport;
import org.tpe.validate.Validator;

/** Loading and checking a program for a command; every failure becomes a {@link Rejected}. */
public final class ProgramFiles {
  /** Files larger than this are refused before reading (a .tp file is text written by hand). */
  public static final long MAX_BYTES = 64L << 20;

  private ProgramFiles() {}

  /** Reads and parses {@code file}, or throws {@link Rejected} with every syntax error. */
  public static Program parse(Path file) {
    String name = file.toString();
    try {
      if (Files.isDirectory(file)) {
        throw new Rejected(name + ": is a directory, not a .tp file");
      }
      if (Files.size(file) > MAX_BYTES) {
        throw new Rejected(name + ": file is larger than " + (MAX_BYTES >> 20) + " MiB");
      }
      return TpParser.parse(file);
    } catch (NoSuchFileException e) {
      throw new Rejected(name + ": no such file");
    } catch (IOException e) {
      throw new Rejected(name + ": cannot read: " + e.getMessage());
    } catch (TpSyntaxException e) {
      throw new Rejected(format(name, e.problems()));
    }
  }

  /** Parses and validates; a program with errors is rejected with all of them. */
  public static Program load(Path file) {
    Program p = parse(file);
    ValidationReport r = Validator.validate(p);
    if (r.hasErrors()) {
      throw new Rejected(format(file.toString(), r.errors()));
    }
    return p;
  }

  /** One line per problem, {@code file:line:col: message}. */
  public static String format(String file, List<Problem> problems) {
    return problems.stream().map(p -> p.format(file)).collect(Collectors.joining("\n"));
  }
}
