package org.tpe.app.editor.hover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.model.Program;
import org.tpe.session.AnalysisSession;
import org.tpe.session.Snapshot;

/** What a node's hover card says, from a session's snapshot. */
class NodeFactsTest {
  static final String WWT = "input v : G(n) ~ N(0, 1)\ninput W : A(n, n) ~ N(0, 1.5/n)\n"
      + "g := W^T v\ny := W g\nx := relu(y)\nθ := avg(x * x)\n";

  /** The session's first finished snapshot of {@code p} with its limits. */
  static Snapshot finished(Program p) throws Exception {
    CompletableFuture<Snapshot> done = new CompletableFuture<>();
    try (AnalysisSession s = new AnalysisSession(AnalysisSession.Settings.defaults(), snap -> {
      if (snap.finished() && snap.limits().isDone()) {
        done.complete(snap);
      }
    })) {
      s.submit(p);
      return done.get(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void aMatMulsCardHasItsRuleItsDefinitionAndItsExactLimit() throws Exception {
    Program p = TpParser.parse(WWT);
    Snapshot s = finished(p);
    NodeFacts y = NodeFacts.of(p, s, "y");
    assertEquals("G-var (MatMul)", y.kind());
    assertEquals("y := W g", y.definition());
    assertTrue(y.facts().get(0).startsWith("ZMatMul: Z^y = Ẑ^y + Ż^y"), y.facts().toString());
    // W Wᵀ v: E[(Z^y)²] = 2σ⁴ = 4.5 at σ² = 1.5, mean 0; exact, so without ±
    assertTrue(y.limit().startsWith("E Z^y = 0,  Var Z^y = 4.500"), y.limit());
    // θ = E relu(Z^y)² = Var/2 = 2.25 (relu keeps half of a centred Gaussian's second moment)
    NodeFacts t = NodeFacts.of(p, s, "θ");
    assertEquals("scalar (Moment)", t.kind());
    assertTrue(t.limit().startsWith("θ̊ = 2.250"), t.limit());
    assertTrue(NodeFacts.of(p, s, "x").kind().startsWith("X-var (Nonlin"));
  }

  @Test
  void aMatrixCardHasItsSigmaAndItsMatMuls() {
    Program p = TpParser.parse(WWT);
    NodeFacts w = NodeFacts.of(p, null, "W");
    assertEquals("matrix", w.kind());
    assertEquals("entries iid N(0, σ²/n), σ² = 1.500", w.facts().get(0));
    assertEquals("MatMuls: g := W^T v, y := W g", w.facts().get(1));
    assertEquals("limits: computing…", w.limit());
    assertNull(w.histogram());
  }

  @Test
  void aCardOfAnotherProgramShowsNoNumber() throws Exception {
    Program p = TpParser.parse(WWT);
    Snapshot s = finished(p);
    Program edited = TpParser.parse(WWT.replace("1.5/n", "2/n"));
    assertEquals("limits: computing…", NodeFacts.of(edited, s, "y").limit());
  }

  @Test
  void errorsAreWrittenWithPlusMinus() {
    assertEquals("0.5000 ± 0.002", NodeFacts.est(new org.tpe.limit.Estimate(0.5, 0.0021)));
    assertEquals("4.500", NodeFacts.est(new org.tpe.limit.Estimate(4.5, 0)));
  }
}
