package org.tpe.ntk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.ProgressListener;
import org.tpe.model.Program;

/**
 * The empirical NTK converges to its limit at the Master Theorem's rate: the distance |Θ_n − Θ|,
 * averaged over seeds, falls like n^{-1/2}. Over n = 128 … 2048 with 6 seeds the pooled log-log
 * slope is checked to be −1/2 within three of its standard errors, and that standard error to be
 * small enough (< 0.15) for the check to mean something.
 */
class NtkConvergenceTest {
  @Test
  void empiricalNtkApproachesTheLimitLikeOneOverRootN() {
    Program p = TpParser.parse(MlpNtkTest.mlp("relu", 2, 2, 2, 0.1, 1, MlpNtkTest.GRAM));
    NtkResult limit = NtkLimit.compute(p);
    NtkConvergence c = NtkConvergence.run(p, limit, List.of(128, 256, 512, 1024, 2048),
        List.of(1L, 2L, 3L, 4L, 5L, 6L), 2, ProgressListener.NONE, CancellationToken.NONE);
    assertEquals(6, c.entries().size(), "a ≤ b over three inputs");
    double slope = c.pooled().slope();
    double se = c.pooled().slopeError();
    assertTrue(se < 0.15, "slope known to ±" + se);
    assertTrue(Math.abs(slope + 0.5) <= 3 * se, "slope " + c.pooled());
  }
}
