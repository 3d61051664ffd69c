package org.tpe.session;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * The paths ending at a G-var or at the outputs of a program (TP IIb §5.1), as plain values that
 * any thread may read: their number and their isomorphism classes. The paths themselves are
 * enumerated on request ({@link AnalysisSession#classPaths}).
 *
 * @param revision the {@link Snapshot#revision()} it was computed for
 * @param target the G-var asked about, or null for the outputs
 * @param count the exact number of paths
 * @param classes the isomorphism classes, as {@link org.tpe.paths.PathSet#classes()} orders them
 * @param notes how the query was read (output X-vars, skipped scalars)
 * @param reduced whether the paths are those of the reduced program (TP IIb Def. 5.4)
 * @param error why there are no paths (the program does not reduce, the target is not a G-var,
 *     too many classes), or null
 */
public record PathReport(long revision, String target, BigInteger count, List<PathClass> classes,
    List<String> notes, boolean reduced, String error) {
  /** One isomorphism class: its word (matrices in path order, a transpose as {@code W^T}). */
  public record PathClass(List<String> word, BigInteger count, int pathLength) {
    public PathClass {
      word = List.copyOf(word);
      Objects.requireNonNull(count, "count");
    }
  }

  public PathReport {
    Objects.requireNonNull(count, "count");
    classes = List.copyOf(classes);
    notes = List.copyOf(notes);
  }

  static PathReport failed(long revision, String target, String error) {
    return new PathReport(revision, target, BigInteger.ZERO, List.of(), List.of(), false, error);
  }
}
