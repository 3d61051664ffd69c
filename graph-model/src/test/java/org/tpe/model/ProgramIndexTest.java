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
    CovarianceInputs at = p.covarianceInputs();
    assertEquals(p.covariances().size(), at.size());
    for (int i = 0; i < at.size(); i++) {
      Covariance c = p.covariances().get(i);
      assertEquals(vectorPositionBySearch(p, c.a()), at.first(i), i + ": " + c);
      assertEquals(vectorPositionBySearch(p, c.b()), at.second(i), i + ": " + c);
    }
    assertEquals(-1, at.first(indexOfLineNaming(p, "twice")), "first defined as a matrix");
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
