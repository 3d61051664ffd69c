package org.tpe.validate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tpe.limit.calculus.BpLikeVerdict;
import org.tpe.limit.calculus.MasterTheorem;
import org.tpe.limit.calculus.ProgramCalculus;
import org.tpe.model.Problem;
import org.tpe.model.Severity;

/**
 * What {@link Validator} found: problems (errors, warnings, facts), and for a well-formed program
 * its language level, whether it is reduced, and the Z-calculus verdicts ({@link ProgramCalculus}:
 * the BP-like verdict, the ZDot structure, the Master Theorem) — the same records the limit
 * engines use.
 *
 * @param calculus the verdicts, or null when the program has errors
 */
public record ValidationReport(List<Problem> problems, LanguageLevel level, boolean reduced,
    ProgramCalculus calculus) {
  public ValidationReport {
    problems = List.copyOf(problems);
  }

  /** The BP-like verdict, or null when the program has errors. */
  public BpLikeVerdict bpLike() {
    return calculus == null ? null : calculus.bpLike();
  }

  /** The Master Theorem verdict, or null when the program has errors. */
  public MasterTheorem theorem() {
    return calculus == null ? null : calculus.theorem();
  }

  /** The Master Theorem sentence, empty when the program has errors. */
  public String masterTheorem() {
    return calculus == null ? "" : calculus.theorem().sentence();
  }

  public boolean hasErrors() {
    for (Problem p : problems) {
      if (p.isError()) {
        return true;
      }
    }
    return false;
  }

  public List<Problem> errors() {
    return ofSeverity(Severity.ERROR);
  }

  public List<Problem> warnings() {
    return ofSeverity(Severity.WARNING);
  }

  public List<Problem> ofSeverity(Severity s) {
    List<Problem> out = new ArrayList<>();
    for (Problem p : problems) {
      if (p.severity() == s) {
        out.add(p);
      }
    }
    return Collections.unmodifiableList(out);
  }
}
