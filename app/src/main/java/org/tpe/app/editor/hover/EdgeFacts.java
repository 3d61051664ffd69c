package org.tpe.app.editor.hover;

import java.util.ArrayList;
import java.util.List;
import org.tpe.format.TpPrinter;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.Estimate;
import org.tpe.limit.Histogram;
import org.tpe.limit.VectorStatistics;
import org.tpe.limit.calculus.ZDotStructure;
import org.tpe.limit.calculus.ZDotTerm;
import org.tpe.limit.calculus.ZMatMul;
import org.tpe.model.MatMul;
import org.tpe.model.Program;
import org.tpe.render.text.PathText;
import org.tpe.session.Snapshot;
import org.tpe.validate.ValidationReport;

/**
 * What the hover card of a MatMul's dashed edge x —W→ h says (TP IIb §4), decided without
 * JavaFX: the statement, the matrix and its σ², and the limit quantities of ZMatMul, Z^h = Ẑ^h +
 * Ż^h (TP IIb App. B): Var Ẑ^h = σ² E[(Z^x)²] (ZHat), Ẑ^h's covariances with the other members
 * of its {@link MatrixFamily}, Ż^h's terms and which vanish as the {@link ZDotStructure} of the
 * validated program decides (with none, or all vanishing, Z^h = Ẑ^h), and E Z^h, Var Z^h,
 * E[(Z^h)²] of the limit. Every number comes from the snapshot of the program on screen; the
 * rule's arithmetic is {@link ZMatMul}'s, the card only says it.
 *
 * @param target the MatMul's result h (the edge is {@code m:h} in the scene)
 * @param title "MatMul  x —W→ h"
 * @param definition the statement, "h := W x"
 * @param facts the matrix, ZHat, the family, ZDot
 * @param limit "E Z^h = …,  Var Z^h = …,  E[(Z^h)²] = …  (method)", or why there is none
 */
