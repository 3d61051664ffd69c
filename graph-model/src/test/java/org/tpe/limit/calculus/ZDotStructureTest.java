package org.tpe.limit.calculus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.Limits;
import org.tpe.model.Program;
import org.tpe.validate.ValidationReport;
import org.tpe.validate.Validator;

/** The one decision whether ZDot terms exist and vanish (TP IIb App. B, Def. B.3). */
class ZDotStructureTest {
  @Test
  void aTransposeWithNoEarlierMatMulHasNoZDotTermForValidatorAndEnginesAlike() {
    // issue 8: validate said "ZDot terms do not vanish", limits "every ZDot term is 0"
    Program p = TpParser.parse("input u : G(n)\ninput W : A(n, n)\nx := relu(u)\n"
        + "h := W^T x\n");
    ValidationReport r = Validator.validate(p);
    ZDotStructure z = r.calculus().zDot();
    assertTrue(z.terms("h").isEmpty());
    assertTrue(z.gaussian());
    assertEquals(MasterTheorem.Theorem.NETSOR, r.theorem().theorem());
    CoordinateStatistics s = Limits.compute(p);
    assertEquals("exact", s.method());
    assertTrue(s.notes().get(0).contains("no ZDot term"), s.notes().toString());
  }

  @Test
  void wwtHasOnePresentTermWithItsDependencePath() {
    Program p = TpParser.parse("input v : G(n)\ninput W : A(n, n)\ng := W^T v\nx := tanh(g)\n"
        + "y := W x\n");
    ZDotStructure z = Validator.validate(p).calculus().zDot();
    List<ZDotTerm> ts = z.terms("y");
    assertEquals(1, ts.size());
    ZDotTerm t = ts.get(0);
    assertEquals(ZDotTerm.Rule.PRESENT, t.rule());
    assertEquals("g", t.opposite().target());
    assertEquals(List.of("x", "g"), t.witness());
    assertEquals(t, z.firstPresent());
  }

  @Test
  void anArgumentIndependentOfTheOtherSideGivesAVanishingTerm() {
    Program p = TpParser.parse("input v : G(n)\ninput u : G(n)\ninput W : A(n, n)\n"
        + "g := W^T v\nx := tanh(u)\ny := W x\n");
    ZDotStructure z = Validator.validate(p).calculus().zDot();
    assertEquals(ZDotTerm.Rule.INDEPENDENT, z.terms("y").get(0).rule());
    assertTrue(z.gaussian());
  }

  @Test
  void dependenceIsOnBaseGaussiansNotOnTheDataflow() {
    // z = W^T (W x) reads x through its ZDot term only if W x has one: here h = W x has none
    // (no earlier W^T), so Z^h = Ẑ^h and Z^z's term for h is present through Ẑ^h itself
    Program p = TpParser.parse("input u : G(n)\ninput W : A(n, n)\nx := relu(u)\nh := W x\n"
        + "y := tanh(h)\nz := W^T y\n");
    ZDotStructure z = Validator.validate(p).calculus().zDot();
    assertEquals(ZDotTerm.Rule.PRESENT, z.terms("z").get(0).rule());
    assertTrue(z.dependsOn("y", "h"));
    assertTrue(!z.dependsOn("y", "z"));
  }
}
