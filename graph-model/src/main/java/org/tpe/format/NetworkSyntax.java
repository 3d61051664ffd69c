package org.tpe.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tpe.expr.ExprPrinter;
import org.tpe.model.SourcePos;
import org.tpe.network.Network;
import org.tpe.network.NetworkSource;
import org.tpe.network.Parametrization;

/**
 * The text of the network declarations ({@link Network}): {@code parametrization}, {@code
 * inputs}, {@code gram}, {@code embedding}, {@code param} and {@code readout} statements, one a
 * line. {@link TpParser} hands a line here when it starts with one of these keywords followed by
 * a name (so {@code param := …} stays an assignment); {@link TpPrinter} prints the declarations
 * after the program. Printing then parsing gives the same {@link Network}.
 */
final class NetworkSyntax {
  private static final Set<String> KEYWORDS =
      Set.of("parametrization", "inputs", "gram", "embedding", "param", "readout");

  private final Network.Builder b = Network.builder();
  private final NetworkSource.Builder src = new NetworkSource.Builder();
  private boolean any;
  private SourcePos inputsAt;
  private SourcePos readoutAt;
  private SourcePos parametrizationAt;
  private int gramRows;
  private int embeddings;
  private int params;

  /** Whether the line {@code tokens} is a network declaration. */
  static boolean isDeclaration(List<Token> tokens) {
    Token first = tokens.get(0);
    return first.type() == Token.Type.NAME && KEYWORDS.contains(first.text())
        && tokens.get(1).type() == Token.Type.NAME;
  }

  /** Parses one declaration line (its tokens are {@code c}'s, positioned at the keyword). */
  void parse(TpParser.Cursor c, SourcePos pos) {
    String keyword = c.next().text();
    if (!any) {
      src.put("first", pos);
      any = true;
    }
    switch (keyword) {
      case "parametrization" -> parametrization(c, pos);
      case "inputs" -> inputs(c, pos);
      case "gram" -> gram(c, pos);
      case "embedding" -> embedding(c, pos);
      case "param" -> param(c, pos);
      default -> readout(c, pos);
    }
    c.expectEnd();
  }

  private void parametrization(TpParser.Cursor c, SourcePos pos) {
    once(parametrizationAt, pos, "parametrization");
    parametrizationAt = pos;
    Token t = c.peek();
    Parametrization p = parametrizationValue(c);
    if (p.scheme() == Parametrization.Scheme.ABC) {
      throw new LineError(t.column(), "abc(a, b, c) gives one parameter's exponents: write it on"
          + " a param line (param W : abc(0.5, 0, 0)); the network-wide parametrization is ntk,"
          + " standard or mup");
    }
    src.put("parametrization", pos);
    b.parametrization(p);
  }

  private void inputs(TpParser.Cursor c, SourcePos pos) {
    once(inputsAt, pos, "inputs");
    inputsAt = pos;
    src.put("inputs", pos);
    List<String> names = new ArrayList<>();
    do {
      Token t = c.peek();
      String name = c.name("an input's name (e.g. ξ1)");
      src.put("inputs:" + name, at(pos, t));
      names.add(name);
    } while (c.accept(","));
    b.inputs(names);
  }

  private void gram(TpParser.Cursor c, SourcePos pos) {
    String input = c.name("the input whose row of the Gram matrix this is");
    int token = 0;
    if (c.accept("(")) {
      Token t = c.peek();
      double v = c.constant("the token number");
      if (v != Math.rint(v) || v < 1 || v > 1e6) {
        throw new LineError(t.column(), "a token number is a whole number from 1, e.g. "
            + input + "(2)");
      }
      token = (int) v;
      c.expect(")", "to close the token number");
    }
    c.expect(":", "after the row's input: write gram " + input + " : 1, 0.5");
    int row = gramRows++;
    src.put("gram:" + row, pos);
    List<Double> values = new ArrayList<>();
    do {
      Token t = c.peek();
      src.put("gram:" + row + ":" + values.size(), at(pos, t));
      values.add(c.constant("an entry of the Gram matrix"));
    } while (c.accept(","));
    b.gramRow(new Network.GramRow(input, token, values));
  }

  private void embedding(TpParser.Cursor c, SourcePos pos) {
    int i = embeddings++;
    src.put("embedding:" + i, pos);
    String matrix = c.name("the input layer's matrix (e.g. U)");
    c.expect(":", "after the input layer's matrix: write embedding " + matrix + " : h1");
    List<String> tokens = new ArrayList<>();
    do {
      Token t = c.peek();
      String name = c.name("an embedding vector (an initial vector of the program)");
      src.put("embedding:" + i + ":" + name, at(pos, t));
      tokens.add(name);
    } while (c.accept(","));
    b.embedding(new Network.Embedding(matrix, tokens));
  }

