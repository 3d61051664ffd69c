package org.tpe.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.tpe.expr.Expr;
import org.tpe.expr.Fn;
import org.tpe.model.Classifier;
import org.tpe.model.Covariance;
import org.tpe.model.Instruction;
import org.tpe.model.MatMul;
import org.tpe.model.MatrixInput;
import org.tpe.model.Moment;
import org.tpe.model.Point;
import org.tpe.model.Program;
import org.tpe.model.ScalarInput;
import org.tpe.model.VarKind;
import org.tpe.model.VectorInput;

/**
 * print∘parse is the identity on programs: every program built the way the parser and the
 * editor build them (instructions classified by {@link Classifier}) prints to text that parses
 * back to an equal program, and printing is a fixed point.
 */
class PrintParseRoundTripTest {
  private static final String[] VECTOR_NAMES = {"u", "v", "h1", "x'", "g''", "θ̃", "ξ0", "h_2",
      "dh", "αβ", "x2′", "z9"};

  @Property(tries = 400)
  void printThenParseGivesTheSameProgram(@ForAll long seed) {
    Program p = randomProgram(new Random(seed));
    String text = TpPrinter.print(p);
    Program back = TpParser.parse(text);
    assertEquals(p, back, text);
    assertEquals(text, TpPrinter.print(back));
  }

  /** The canonical text is the canonical statements, one a line (print writes it directly). */
  @Property(tries = 400)
  void printIsTheStatementsOneALine(@ForAll long seed) {
    assertPrintIsItsStatements(randomProgram(new Random(seed)));
  }

  @org.junit.jupiter.api.Test
  void printIsTheStatementsOneALineForEverySample() throws java.io.IOException {
    // the samples hold network declarations, titles, layouts and every kind of instruction
    java.nio.file.Path dir = java.nio.file.Path.of("..", "samples", "src", "main", "resources",
        "org", "tpe", "samples");
    List<java.nio.file.Path> files;
    try (var s = java.nio.file.Files.list(dir)) {
      files = s.filter(f -> f.toString().endsWith(".tp")).sorted().toList();
    }
    org.junit.jupiter.api.Assertions.assertTrue(files.size() > 10, dir.toString());
    for (java.nio.file.Path f : files) {
      assertPrintIsItsStatements(TpParser.parse(f));
    }
  }

  private static void assertPrintIsItsStatements(Program p) {
    StringBuilder sb = new StringBuilder();
    for (TpPrinter.Keyed k : TpPrinter.statements(p)) {
      sb.append(k.code()).append(k.at() == null ? "" : TpPrinter.at(k.at())).append('\n');
    }
    assertEquals(sb.toString(), TpPrinter.print(p));
  }

