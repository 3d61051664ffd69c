package org.tpe.format;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tpe.model.Names;
import org.tpe.model.Problem;
import org.tpe.model.Program;
import org.tpe.model.SourcePos;

/**
 * A {@code .tp} text as the user wrote it, and the program it says: the editor's document, the
 * text format plus {@code @at} node positions. Lossless: {@link #text()}
 * is exactly the text given, comments, blank lines, spacing and line endings included, and an
 * edit made on the program ({@link #withProgram}) rewrites only the statements it changes.
 *
 * <p><b>Text that does not parse.</b> The format is one statement a line, so a line that does not
 * parse spoils only itself: {@link #program()} is the program of the lines that do parse, read
 * with the line numbers of the whole text, and {@link #syntaxErrors()} lists a positioned problem
 * for every other line. An edit of the program keeps such lines as they are. Nothing the parser
 * throws escapes: a failure that is not a {@link TpSyntaxException} becomes a problem at the line
 * that caused it.
 *
 * <p>Immutable; equal when the texts are equal. Reading costs one parse of the text (two when some
 * line does not parse); {@link #withProgram} costs one pass over the lines and one parse.
 */
public final class TpDocument {
  private static final TpDocument EMPTY = new TpDocument("");

  private final String text;
  private final List<Line> lines;
  private final Program program;
  private final List<Problem> syntaxErrors;
  private final Set<Integer> broken;

  /** A physical line without its terminator, and the terminator ("\n", "\r\n", "\r", or ""). */
  record Line(String text, String terminator) {}

  private TpDocument(String text) {
    this.text = text;
    this.lines = split(text);
    Map<Integer, Problem> bad = new TreeMap<>();
    this.program = readLeniently(text, lines, bad);
    this.syntaxErrors = List.copyOf(bad.values());
    this.broken = Collections.unmodifiableSet(new LinkedHashSet<>(bad.keySet()));
  }

  /** The document of {@code text}. Never throws: lines that do not parse are in syntaxErrors. */
  public static TpDocument of(String text) {
    return text.isEmpty() ? EMPTY : new TpDocument(text);
  }

  /**
   * The document of a file's bytes.
   *
   * @throws TpSyntaxException when the bytes are not UTF-8 text (or contain a NUL), at the place
   *     of the first bad byte: such a file is not a document to edit
   */
  public static TpDocument read(byte[] bytes) {
    return of(TpParser.decode(bytes));
  }

  /** The document of a program that has no text yet: its canonical form ({@link TpPrinter}). */
  public static TpDocument of(Program p) {
    return EMPTY.withProgram(p);
  }

  /** The empty document. */
  public static TpDocument empty() {
    return EMPTY;
  }

  /** The text, exactly. */
  public String text() {
    return text;
  }

  /** The program of the lines that parse (every line, when {@link #parses()}). */
  public Program program() {
    return program;
  }

  /** One problem for each line that does not parse, in line order (positions are line:column). */
  public List<Problem> syntaxErrors() {
    return syntaxErrors;
  }

  /** Whether every line parses. */
  public boolean parses() {
    return syntaxErrors.isEmpty();
  }