  private void param(TpParser.Cursor c, SourcePos pos) {
    int i = params++;
    src.put("param:" + i, pos);
    List<String> names = new ArrayList<>();
    do {
      Token t = c.peek();
      String name = c.name("a parameter (a matrix, an initial vector or an input layer)");
      src.put("param:" + i + ":" + name, at(pos, t));
      names.add(name);
    } while (c.accept(","));
    Parametrization p = null;
    if (c.accept(":")) {
      src.put("param:" + i + ":parametrization", at(pos, c.peek()));
      p = parametrizationValue(c);
    }
    b.param(new Network.Param(names, p));
  }

  private void readout(TpParser.Cursor c, SourcePos pos) {
    once(readoutAt, pos, "readout");
    readoutAt = pos;
    src.put("readout", pos);
    Token wt = c.peek();
    String weights = c.name("the readout weights (an initial vector v)");
    src.put("readout:weights", at(pos, wt));
    c.expect("*", "between the readout weights and the vector they read: write readout "
        + weights + " · x (f = " + weights + "ᵀx/√n)");
    Token vt = c.peek();
    String vector = c.name("the vector the readout reads");
    src.put("readout:vector", at(pos, vt));
    b.readout(new Network.Readout(weights, vector));
  }

  private static Parametrization parametrizationValue(TpParser.Cursor c) {
    Token t = c.next();
    Parametrization.Scheme s = t.type() == Token.Type.NAME
        ? Parametrization.Scheme.byKeyword(t.text()) : null;
    if (s == null) {
      throw new LineError(t.column(), "expected a parametrization (ntk, standard, mup or abc(a,"
          + " b, c)) but found " + t.describe());
    }
    if (s != Parametrization.Scheme.ABC) {
      return Parametrization.of(s);
    }
    c.expect("(", "after abc: write abc(a, b, c)");
    double a = c.constant("the exponent a");
    c.expect(",", "between a and b");
    double bb = c.constant("the exponent b");
    c.expect(",", "between b and c");
    double cc = c.constant("the exponent c");
    c.expect(")", "to close abc(a, b, c)");
    return Parametrization.abc(a, bb, cc);
  }

  private static void once(SourcePos earlier, SourcePos pos, String keyword) {
    if (earlier != null) {
      throw new LineError(1, "a network has one " + keyword + " statement; the first is at line "
          + earlier.line());
    }
  }

  private static SourcePos at(SourcePos line, Token t) {
    return new SourcePos(line.line(), t.column());
  }

  /** The declarations, or {@link Network#NONE} when the text has none. */
  Network build() {
    return any ? b.source(src.build()).build() : Network.NONE;
  }

  /** The canonical text of {@code n}, one declaration a line (empty for no network). */
  static String print(Network n) {
    StringBuilder sb = new StringBuilder();
    for (TpPrinter.Keyed k : statements(n)) {
      sb.append(k.code()).append('\n');
    }
    return sb.toString();
  }

  /**
   * The declarations of {@code n} as keyed statements, in the order {@link #print} writes them,
   * each with the line it was read from (see {@link TpPrinter#statements}).
   */
  static List<TpPrinter.Keyed> statements(Network n) {
    List<TpPrinter.Keyed> out = new ArrayList<>();
    if (n.isEmpty()) {
      return out;
    }
    NetworkSource src = n.source() == null ? NetworkSource.EMPTY : n.source();
    if (n.parametrization() != null) {
      out.add(keyed("parametrization", "", "parametrization " + n.parametrization().text(),
          src.parametrization()));
    }
    if (!n.inputs().isEmpty()) {
      out.add(keyed("inputs", "", "inputs " + String.join(", ", n.inputs()), src.inputs(null)));
    }
    for (int i = 0; i < n.gram().size(); i++) {
      Network.GramRow r = n.gram().get(i);
      List<String> vs = new ArrayList<>();
      r.values().forEach(v -> vs.add(ExprPrinter.number(v)));
      out.add(keyed("gram", r.label(), "gram " + r.label() + " : " + String.join(", ", vs),
          src.gramRow(i, -1)));
    }
    for (int i = 0; i < n.embeddings().size(); i++) {
      Network.Embedding e = n.embeddings().get(i);
      out.add(keyed("embedding", e.matrix(), "embedding " + e.matrix() + " : "
          + String.join(", ", e.tokens()), src.embedding(i, null)));
    }
    for (int i = 0; i < n.params().size(); i++) {
      Network.Param p = n.params().get(i);
      out.add(keyed("param", String.join(" ", p.names()), "param " + String.join(", ", p.names())
          + (p.parametrization() == null ? "" : " : " + p.parametrization().text()),
          src.param(i, null)));
    }
    if (n.readout() != null) {
      out.add(keyed("readout", "", "readout " + n.readout().weights() + " · "
          + n.readout().vector(), src.readout(false)));
    }
    return out;
  }

  private static TpPrinter.Keyed keyed(String kind, String subject, String code, SourcePos at) {
    return new TpPrinter.Keyed(new StatementKey(kind, subject), code, null,
        at == null ? List.of() : List.of(at.line()));
  }
}
