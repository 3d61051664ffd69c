package org.tpe.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tpe.expr.ExprPrinter;
import org.tpe.model.SourcePos;
import org.tpe.network.Network;
import org.tpe.network.NetworkSource;
import org.tpe.network.Parametrization;
import org.tpe.network.Training;

/**
 * The text of the network declarations ({@link Network}): {@code parametrization}, {@code
 * inputs}, {@code gram}, {@code embedding}, {@code param} and {@code readout} statements, and the
 * training setup ({@link Training}): {@code train}, {@code test}, {@code loss}, {@code lr}, {@code
 * steps}, {@code batch}; one a line. {@link TpParser} hands a line here when it starts with one of
 * these keywords followed by a name (a number for {@code lr} and {@code steps}), so {@code param
 * := …} stays an assignment; {@link TpPrinter} prints the declarations after the program.
 * Printing then parsing gives the same {@link Network}.
 */
final class NetworkSyntax {
  private static final Set<String> KEYWORDS = Set.of("parametrization", "inputs", "gram",
      "embedding", "param", "readout", "train", "test", "loss", "batch");
  /** Training keywords followed by a number. */
  private static final Set<String> NUMERIC = Set.of("lr", "steps");

  private final Network.Builder b = Network.builder();
  private final NetworkSource.Builder src = new NetworkSource.Builder();
  private boolean any;
  private SourcePos inputsAt;
  private SourcePos readoutAt;
  private SourcePos parametrizationAt;
  private int gramRows;
  private int embeddings;
  private int params;
  private final List<Training.Example> examples = new ArrayList<>();
  private final List<String> tests = new ArrayList<>();
  private boolean training;
  private Training.Loss loss;
  private Double learningRate;
  private Double steps;
  private Training.Batch batch;
  private final java.util.Map<String, SourcePos> trainingAt = new java.util.HashMap<>();

  /** Whether the line {@code tokens} is a network declaration. */
  static boolean isDeclaration(List<Token> tokens) {
    Token first = tokens.get(0);
    if (first.type() != Token.Type.NAME) {
      return false;
    }
    Token second = tokens.get(1);
    // the second token first: an assignment's ':=' decides without looking the name up
    return (second.type() == Token.Type.NAME && KEYWORDS.contains(first.text()))
        || ((second.type() == Token.Type.NUMBER || second.is("-") || second.is("+")
            || second.is("(")) && NUMERIC.contains(first.text()));
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
      case "readout" -> readout(c, pos);
      default -> training(keyword, c, pos);
    }
    c.expectEnd();
  }

  private void training(String keyword, TpParser.Cursor c, SourcePos pos) {
    if (!training) {
      src.put("training", pos);
      training = true;
    }
    switch (keyword) {
      case "train" -> {
        do {
          Token t = c.peek();
          String input = c.name("a training input (e.g. ξ1)");
          c.expect(":", "after the training input: write train " + input + " : label");
          Token lt = c.peek();
          double label = c.constant("the label of " + input);
          src.put("train:" + examples.size(), at(pos, t));
          src.put("train:" + examples.size() + ":label", at(pos, lt));
          examples.add(new Training.Example(input, label));
        } while (c.accept(","));
      }
      case "test" -> {
        do {
          Token t = c.peek();
          String input = c.name("a test input (e.g. ξ3)");
          src.put("test:" + tests.size(), at(pos, t));
          tests.add(input);
        } while (c.accept(","));
      }
      case "loss" -> {
        once(trainingAt.get(keyword), pos, keyword);
        Token t = c.next();
        loss = Training.Loss.byKeyword(t.text());
        if (t.type() != Token.Type.NAME || loss == null) {
          throw new LineError(t.column(), "expected a loss (mse or logistic) but found "
              + t.describe());
        }
        src.put("loss:value", at(pos, t));
      }
      case "batch" -> {
        once(trainingAt.get(keyword), pos, keyword);
        Token t = c.next();
        batch = Training.Batch.byKeyword(t.text());
        if (t.type() != Token.Type.NAME || batch == null) {
          throw new LineError(t.column(), "expected a batch (cyclic: one example per step, or"
              + " full: every example) but found " + t.describe());
        }
        src.put("batch:value", at(pos, t));
      }
      default -> {
        once(trainingAt.get(keyword), pos, keyword);
        Token t = c.peek();
        double v = c.constant(keyword.equals("lr") ? "the learning rate" : "the number of steps");
        src.put(keyword + ":value", at(pos, t));
        if (keyword.equals("lr")) {
          learningRate = v;
        } else {
          steps = v;
        }
      }
    }
    trainingAt.putIfAbsent(keyword, pos);
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
    if (training) {
      b.training(new Training(examples, tests, loss, learningRate, steps, batch));
    }
    return any ? b.source(src.build()).build() : Network.NONE;
  }

  /**
   * The declarations of {@code n} as keyed statements in canonical order (the training setup last),
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
    Training t = n.training();
    if (t != null) {
      trainingStatements(t, src, out);
    }
    return out;
  }

  /** The training setup's statements: one train and one test line however many were written. */
  private static void trainingStatements(Training t, NetworkSource src, List<TpPrinter.Keyed> out) {
    if (!t.examples().isEmpty()) {
      List<String> es = new ArrayList<>();
      java.util.Set<Integer> lines = new java.util.TreeSet<>();
      for (int i = 0; i < t.examples().size(); i++) {
        Training.Example e = t.examples().get(i);
        es.add(e.input() + " : " + ExprPrinter.number(e.label()));
        addLine(lines, src.example(i));
      }
      out.add(new TpPrinter.Keyed(new StatementKey("train", ""), "train " + String.join(", ", es),
          null, List.copyOf(lines)));
    }
    if (!t.tests().isEmpty()) {
      java.util.Set<Integer> lines = new java.util.TreeSet<>();
      for (int i = 0; i < t.tests().size(); i++) {
        addLine(lines, src.test(i));
      }
      out.add(new TpPrinter.Keyed(new StatementKey("test", ""), "test "
          + String.join(", ", t.tests()), null, List.copyOf(lines)));
    }
    if (t.loss() != null) {
      out.add(keyed("loss", "", "loss " + t.loss().keyword(), src.trainingValue("loss")));
    }
    if (t.learningRate() != null) {
      out.add(keyed("lr", "", "lr " + ExprPrinter.number(t.learningRate()),
          src.trainingValue("lr")));
    }
    if (t.steps() != null) {
      out.add(keyed("steps", "", "steps " + ExprPrinter.number(t.steps()),
          src.trainingValue("steps")));
    }
    if (t.batch() != null) {
      out.add(keyed("batch", "", "batch " + t.batch().keyword(), src.trainingValue("batch")));
    }
  }

  private static void addLine(java.util.Set<Integer> lines, SourcePos at) {
    if (at != null) {
      lines.add(at.line());
    }
  }

  private static TpPrinter.Keyed keyed(String kind, String subject, String code, SourcePos at) {
    return new TpPrinter.Keyed(new StatementKey(kind, subject), code, null,
        at == null ? List.of() : List.of(at.line()));
  }
}
