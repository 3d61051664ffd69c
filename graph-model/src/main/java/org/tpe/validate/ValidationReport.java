package org.tpe.validate;

import java.util.List;
import org.tpe.model.Problem;
import org.tpe.model.Severity;

/**
 * What {@link Validator} found: problems (errors, warnings, facts), and for a well-formed program
 * its language level, whether it is reduced, the BP-like verdict, and which Master Theorem applies.
 */
public record ValidationReport(List<Problem> problems, LanguageLevel level, boolean reduced,
    BpLikeVerdict bpLike, String masterTheorem) {
  public ValidationReport {
    problems = List.copyOf(problems);
  }

  public boolean hasErrors() {
    return problems.stream().anyMatch(Problem::isError);
  }

  public List<Problem> errors() {
    return ofSeverity(Severity.ERROR);
  }

  public List<Problem> warnings() {
    return ofSeverity(Severity.WARNING);
  }

  public List<Problem> ofSeverity(Severity s) {
    return problems.stream().filter(p -> p.severity() == s).toList();
  }
}
