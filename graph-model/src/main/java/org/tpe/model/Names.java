package org.tpe.model;

import java.util.Set;
import org.tpe.expr.Fn;

/** The lexical rules for variable names shared by the parser, the model and the editor. */
public final class Names {
  private Names() {}

  /** Words that cannot name a variable. */
  public static final Set<String> RESERVED =
      Set.of("input", "output", "title", "cov", "avg", "pi", "n", "G", "A", "R", "N", "T");

  /** Length of the longest reserved word: longer names need no lookup. */
  private static final int LONGEST_RESERVED = longest(RESERVED);
  /** The first characters of the reserved words (all ASCII), as a 128-bit set. */
  private static final long[] RESERVED_FIRST = new long[2];

  static {
    for (String r : RESERVED) {
      RESERVED_FIRST[r.charAt(0) >> 6] |= 1L << (r.charAt(0) & 63);
    }
  }

  /** Whether {@code name} (not empty) starts as a reserved word does and is no longer than one. */
  private static boolean mayBeReserved(String name) {
    char c = name.charAt(0);
    return name.length() <= LONGEST_RESERVED && c < 128
        && (RESERVED_FIRST[c >> 6] & 1L << (c & 63)) != 0;
  }

  /**
   * Whether {@code name} is an ASCII letter or underscore followed by ASCII letters, digits and
   * underscores (and then ASCII primes): a shape {@link #isValid}'s code point walk accepts.
   */
  private static boolean isAsciiName(String name) {
    char c = name.charAt(0);
    if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_')) {
      return false;
    }
    int i = 1;
    int n = name.length();
    while (i < n) {
      c = name.charAt(i);
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
        i++;
      } else {
        break;
      }
    }
    while (i < n && name.charAt(i) == '\'') {
      i++;
    }
    return i == n;
  }

  /** The superscript T of {@code Wᵀ}: a letter to Unicode, but the transpose mark here. */
  private static final int TRANSPOSE_MARK = 'ᵀ';

  /** Whether {@code c} may start a name. */
  public static boolean isStart(int c) {
    if (c < 128) {
      return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }
    return Character.isLetter(c) && c != TRANSPOSE_MARK;
  }

  /** Whether {@code c} may continue a name (before its primes). */
  public static boolean isPart(int c) {
    if (c < 128) {
      return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }
    return (Character.isLetterOrDigit(c)
        || Character.getType(c) == Character.NON_SPACING_MARK) && c != TRANSPOSE_MARK;
  }

  /** Whether {@code c} is a prime that may end a name. */
  public static boolean isPrime(int c) {
    return c == '\'' || c == '′' || c == '″';
  }

  /** Whether {@code name} is a legal, non-reserved variable name. */
  public static boolean isValid(String name) {
    if (name == null || name.isEmpty() || Fn.bySymbol(name) != null || mayBeReserved(name)
        && RESERVED.contains(name)) {
      return false;
    }
    if (isAsciiName(name)) {
      return true; // the common case, without a code point walk
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

  private static int longest(Set<String> words) {
    int most = 0;
    for (String w : words) {
      most = Math.max(most, w.length());
    }
    return most;
  }
}
