package org.tpe.spectrum.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.tpe.bench.Benchmark;
import org.tpe.spectrum.Jacobian;

class SpectrumBenchmarkTest {
  @Test
  void benchmarkIsRegisteredAndMeasuresADepth5ReluMlp() {
    boolean found = false;
    for (Benchmark b : ServiceLoader.load(Benchmark.class)) {
      found |= b instanceof SpectrumBenchmark && b.name().equals("spectrum");
    }
    assertTrue(found);
    Jacobian j = Jacobian.of(SpectrumBenchmark.mlp(), null, null);
    assertEquals(5, j.matrices().size());
    assertTrue(j.formula().startsWith("W5 · diag(relu′(h4))"), j.formula());
  }
}
