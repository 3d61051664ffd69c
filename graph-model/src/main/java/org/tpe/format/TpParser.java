package org.tpe.format;

import com.fasterxml.jackson.core.io.NumberInput;
import com.fasterxml.jackson.core.io.doubleparser.JavaDoubleParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tpe.expr.Expr;
import org.tpe.expr.ExprPrinter;
import org.tpe.expr.Fn;
import org.tpe.model.Classifier;
import org.tpe.model.Covariance;
import org.tpe.model.Input;
import org.tpe.model.Instruction;
import org.tpe.model.MatMul;
import org.tpe.model.MatrixInput;
import org.tpe.model.Moment;
import org.tpe.model.Names;
import org.tpe.model.Point;
import org.tpe.model.Problem;
import org.tpe.model.Program;
import org.tpe.model.ScalarInput;
import org.tpe.model.SourceMap;
import org.tpe.model.SourcePos;
import org.tpe.model.VarKind;
import org.tpe.model.VectorInput;

/**
 * Reads the {@code .tp} text format (DESIGN §4) into a {@link Program}.
 *
 * <p>One statement a line; a syntax error in a line is reported with its line and column and
 * parsing goes on at the next line, so every syntax error of a file is reported at once (as one
 * {@link TpSyntaxException}). Semantic problems (undefined names, cycles, kinds) are left to
 * {@code Validator}, which has the positions through {@link Program#sourceMap()}.
 *
 * <p>Bounded work: a line costs time linear in its length, and expressions nest at most {@link
 * #MAX_NESTING} levels and hold at most {@link Expr#MAX_DEPTH} operators (more is rejected with a
 * message, never a stack overflow; a run of signs is read in a loop). Whatever the input, the
 * only exception is {@link TpSyntaxException}, and each of its problems has a line and column:
 * bytes that are not UTF-8, numbers that are not finite, a LinComb coefficient that overflows and
 * an {@code @at} outside ±{@link Point#MAX_COORDINATE} included.
 */
public final class TpParser {
  /** Deepest nesting of parentheses and calls accepted in one expression. */
  public static final int MAX_NESTING = 200;

  private TpParser() {}

  /** Parses a file, checking that it is UTF-8 text. */
  public static Program parse(Path file) throws IOException {
    return parse(Files.readAllBytes(file));
  }

  /** Parses UTF-8 bytes; bytes that are not UTF-8 text are a syntax error at their position. */
  public static Program parse(byte[] bytes) {
    return new Run(true).parse(chars(bytes));
  }

  /** The characters of UTF-8 {@code bytes}, or the syntax error of the first that is not. */
  private static char[] chars(byte[] bytes) {
    char[] ascii = asciiText(bytes);
    return ascii != null ? ascii : decode(bytes).toCharArray();
  }

  /**
   * The characters of {@code bytes} when they are ASCII without a NUL (the usual file), in one
   * pass (a check, a String and its char array would be three over the whole text), else null.
   */
  private static char[] asciiText(byte[] bytes) {
    char[] cs = new char[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      byte b = bytes[i];
      if (b <= 0) {
        return null; // not ASCII, or a NUL: decode says where
      }
      cs[i] = (char) b;
    }
    return cs;
  }

  /** Decodes UTF-8 strictly, reporting the line:col of the first undecodable byte or a NUL. */
  static String decode(byte[] bytes) {
    // ASCII is UTF-8 as it is: no decoder for the usual file (and every printout)
    String s = isAscii(bytes) ? new String(bytes, StandardCharsets.US_ASCII) : strictUtf8(bytes);
    int nul = s.indexOf('\0');
    if (nul >= 0) {
      throw new TpSyntaxException(List.of(Problem.error(
          "this is a binary file (it contains a NUL character), not .tp text",
          positionOf(s, nul), null)));
    }
    return s;
  }

  /** The text of UTF-8 {@code bytes}; a syntax error at the first byte that is not UTF-8. */
  private static String strictUtf8(byte[] bytes) {
    CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never has more chars than bytes
    CoderResult r = dec.decode(in, out, true);
    if (!r.isError()) {
      r = dec.flush(out);
    }
    String s = out.flip().toString();
    if (r.isError()) {
      // the decoder stopped at the first byte of the bad sequence; s is the text before it
      throw new TpSyntaxException(List.of(Problem.error(String.format(
          "the file is not UTF-8 text (byte 0x%02X cannot start or continue a character);"
              + " save it as UTF-8", bytes[in.position()] & 0xff), positionOf(s, s.length()),
          null)));
    }
    return s;
  }

