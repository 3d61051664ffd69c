package org.tpe.spectrum;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.tpe.expr.Expr;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.calculus.CoordinateInterpreter;
import org.tpe.limit.calculus.InitialGaussian;
import org.tpe.model.Input;
import org.tpe.model.Instruction;
import org.tpe.model.LinComb;
import org.tpe.model.MatMul;
import org.tpe.model.MatrixInput;
import org.tpe.model.Problem;
import org.tpe.model.Program;
import org.tpe.model.ScalarInput;
import org.tpe.model.VectorInput;

/**
 * The Jacobian J = ∂B/∂A of an actual network at width n and its singular values (seeds/004,
 * Fig. 1: the empirical spectral distribution ρ̂ = (1/n) Σ δ_{λ_k} of JᵀJ). Every matrix gets iid
 * N(0, σ²/n) entries — or, with {@code orthogonal}, is σ·O for O Haar orthogonal (the Q of a
 * Gaussian matrix's QR factorisation with the signs of R's diagonal divided out, Mezzadri 2007) —
 * and the initial vectors iid coordinate tuples ~ N(μ_in, Σ_in), all from seeded xoroshiro128++
 * streams (one per matrix), so a seed gives the same spectrum on every machine. The forward pass
 * the Jacobian reads ({@link Jacobian#forwardProgram()}) is run by the Z-calculus core's {@link
 * CoordinateInterpreter} (the simulator's own), then J is built by
 * forward-mode differentiation of the steps on n×n tangent matrices (a MatMul multiplies, a
 * LinComb adds, a Nonlin scales rows by ∂φ/∂g), scalars made by Moment held fixed as in the
 * limit. The singular values come from EJML's SVD (values only), λ = s².
 *
 * <p>Cost: one n³ matrix product per MatMul step (the first, on the identity, is a copy), and one
 * SVD (≈ 4n³ flops): about 2 s at n = 1024 for a depth-5 MLP on one core; memory ≈ 8n² bytes per
 * matrix plus three tangents. Widths above {@value #MAX_WIDTH} are refused.
 */
public final class FiniteWidthJacobian {
  /** Largest width accepted (an SVD at 4096 takes about a minute). */
  public static final int MAX_WIDTH = 4096;

  private final Jacobian jacobian;
  private final int n;
  private final long seed;
  private final boolean orthogonal;
  private final CancellationToken cancel;
  private CoordinateInterpreter interpreter;
  private final Map<String, DMatrixRMaj> matrices = new HashMap<>();
  private final Map<String, double[]> diagonals = new java.util.LinkedHashMap<>();

  private FiniteWidthJacobian(Jacobian jacobian, int n, long seed, boolean orthogonal,
      CancellationToken cancel) {
    this.jacobian = jacobian;
    this.n = n;
    this.seed = seed;
    this.orthogonal = orthogonal;
    this.cancel = cancel;
  }

  /**
   * The eigenvalues of JᵀJ for one seeded network at width {@code n}.
   *
   * @throws SpectrumException if n is out of range or does not fit in memory, or a value of the
   *     forward pass is not finite (naming the vector)
   */
  public static FiniteWidthSpectrum compute(Jacobian jacobian, int n, long seed,
      boolean orthogonal, CancellationToken cancel) {
    if (n < 2 || n > MAX_WIDTH) {
      throw SpectrumException.of("the width must be between 2 and " + MAX_WIDTH + ", not " + n
          + " (the singular values of an n×n matrix cost ≈ 4n³ flops)");
    }
    long bytes = 8L * n * n * (jacobian.program().matrices().size() + 4);
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    if (bytes > free) {
      throw SpectrumException.of("width " + n + " needs about " + (bytes >> 20) + " MiB for its"
          + " matrices but only " + (free >> 20) + " MiB of the Java heap is free; choose a"
          + " smaller width");
    }
    return new FiniteWidthJacobian(jacobian, n, seed, orthogonal, cancel).run();
  }

  private FiniteWidthSpectrum run() {
    Program p = jacobian.program();
    List<String> ms = p.matrices();
    for (int i = 0; i < ms.size(); i++) {
      if (jacobian.matrices().contains(ms.get(i))
          || jacobian.forwardProgram().isDefined(ms.get(i))) {
        MatrixInput mi = (MatrixInput) p.definition(ms.get(i));
        matrices.put(ms.get(i), draw(i + 1, mi.sigma2()));
        cancel.check();
      }
    }
    forwardPass(jacobian.forwardProgram());
    DMatrixRMaj j = tangent();
    cancel.check();
    SingularValueDecomposition_F64<DMatrixRMaj> svd =
        DecompositionFactory_DDRM.svd(n, n, false, false, true);
    if (!svd.decompose(j)) {
      throw SpectrumException.of("the SVD of the width-" + n + " Jacobian did not converge");
    }
    double[] s = svd.getSingularValues();
    double[] lambda = new double[n];
    for (int i = 0; i < n; i++) {
      lambda[i] = s[i] * s[i];
    }
    java.util.Arrays.sort(lambda);
    return new FiniteWidthSpectrum(n, seed, orthogonal, lambda, diagonals);
  }

