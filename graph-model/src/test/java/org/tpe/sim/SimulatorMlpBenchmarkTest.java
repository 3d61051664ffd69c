package org.tpe.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.tpe.bench.Benchmark;
import org.tpe.model.Program;
import org.tpe.sim.bench.SimulatorMlpBenchmark;
import org.tpe.validate.Validator;

/** The benchmark measures what it says (not how fast: speed lives in {@code tpe bench}). */
class SimulatorMlpBenchmarkTest {
  @Test
  void benchmarkProgramIsTheDepthTenMlpOnTwoInputs() {
    Program p = SimulatorMlpBenchmark.program();
    assertTrue(!Validator.validate(p).hasErrors());
    assertEquals(9, p.matrices().size());
    assertEquals(40, p.vectors().size());
    // its two inputs share every matrix in one pass, so no matrix is stored: only vectors
    assertTrue(FiniteWidthSimulator.requiredBytes(p, SimulatorMlpBenchmark.WIDTH) < 64L << 20);
  }

  @Test
  void benchmarkIsFoundByServiceLoader() {
    boolean found = false;
    for (Benchmark b : ServiceLoader.load(Benchmark.class)) {
      found |= b instanceof SimulatorMlpBenchmark && b.name().equals("simulate-mlp");
    }
    assertTrue(found);
  }
}