  private static boolean isAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The line:col of {@code s.charAt(index)}, counting line breaks as the parser does ({@code
   * \r\n}, {@code \r} or {@code \n}) and columns in code points.
   */
  private static SourcePos positionOf(String s, int index) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < index; i++) {
      char c = s.charAt(i);
      if (c == '\n' || c == '\r' && (i + 1 >= s.length() || s.charAt(i + 1) != '\n')) {
        line++;
        lineStart = i + 1;
      }
    }
    return new SourcePos(line, s.codePointCount(lineStart, index) + 1);
  }

  /** Parses {@code .tp} text. */
  public static Program parse(String text) {
    return new Run(true).parse(text.toCharArray());
  }

  /**
   * The double a number token stands for: the same double as {@link Double#parseDouble} (both
   * round correctly to nearest, and accept the same text; TpParserTest compares them bit for bit
   * on random and on edge-case literals), by FastDoubleParser (the copy in jackson-core, {@link
   * NumberInput#parseDouble(String, boolean)}): JDK 17's FloatingDecimal takes its big-integer
   * path for most 17-digit literals, which are every {@code cov} value a program generator
   * prints (19 900 of them in the 200-token RNN benchmark, most of its parse time).
   *
   * @throws NumberFormatException if the text is not a number
   */
  static double decimal(String text) {
    return NumberInput.parseDouble(text, true);
  }

  /**
   * {@link #decimal(String)} of {@code s[from, from + length)}, without the String: the same
   * parser ({@code JavaDoubleParser}, which {@link NumberInput} calls) on the characters.
   */
  static double decimal(char[] s, int from, int length) {
    return JavaDoubleParser.parseDouble(s, from, length);
  }

  /** Whether {@code line} is read by the {@code cov} shortcut (tests). */
  static boolean isCovShortcut(String line) {
    return CovLine.read(line.toCharArray(), 0, line.length(), 1, new Run(true));
  }

  /** Whether {@code line} is read by the input shortcut (tests). */
  static boolean isInputShortcut(String line) {
    return InputLine.read(line.toCharArray(), 0, line.length(), 1, new Run(true));
  }

  /** Whether {@code line} is read by the assignment shortcut (tests). */
  static boolean isAssignShortcut(String line) {
    return AssignLine.read(line.toCharArray(), 0, line.length(), 1, new Run(true));
  }

  /**
   * Parses {@code .tp} text with every line through the tokens, the cursor and the expression
   * parser, none read by a shortcut ({@code cov}, input and assignment lines): the reference the
   * shortcuts must agree with, to the same program, positions and problems (TpParserTest on
   * random edits, the fuzzer on every input it makes). Slower on long files, the same otherwise.
   */
  public static Program parseThroughTokens(String text) {
    return new Run(false).parse(text.toCharArray());
  }

  /** {@link #parseThroughTokens(String)} of UTF-8 bytes, decoded as {@link #parse(byte[])} does. */
  public static Program parseThroughTokens(byte[] bytes) {
    return new Run(false).parse(chars(bytes));
  }

  /**
   * Parses a single expression (the inspector's φ field); positions are columns of {@code text}
   * on line 1.
   */
  public static Expr parseExpression(String text) {
    if (text.indexOf('\n') >= 0) {
      throw new TpSyntaxException(List.of(Problem.error("an expression fits on one line",
          positionOf(text, text.indexOf('\n')), null)));
    }
    try {
      Cursor c = new Cursor(Lexer.tokenize(text, 1), new Refs());
      Expr e = c.expression();
      c.expectEnd();
      return e;
    } catch (LineError e) {
      throw new TpSyntaxException(
          List.of(Problem.error(e.getMessage(), new SourcePos(1, e.column), null)));
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** What an assignment line said before its kind is known. */
  private record Assign(String target, Expr expr, String matrix, boolean transposed,
      String argument, boolean moment, SourcePos pos, Map<String, SourcePos> refs) {}

  private static final class Run {
    final List<Problem> problems = new ArrayList<>();
    final Program.Builder b = Program.builder();
    final List<SourcePos> inputPos = new ArrayList<>();
    final List<SourcePos> covPos = new ArrayList<>();
    final List<Map<String, SourcePos>> covRefs = new ArrayList<>();
    final List<SourcePos> outPos = new ArrayList<>();
    final List<Assign> assigns = new ArrayList<>();
    final NetworkSyntax network = new NetworkSyntax();
    final NameTable names = new NameTable();
    /**
     * Whether {@link CovLine}, {@link InputLine} and {@link AssignLine} read the lines of their
     * forms.
     */
    final boolean shortcuts;
    SourcePos titlePos;

    Run(boolean shortcuts) {
      this.shortcuts = shortcuts;
    }

    /** The program of the text {@code cs}. */
    Program parse(char[] cs) {
      // the lines as lines(text) splits them, over the characters: a line read by a shortcut
      // (cov, input, assignment) never becomes a String
      int n = cs.length;
      int start = 0;
      int lineNo = 0;
      while (start <= n) {
        int end = start;
        while (end < n && cs[end] != '\n' && cs[end] != '\r') {
          end++;
        }
        lineNo++;
        if (!(shortcuts && (CovLine.read(cs, start, end, lineNo, this)
            || InputLine.read(cs, start, end, lineNo, this)
            || AssignLine.read(cs, start, end, lineNo, this)))) {
          try {
            parseLine(new String(cs, start, end - start), lineNo);
          } catch (LineError e) {
            problems.add(Problem.error(e.getMessage(), new SourcePos(lineNo, e.column), null));
          }
        }
        start = end + (end + 1 < n && cs[end] == '\r' && cs[end + 1] == '\n' ? 2 : 1);
      }
      if (!problems.isEmpty()) {
        throw new TpSyntaxException(problems);
      }
      // classify assignments in order, knowing the kinds of inputs and of earlier instructions
      Map<String, VarKind> kinds = new HashMap<>(
          (b.inputs().size() + assigns.size()) * 4 / 3 + 1);
      for (Input in : b.inputs()) {
        kinds.putIfAbsent(in.target(), in.kind());
      }
      List<SourcePos> insPos = new ArrayList<>();
      List<Map<String, SourcePos>> insRefs = new ArrayList<>();
      for (Assign a : assigns) {
        Instruction ins;
        if (a.matrix != null) {
          ins = new MatMul(a.target, a.matrix, a.transposed, a.argument);
        } else if (a.moment) {
          ins = new Moment(a.target, a.expr);
        } else {
          try {
            ins = Classifier.classify(a.target, a.expr, kinds::get);
          } catch (Classifier.CoefficientOverflowException e) {
            SourcePos at = a.refs.getOrDefault(e.variable(), a.pos);
            problems.add(Problem.error(e.getMessage() + "; write a smaller constant",
                at, a.target));
            continue;
          }
        }
        kinds.putIfAbsent(a.target, ins.resultKind());
        b.instruction(ins);
        insPos.add(a.pos);
        insRefs.add(a.refs);
      }
      if (!problems.isEmpty()) {
        throw new TpSyntaxException(problems);
      }
      // the lists are this run's and its maps unmodifiable (Map.of, Refs.toMap): handed over
      b.sourceMap(SourceMap.owning(inputPos, insPos, covPos, outPos, covRefs, insRefs, titlePos));
      b.network(network.build());
      return b.build();
    }

    /**
     * A line through the tokens (the cov shortcut has been tried, when it is on), unless the
     * assignment shortcut reads it.
     */
    void parseLine(String line, int lineNo) {
      List<Token> tokens = Lexer.tokenize(line, lineNo);
      Token first = tokens.get(0);
      if (first.type() == Token.Type.END) {
        return;
      }
      Refs refs = new Refs();
      Cursor c = new Cursor(tokens, refs);
      c.lineNo = lineNo;
      SourcePos pos = new SourcePos(lineNo, first.column());
      if (first.isName("title") && tokens.get(1).type() == Token.Type.STRING) {
        c.next();
        b.title(c.next().text());
        titlePos = pos;
        c.expectEnd();
      } else if (first.isName("input") && tokens.get(1).type() == Token.Type.NAME
          && tokens.get(2).is(":")) {
        c.next();
        parseInput(c, pos);
      } else if (first.isName("cov") && tokens.get(1).is("(")) {
        c.next();
        c.expect("(", "after cov");
        String a = c.name("the first vector of cov(a, b)");
        c.expect(",", "between the two vectors of cov(a, b)");
        String bb = c.name("the second vector of cov(a, b)");
        c.expect(")", "to close cov(a, b)");
        c.expect("=", "after cov(a, b): write cov(a, b) = value");
        double v = c.constant("the covariance");
        c.expectEnd();
        b.covariance(new Covariance(a, bb, v));
        covPos.add(pos);
        covRefs.add(refs.toMap());
      } else if (first.isName("output") && tokens.get(1).type() == Token.Type.NAME
          && !tokens.get(1).is(":=")) {
        c.next();
        do {
          Token t = c.peek();
          String name = c.name("an output vector");
          b.output(name);
          outPos.add(new SourcePos(lineNo, t.column()));
        } while (c.accept(","));
        c.expectEnd();
      } else if (NetworkSyntax.isDeclaration(tokens)) {
        network.parse(c, pos);
      } else if (first.type() == Token.Type.NAME && tokens.get(1).type() == Token.Type.ASSIGN) {
        parseAssign(c, pos, refs);
      } else if (first.type() == Token.Type.NAME && tokens.get(1).is("=")) {
        throw new LineError(tokens.get(1).column(),
            "write ':=' to define a variable (for example " + first.text() + " := W x)");
      } else {
        throw new LineError(first.column(), "expected a statement (input, cov, output, title,"
            + " a network declaration, or name := …) but found " + first.describe());
      }
    }

    void parseInput(Cursor c, SourcePos pos) {
      Token nameTok = c.peek();
      String name = c.name("the input's name");
      c.expect(":", "after the input's name");
      Token type = c.next();
      Input in;
      if (type.isName("G")) {
        c.expect("(", "after G: write G(n)");
        dimension(c);
        c.expect(")", "to close G(n)");
        double mean = 0;
        double var = 1;
        if (c.accept("~")) {
          c.expectName("N", "after '~': write N(mean, variance)");
          c.expect("(", "after N");
          mean = c.constant("the mean");
          c.expect(",", "between mean and variance");
          var = c.constant("the variance");
          c.expect(")", "to close N(mean, variance)");
        }
        in = new VectorInput(name, mean, var);
      } else if (type.isName("A")) {
        c.expect("(", "after A: write A(n, n)");
        dimension(c);
        c.expect(",", "between the dimensions of A(n, n)");
        dimension(c);
        c.expect(")", "to close A(n, n)");
        double sigma2 = 1;
        if (c.accept("~")) {
          c.expectName("N", "after '~': write N(0, σ²/n), for example N(0, 2/n)");
          c.expect("(", "after N");
          Token meanTok = c.peek();
          double mean = c.constant("the mean");
          if (mean != 0) {
            throw new LineError(meanTok.column(),
                "matrix entries have mean 0 in a Tensor Program: write N(0, σ²/n)");
          }
          c.expect(",", "between mean and variance");
          Token vt = c.peek();
          Expr v = c.expression();
          sigma2 = matrixVariance(v, vt.column());
          c.expect(")", "to close N(0, σ²/n)");
        }
        in = new MatrixInput(name, sigma2);
      } else if (type.isName("R")) {
        c.expect("=", "after R: an initial scalar is given by its limit, e.g. R = 0.5");
        in = new ScalarInput(name, c.constant("the scalar's value"));
      } else {
        throw new LineError(type.column(), "expected a type G(n), A(n, n) or R after ':' but found "
            + type.describe());
      }
      layoutAnnotation(c, name);
      c.expectEnd();
      b.input(in);
      inputPos.add(new SourcePos(pos.line(), nameTok.column()));
    }

    private void dimension(Cursor c) {
      Token t = c.next();
      if (!t.isName("n")) {
        throw new LineError(t.column(), "dimension mismatch: every vector and matrix in a Tensor"
            + " Program has width n, so write n here (found " + t.describe() + ")");
      }
    }

    private double matrixVariance(Expr v, int column) {
      // σ²/n: the variance expression must be (constant)/n
      if (v instanceof Expr.Bin bin && bin.op() == '/' && bin.right() instanceof Expr.Ref r
          && r.name().equals("n") && bin.left().isConstant()) {
        double s = bin.left().evaluate(Map.of());
        if (!Double.isFinite(s)) {
          throw new LineError(column, "the variance is not a finite number");
        }
        return s;
      }
      throw new LineError(column, "a matrix's variance is written σ²/n, for example 2/n"
          + " (entries are N(0, σ²/n) so that W x stays of order 1)");
    }

    void parseAssign(Cursor c, SourcePos pos, Refs refs) {
      Token targetTok = c.next();
      String target = targetTok.text();
      if (!Names.isValid(target)) {
        throw new LineError(targetTok.column(), "'" + target
            + "' cannot name a variable (it is a keyword or a function)");
      }
      c.next(); // :=
      Token t0 = c.peek();
      Token t1 = c.peek(1);
      // MatMul: W x | W^T x | Wᵀ x | W^⊤ x
      if (t0.type() == Token.Type.NAME && Fn.bySymbol(t0.text()) == null
          && !t0.isName("avg")) {
        boolean transposed = false;
        int k = 1;
        if (t1.type() == Token.Type.TRANSPOSE) {
          transposed = true;
          k = 2;
        } else if (t1.is("^") && (c.peek(2).isName("T")
            || c.peek(2).type() == Token.Type.TRANSPOSE) && c.peek(3).type() == Token.Type.NAME) {
          transposed = true;
          k = 3;
        }
        Token arg = c.peek(k);
        if (arg.type() == Token.Type.NAME && Fn.bySymbol(arg.text()) == null
            && (c.peek(k + 1).type() == Token.Type.END || c.peek(k + 1).is("@"))) {
          refs.putIfAbsent(t0.text(), new SourcePos(pos.line(), t0.column()));
          refs.putIfAbsent(arg.text(), new SourcePos(pos.line(), arg.column()));
          for (int i = 0; i <= k; i++) {
            c.next();
          }
          checkName(t0);
          checkName(arg);
          layoutAnnotation(c, target);
          c.expectEnd();
          assigns.add(new Assign(target, null, t0.text(), transposed, arg.text(), false, pos,
              refs.toMap()));
          return;
        }
        if (transposed || (arg.type() == Token.Type.NAME && t1.type() == Token.Type.NAME)) {
          throw new LineError(arg.column(), "a MatMul multiplies a matrix by one vector variable,"
              + " as in h := W x; define the vector first (x := …) and multiply by its name");
        }
      }
      boolean moment = false;
      Expr e;
      if (t0.isName("avg") && t1.is("(")) {
        c.next();
        c.next();
        e = c.expression();
        c.expect(")", "to close avg(…)");
        moment = true;
        if (c.peek().type() != Token.Type.END && !c.peek().is("@")) {
          throw new LineError(c.peek().column(), "avg(…) must be the whole right-hand side:"
              + " define the Moment θ := avg(…) first, then combine scalars in another line");
        }
      } else {
        e = c.expression();
      }
      layoutAnnotation(c, target);
      c.expectEnd();
      assigns.add(new Assign(target, e, null, false, null, moment, pos, refs.toMap()));
    }

    private void checkName(Token t) {
      if (!Names.isValid(t.text())) {
        throw new LineError(t.column(), "'" + t.text() + "' cannot name a variable");
      }
    }

    /** One coordinate of {@code @at}: a finite number within ±{@link Point#MAX_COORDINATE}. */
    private double coordinate(Cursor c, String axis) {
      Token t = c.peek();
      double v = c.constant("the " + axis + " position");
      if (Math.abs(v) > Point.MAX_COORDINATE) {
        throw new LineError(t.column(), "the " + axis + " position " + ExprPrinter.number(v)
            + " is outside the drawing: a position is within ±1e9 diagram units");
      }
      return v;
    }

    private void layoutAnnotation(Cursor c, String name) {
      if (c.accept("@")) {
        Token at = c.next();
        if (!at.isName("at")) {
          throw new LineError(at.column(), "expected @at(x, y) for a node position");
        }
        c.expect("(", "after @at");
        double x = coordinate(c, "x");
        c.expect(",", "between x and y");
        double y = coordinate(c, "y");
        c.expect(")", "to close @at(x, y)");
        b.position(name, new Point(x, y));
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * The scanners the line shortcuts ({@link CovLine}, {@link InputLine}, {@link AssignLine}) read
   * a line's characters with: each takes an index into the line and gives the index after what it
   * read, or -1 when that is not there (and passes -1 on), so that a form is read as a chain of
   * calls and rejected, for the general path, at its first -1.
   */
  static final class LineChars {
    private LineChars() {}

    /**
     * The constant the number literal {@code s[at, to)} stands for, after a minus when {@code
     * minus}, as the general path reads it (the minus folded into the literal, every constant
     * +0.0 rather than -0.0), or NaN when the literal is malformed or not finite.
     */
    static double literal(char[] s, int at, int to, boolean minus) {
      double v;
      try {
        v = decimal(s, at, to - at);
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
      return Double.isFinite(v) ? (minus ? -v : v) + 0.0 : Double.NaN;
    }

    /**
     * The index after {@code c} at {@code i} and the spaces that follow it, or -1 when {@code c}
     * is not there (or {@code i} is already -1).
     */
    private static int after(char[] s, int i, int end, char c) {
      return i < 0 || i >= end || s[i] != c ? -1 : spaces(s, i + 1, end);
    }

    /**
     * Whether only spaces and tabs, then the end of the line or a comment, follow {@code i} (false
     * for -1).
     */
    static boolean atEnd(char[] s, int i, int end) {
      int k = spaces(s, i, end);
      return k >= 0 && (k == end || s[k] == '#');
    }

    /** The index after the spaces and tabs from {@code i} (-1 stays -1). */
    private static int spaces(char[] s, int i, int end) {
      while (i >= 0 && i < end && (s[i] == ' ' || s[i] == '\t')) {
        i++;
      }
      return i;
    }

    /**
     * The end of an ASCII name at {@code i} (letters, digits, _, then primes '), or -1 (also when
     * {@code i} is -1).
     */
    private static int name(char[] s, int i, int end) {
      if (i < 0 || i >= end || !(isLetter(s[i]) || s[i] == '_')) {
        return -1;
      }
      int j = i + 1;
      while (j < end && (isLetter(s[j]) || isDigit(s[j]) || s[j] == '_')) {
        j++;
      }
      while (j < end && s[j] == '\'') {
        j++;
      }
      // a name must not run on into characters the lexer would read as part of it
      if (j < end && (s[j] >= 0x80 || isLetter(s[j]) || isDigit(s[j]) || s[j] == '_')) {
        return -1;
      }
      return j;
    }

    /** The end of an unsigned number at {@code i} as the lexer reads it, or -1. */
    private static int number(char[] s, int i, int end) {
      if (i >= end || !(isDigit(s[i]) || (s[i] == '.' && i + 1 < end && isDigit(s[i + 1])))) {
        return -1;
      }
      int j = i;
      while (j < end && (isDigit(s[j]) || s[j] == '.')) {
        j++;
      }
      if (j < end && (s[j] == 'e' || s[j] == 'E')) {
        int k = j + 1;
        if (k < end && (s[k] == '+' || s[k] == '-')) {
          k++;
        }
        if (k < end && isDigit(s[k])) {
          j = k;
          while (j < end && isDigit(s[j])) {
            j++;
          }
        }
      }
      return j;
    }

    private static boolean isLetter(char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }
  }

  /**
   * The common form of a {@code cov} line, {@code cov(a, b) = number} in ASCII with spaces or
   * tabs, read without tokens or an expression tree: a program over k initial vectors has up to
   * k(k-1)/2 of these lines (19 900 for the 200 token embeddings of the RNN benchmark), most of
   * its text. Whatever is not exactly that form (other characters, a sign other than one {@code
   * -}, an expression, an error) is left to the general path, which reads it to the same
   * statement, positions and problems (TpParserTest compares the two on every variation).
   */
  static final class CovLine {
    private CovLine() {}

    /**
     * Adds the statement of the line {@code s[from, end)} to {@code run} and returns true, or
     * returns false (nothing added) when the line is not of the common form. Columns count from
     * {@code from}: the part of the line that counts is ASCII (one character a column).
     */
    static boolean read(char[] s, int from, int end, int lineNo, Run run) {
      int covAt = LineChars.spaces(s, from, end);
      if (covAt + 3 > end || s[covAt] != 'c' || s[covAt + 1] != 'o' || s[covAt + 2] != 'v') {
        return false;
      }
      int aAt = LineChars.after(s, LineChars.spaces(s, covAt + 3, end), end, '(');
      int aEnd = LineChars.name(s, aAt, end);
      int bAt = LineChars.after(s, LineChars.spaces(s, aEnd, end), end, ',');
      int bEnd = LineChars.name(s, bAt, end);
      int i = LineChars.after(s, LineChars.after(s, LineChars.spaces(s, bEnd, end), end, ')'),
          end, '=');
      if (i < 0) {
        return false;
      }
      boolean minus = i < end && s[i] == '-';
      if (minus) {
        i = LineChars.spaces(s, i + 1, end);
      }
      int numAt = i;
      i = LineChars.number(s, i, end);
      if (i < 0) {
        return false;
      }
      int numEnd = i;
      if (!LineChars.atEnd(s, i, end)) {
        return false;
      }
      // (a comment may hold anything: the columns that count are before it, all ASCII)
      String a = run.names.get(s, aAt, aEnd);
      String b = run.names.get(s, bAt, bEnd);
      if (a == null || b == null) {
        return false;
      }
      double v = LineChars.literal(s, numAt, numEnd, minus);
      if (Double.isNaN(v)) {
        return false;
      }
      SourcePos aPos = new SourcePos(lineNo, aAt - from + 1);
      Map<String, SourcePos> refs = a.equals(b) ? Map.of(a, aPos)
          : Map.of(a, aPos, b, new SourcePos(lineNo, bAt - from + 1));
      run.b.covariance(new Covariance(a, b, v));
      run.covPos.add(new SourcePos(lineNo, covAt - from + 1));
      run.covRefs.add(refs);
      return true;
    }
  }

  /**
   * The common forms of an input line, {@code input x : G(n)}, {@code input x : G(n) ~ N(mean,
   * variance)}, {@code input W : A(n, n)}, {@code input W : A(n, n) ~ N(0, σ²/n)} and {@code
   * input c : R = value}, each number a literal (with one {@code -} where a constant may take it,
   * none in the matrix's N(0, σ²/n)), in ASCII with spaces or tabs and an optional comment, read
   * without tokens or expressions: a program over k initial vectors has k of these lines, the
   * 200-token RNN benchmark 203. Whatever is not exactly such a form ({@code @at}, an
   * expression, other characters, a reserved name, an error) is left to the general path, which
   * reads it to the same input and position (TpParserTest compares the two on random edits).
   */
  static final class InputLine {
    private final char[] s;
    private final int end;
    /** Where reading goes on; -1 once the line is not of a common form. */
    private int i;

    private InputLine(char[] s, int from, int end) {
      this.s = s;
      this.end = end;
      this.i = from;
    }

    /**
     * Adds the input of the line {@code s[from, end)} to {@code run} and returns true, or returns
     * false (nothing added) when the line is not of a common form.
     */
    static boolean read(char[] s, int from, int end, int lineNo, Run run) {
      int at = LineChars.spaces(s, from, end);
      // "input" and a blank (the other lines go by without a String made of their first word)
      if (at + 6 > end || s[at] != 'i' || s[at + 1] != 'n' || s[at + 2] != 'p'
          || s[at + 3] != 'u' || s[at + 4] != 't' || s[at + 5] != ' ' && s[at + 5] != '\t') {
        return false;
      }
      InputLine r = new InputLine(s, at + 5, end);
      int nameAt = LineChars.spaces(s, r.i, end);
      String name = r.word();
      if (name == null || !Names.isValid(name) || !r.skip(':')) {
        return false;
      }
      Input in = r.input(name);
      if (in == null || !r.atEnd()) {
        return false;
      }
      run.b.input(in);
      run.inputPos.add(new SourcePos(lineNo, nameAt - from + 1));
      return true;
    }

    /** The input after {@code name :}, or null. */
    private Input input(String name) {
      String type = word();
      if ("G".equals(type) && skip('(') && isWord("n") && skip(')')) {
        if (!accept('~')) {
          return new VectorInput(name, 0, 1);
        }
        if (!(isWord("N") && skip('('))) {
          return null;
        }
        double mean = number(true);
        if (!skip(',')) {
          return null;
        }
        double variance = number(true);
        return skip(')') && !Double.isNaN(mean) && !Double.isNaN(variance)
            ? new VectorInput(name, mean, variance) : null;
      }
      if ("A".equals(type) && skip('(') && isWord("n") && skip(',') && isWord("n") && skip(')')) {
        if (!accept('~')) {
          return new MatrixInput(name, 1);
        }
        if (!(isWord("N") && skip('(') && number(false) == 0 && skip(','))) {
          return null;
        }
        double sigma2 = number(false);
        return skip('/') && isWord("n") && skip(')') && !Double.isNaN(sigma2)
            ? new MatrixInput(name, sigma2) : null;
      }
      if ("R".equals(type) && skip('=')) {
        double value = number(true);
        return Double.isNaN(value) ? null : new ScalarInput(name, value);
      }
      return null;
    }

    /** The ASCII name after the spaces from here (moving past it), or null. */
    private String word() {
      int at = LineChars.spaces(s, i, end);
      int to = LineChars.name(s, at, end);
      if (to < 0) {
        i = -1;
        return null;
      }
      i = to;
      return new String(s, at, to - at);
    }

    private boolean isWord(String w) {
      return i >= 0 && w.equals(word());
    }

    /**
     * Whether {@code c} follows after spaces: then moves past it and the spaces after it, else
     * stays (an optional part).
     */
    private boolean accept(char c) {
      int at = LineChars.after(s, LineChars.spaces(s, i, end), end, c);
      if (at >= 0) {
        i = at;
      }
      return at >= 0;
    }

    /** Whether {@code c} follows after spaces (moving past it and the spaces after it). */
    private boolean skip(char c) {
      i = LineChars.after(s, LineChars.spaces(s, i, end), end, c);
      return i >= 0;
    }

    /**
     * The number literal from here, with one {@code -} before it when {@code signed}, read as
     * the general path's constant (a minus folded in, +0.0 for zero); NaN when there is none or
     * it is not finite.
     */
    private double number(boolean signed) {
      if (i < 0) {
        return Double.NaN;
      }
      int at = LineChars.spaces(s, i, end);
      boolean minus = signed && at < end && s[at] == '-';
      if (minus) {
        at = LineChars.spaces(s, at + 1, end);
      }
      int to = LineChars.number(s, at, end);
      double v = to < 0 ? Double.NaN : LineChars.literal(s, at, to, minus);
      i = Double.isNaN(v) ? -1 : to;
      return v;
    }

    /** Whether only spaces, then the end of the line or a comment, are left. */
    private boolean atEnd() {
      return LineChars.atEnd(s, i, end);
    }
  }

  /**
   * The names the cov shortcut has read, each one String however many lines name it (a program
   * over k initial vectors names each in up to k - 1 cov lines): no String per mention, and the
   * later lookups of a name by the validator and the engines hash it once. Holds only names that
   * {@link Names#isValid} accepts; open addressing, at most half full.
   */
  static final class NameTable {
    private char[][] keys = new char[64][];
    private String[] values = new String[64];
    private int size;

    /** The name {@code s[from, to)} (ASCII), or null when it is not a valid name. */
    String get(char[] s, int from, int to) {
      int h = 0;
      for (int i = from; i < to; i++) {
        h = 31 * h + s[i];
      }
      int mask = keys.length - 1;
      for (int at = mix(h) & mask; ; at = (at + 1) & mask) {
        char[] k = keys[at];
        if (k == null) {
          String name = new String(s, from, to - from);
          if (!Names.isValid(name)) {
            return null;
          }
          keys[at] = name.toCharArray();
          values[at] = name;
          if (++size * 2 > keys.length) {
            grow();
          }
          return name;
        }
        if (java.util.Arrays.equals(k, 0, k.length, s, from, to)) {
          return values[at];
        }
      }
    }

    private static int mix(int h) {
      return h ^ (h >>> 16);
    }

    private void grow() {
      char[][] oldKeys = keys;
      String[] oldValues = values;
      keys = new char[oldKeys.length * 2][];
      values = new String[oldKeys.length * 2];
      int mask = keys.length - 1;
      for (int q = 0; q < oldKeys.length; q++) {
        if (oldKeys[q] != null) {
          int at = mix(oldValues[q].hashCode()) & mask;
          while (keys[at] != null) {
            at = (at + 1) & mask;
          }
          keys[at] = oldKeys[q];
          values[at] = oldValues[q];
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * The two commonest assignments, {@code t := W x} (a MatMul) and {@code t := f(x)} or {@code
   * t := f(x + y + …)} (a Nonlin of one name, or of a sum of names, by a function of one
   * argument: a layer's activation of its preactivation plus bias), in ASCII with spaces or
   * tabs and an optional comment, read without tokens, a cursor or an expression parser: the
   * lines of a wide MLP, of an RNN or of a long chain of Nonlins are nearly all of these forms.
   * Whatever is not exactly that form ({@code @at}, a transpose, other characters or operators,
   * names that are reserved or functions, an error) is left to the general path, which reads
   * it to the same assignment, position and references (TpParserTest compares the two on random
   * edits).
   */
  static final class AssignLine {
    /**
     * Most names summed in {@code f(x + y + …)} by the shortcut (a longer sum takes the general
     * path, which bounds the operators of an expression).
     */
    private static final int MAX_SUM_TERMS = 16;

    private AssignLine() {}

    /**
     * Adds the assignment of the line {@code s[from, end)} to {@code run} and returns true, or
     * returns false (nothing added) when the line is not of one of the forms. Columns count from
     * {@code from} (the part that counts is ASCII); the scanners are {@link CovLine}'s.
     */
    static boolean read(char[] s, int from, int end, int lineNo, Run run) {
      int tAt = LineChars.spaces(s, from, end);
      int tEnd = LineChars.name(s, tAt, end);
      int i = LineChars.spaces(s, tEnd, end);
      if (i < 0 || i + 1 >= end || s[i] != ':' || s[i + 1] != '=') {
        return false;
      }
      int fAt = LineChars.spaces(s, i + 2, end);
      int fEnd = LineChars.name(s, fAt, end);
      int j = LineChars.spaces(s, fEnd, end);
      if (j < 0) {
        return false;
      }
      String target = new String(s, tAt, tEnd - tAt);
      if (!Names.isValid(target)) {
        return false;
      }
      SourcePos pos = new SourcePos(lineNo, tAt - from + 1);
      if (j < end && s[j] == '(') { // f(x) or f(x + y + …)
        Fn fn = Fn.bySymbol(new String(s, fAt, fEnd - fAt));
        if (fn == null || fn.arity() != 1) {
          return false;
        }
        Refs refs = new Refs();
        Expr sum = null;
        int at = j;
        int terms = 0;
        do {
          int xAt = LineChars.spaces(s, at + 1, end);
          int xEnd = LineChars.name(s, xAt, end);
          if (xEnd < 0 || ++terms > MAX_SUM_TERMS) {
            return false;
          }
          String x = new String(s, xAt, xEnd - xAt);
          if (!Names.isValid(x)) {
            return false;
          }
          refs.putIfAbsent(x, new SourcePos(lineNo, xAt - from + 1));
          // left to right, as the general path's a + b + c is (a + b) + c
          sum = sum == null ? new Expr.Ref(x) : new Expr.Bin('+', sum, new Expr.Ref(x));
          at = LineChars.spaces(s, xEnd, end);
        } while (at < end && s[at] == '+');
        if (at >= end || s[at] != ')' || !LineChars.atEnd(s, at + 1, end)) {
          return false;
        }
        run.assigns.add(new Assign(target, new Expr.Call(fn, List.of(sum)), null, false, null,
            false, pos, refs.toMap()));
        return true;
      }
      if (j == fEnd) { // W x needs a blank between the two names
        return false;
      }
      int xEnd = LineChars.name(s, j, end);
      if (xEnd < 0 || !LineChars.atEnd(s, xEnd, end)) {
        return false;
      }
      String matrix = new String(s, fAt, fEnd - fAt);
      String x = new String(s, j, xEnd - j);
      // a valid name is neither a function nor reserved (avg, n, pi, …): the general path's
      // MatMul reading, with its checkName of both
      if (!Names.isValid(matrix) || !Names.isValid(x)) {
        return false;
      }
      SourcePos mPos = new SourcePos(lineNo, fAt - from + 1);
      Map<String, SourcePos> refs = matrix.equals(x) ? Map.of(matrix, mPos)
          : Map.of(matrix, mPos, x, new SourcePos(lineNo, j - from + 1));
      run.assigns.add(new Assign(target, null, matrix, false, x, false, pos, refs));
      return true;
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** Reads tokens of one line; expression parsing by recursive descent with bounded nesting. */
  static final class Cursor {
    private final List<Token> tokens;
    private final Refs refs;
    private int i;
    private int nesting;
    int lineNo = 1;

    Cursor(List<Token> tokens, Refs refs) {
      this.tokens = tokens;
      this.refs = refs;
    }

    Token peek() {
      return tokens.get(i);
    }

    Token peek(int k) {
      return tokens.get(Math.min(i + k, tokens.size() - 1));
    }

    Token next() {
      Token t = tokens.get(i);
      if (t.type() != Token.Type.END) {
        i++;
      }
      return t;
    }

    boolean accept(String symbol) {
      if (peek().is(symbol)) {
        i++;
        return true;
      }
      return false;
    }

    void expect(String symbol, String context) {
      Token t = peek();
      if (!t.is(symbol)) {
        throw new LineError(t.column(), "expected '" + symbol + "' " + context + " but found "
            + t.describe());
      }
      i++;
    }

    void expectName(String name, String context) {
      Token t = next();
      if (!t.isName(name)) {
        throw new LineError(t.column(), "expected " + name + " " + context + " but found "
            + t.describe());
      }
    }

    void expectEnd() {
      Token t = peek();
      if (t.type() != Token.Type.END) {
        throw new LineError(t.column(), "unexpected " + t.describe() + " at the end of the"
            + " statement" + (t.is(")") ? " (unbalanced parentheses)" : ""));
      }
    }

    String name(String what) {
      Token t = next();
      if (t.type() != Token.Type.NAME) {
        throw new LineError(t.column(), "expected " + what + " but found " + t.describe());
      }
      if (!Names.isValid(t.text())) {
        throw new LineError(t.column(), "'" + t.text() + "' cannot name a variable");
      }
      refs.putIfAbsent(t.text(), new SourcePos(lineNo, t.column()));
      return t.text();
    }

    double constant(String what) {
      Token t = peek();
      Expr e = expression();
      if (!e.isConstant()) {
        throw new LineError(t.column(), what + " must be a number, not an expression of"
            + " variables");
      }
      double v = e.evaluate(Map.of());
      if (!Double.isFinite(v)) {
        throw new LineError(t.column(), what + " is not a finite number (" + v + ")");
      }
      // -0.0 (from 0*-1) prints as 0, which reads back as 0.0: every constant is read as +0.0
      return v + 0.0;
    }

    Expr expression() {
      if (++nesting > MAX_NESTING) {
        throw new LineError(peek().column(), "expression nested too deeply (more than "
            + MAX_NESTING + " levels); split it into several lines");
      }
      Expr e = term();
      while (peek().is("+") || peek().is("-")) {
        char op = next().text().charAt(0);
        e = new Expr.Bin(op, e, term());
        checkDepth();
      }
      nesting--;
      return e;
    }

    private int depthBudget = Expr.MAX_DEPTH;

    private void checkDepth() {
      // long chains a+b+c+… grow the tree one level per operator; bound them too
      if (--depthBudget <= 0) {
        throw new LineError(peek().column(), "expression too long (more than " + Expr.MAX_DEPTH
            + " operators); split it into several lines");
      }
    }

    private Expr term() {
      Expr e = unary();
      while (peek().is("*") || peek().is("/")) {
        char op = next().text().charAt(0);
        e = new Expr.Bin(op, e, unary());
        checkDepth();
      }
      return e;
    }

    /**
     * Signs before a power: read in a loop (a run of {@code +} or {@code -} is not a nesting, so
     * it must not cost stack); each {@code -} adds a level to the tree and counts against the
     * depth budget, and a minus applied to a literal is folded into it.
     */
    private Expr unary() {
      int minuses = 0;
      while (true) {
        if (accept("-")) {
          minuses++;
          checkDepth();
        } else if (!accept("+")) {
          break;
        }
      }
      Expr e = power();
      for (int k = 0; k < minuses; k++) {
        e = e instanceof Expr.Num n ? new Expr.Num(-n.value()) : new Expr.Neg(e);
      }
      return e;
    }

    private Expr power() {
      Expr base = atom();
      if (accept("^")) {
        if (++nesting > MAX_NESTING) {
          throw new LineError(peek().column(), "expression nested too deeply");
        }
        Expr exp = unary();
        nesting--;
        Expr e = new Expr.Bin('^', base, exp);
        checkDepth();
        return e;
      }
      return base;
    }

    private Expr atom() {
      Token t = next();
      switch (t.type()) {
        case NUMBER: {
          double v;
          try {
            v = decimal(t.text());
          } catch (NumberFormatException ex) {
            throw new LineError(t.column(), "malformed number '" + t.text() + "'");
          }
          if (!Double.isFinite(v)) {
            throw new LineError(t.column(), "number too large: " + t.text());
          }
          return new Expr.Num(v);
        }
        case NAME: {
          if (peek().is("(")) {
            Fn fn = Fn.bySymbol(t.text());
            if (fn == null) {
              throw new LineError(t.column(), "unknown function '" + t.text() + "'; the"
                  + " functions are " + functionList()
                  + (t.text().equals("avg") ? " (avg(…) must be the whole right-hand side)" : ""));
            }
            next();
            List<Expr> args = new ArrayList<>();
            if (!peek().is(")")) {
              do {
                args.add(expression());
              } while (accept(","));
            }
            Token close = peek();
            expect(")", "to close " + fn.symbol() + "(…)");
            if (args.size() != fn.arity()) {
              throw new LineError(t.column(), fn.symbol() + " takes " + fn.arity()
                  + (fn.arity() == 1 ? " argument" : " arguments") + " but is given "
                  + args.size());
            }
            assert close != null;
            return new Expr.Call(fn, args);
          }
          if (t.text().equals("pi")) {
            return new Expr.Num(Math.PI);
          }
          if (Fn.bySymbol(t.text()) != null) {
            throw new LineError(t.column(), "function '" + t.text() + "' needs arguments in"
                + " parentheses, e.g. " + t.text() + "(x)");
          }
          if (!t.text().equals("n") && !Names.isValid(t.text())) {
            throw new LineError(t.column(), "'" + t.text() + "' cannot be used as a variable");
          }
          refs.putIfAbsent(t.text(), new SourcePos(lineNo, t.column()));
          return new Expr.Ref(t.text());
        }
        case SYMBOL:
          if (t.is("(")) {
            Expr e = expression();
            Token close = peek();
            if (!close.is(")")) {
              throw new LineError(close.column(), "expected ')' but found " + close.describe()
                  + " (unbalanced parentheses)");
            }
            next();
            return e;
          }
          throw new LineError(t.column(), "expected a number, a name or '(' but found "
              + t.describe());
        default:
          throw new LineError(t.column(), "expected a number, a name or '(' but found "
              + t.describe());
      }
    }

    private static String functionList() {
      StringBuilder sb = new StringBuilder();
      for (Fn f : Fn.values()) {
        if (sb.length() > 0) {
          sb.append(", ");
        }
        sb.append(f.symbol());
      }
      return sb.toString();
    }
  }

  /**
   * The lines of {@code text} as a {@link SourcePos} counts them, split at {@code \r\n}, {@code
   * \r} and {@code \n}, a trailing empty line included (as {@code split("\r\n|\r|\n", -1)},
   * without a regular expression per file: this runs on every parse).
   */
  public static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        out.add(text.substring(start, i));
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    out.add(text.substring(start));
    return out;
  }
}
