package org.tpe.limit.exact;

import static org.tpe.limit.exact.StatedErrorsBoundTheTrueErrorTest.assertBounded;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.tpe.limit.CoordinateStatistics;

/**
 * Through chains of kinked nonlinearities — relu(V relu(W relu(u))), step, abs, products of
 * steps and relus across three inputs — the errors the exact engine states bound the true error,
 * for random variances and correlations. The true values are written here from closed forms,
 * independently of the engine: the arc-cosine kernel of degree 1 (Cho &amp; Saul 2009) for relu,
 * E step(X)step(Y) = ¼ + asin ρ/(2π), E|X||Y| = (2/π)σ_Xσ_Y(√(1 − ρ²) + ρ asin ρ), the
 * trivariate orthant probability P(X, Y, W &gt; 0) = ⅛ + (asin ρ_XY + asin ρ_XW + asin ρ_YW)/(4π),
 * and E relu(X)step(Y) = σ_X(1 + ρ)/(2√(2π)); the covariance of W x is σ_W² E[x x'] (TP I
 * Netsor Master Theorem: ZHat is Gaussian with that covariance).
 */
class KinkedChainsStatedErrorsTest {
  /** E relu(X)relu(Y) for (X, Y) centred with variances s1, s2 and covariance c. */
  static double arcCosine(double s1, double s2, double c) {
    double sd = Math.sqrt(s1 * s2);
    double cos = Math.max(-1, Math.min(1, c / sd));
    double theta = Math.acos(cos);
    return sd / (2 * Math.PI) * (Math.sin(theta) + (Math.PI - theta) * cos);
  }

  @Property(tries = 8)
  void statedErrorsBoundTheTrueOnesThroughKinkedChains(
      @ForAll @DoubleRange(min = 0.5, max = 2) double varU,
      @ForAll @DoubleRange(min = 0.5, max = 2) double varV,
      @ForAll @DoubleRange(min = -0.45, max = 0.45) double rUV,
      @ForAll @DoubleRange(min = -0.45, max = 0.45) double rUW,
      @ForAll @DoubleRange(min = -0.45, max = 0.45) double rVW,
      @ForAll @DoubleRange(min = 0.5, max = 2.5) double sw) {
    double cUV = rUV * Math.sqrt(varU * varV);
    double cUW = rUW * Math.sqrt(varU);
    double cVW = rVW * Math.sqrt(varV);
    String text = "input u : G(n) ~ N(0, " + varU + ")\n"
        + "input v : G(n) ~ N(0, " + varV + ")\n"
        + "input w : G(n) ~ N(0, 1)\n"
        + "cov(u, v) = " + cUV + "\ncov(u, w) = " + cUW + "\ncov(v, w) = " + cVW + "\n"
        + "input W : A(n, n) ~ N(0, " + sw + "/n)\n"
        + "input V : A(n, n) ~ N(0, 1.5/n)\n"
        + "xu := relu(u)\nxv := relu(v)\nxw := relu(w)\n"
        + "hu := W xu\nhv := W xv\nhw := W xw\n"
        + "ru := relu(hu)\nrv := relu(hv)\n"
        + "gu := V ru\ngv := V rv\n"
        + "tu := step(gu)\ntv := step(gv)\n"
        + "au := abs(hu)\nav := abs(hv)\n"
        + "o3 := avg(step(hu) * step(hv) * step(hw))\n"
        + "p2 := avg(relu(hu) * step(hv))\n";
    CoordinateStatistics s = ZDotExactFactsTest.exact(text);
    // layer 1: h = W relu(·)
    double vhu = sw * varU / 2;
    double vhv = sw * varV / 2;
    double vhw = sw / 2;
    double chuv = sw * arcCosine(varU, varV, cUV);
    double chuw = sw * arcCosine(varU, 1, cUW);
    double chvw = sw * arcCosine(varV, 1, cVW);
    assertBounded(chuv, s.secondMoment("hu", "hv"), "E[hu hv]");
    // relu(h) and layer 2: g = V relu(h)
    double eruv = arcCosine(vhu, vhv, chuv);
    assertBounded(eruv, s.secondMoment("ru", "rv"), "E[relu(hu) relu(hv)]");
    double vgu = 1.5 * vhu / 2;
    double vgv = 1.5 * vhv / 2;
    double rhoG = 1.5 * eruv / Math.sqrt(vgu * vgv);
    assertBounded(0.25 + Math.asin(rhoG) / (2 * Math.PI), s.secondMoment("tu", "tv"),
        "E[step(gu) step(gv)]");
    double rhoH = chuv / Math.sqrt(vhu * vhv);
    assertBounded(2 / Math.PI * Math.sqrt(vhu * vhv) * (Math.sqrt(1 - rhoH * rhoH)
        + rhoH * Math.asin(rhoH)), s.secondMoment("au", "av"), "E[|hu| |hv|]");
    double orthant = 0.125 + (Math.asin(rhoH) + Math.asin(chuw / Math.sqrt(vhu * vhw))
        + Math.asin(chvw / Math.sqrt(vhv * vhw))) / (4 * Math.PI);
    assertBounded(orthant, s.scalars().get("o3"), "E step·step·step");
    assertBounded(Math.sqrt(vhu) * (1 + rhoH) / (2 * Math.sqrt(2 * Math.PI)),
        s.scalars().get("p2"), "E relu(hu) step(hv)");
  }
}
