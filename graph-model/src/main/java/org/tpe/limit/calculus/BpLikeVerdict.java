package org.tpe.limit.calculus;

import java.util.List;
import java.util.Objects;

/**
 * The BP-like verdict (TP II, Def. of BP-like programs behind the Simple GIA Check; seeds/004,
 * Prop. 2 on the output layer) as a typed record: the readout set, and when the program is not
 * BP-like, the condition that fails and the statement that breaks it.
 *
 * @param applicable false when no matrix is used on both sides (W and Wᵀ): there is no ZDot term
 *     and nothing to check
 * @param bpLike the verdict (false when not applicable)
 * @param readouts the readout vectors v (where backpropagation starts), found by their properties
 *     or as declared
 * @param declared whether the readouts were declared (by a network declaration) rather than found
 * @param failed the condition that fails, or null when BP-like or not applicable
 * @param statement the variable whose statement breaks the condition (or the readout concerned),
 *     null when none
 * @param detail what about that statement breaks it, in words (empty when BP-like)
 */
public record BpLikeVerdict(boolean applicable, boolean bpLike, List<String> readouts,
    boolean declared, Condition failed, String statement, String detail) {

  /** The conditions of the definition, in the order they are checked. */
  public enum Condition {
    /**
     * For each matrix one side is the forward pass and the other the backward pass: they do not
     * both read each other's results (as an SGD step's second forward pass does).
     */
    SEPARATE_PASSES("the forward and backward sides of each matrix are separate passes"),
    /** There is a readout: an initial G-var reaching a backward MatMul but no forward one. */
    READOUT_EXISTS("a readout exists"),
    /** A declared readout is an initial G-var. */
    READOUT_IS_INITIAL("readouts are initial G-vars"),
    /** Every readout has mean 0. */
    ZERO_MEAN("readouts have mean 0"),
    /** Readouts are sampled independently of every other initial vector. */
    INDEPENDENT("readouts are independent of the other inputs"),
    /** Wz on the forward side: z does not depend on the readouts. */
    FORWARD_FREE_OF_READOUTS("forward MatMuls do not read the readouts"),
    /** Wᵀz on the backward side: z is an odd function of the readouts. */
    BACKWARD_ODD_IN_READOUTS("backward MatMuls multiply odd functions of the readouts");

    private final String text;

    Condition(String text) {
      this.text = text;
    }

    /** The condition in words. */
    public String text() {
      return text;
    }
  }

  public BpLikeVerdict {
    readouts = List.copyOf(readouts);
    Objects.requireNonNull(detail, "detail");
    if (bpLike && failed != null) {
      throw new IllegalArgumentException("a BP-like verdict has no failed condition");
    }
  }

  /** The verdict for programs without a matrix used on both sides. */
  static BpLikeVerdict notApplicable() {
    return new BpLikeVerdict(false, false, List.of(), false, null, null,
        "no matrix is used both as W and as Wᵀ: there is no ZDot term to check");
  }

  /** One sentence a student can follow. */
  public String reason() {
    if (!applicable) {
      return detail;
    }
    String rs = String.join(", ", readouts);
    if (bpLike) {
      return "BP-like: the readout" + (readouts.size() > 1 ? "s " + rs + " are" : " " + rs
          + " is") + (declared ? " (declared)" : "") + " zero-mean, independent of the other"
          + " inputs and read only by the backward pass, and every backward MatMul multiplies an"
          + " odd function of " + (readouts.size() > 1 ? "them" : "it");
    }
    return "not BP-like: the condition \"" + failed.text() + "\" fails" + (statement == null
        ? "" : " at " + statement) + ": " + detail;
  }
}