  /**
   * Names that lines which do not parse seem to define ({@code h := …}, {@code input h …}), with
   * the first such line: an edit should not give a new variable such a name, or fixing the line
   * would define it twice.
   */
  public Map<String, Integer> claimedNames() {
    Map<String, Integer> out = new java.util.LinkedHashMap<>();
    for (int line : broken) {
      String name = claimedName(lines.get(line - 1).text());
      if (name != null) {
        out.putIfAbsent(name, line);
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * The document saying {@code next} instead of {@link #program()}, changing as little text as
   * possible (TP IIb's programs are lists of statements; the document diffs them by {@link
   * StatementKey}):
   *
   * <ul>
   *   <li>a statement in both programs with the same canonical text keeps its line byte for byte;
   *       when only its node position changed, only its {@code @at} annotation is rewritten
   *       (positions rounded to a tenth);
   *   <li>a changed statement gets its canonical text, keeping its indentation and its trailing
   *       comment (in its column when there is room);
   *   <li>a removed statement loses its line (its trailing comment with it); comment lines and
   *       blank lines are never removed;
   *   <li>an added statement is inserted at its natural place: after the statement that precedes
   *       it in canonical order, or before the one that follows it (above that one's comment);
   *   <li>when the order of a kind of statements changed (an instruction now reads one defined
   *       after it), the fewest statements move: those off a longest common subsequence;
   *   <li>lines that do not parse are kept as they are.
   * </ul>
   *
   * So parsing the result gives {@code next}, its positions rounded. Cost O(L + S log S) for L
   * lines and S statements, plus one parse.
   */
  public TpDocument withProgram(Program next) {
    String newline = lines.stream().map(Line::terminator).filter(t -> !t.isEmpty()).findFirst()
        .orElse("\n");
    List<TpPrinter.Keyed> before = TpPrinter.statements(program);
    // the same program again (an edit that changed nothing): its statements are printed once
    List<Line> patched = TextPatch.apply(lines, before,
        next == program ? before : TpPrinter.statements(next), newline);
    StringBuilder sb = new StringBuilder(text.length() + 64);
    for (Line l : patched) {
      sb.append(l.text()).append(l.terminator());
    }
    String t = sb.toString();
    return t.equals(text) ? this : of(t);
  }

  /** {@code @at(x, y)} for {@code p}, each coordinate rounded to a tenth ("" for null). */
  static String annotation(org.tpe.model.Point p) {
    return p == null ? "" : "@at(" + org.tpe.expr.ExprPrinter.number(round(p.x())) + ", "
        + org.tpe.expr.ExprPrinter.number(round(p.y())) + ")";
  }

  /** {@code v} rounded to a tenth, as an {@code @at} writes it. */
  public static double round(double v) {
    double r = Math.round(v * 10) / 10.0;
    return r == 0 ? 0 : r;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TpDocument d && d.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return "TpDocument[" + lines.size() + " lines" + (parses() ? "" : ", "
        + syntaxErrors.size() + " not parsed") + "]";
  }

  // ---------------------------------------------------------------------------------------------

  static List<Line> split(String text) {
    List<Line> out = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        int end = i;
        i += c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
        out.add(new Line(text.substring(start, end), text.substring(end, i)));
        start = i;
      } else {
        i++;
      }
    }
    out.add(new Line(text.substring(start), ""));
    return out;
  }

  /**
   * The program of the lines that parse; the others go into {@code bad} by line number. Each round
   * blanks the lines found bad so far and parses again, and finds at least one more bad line or
   * ends, so it ends after at most (lines + 1) parses, usually one or two.
   */
  private static Program readLeniently(String text, List<Line> lines,
      Map<Integer, Problem> bad) {
    while (true) {
      try {
        // with no line blanked yet, the text itself: the parser splits it into the same lines
        return TpParser.parse(bad.isEmpty() ? text : joinGood(lines, bad.keySet(), lines.size()));
      } catch (TpSyntaxException e) {
        boolean more = false;
        for (Problem p : e.problems()) {
          int line = p.pos() == null ? 0 : p.pos().line();
          if (line >= 1 && line <= lines.size() && !bad.containsKey(line)) {
            bad.put(line, p);
            more = true;
          }
        }
        if (!more) {
          return unreadable(lines, bad, e.getMessage());
        }
      } catch (RuntimeException | StackOverflowError e) {
        int line = culprit(lines, bad);
        if (line < 0) {
          return unreadable(lines, bad, String.valueOf(e.getMessage()));
        }
        bad.put(line, Problem.error("this statement cannot be read: " + e.getMessage(),
            new SourcePos(line, firstColumn(lines.get(line - 1).text())), null));
      }
    }
  }

  /** The first line whose prefix of the text fails to parse other than by a syntax error. */
  private static int culprit(List<Line> lines, Map<Integer, Problem> bad) {
    for (int k = 1; k <= lines.size(); k++) {
      if (bad.containsKey(k) || LineParts.of(lines.get(k - 1).text()).isTrivia()) {
        continue;
      }
      try {
        TpParser.parse(joinGood(lines, bad.keySet(), k));
      } catch (TpSyntaxException e) {
        continue;
      } catch (RuntimeException | StackOverflowError e) {
        return k;
      }
    }
    return -1;
  }

  /** Nothing could be located: every statement line is reported and the program is empty. */
  private static Program unreadable(List<Line> lines, Map<Integer, Problem> bad, String why) {
    for (int k = 1; k <= lines.size(); k++) {
      if (!bad.containsKey(k) && !LineParts.of(lines.get(k - 1).text()).isTrivia()) {
        bad.put(k, Problem.error("the text cannot be read: " + why,
            new SourcePos(k, firstColumn(lines.get(k - 1).text())), null));
      }
    }
    return Program.builder().build();
  }

  /** The first {@code count} lines with the bad ones blanked (line numbers are kept). */
  private static String joinGood(List<Line> lines, Set<Integer> bad, int count) {
    StringBuilder sb = new StringBuilder();
    for (int k = 1; k <= count; k++) {
      if (!bad.contains(k)) {
        sb.append(lines.get(k - 1).text());
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static int firstColumn(String line) {
    int i = 0;
    while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
      i++;
    }
    return line.codePointCount(0, i) + 1;
  }

  /** The name {@code line} defines if it reads {@code name := …} or {@code input name …}. */
  static String claimedName(String line) {
    String s = line.strip();
    String first = leadingName(s);
    if (first == null) {
      return null;
    }
    String rest = s.substring(first.length()).stripLeading();
    if (first.equals("input")) {
      String second = leadingName(rest);
      return second != null && Names.isValid(second) ? second : null;
    }
    return rest.startsWith(":=") && Names.isValid(first) ? first : null;
  }

  private static String leadingName(String s) {
    if (s.isEmpty() || !Names.isStart(s.codePointAt(0))) {
      return null;
    }
    int i = 0;
    while (i < s.length() && (Names.isPart(s.codePointAt(i)) || Names.isPrime(s.codePointAt(i)))) {
      i += Character.charCount(s.codePointAt(i));
    }
    return s.substring(0, i);
  }
}