  static Program randomProgram(Random r) {
    Program.Builder b = Program.builder();
    Map<String, VarKind> kinds = new HashMap<>();
    List<String> vectors = new ArrayList<>();
    List<String> scalars = new ArrayList<>();
    List<String> matrices = new ArrayList<>();
    int counter = 0;
    if (r.nextBoolean()) {
      b.title("t \"q\" # \\ é" + r.nextInt(100));
    }
    int nv = 1 + r.nextInt(3);
    for (int i = 0; i < nv; i++) {
      String name = VECTOR_NAMES[i];
      b.input(new VectorInput(name, r.nextBoolean() ? 0 : num(r), Math.abs(num(r))));
      vectors.add(name);
      kinds.put(name, VarKind.G);
    }
    for (int i = 0; i < 1 + r.nextInt(2); i++) {
      String name = "W" + i;
      b.input(new MatrixInput(name, 0.5 + r.nextInt(4)));
      matrices.add(name);
      kinds.put(name, VarKind.A);
    }
    if (r.nextBoolean()) {
      b.input(new ScalarInput("γ", num(r)));
      scalars.add("γ");
      kinds.put("γ", VarKind.SCALAR);
    }
    if (nv >= 2 && r.nextBoolean()) {
      b.covariance(new Covariance(vectors.get(0), vectors.get(1), num(r)));
    }
    int steps = 1 + r.nextInt(12);
    for (int s = 0; s < steps; s++) {
      String target = "y" + (counter++);
      Instruction ins;
      int choice = r.nextInt(5);
      if (choice == 0) {
        ins = new MatMul(target, matrices.get(r.nextInt(matrices.size())), r.nextBoolean(),
            vectors.get(r.nextInt(vectors.size())));
      } else if (choice == 1) {
        ins = new Moment(target, expr(r, vectors, scalars, 3, true));
      } else if (choice == 2 && !scalars.isEmpty()) {
        ins = Classifier.classify(target, expr(r, List.of(), scalars, 3, false), kinds::get);
      } else if (choice == 3) {
        // a linear form: becomes a LinComb when every reference is a G-var
        Expr e = new Expr.Ref(vectors.get(r.nextInt(vectors.size())));
        for (int k = 0; k < r.nextInt(3); k++) {
          Expr t = new Expr.Bin('*', new Expr.Num(num(r)),
              new Expr.Ref(vectors.get(r.nextInt(vectors.size()))));
          e = new Expr.Bin(r.nextBoolean() ? '+' : '-', e, t);
        }
        ins = Classifier.classify(target, e, kinds::get);
      } else {
        ins = Classifier.classify(target, expr(r, vectors, scalars, 3, true), kinds::get);
      }
      b.instruction(ins);
      kinds.put(target, ins.resultKind());
      (ins.resultKind() == VarKind.SCALAR ? scalars : vectors).add(target);
      if (r.nextInt(3) == 0) {
        b.position(target, new Point(num(r) * 100, num(r) * 10));
      }
    }
    for (String v : vectors) {
      if (r.nextInt(4) == 0) {
        b.output(v);
      }
    }
    return b.build();
  }

  private static double num(Random r) {
    switch (r.nextInt(6)) {
      case 0:
        return r.nextInt(10) - 3;
      case 1:
        return Math.PI;
      case 2:
        return r.nextGaussian() * 1e-7;
      case 3:
        return r.nextGaussian() * 1e12;
      default:
        return Math.round(r.nextGaussian() * 1000) / 100.0;
    }
  }

  /** A random expression tree as the parser would build it (no minus applied to a literal). */
  private static Expr expr(Random r, List<String> vectors, List<String> scalars, int depth,
      boolean needVector) {
    if (needVector) {
      Expr v = new Expr.Ref(vectors.get(r.nextInt(vectors.size())));
      return depth == 0 ? v : new Expr.Bin("+-*/^".charAt(r.nextInt(5)), v,
          expr(r, vectors, scalars, depth - 1, false));
    }
    if (depth == 0 || r.nextInt(4) == 0) {
      int pick = r.nextInt(3);
      if (pick == 0 || (vectors.isEmpty() && scalars.isEmpty())) {
        return new Expr.Num(num(r));
      }
      List<String> pool = new ArrayList<>(vectors);
      pool.addAll(scalars);
      return new Expr.Ref(pool.get(r.nextInt(pool.size())));
    }
    switch (r.nextInt(4)) {
      case 0: {
        Expr operand = expr(r, vectors, scalars, depth - 1, false);
        return operand instanceof Expr.Num ? operand : new Expr.Neg(operand);
      }
      case 1: {
        Fn fn = Fn.values()[r.nextInt(Fn.values().length)];
        List<Expr> args = new ArrayList<>();
        for (int i = 0; i < fn.arity(); i++) {
          args.add(expr(r, vectors, scalars, depth - 1, false));
        }
        return new Expr.Call(fn, args);
      }
      default:
        return new Expr.Bin("+-*/^".charAt(r.nextInt(5)), expr(r, vectors, scalars, depth - 1,
            false), expr(r, vectors, scalars, depth - 1, false));
    }
  }
}
