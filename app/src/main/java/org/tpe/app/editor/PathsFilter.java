package org.tpe.app.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tpe.model.Program;
import org.tpe.model.Statement;
import org.tpe.model.VarKind;
import org.tpe.render.text.PathText;
import org.tpe.session.PathReport;

/**
 * The Paths tab's filter, without JavaFX: what the user typed, read as terms separated by spaces,
 * each ignoring case and writing a transpose any way ({@code W^T}, {@code Wᵀ}, {@code W^⊤}). A
 * term found in the name of a matrix is a <em>word term</em>: it keeps the isomorphism classes
 * whose word (TP IIb §5.1) contains it. Any other term found in the name of a vector is a
 * <em>vector term</em>: it keeps every class (a class's vectors are known only once its paths are
 * enumerated) and, of the chosen class's paths, those through a vector whose name contains it. A
 * term in no name keeps nothing. So typing "W2 x1" leaves the classes with W2 in their word and,
 * below, their paths through x1; each prefix typed on the way filters as its own query would.
 */
final class PathsFilter {
  private final String text;
  private final List<String> wordTerms = new ArrayList<>();
  private final List<String> vectorTerms = new ArrayList<>();
  private final List<String> unknown = new ArrayList<>();
  private final List<String> wordShown = new ArrayList<>();
  private final List<String> vectorShown = new ArrayList<>();

  private PathsFilter(String text) {
    this.text = text;
  }

  /** The filter {@code text} (null or blank: everything passes) over the names of {@code p}. */
  static PathsFilter of(Program p, String text) {
    PathsFilter f = new PathsFilter(text == null ? "" : text.strip());
    List<String> matrices = new ArrayList<>();
    List<String> vectors = new ArrayList<>();
    for (Statement s : p.statements()) {
      VarKind k = p.kindOf(s.target());
      if (k == VarKind.A) {
        matrices.add(norm(s.target()));
        matrices.add(norm(s.target() + "ᵀ"));
      } else if (k == VarKind.G || k == VarKind.X) {
        vectors.add(norm(s.target()));
      }
    }
    for (String raw : f.text.split("\\s+")) {
      String t = norm(raw);
      if (t.isEmpty()) {
        continue;
      }
      if (matrices.stream().anyMatch(m -> m.contains(t))) {
        f.wordTerms.add(t);
        f.wordShown.add(raw);
      } else if (vectors.stream().anyMatch(v -> v.contains(t))) {
        f.vectorTerms.add(t);
        f.vectorShown.add(raw);
      } else {
        f.unknown.add(raw);
      }
    }
    return f;
  }

  /** Lower case, a transpose written ᵀ, and a trailing ^ (a transpose being typed) dropped. */
  static String norm(String s) {
    String t = s.replace("^⊤", "ᵀ").replace("⊤", "ᵀ").replace("^T", "ᵀ").replace("^t", "ᵀ")
        .toLowerCase(Locale.ROOT);
    return t.endsWith("^") ? t.substring(0, t.length() - 1) : t;
  }

  /** Whether nothing is filtered. */
  boolean isEmpty() {
    return wordTerms.isEmpty() && vectorTerms.isEmpty() && unknown.isEmpty();
  }

  /** Whether the class's word has every word term (and no term names nothing). */
  boolean keeps(PathReport.PathClass c) {
    if (!unknown.isEmpty()) {
      return false;
    }
    String word = norm(PathText.word(c.word()));
    return wordTerms.stream().allMatch(word::contains);
  }

  /** Whether the path (its vectors p⁰, p¹, …) passes through a vector of each vector term. */
  boolean keepsPath(List<String> vars) {
    if (!unknown.isEmpty()) {
      return false;
    }
    for (String t : vectorTerms) {
      if (vars.stream().noneMatch(v -> norm(v).contains(t))) {
        return false;
      }
    }
    return true;
  }

  /** The classes kept, in their order. */
  List<PathReport.PathClass> classes(List<PathReport.PathClass> all) {
    return all.stream().filter(this::keeps).toList();
  }

  /** The paths kept, in their order. */
  List<List<String>> paths(List<List<String>> all) {
    return all.stream().filter(this::keepsPath).toList();
  }

  /** The line under the filter: how many classes it keeps, and why none when none. */
  String summary(int kept, int total) {
    if (isEmpty()) {
      return "";
    }
    if (!unknown.isEmpty()) {
      return "no matrix or vector is named like “" + String.join(" ", unknown)
          + "”: type part of a matrix's name (W2, W2ᵀ) for the words, of a vector's (x1) for "
          + "the paths";
    }
    String s = kept + " of " + total + " classes" + (wordTerms.isEmpty() ? ""
        : " with " + String.join(" and ", wordShown) + " in their word");
    return vectorTerms.isEmpty() ? s : s + "; paths through " + String.join(" and ", vectorShown);
  }

  @Override
  public String toString() {
    return text;
  }
}