  private UniformRandomProvider stream(long index) {
    return RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {seed, index});
  }

  /** Matrix number {@code index} (1-based): N(0, σ²/n) entries, or σ·(Haar orthogonal). */
  private DMatrixRMaj draw(long index, double sigma2) {
    ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(stream(index));
    DMatrixRMaj m = new DMatrixRMaj(n, n);
    double scale = orthogonal ? 1 : Math.sqrt(sigma2 / n);
    double[] d = m.data;
    for (int i = 0; i < d.length; i++) {
      d[i] = scale * g.sample();
    }
    if (!orthogonal) {
      return m;
    }
    QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, n);
    if (!qr.decompose(m)) {
      throw SpectrumException.of("the QR factorisation of a Gaussian matrix failed");
    }
    DMatrixRMaj q = qr.getQ(null, false);
    DMatrixRMaj r = qr.getR(null, false);
    double sigma = Math.sqrt(sigma2);
    for (int c = 0; c < n; c++) {
      double f = (r.get(c, c) < 0 ? -1 : 1) * sigma;
      for (int row = 0; row < n; row++) {
        q.set(row, c, q.get(row, c) * f);
      }
    }
    return q;
  }

  /**
   * Runs the forward pass with the one coordinate interpreter of the Z-calculus core (LinComb,
   * Nonlin, Moment, ScalarOp), the MatMuls by this network's matrices, the initial vectors from
   * ZInit's factor Σ_in = L Lᵀ ({@link InitialGaussian}).
   */
  private void forwardPass(Program f) {
    interpreter = new CoordinateInterpreter(f, n, (m, state) -> {
      DMatrixRMaj x = DMatrixRMaj.wrap(n, 1, state.vector(m.argument()));
      DMatrixRMaj y = new DMatrixRMaj(n, 1);
      if (m.transposed()) {
        CommonOps_DDRM.multTransA(matrices.get(m.matrix()), x, y);
      } else {
        CommonOps_DDRM.mult(matrices.get(m.matrix()), x, y);
      }
      return y.data;
    }, "at width " + n);
    List<VectorInput> vins = f.vectorInputs();
    InitialGaussian zinit = InitialGaussian.of(f);
    ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(stream(0));
    double[][] xi = new double[vins.size()][n];
    for (double[] row : xi) {
      for (int a = 0; a < n; a++) {
        row[a] = g.sample();
      }
    }
    for (int i = 0; i < vins.size(); i++) {
      double[] l = zinit.factorRow(i);
      double[] x = new double[n];
      for (int a = 0; a < n; a++) {
        double v = zinit.mean(i);
        for (int r = 0; r < l.length; r++) {
          v += l[r] * xi[r][a];
        }
        x[a] = v;
      }
      interpreter.putVector(vins.get(i).name(), x);
    }
    for (Input in : f.inputs()) {
      if (in instanceof ScalarInput s) {
        interpreter.putScalar(s.name(), s.value());
      }
    }
    try {
      for (Instruction in : f.instructions()) {
        cancel.check();
        interpreter.execute(in);
      }
    } catch (CoordinateInterpreter.Failure e) {
      throw failure(e.variable(), e.getMessage());
    }
  }

  private double[] evaluate(Expr phi) {
    return interpreter.evaluate(phi);
  }

  private SpectrumException failure(String name, String message) {
    return new SpectrumException(List.of(Problem.error(message, Jacobian.position(
        jacobian.program(), name), name)));
  }

  /** J by forward mode on n×n tangents; null stands for the identity. */
  private DMatrixRMaj tangent() {
    Map<String, DMatrixRMaj> t = new HashMap<>();
    Map<String, Integer> pending = new HashMap<>();
    for (Jacobian.Step s : jacobian.steps()) {
      for (String a : s.arguments()) {
        pending.merge(a, 1, Integer::sum);
      }
    }
    String from = jacobian.from();
    for (Jacobian.Step s : jacobian.steps()) {
      cancel.check();
      Instruction in = s.instruction();
      DMatrixRMaj out = null;
      for (String g : s.arguments()) {
        DMatrixRMaj tg = g.equals(from) ? null : t.get(g);
        DMatrixRMaj term;
        if (in instanceof MatMul mm) {
          DMatrixRMaj w = matrices.get(mm.matrix());
          if (tg == null) {
            term = mm.transposed() ? CommonOps_DDRM.transpose(w, null) : w.copy();
          } else {
            term = new DMatrixRMaj(n, n);
            if (mm.transposed()) {
              CommonOps_DDRM.multTransA(w, tg, term);
            } else {
              CommonOps_DDRM.mult(w, tg, term);
            }
          }
        } else if (in instanceof LinComb lc) {
          term = scaled(tg, lc.coefficientOf(g));
        } else {
          double[] d = evaluate(s.partials().get(g));
          if (s.arguments().size() == 1) {
            diagonals.put(s.target(), d);
          }
          term = rowsScaled(tg, d);
        }
        if (out == null) {
          out = term;
        } else {
          CommonOps_DDRM.addEquals(out, term);
        }
        if (pending.merge(g, -1, Integer::sum) == 0) {
          t.remove(g);
        }
      }
      t.put(s.target(), out);
    }
    return t.get(jacobian.to());
  }

  private DMatrixRMaj scaled(DMatrixRMaj m, double c) {
    if (m == null) {
      DMatrixRMaj id = CommonOps_DDRM.identity(n);
      CommonOps_DDRM.scale(c, id);
      return id;
    }
    DMatrixRMaj r = m.copy();
    CommonOps_DDRM.scale(c, r);
    return r;
  }

  private DMatrixRMaj rowsScaled(DMatrixRMaj m, double[] d) {
    DMatrixRMaj r = m == null ? CommonOps_DDRM.identity(n) : m.copy();
    for (int row = 0; row < n; row++) {
      double f = d[row];
      int off = row * n;
      for (int c = 0; c < n; c++) {
        r.data[off + c] *= f;
      }
    }
    return r;
  }
}
