package org.tpe.validate;

import java.util.List;

/**
 * Result of the Simple GIA Check (TP II, Cond. 1; the talk in seeds/004, Prop. 2) for a Netsor⊤
 * program: the readout vectors are zero-mean, sampled independently of everything else, and used
 * only where backpropagation starts; transposed matrices only ever multiply vectors that are
 * linear in the readouts, and no forward MatMul sees such a vector. When it holds, every ZDot term
 * vanishes and the gradient-independence answer is exact.
 *
 * @param applicable false for programs without transposes (nothing to check: every Ż is 0); for
 *     Netsor⊤+ programs the same structural check is made (scalars are constants to it)
 * @param bpLike the verdict (false when not applicable)
 * @param readouts the vectors identified as readouts (where backpropagation starts)
 * @param reason one sentence a student can follow
 */
public record BpLikeVerdict(boolean applicable, boolean bpLike, List<String> readouts,
    String reason) {
  public BpLikeVerdict {
    readouts = List.copyOf(readouts);
  }
}
