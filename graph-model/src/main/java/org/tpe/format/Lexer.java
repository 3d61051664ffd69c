package org.tpe.format;

import java.util.ArrayList;
import java.util.List;
import org.tpe.model.Names;

/** Splits one line into tokens; {@code #} starts a comment outside strings. */
final class Lexer {
  private Lexer() {}

  /** The one-character symbols, and each as a string (shared by every token of it). */
  private static final String SYMBOLS = "(),:=+-*/^~@";
  private static final String[] SYMBOL_TEXT = new String[SYMBOLS.length()];

  static {
    for (int i = 0; i < SYMBOL_TEXT.length; i++) {
      SYMBOL_TEXT[i] = String.valueOf(SYMBOLS.charAt(i));
    }
  }

  static List<Token> tokenize(String line, int lineNo) {
    List<Token> out = new ArrayList<>();
    int[] cps = codePoints(line);
    // no surrogate pairs: code point i is char i, and a token is a substring (no re-encoding)
    boolean oneCharEach = cps.length == line.length();
    int i = 0;
    while (i < cps.length) {
      int c = cps[i];
      int col = i + 1;
      if (c == '#') {
        break;
      }
      if (c == ' ' || Character.isWhitespace(c) || c == '\uFEFF') {
        i++;
        continue;
      }
      if (c == 'ᵀ' || c == '⊤') {
        out.add(new Token(Token.Type.TRANSPOSE, new String(Character.toChars(c)), col));
        i++;
        continue;
      }
      if (Names.isStart(c)) {
        int j = i;
        while (j < cps.length && Names.isPart(cps[j]) && cps[j] != 'ᵀ') {
          j++;
        }
        while (j < cps.length && Names.isPrime(cps[j])) {
          j++;
        }
        out.add(new Token(Token.Type.NAME, oneCharEach ? line.substring(i, j)
            : new String(cps, i, j - i), col));
        i = j;
        continue;
      }
      if (isDigit(c) || (c == '.' && i + 1 < cps.length && isDigit(cps[i + 1]))) {
        int j = i;
        while (j < cps.length && (isDigit(cps[j]) || cps[j] == '.')) {
          j++;
        }
        if (j < cps.length && (cps[j] == 'e' || cps[j] == 'E')) {
          int k = j + 1;
          if (k < cps.length && (cps[k] == '+' || cps[k] == '-')) {
            k++;
          }
          if (k < cps.length && isDigit(cps[k])) {
            j = k;
            while (j < cps.length && isDigit(cps[j])) {
              j++;
            }
          }
        }
        out.add(new Token(Token.Type.NUMBER, oneCharEach ? line.substring(i, j)
            : new String(cps, i, j - i), col));
        i = j;
        continue;
      }
      if (c == '"') {
        StringBuilder sb = new StringBuilder();
        int j = i + 1;
        boolean closed = false;
        while (j < cps.length) {
          if (cps[j] == '\\' && j + 1 < cps.length) {
            sb.appendCodePoint(cps[j + 1]);
            j += 2;
          } else if (cps[j] == '"') {
            closed = true;
            j++;
            break;
          } else {
            sb.appendCodePoint(cps[j]);
            j++;
          }
        }
        if (!closed) {
          throw new LineError(col, "string is not closed: add a '\"' at the end");
        }
        out.add(new Token(Token.Type.STRING, sb.toString(), col));
        i = j;
        continue;
      }
      if (c == ':' && i + 1 < cps.length && cps[i + 1] == '=') {
        out.add(new Token(Token.Type.ASSIGN, ":=", col));
        i += 2;
        continue;
      }
      int sym = SYMBOLS.indexOf(c);
      if (sym >= 0) {
        out.add(new Token(Token.Type.SYMBOL, SYMBOL_TEXT[sym], col));
        i++;
        continue;
      }
      if (c == '−') { // U+2212 minus sign, as pasted from papers
        out.add(new Token(Token.Type.SYMBOL, "-", col));
        i++;
        continue;
      }
      if (c == '·' || c == '×') {
        out.add(new Token(Token.Type.SYMBOL, "*", col));
        i++;
        continue;
      }
      throw new LineError(col, "unexpected character '" + new String(Character.toChars(c))
          + "' (U+" + String.format("%04X", c) + ")");
    }
    out.add(new Token(Token.Type.END, "", cps.length + 1));
    return out;
  }

  /** {@link Character#isDigit(int)}, decided at once for ASCII (every digit of most lines). */
  private static boolean isDigit(int c) {
    return c < 128 ? c >= '0' && c <= '9' : Character.isDigit(c);
  }

  /** The code points of {@code s} (a loop: {@code s.codePoints()} streams cost more). */
  private static int[] codePoints(String s) {
    int[] out = new int[s.length()];
    int n = 0;
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      out[n++] = c;
      i += Character.charCount(c);
    }
    return n == out.length ? out : java.util.Arrays.copyOf(out, n);
  }
}
