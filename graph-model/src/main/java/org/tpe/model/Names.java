package org.tpe.model;

import java.util.Set;
import org.tpe.expr.Fn;

/** The lexical rules for variable names shared by the parser, the model and the editor. */
public final class Names {
  private Names() {}

  /** Words that cannot name a variable. */
  public static final Set<String> RESERVED =
      Set.of("input", "output", "title", "cov", "avg", "pi", "n", "G", "A", "R", "N", "T");

  /** The superscript T of {@code Wᵀ}: a letter to Unicode, but the transpose mark here. */
  private static final int TRANSPOSE_MARK = 'ᵀ';

  /** Whether {@code c} may start a name. */
  public static boolean isStart(int c) {
    return (Character.isLetter(c) || c == '_') && c != TRANSPOSE_MARK;
  }

  /** Whether {@code c} may continue a name (before its primes). */
  public static boolean isPart(int c) {
    return (Character.isLetterOrDigit(c) || c == '_'
        || Character.getType(c) == Character.NON_SPACING_MARK) && c != TRANSPOSE_MARK;
  }

  /** Whether {@code c} is a prime that may end a name. */
  public static boolean isPrime(int c) {
    return c == '\'' || c == '′' || c == '″';
  }

  /** Whether {@code name} is a legal, non-reserved variable name. */
  public static boolean isValid(String name) {
    if (name == null || name.isEmpty() || RESERVED.contains(name) || Fn.bySymbol(name) != null) {
      return false;
    }
    int i = 0;
    int c = name.codePointAt(0);
    if (!isStart(c)) {
      return false;
    }
    i += Character.charCount(c);
    while (i < name.length() && isPart(name.codePointAt(i))) {
      i += Character.charCount(name.codePointAt(i));
    }
    while (i < name.length() && isPrime(name.codePointAt(i))) {
      i += Character.charCount(name.codePointAt(i));
    }
    return i == name.length();
  }
}
