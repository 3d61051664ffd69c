package org.tpe.format;

/**
 * The anatomy of one physical line of {@code .tp} text, so that an edit can change one part and
 * keep the others byte for byte: {@code indent body [sep @at(x, y)] gap [# comment]}. Strings are
 * skipped the way the {@link Lexer} skips them ({@code #} and {@code @} inside a string are text).
 * Immutable.
 */
final class LineParts {
  /** Spaces the printer puts before an {@code @at} annotation and before an added comment. */
  private static final String SEP = "  ";

  private final String text;
  private final int indentEnd;
  private final int bodyEnd;
  private final int atStart;
  private final int codeEnd;
  private final int commentStart;

  private LineParts(String text) {
    this.text = text;
    int i = 0;
    while (i < text.length() && isBlank(text.charAt(i))) {
      i++;
    }
    indentEnd = i;
    int comment = -1;
    int at = -1;
    boolean inString = false;
    for (int k = i; k < text.length(); k++) {
      char c = text.charAt(k);
      if (inString) {
        if (c == '\\') {
          k++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '#') {
        comment = k;
        break;
      } else if (c == '@' && at < 0) {
        at = k;
      }
    }
    commentStart = comment;
    int end = comment < 0 ? text.length() : comment;
    while (end > indentEnd && isBlank(text.charAt(end - 1))) {
      end--;
    }
    codeEnd = end;
    atStart = at;
    int b = at < 0 ? codeEnd : at;
    while (b > indentEnd && isBlank(text.charAt(b - 1))) {
      b--;
    }
    bodyEnd = b;
  }

  static LineParts of(String line) {
    return new LineParts(line);
  }

  private static boolean isBlank(char c) {
    return Character.isWhitespace(c) || c == '\uFEFF';
  }

  /** Whether the line has no code (blank, or a comment only). */
  boolean isTrivia() {
    return codeEnd == indentEnd;
  }

  /** The statement's text without indentation, annotation or comment. */
  String body() {
    return text.substring(indentEnd, bodyEnd);
  }

  /** The comment from its {@code #}, or "" when there is none. */
  String comment() {
    return commentStart < 0 ? "" : text.substring(commentStart);
  }

  /**
   * The line with its {@code @at} annotation replaced by {@code annotation} (an {@code @at(x, y)}
   * text, or "" to remove it); indentation, body, and the gap and comment after the code are kept.
   */
  String withAt(String annotation) {
    String sep = atStart >= 0 ? text.substring(bodyEnd, atStart) : SEP;
    String ann = annotation.isEmpty() ? "" : sep + annotation;
    return text.substring(0, bodyEnd) + ann + text.substring(codeEnd);
  }

  /**
   * The line saying {@code body} (and {@code annotation}, "" for none) instead, keeping the
   * indentation and the comment; the comment stays in its column when the new code leaves room.
   */
  String withBody(String body, String annotation) {
    String code = text.substring(0, indentEnd) + body + (annotation.isEmpty() ? ""
        : (atStart >= 0 ? text.substring(bodyEnd, atStart) : SEP) + annotation);
    if (commentStart < 0) {
      return code + text.substring(codeEnd);
    }
    int gap = commentStart - code.length();
    String pad = gap >= 1 ? " ".repeat(gap) : SEP;
    return code + pad + comment();
  }
}
