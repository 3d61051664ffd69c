package org.tpe.limit.exact;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The derivation of one variable's limit in the paper's notation (TP IIb App. B, Def. B.3), as
 * steps of terms: each term is plain text or names a variable of the program — Z^x, Ẑ^h, Ż^h, a
 * matrix, a scalar or its limit θ̊ — so that a view can make it a link to that variable and the
 * command line can print it as text. One model, two renderings: {@link #lines()} is what {@code
 * tpe limits --explain} prints, and the editor's Explain view draws the same steps with links.
 * Immutable.
 *
 * @param subject the variable derived
 * @param steps the steps, in reading order
 */
public record Derivation(String subject, List<Step> steps) {
  public Derivation {
    Objects.requireNonNull(subject, "subject");
    steps = List.copyOf(steps);
  }

  /** What a term shows. */
  public enum Kind {
    /** Text with no variable. */
    TEXT,
    /** Z^x of a vector x. */
    Z,
    /** Ẑ^h, the Gaussian part of the MatMul h (ZHat). */
    ZHAT,
    /** Ż^h, the correction of the MatMul h (ZDot). */
    ZDOT,
    /** A variable by its name: a matrix, a scalar, a vector. */
    VARIABLE,
    /** θ̊, the limit of the scalar θ. */
    LIMIT
  }

  /**
   * One term.
   *
   * @param kind what it shows
   * @param text for {@link Kind#TEXT}, the text; otherwise ""
   * @param variable the variable named, or null for text
   */
  public record Term(Kind kind, String text, String variable) {
    public Term {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(text, "text");
      if ((kind == Kind.TEXT) != (variable == null)) {
        throw new IllegalArgumentException("a variable exactly when the term is not text");
      }
    }

    public static Term text(String s) {
      return new Term(Kind.TEXT, s, null);
    }

    public static Term of(Kind k, String variable) {
      return new Term(k, "", Objects.requireNonNull(variable, "variable"));
    }

    /** The term as plain text: Z^x, Ẑ^h, Ż^h, W, θ̊. */
    public String plain() {
      return switch (kind) {
        case TEXT -> text;
        case Z -> "Z^" + variable;
        case ZHAT -> "Ẑ^" + variable;
        case ZDOT -> "Ż^" + variable;
        case VARIABLE -> variable;
        case LIMIT -> variable + "̊";
      };
    }
  }

  /**
   * One step: a line of the derivation.
   *
   * @param depth 0 for the rule that defines the subject, 1 for its parts
   * @param rule the Z-calculus rule it applies ("ZInit", "ZHat", "ZDot", "ZMatMul", "ZNonlin",
   *     "ZMoment", "scalar"), or "" for a consequence
   * @param terms the terms, in order
   */
  public record Step(int depth, String rule, List<Term> terms) {
    public Step {
      Objects.requireNonNull(rule, "rule");
      terms = List.copyOf(terms);
    }

    /** The step as plain text. */
    public String text() {
      StringBuilder sb = new StringBuilder();
      for (Term t : terms) {
        sb.append(t.plain());
      }
      return sb.toString();
    }

    /** The variables the step names, in order of first appearance. */
    public List<String> variables() {
      Set<String> out = new LinkedHashSet<>();
      for (Term t : terms) {
        if (t.variable() != null) {
          out.add(t.variable());
        }
      }
      return new ArrayList<>(out);
    }
  }

  /** The derivation as text, one line per step, parts indented by two spaces. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    for (Step s : steps) {
      out.add("  ".repeat(s.depth()) + s.text());
    }
    return out;
  }

  /** Every variable the derivation names, in order of first appearance. */
  public List<String> variables() {
    Set<String> out = new LinkedHashSet<>();
    steps.forEach(s -> out.addAll(s.variables()));
    return new ArrayList<>(out);
  }
}
