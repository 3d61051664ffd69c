package org.tpe.paths;

import java.math.BigInteger;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * An isomorphism class of paths (TP IIb §5.1): all paths ending at the queried G-vars whose word —
 * the sequence of MatMul matrices, transposes marked {@code W^T} — equals {@link #word()}, whatever
 * their Nonlins. In the NTK limit only pairs of isomorphic paths contribute.
 *
 * <p>The members are not stored: {@link #paths()} enumerates them lazily, each in O(|p| · fan-in)
 * time, so a class with exponentially many members can be sampled with {@code limit}.
 */
public final class IsomorphismClass {
  private final List<String> word;
  private final BigInteger count;
  private final Supplier<Stream<Path>> members;

  IsomorphismClass(List<String> word, BigInteger count, Supplier<Stream<Path>> members) {
    this.word = List.copyOf(word);
    this.count = count;
    this.members = members;
  }

  /** The common word of the members, in path order ({@code W^T} for a transpose). */
  public List<String> word() {
    return word;
  }

  /** The number of vectors on each member path: twice the word's length. */
  public int pathLength() {
    return 2 * word.size();
  }

  /** The exact number of member paths. */
  public BigInteger count() {
    return count;
  }

  /** The member paths, enumerated lazily (use {@code limit} on large classes). */
  public Stream<Path> paths() {
    return members.get();
  }

  @Override
  public String toString() {
    return String.join(" ", word) + ": " + count + (count.equals(BigInteger.ONE) ? " path"
        : " paths");
  }
}
