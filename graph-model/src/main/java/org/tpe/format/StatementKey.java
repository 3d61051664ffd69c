package org.tpe.format;

import java.util.Objects;

/**
 * Which statement of a {@code .tp} program a line is, independently of what it says: {@code title},
 * {@code input u}, {@code cov u v}, {@code def h} (an instruction defining h), {@code output}. Two
 * versions of a program are compared statement by statement through their keys ({@link
 * TpDocument#withProgram}): a statement whose key is in both is the same statement, changed or
 * not.
 *
 * <p>{@code kind} also names the ordered group the statement belongs to: the order of the
 * statements of one kind is part of the program (its inputs, covariances and instructions are
 * lists), while statements of different kinds may be interleaved freely in the text.
 *
 * @param kind {@code title}, {@code input}, {@code cov}, {@code def}, {@code output}, or the kind
 *     of a statement added to the format later
 * @param subject what the statement is about within its kind (a name, two names), {@code ""} for
 *     the statements a program has at most one of
 */
public record StatementKey(String kind, String subject) {
  public StatementKey {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
  }

  public static StatementKey title() {
    return new StatementKey("title", "");
  }

  public static StatementKey input(String name) {
    return new StatementKey("input", name);
  }

  public static StatementKey cov(String a, String b) {
    return new StatementKey("cov", a + " " + b);
  }

  public static StatementKey def(String target) {
    return new StatementKey("def", target);
  }

  public static StatementKey output() {
    return new StatementKey("output", "");
  }

  @Override
  public String toString() {
    return subject.isEmpty() ? kind : kind + " " + subject;
  }
}
