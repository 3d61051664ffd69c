package org.tpe.ntk;

import java.util.List;
import org.tpe.model.Problem;

/**
 * The NTK of a program could not be computed: the program or its network declarations are ill
 * formed, the kernel has no finite limit in its parametrization, or a limit or a simulation
 * failed. Carries the problems with their positions; the message is the first one.
 */
public final class NtkException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<Problem> problems;

  public NtkException(List<Problem> problems) {
    super(problems.isEmpty() ? "no NTK" : describe(problems.get(0)), null, false, false);
    this.problems = List.copyOf(problems);
  }

  private static String describe(Problem p) {
    return p.pos() == null ? p.message() : p.pos() + ": " + p.message();
  }

  /** Every problem found, in text order. */
  public List<Problem> problems() {
    return problems;
  }
}
