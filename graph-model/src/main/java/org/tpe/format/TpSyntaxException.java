package org.tpe.format;

import java.util.List;
import org.tpe.model.Problem;

/**
 * The {@code .tp} text could not be read. Carries every syntax problem found (the parser recovers
 * at each line); the message is the first one as {@code line:col: message}.
 */
public final class TpSyntaxException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<Problem> problems;

  public TpSyntaxException(List<Problem> problems) {
    super(problems.isEmpty() ? "syntax error" : describe(problems.get(0)), null, false, false);
    this.problems = List.copyOf(problems);
  }

  private static String describe(Problem p) {
    return p.pos() == null ? p.message() : p.pos() + ": " + p.message();
  }

  /** All problems, in text order. */
  public List<Problem> problems() {
    return problems;
  }

  /** 1-based line of the first problem (0 if it has none). */
  public int line() {
    return problems.isEmpty() || problems.get(0).pos() == null ? 0 : problems.get(0).pos().line();
  }

  /** 1-based column of the first problem (0 if it has none). */
  public int column() {
    return problems.isEmpty() || problems.get(0).pos() == null ? 0
        : problems.get(0).pos().column();
  }
}
