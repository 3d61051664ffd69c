package org.tpe.limit.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tpe.limit.exact.MethodLog.Quantity;

/**
 * The method log attributes each closed form and quadrature to the innermost class of quantity
 * open when it was counted (a second moment needed inside a ZHat covariance counts as a second
 * moment, not twice), however deep the nesting, and adds other threads' counts to their class.
 */
class MethodLogTest {
  private final ExactEngine e = BudgetsNotHangsTest.engine("input u : G(n)\nx := relu(u)\n");

  private void closedForms(long k) {
    e.expectations.closedForms += k;
  }

  private void quadratures(long k) {
    e.integrator.quadratures += k;
  }

  @Test
  void nestedCountsGoToTheInnermostClassOnly() {
    MethodLog log = new MethodLog();
    log.begin(Quantity.ZHAT_COVARIANCE, e);
    closedForms(2); // the covariance's own
    for (int k = 0; k < 3; k++) {
      log.begin(Quantity.SECOND_MOMENT, e);
      closedForms(1);
      log.begin(Quantity.MOMENT, e); // deeper still: a Moment inside the second moment
      quadratures(4);
      log.end(e);
      quadratures(1);
      log.end(e);
    }
    closedForms(5);
    log.end(e);
    // nothing open: counted nowhere
    closedForms(100);
    log.add(Quantity.ZDOT_COEFFICIENT, 7, 0);
    log.add(Quantity.SECOND_MOMENT, 0, 2);
    assertEquals("ZHat covariances σ²E[Z^x Z^y]: closed forms (7); ZDot right-hand sides"
        + " E[Ẑ Z^x] (Stein form C⁺b): closed forms (7); second moments E[Z^a Z^b]: 3 closed"
        + " forms, 5 by quadrature; Moments: 0 closed forms, 12 by quadrature", log.summary());
  }

  @Test
  void classesWithNothingCountedAreLeftOut() {
    MethodLog log = new MethodLog();
    log.begin(Quantity.MOMENT, e);
    log.end(e);
    assertEquals("", log.summary());
    for (int depth = 0; depth < 40; depth++) { // past the frames kept at first
      log.begin(Quantity.SECOND_MOMENT, e);
    }
    closedForms(1);
    for (int depth = 0; depth < 40; depth++) {
      log.end(e);
    }
    assertEquals("second moments E[Z^a Z^b]: closed forms (1)", log.summary());
  }
}