public record EdgeFacts(String target, String title, String definition, List<String> facts,
    String limit) implements CardText {
  /** Members of the matrix's Ẑ family listed with their covariance. */
  static final int FAMILY_SHOWN = 3;

  public EdgeFacts {
    facts = List.copyOf(facts);
  }

  @Override
  public Histogram histogram() {
    return null;
  }

  /**
   * The card of the MatMul defining {@code target} in {@code p}, its numbers from {@code s} (null:
   * none yet); null when {@code target} is not a MatMul's result.
   */
  public static EdgeFacts of(Program p, Snapshot s, String target) {
    if (!p.isDefined(target) || !(p.definition(target) instanceof MatMul mm)) {
      return null;
    }
    String h = mm.target();
    String x = mm.argument();
    String w = PathText.matrix(mm.matrixWord());
    ZMatMul rule = ZMatMul.of(p, mm);
    Double sigma2 = rule.sigma2();
    CoordinateStatistics stats = s != null && s.isFor(p) && s.limits().isDone()
        ? s.limits().value() : null;
    List<String> facts = new ArrayList<>();
    facts.add((mm.transposed() ? w + ", the transpose of " + mm.matrix() + ": " : w + ": ")
        + "entries iid N(0, σ²/n), " + (sigma2 == null ? "σ² unknown (" + mm.matrix()
        + " is not a declared matrix)" : "σ² = " + NodeFacts.num(sigma2)));
    String hatVar = "ZHat: Ẑ^" + h + " is Gaussian, mean 0, Var Ẑ^" + h + " = σ² E[(Z^" + x
        + ")²]";
    Estimate hat = stats == null ? null : rule.hatVariance(stats);
    if (hat != null) {
      hatVar += " = " + NodeFacts.num(sigma2) + " × " + NodeFacts.est(stats.meanSquare(x))
          + " = " + NodeFacts.est(hat);
    }
    facts.add(hatVar);
    facts.add(family(rule, w, stats));
    facts.add(zDot(p, s, stats, rule));
    return new EdgeFacts(h, "MatMul   " + x + " —" + w + "→ " + h, h + " := "
        + TpPrinter.rhs(mm), facts, limit(p, s, stats, h));
  }

  /**
   * ZDot's terms of Ż^h, one for each earlier MatMul by the transpose, as the program's {@link
   * ZDotStructure} decides them (the one home of which vanish and why); when one is present, the
   * share of E[(Z^h)²] beyond Var Ẑ^h.
   */
  private static String zDot(Program p, Snapshot s, CoordinateStatistics stats, ZMatMul rule) {
    MatMul mm = rule.matMul();
    String h = mm.target();
    String transpose = PathText.matrix(mm.transposed() ? mm.matrix() : mm.matrix() + "^T");
    ValidationReport v = s != null && s.isFor(p) && s.validation().isDone()
        ? s.validation().value() : null;
    if (v == null || v.calculus() == null) {
      return "ZDot: Ż^" + h + " = σ² Σᵢ Z^yᵢ E[∂Z^" + mm.argument() + "/∂Ẑ^(" + transpose
          + " yᵢ)] over the earlier MatMuls yᵢ by " + transpose + "; " + (v == null
          ? "which terms vanish is being decided" : "not decided: the program has errors");
    }
    List<ZDotTerm> terms = v.calculus().zDot().terms(h);
    if (terms.isEmpty()) {
      return "ZDot: Ż^" + h + " = 0, since no MatMul by " + transpose + " comes before it: Z^"
          + h + " = Ẑ^" + h;
    }
    List<String> said = new ArrayList<>();
    for (ZDotTerm t : terms) {
      said.add(t.describe());
    }
    String out = "ZDot: " + String.join("; ", said);
    if (terms.stream().allMatch(ZDotTerm::vanishes)) {
      return out + "; so Ż^" + h + " = 0: Z^" + h + " = Ẑ^" + h;
    }
    Estimate share = stats == null ? null : rule.zDotShare(stats);
    if (share != null) {
      out += "; E[(Z^" + h + ")²] − Var Ẑ^" + h + " = " + NodeFacts.est(share) + " is Ż^" + h
          + "'s share (E[Ż²] + 2 E[ẐŻ])";
    }
    return out;
  }

  /** Cov(Ẑ^h, Ẑ^h') = σ² E[Z^x Z^x'] for the first {@link #FAMILY_SHOWN} other members. */
  private static String family(ZMatMul rule, String w, CoordinateStatistics stats) {
    String h = rule.matMul().target();
    String x = rule.matMul().argument();
    List<MatMul> others = rule.others();
    if (others.isEmpty()) {
      return "the only MatMul by " + w + ": Ẑ^" + h + " is independent of every other Ẑ";
    }
    List<String> covs = new ArrayList<>();
    for (MatMul o : others.subList(0, Math.min(FAMILY_SHOWN, others.size()))) {
      String c = "Cov(Ẑ^" + h + ", Ẑ^" + o.target() + ") = σ² E[Z^" + x + " Z^" + o.argument()
          + "]";
      Estimate e = stats == null ? null : rule.hatCovariance(o, stats);
      if (e != null) {
        c += " = " + NodeFacts.est(e);
      }
      covs.add(c);
    }
    int more = others.size() - covs.size();
    return "family of " + w + " (ZHat, jointly Gaussian): " + String.join("; ", covs)
        + (more > 0 ? "; and " + more + " more" : "");
  }

  private static String limit(Program p, Snapshot s, CoordinateStatistics stats, String h) {
    if (s == null || !s.isFor(p) || s.limits().isPending()) {
      return "limits: computing…";
    }
    if (stats == null) {
      return "no limits: " + s.limits().message();
    }
    VectorStatistics vh = stats.vectors().get(h);
    Estimate hh = stats.meanSquare(h);
    if (vh == null || hh == null) {
      return "no limit for " + h;
    }
    return "E Z^" + h + " = " + NodeFacts.est(vh.mean()) + ",  Var Z^" + h + " = "
        + NodeFacts.est(vh.variance()) + ",  E[(Z^" + h + ")²] = " + NodeFacts.est(hh) + "  ("
        + stats.method() + ")";
  }
}
