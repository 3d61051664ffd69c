package org.tpe.limit;

import java.util.List;
import org.tpe.limit.calculus.CoordinateInterpreter;
import org.tpe.limit.calculus.ProgramCalculus;
import org.tpe.model.Problem;
import org.tpe.model.Program;

/**
 * The particle (Monte Carlo) limit engine for general Netsor⊤+ programs (DESIGN §7; see {@link
 * ParticleRun} for the method and its errors): the fallback of the exact engine and an
 * independent cross-check of it. It takes every well-formed program.
 */
final class ParticleEngine implements LimitEngine {
  @Override
  public String name() {
    return "particle";
  }

  @Override
  public Acceptance accepts(Program program, ProgramCalculus calculus) {
    return new Acceptance(true, calculus.zDot().gaussian()
        ? "Monte Carlo particles; every ZDot term vanishes"
        : "Monte Carlo particles; ZDot by the Stein form (" + calculus.zDot().firstPresent()
            .describe() + ")");
  }

  @Override
  public CoordinateStatistics run(Program program, ProgramCalculus calculus,
      LimitRequest request, LimitOptions options, List<String> notes, ProgressListener progress,
      CancellationToken cancel) {
    try {
      return new ParticleRun(program, calculus, request.vectors(program),
          request.histograms() ? options : options.withHistogramBins(0), cancel, progress)
          .run(notes);
    } catch (NumericalFailure f) {
      throw new LimitException(List.of(Problem.error(f.getMessage(),
          Limits.position(program, f.variable()), f.variable())));
    } catch (CoordinateInterpreter.Failure f) {
      throw new LimitException(List.of(Problem.error(f.getMessage(),
          Limits.position(program, f.variable()), f.variable())));
    }
  }
}
