package org.tpe.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.model.Program;

/** Given pairs keep the order they were given in, and so do the problems reported about them. */
class LimitRequestTest {
  @Test
  void pairsKeepTheirOrder() {
    List<LimitRequest.Pair> given = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      given.add(new LimitRequest.Pair("a" + (49 - i), "b" + i));
    }
    assertEquals(given, new ArrayList<>(LimitRequest.pairs(given).pairs()));
    assertThrows(UnsupportedOperationException.class,
        () -> LimitRequest.pairs(given).pairs().clear());
  }

  @Test
  void theFirstUnknownVectorGivenIsTheOneReported() {
    Program p = TpParser.parse("input u : G(n)\nx := relu(u)\noutput x\n");
    for (int i = 0; i < 20; i++) {
      List<LimitRequest.Pair> pairs = new ArrayList<>();
      pairs.add(new LimitRequest.Pair("x", "u"));
      for (int j = 0; j < 10; j++) {
        pairs.add(new LimitRequest.Pair("x", "missing" + ((i + j) % 10)));
      }
      LimitException e = assertThrows(LimitException.class,
          () -> Limits.compute(p, LimitRequest.pairs(pairs), LimitOptions.defaults(),
              java.util.Set.of(), ProgressListener.NONE, CancellationToken.NONE));
      String message = e.problems().get(0).message();
      assertTrue(message.startsWith("second moments of missing" + (i % 10) + " "), message);
    }
  }

  @Test
  void aNullPairIsRefused() {
    List<LimitRequest.Pair> pairs = new ArrayList<>();
    pairs.add(null);
    assertThrows(NullPointerException.class, () -> LimitRequest.pairs(pairs));
  }
}
