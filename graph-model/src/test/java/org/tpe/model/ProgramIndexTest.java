package org.tpe.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.validate.RandomPrograms;

/**
 * The O(1) lookups of {@link Program} against the list searches they replace (the oracle is the
 * old code, written out here): the defining instruction or input of a name, its position, and the
 * initial covariance of a pair, where the last {@code cov} entry wins.
 */
class ProgramIndexTest {
  /** The old {@code instructionIndex}: the first statement defining the name, by list search. */
  private static int instructionIndexBySearch(Program p, String name) {
    for (Input in : p.inputs()) {
      if (in.target().equals(name)) {
        return -1;
      }
    }
    for (int i = 0; i < p.instructions().size(); i++) {
      if (p.instructions().get(i).target().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private static int inputIndexBySearch(Program p, String name) {
    for (int i = 0; i < p.inputs().size(); i++) {
      if (p.inputs().get(i).target().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The old {@code initialCovariance}: a scan of every entry, the last one for the pair wins. */
  private static double covarianceByScan(Program p, String a, String b) {
    if (a.equals(b) && p.definition(a) instanceof VectorInput v) {
      return v.variance();
    }
    double c = 0;
    for (Covariance cv : p.covariances()) {
      if (cv.concerns(a, b)) {
        c = cv.value();
      }
    }
    return c;
  }

  @Test
  void lookupsAgreeWithListSearchesOnRandomProgramsWithRedefinitions() {
    Random r = new Random(17);
    for (int trial = 0; trial < 300; trial++) {
      Program base = RandomPrograms.generate(r);
      Program.Builder b = base.toBuilder();
      // redefine some names, as an input and as a later instruction, to test "first wins"
      List<Instruction> ins = new ArrayList<>(base.instructions());
      for (int k = 0; k < 3 && !ins.isEmpty(); k++) {
        Instruction i = ins.get(r.nextInt(ins.size()));
        b.instruction(i);
        if (r.nextBoolean()) {
          b.input(VectorInput.of(i.target()));
        }
      }
      List<String> vs = base.vectorInputs().stream().map(VectorInput::name).toList();
      for (int k = 0; k < 6; k++) {
        b.covariance(new Covariance(vs.get(r.nextInt(vs.size())), vs.get(r.nextInt(vs.size())),
            r.nextInt(5) / 10.0));
      }
      Program p = b.build();
      List<String> names = new ArrayList<>();
      p.statements().forEach(s -> names.add(s.target()));
      names.add("nowhere");
      for (String n : names) {
        assertEquals(instructionIndexBySearch(p, n), p.instructionIndex(n), n);
        assertEquals(inputIndexBySearch(p, n), p.inputIndex(n), n);
      }
      for (String a : vs) {
        for (String c : vs) {
          assertEquals(covarianceByScan(p, a, c), p.initialCovariance(a, c), a + "," + c);
        }
      }
    }
  }

  @Test
  void definitionPosIsWhereTheFirstDefinitionStands() {
    Program p = TpParser.parse("input u : G(n)\n  x := relu(u)\ninput v : G(n)\nx := tanh(u)\n");
    assertEquals(new SourcePos(1, 7), p.definitionPos("u"));
    assertEquals(new SourcePos(3, 7), p.definitionPos("v"));
    assertEquals(new SourcePos(2, 3), p.definitionPos("x"));
    assertEquals(null, p.definitionPos("nowhere"));
    assertEquals(-1, p.covarianceIndex("u", "v"), "no entry");
  }

  @Test
  void theLastCovEntryOfAPairWinsWhicheverWayItIsWritten() {
    Program p = TpParser.parse("input u : G(n)\ninput v : G(n)\ncov(u, v) = 0.1\n"
        + "cov(v, u) = 0.3\ncov(u, v) = 0.2\n");
    assertEquals(0.2, p.initialCovariance("v", "u"));
    assertEquals(2, p.covarianceIndex("v", "u"));
  }

  /**
   * The index by name number against the scan: cov lines about names nothing defines (an
   * ill-formed program the validator reports), about a computed vector, and thousands of pairs,
   * so that the open-addressing table probes past occupied slots; each pair asked both ways round.
   */
  @Test
  void undefinedAndComputedNamesAndManyPairsAgreeWithTheScan() {
    Random r = new Random(171);
    Program.Builder b = Program.builder();
    List<String> names = new ArrayList<>();
    for (int k = 0; k < 90; k++) {
      b.input(VectorInput.of("u" + k));
      names.add("u" + k);
    }
    b.instruction(TpParser.parse("input u0 : G(n)\nx := relu(u0)\n").instructions().get(0));
    names.add("x");
    names.add("ghost");
    names.add("ghost2");
    for (int k = 0; k < 5000; k++) {
      b.covariance(new Covariance(names.get(r.nextInt(names.size())),
          names.get(r.nextInt(names.size())), r.nextInt(100) / 100.0));
    }
    Program p = b.build();
    for (String a : names) {
      for (String c : names) {
        assertEquals(covarianceByScan(p, a, c), p.initialCovariance(a, c), a + "," + c);
      }
    }
    assertEquals(-1, p.covarianceIndex("ghost", "never named"));
    assertEquals(-1, p.covarianceIndex("never named", "u1"));
  }

  /**
   * The old resolution of a {@code cov} name: the position among the vector inputs of the
   * input that first defines it, by list search; -1 when the first definition is not a vector
   * input (a matrix, a scalar, an instruction) or nothing defines it.
   */
  private static int vectorPositionBySearch(Program p, String name) {
    for (Statement s : p.statements()) {
      if (s.target().equals(name)) {
        return s instanceof VectorInput v ? p.vectorInputs().indexOf(v) : -1;
      }
    }
    return -1;
  }

  /**
   * {@link Program#covarianceInputs} against that search, on lines naming vector inputs
   * interleaved with matrices and scalars, a name defined first as a matrix and then as a vector
   * input, a computed vector and names nothing defines.
   */
  @Test
  void covarianceInputsAreTheVectorInputsTheLinesName() {
    Random r = new Random(172);
    Program.Builder b = Program.builder();
    List<String> names = new ArrayList<>();
    for (int k = 0; k < 40; k++) {
      b.input(VectorInput.of("u" + k));
      names.add("u" + k);
      if (k % 7 == 3) {
        b.input(new MatrixInput("W" + k, 1.0));
        names.add("W" + k);
      }
      if (k % 11 == 5) {
        b.input(new ScalarInput("c" + k, 0.5));
        names.add("c" + k);
      }
    }
    b.input(new MatrixInput("twice", 1.0));
    b.input(VectorInput.of("twice"));
    names.add("twice");
    b.instruction(TpParser.parse("input u0 : G(n)\nx := relu(u0)\n").instructions().get(0));
    names.add("x");
    names.add("ghost");
    for (int k = 0; k < 3000; k++) {
      b.covariance(new Covariance(names.get(r.nextInt(names.size())),
          names.get(r.nextInt(names.size())), r.nextInt(100) / 100.0));
    }
    Program p = b.build();
    assertResolvedAsBySearch(p);
    assertEquals(-1, p.covarianceInputs().first(indexOfLineNaming(p, "twice")),
        "first defined as a matrix");
    assertEquals(false, p.covarianceInputs().plain());
  }

  /**
   * The earlier line about each line's pair, against a backward search, with the inputs' pairs
   * in a dense table (k²/2 lines of k inputs, some repeated either way round) and in a hash table
   * (3 000 inputs, a few lines); a program whose lines are all distinct pairs of vector inputs is
   * plain, and one line more about a pair, or a variance line, makes it not.
   */
  @Test
  void earlierLinesAreTheLastBeforeAboutTheSamePair() {
    Random r = new Random(173);
    for (int inputs : new int[] {60, 3000}) {
      Program.Builder b = Program.builder();
      for (int k = 0; k < inputs; k++) {
        b.input(VectorInput.of("u" + k));
      }
      int lines = inputs == 60 ? 1770 : 12;
      java.util.Set<String> seen = new java.util.HashSet<>();
      while (seen.size() < lines) {
        int x = r.nextInt(inputs);
        int y = r.nextInt(inputs);
        if (x != y && seen.add(Math.min(x, y) + "," + Math.max(x, y))) {
          b.covariance(new Covariance("u" + x, "u" + y, 0.01));
        }
      }
      assertEquals(true, b.build().covarianceInputs().plain(), "distinct pairs");
      assertResolvedAsBySearch(b.build());
      b.covariance(new Covariance("u1", "u0", 0.02));
      b.covariance(new Covariance("u0", "u1", 0.03));
      Program p = b.build();
      assertEquals(false, p.covarianceInputs().plain());
      assertResolvedAsBySearch(p);
      Program.Builder v = Program.builder();
      v.input(VectorInput.of("w"));
      v.covariance(new Covariance("w", "w", 0.5));
      assertEquals(false, v.build().covarianceInputs().plain(), "a variance line");
      assertEquals(-1, v.build().covarianceInputs().earlier(0));
    }
  }

  /** first, second and earlier of every line of {@code p} against list searches. */
  private static void assertResolvedAsBySearch(Program p) {
    CovarianceInputs at = p.covarianceInputs();
    assertEquals(p.covariances().size(), at.size());
    for (int i = 0; i < at.size(); i++) {
      Covariance c = p.covariances().get(i);
      int a = vectorPositionBySearch(p, c.a());
      int b = vectorPositionBySearch(p, c.b());
      assertEquals(a, at.first(i), i + ": " + c);
      assertEquals(b, at.second(i), i + ": " + c);
      int earlier = -1;
      for (int j = i - 1; j >= 0 && a >= 0 && b >= 0 && a != b && earlier < 0; j--) {
        Covariance d = p.covariances().get(j);
        if (d.concerns(c.a(), c.b())) {
          earlier = j;
        }
      }
      assertEquals(earlier, at.earlier(i), i + ": " + c);
    }
  }

  private static int indexOfLineNaming(Program p, String name) {
    for (int i = 0; i < p.covariances().size(); i++) {
      if (p.covariances().get(i).a().equals(name)) {
        return i;
      }
    }
    throw new AssertionError("no line names " + name);
  }
}
