package org.tpe.app.editor.hover;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.tpe.limit.Histogram;
import org.tpe.model.MatrixInput;
import org.tpe.model.Program;
import org.tpe.render.text.PathText;
import org.tpe.session.PathReport;

/**
 * What the hover card of an isomorphism class in the Paths tab says (TP IIb §5.1), decided
 * without JavaFX: its word; its number of paths and their share of all the paths to the target;
 * their length |p| as MatMul and Nonlin steps; the word's matrices with their σ²; the count² pairs
 * of its paths that are isomorphic (in the NTK limit only isomorphic pairs contribute); whether
 * the paths are the reduced program's (TP IIb Def. 5.4); and the first of its paths the Paths tab
 * has enumerated.
 *
 * @param index the class's place in the report's list (shortest words first)
 * @param title "Wᵀ W   isomorphism class 1 of 3"
 * @param facts the sentences
 */
public record PathClassFacts(int index, String title, List<String> facts) implements CardText {
  /** Paths of the class written out on the card. */
  public static final int EXAMPLES = 3;

  public PathClassFacts {
    facts = List.copyOf(facts);
  }

  @Override
  public String definition() {
    return "";
  }

  @Override
  public String limit() {
    return "";
  }

  @Override
  public Histogram histogram() {
    return null;
  }

  /**
   * The card of class {@code index} of {@code r}, the paths to a G-var or to the outputs of
   * {@code p}; {@code first} is the first of its paths (each its vectors p⁰, p¹, … of the reduced
   * program) as far as they are enumerated (empty: not known, the program having changed), or
   * null while they are being enumerated.
   */
  public static PathClassFacts of(Program p, PathReport r, int index, List<List<String>> first) {
    PathReport.PathClass c = r.classes().get(index);
    String word = PathText.word(c.word());
    List<String> facts = new ArrayList<>();
    String end = r.target() != null ? "ending at " + r.target()
        : "ending at the outputs" + (p.outputs().isEmpty() ? "" : " (" + String.join(", ",
            p.outputs()) + ")");
    facts.add(r.count().equals(BigInteger.ONE) ? "the only path " + end : c.count() + " of the "
        + r.count() + " paths " + end + ": " + share(c.count(), r.count()));
    int matMuls = c.word().size();
    facts.add("|p| = " + c.pathLength() + " vectors: " + steps(matMuls, "MatMul")
        + " (odd steps) and " + (matMuls == 1 ? "no Nonlin" : steps(matMuls - 1, "Nonlin"))
        + (matMuls > 1 ? " between them (even steps)" : ""));
    Set<String> matrices = new LinkedHashSet<>();
    for (String m : c.word()) {
      String base = m.endsWith("^T") ? m.substring(0, m.length() - 2) : m;
      matrices.add(base + (p.isDefined(base) && p.definition(base) instanceof MatrixInput mi
          ? " (σ² = " + NodeFacts.num(mi.sigma2()) + ")" : ""));
    }
    facts.add("the word: its matrices in path order, " + word + "; " + String.join(", ",
        matrices) + (c.word().stream().anyMatch(m -> m.endsWith("^T"))
        ? "; a transpose has its own Ẑ family" : ""));
    facts.add("isomorphic paths have the same word, whatever their Nonlins: " + c.count()
        + "² = " + plural(c.count().multiply(c.count()), "ordered pair") + " of its paths, and in"
        + " the NTK limit only such pairs contribute");
    if (r.reduced()) {
      facts.add("paths of the reduced program (TP IIb Def. 5.4)");
    }
    if (first == null) {
      facts.add("enumerating its first paths…");
    } else if (!first.isEmpty()) {
      List<List<String>> shown = first.subList(0, Math.min(EXAMPLES, first.size()));
      List<String> lines = new ArrayList<>();
      for (List<String> path : shown) {
        lines.add(PathText.of(p, path));
      }
      BigInteger rest = c.count().subtract(BigInteger.valueOf(shown.size()));
      facts.add((shown.size() == 1 ? "its path: " : "its first paths: ") + String.join(";  ",
          lines) + (rest.signum() > 0 ? ";  and " + rest + " more" : ""));
    }
    return new PathClassFacts(index, word + "   isomorphism class " + (index + 1) + " of "
        + r.classes().size(), facts);
  }

  private static String plural(BigInteger n, String what) {
    return n + " " + what + (n.equals(BigInteger.ONE) ? "" : "s");
  }

  private static String steps(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }

  /** "43%" to two significant digits; "100%" for all of them. */
  static String share(BigInteger part, BigInteger whole) {
    if (whole.signum() == 0) {
      return "no paths";
    }
    if (part.equals(whole)) {
      return "all of them";
    }
    BigDecimal pct = new BigDecimal(part).multiply(BigDecimal.valueOf(100))
        .divide(new BigDecimal(whole), new MathContext(2));
    return pct.stripTrailingZeros().toPlainString() + "%";
  }
}
