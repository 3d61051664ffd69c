package org.tpe.spectrum;

import java.util.ArrayList;
import java.util.List;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.Estimate;
import org.tpe.limit.LimitException;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.Limits;
import org.tpe.limit.ProgressListener;

/**
 * τ_1 … τ_K of the spectrum of JᵀJ read off the limit of the {@link JacobianProgram}: τ_m =
 * E[Z^{v_⌊m/2⌋} Z^{v_⌈m/2⌉}] (seeds/004 eq. (33) and the Netsor⊤ Master Theorem, TP IIb App. B).
 * The error of each moment is the limit engine's error of that second moment; the engine and its
 * notes are kept.
 *
 * @param moments τ_1 … τ_K, with errors
 * @param method the limit engine that computed them
 * @param notes the engine's notes (language level, Master Theorem, why this engine)
 * @param program the Jacobian program that was computed
 */
public record ProgramMoments(List<Estimate> moments, String method, List<String> notes,
    JacobianProgram program) {
  public ProgramMoments {
    moments = List.copyOf(moments);
    notes = List.copyOf(notes);
  }

  /**
   * Computes τ_1 … τ_K of {@code jacobian} by the limit engine.
   *
   * @throws SpectrumException if K is out of range for the program size, or the limit engine
   *     rejects the program (with its messages)
   */
  public static ProgramMoments compute(Jacobian jacobian, int moments, LimitOptions options,
      ProgressListener progress, CancellationToken cancel) {
    JacobianProgram jp = JacobianProgram.forMoments(jacobian, moments);
    CoordinateStatistics s;
    try {
      s = Limits.compute(jp.program(), options.withHistogramBins(0), progress, cancel);
    } catch (LimitException e) {
      throw new SpectrumException(e.problems());
    }
    List<Estimate> tau = new ArrayList<>();
    for (int m = 1; m <= moments; m++) {
      List<String> ab = jp.momentPair(m);
      tau.add(s.secondMoment(ab.get(0), ab.get(1)));
    }
    return new ProgramMoments(tau, s.method(), s.notes(), jp);
  }
}
