package org.tpe.ntk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.ProgressListener;
import org.tpe.model.Program;
import org.tpe.sim.FiniteWidthSimulator;

/**
 * {@link EmpiricalNtk#replicated}: every entry is the mean of the R independent draws'
 * ({@link EmpiricalNtk#compute} at the seeds {@link FiniteWidthSimulator#replicateSeed}) with
 * error s/√R, recomputed here from the draws; one replicate has unknown errors.
 */
class EmpiricalNtkReplicatesTest {
  private static final Program MLP = TpParser.parse(MlpNtkTest.mlp("relu", 2, 2, 2, 0.1, 1,
      MlpNtkTest.GRAM));
  private static final int N = 48;

  @Test
  void entriesAreTheMeanOfTheDrawsWithTheirStandardError() {
    int r = 3;
    NtkResult rep = EmpiricalNtk.replicated(MLP, N, 4, r, 2, ProgressListener.NONE,
        CancellationToken.NONE);
    int k = rep.inputs().size();
    double[][][] t = new double[r][][];
    for (int i = 0; i < r; i++) {
      t[i] = EmpiricalNtk.compute(MLP, N, FiniteWidthSimulator.replicateSeed(4, i)).ntk()
          .values();
    }
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        double m = (t[0][a][b] + t[1][a][b] + t[2][a][b]) / 3;
        double ss = 0;
        for (int i = 0; i < r; i++) {
          ss += (t[i][a][b] - m) * (t[i][a][b] - m);
        }
        assertEquals(m, rep.ntk().value(a, b), 1e-12 * Math.abs(m));
        assertEquals(Math.sqrt(ss / 2 / 3), rep.ntk().error(a, b), 1e-12 * Math.abs(m));
      }
    }
    assertTrue(rep.notes().get(rep.notes().size() - 1).contains("standard error s/√3"),
        rep.notes().toString());
    assertTrue(rep.method().endsWith("replicates=3"), rep.method());
  }

  @Test
  void oneReplicateIsOneDrawWithItsErrorsUnknown() {
    NtkResult one = EmpiricalNtk.replicated(MLP, N, 4, 1, 2, ProgressListener.NONE,
        CancellationToken.NONE);
    NtkResult draw = EmpiricalNtk.compute(MLP, N, 4);
    assertEquals(draw.ntk().value(0, 1), one.ntk().value(0, 1));
    assertTrue(Double.isNaN(one.ntk().error(0, 1)));
    assertThrows(IllegalArgumentException.class, () -> EmpiricalNtk.replicated(MLP, N, 4, 0, 2,
        ProgressListener.NONE, CancellationToken.NONE));
  }
}
