package org.tpe.derive;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.tpe.expr.Derivative;
import org.tpe.expr.Expr;
import org.tpe.model.Instruction;
import org.tpe.model.InstructionVisitor;
import org.tpe.model.LinComb;
import org.tpe.model.MatMul;
import org.tpe.model.Moment;
import org.tpe.model.Nonlin;
import org.tpe.model.ScalarOp;
import org.tpe.model.VarKind;

/**
 * The derivative of one instruction in its vector arguments: the local factors of the chain rule,
 * the one home of the rules from which forward-mode tangents (J u) and reverse-mode cotangents
 * (Jᵀ y, the backward pass) are both built (TP II; TP IIb App. D.1; seeds/004 footnote 4, D¹v =
 * φ′(h¹) ⊙ v):
 *
 * <ul>
 *   <li>{@code h := W x} (MatMul): ∂h/∂x = W, so a tangent is {@code δh := W δx} and a cotangent
 *       {@code dx += Wᵀ dh} ({@code h := Wᵀ x}: the other way round) — {@link ByMatrix};
 *   <li>{@code h := Σ aᵢ gᵢ} (LinComb): ∂h/∂gᵢ = aᵢ — a {@link Diagonal} factor that is a number;
 *   <li>{@code y := φ(g₁, …, g_k; θ…)} (Nonlin, Nonlin+): ∂y/∂gᵢ = diag(∂φ/∂gᵢ), with the symbolic
 *       derivative of {@link Derivative}, taken almost everywhere (relu′ = step, abs′ = sign) — a
 *       {@link Diagonal} factor that is an expression over the program's variables;
 *   <li>Moment and scalar ops have no factor: a derivation holds the scalars they make fixed (TP
 *       IIb App. D.4.5: in the limit a scalar produced by Moment is a constant fixed at
 *       initialization).
 * </ul>
 *
 * An argument whose factor is identically 0 (a coefficient 0, or step′ = sign′ = 0) has no factor
 * and is listed in {@link #zeroFactors}. Immutable; O(size of φ) to build.
 *
 * @param instruction the instruction differentiated
 * @param factors one factor per vector argument with a derivative that is not identically 0, in
 *     the instruction's argument order
 * @param zeroFactors the vector arguments whose derivative is identically 0
 */
public record LocalDerivative(Instruction instruction, List<Factor> factors,
    List<String> zeroFactors) {
  public LocalDerivative {
    factors = List.copyOf(factors);
    zeroFactors = List.copyOf(zeroFactors);
  }

  /** The factor ∂(target)/∂(argument) of one vector argument. */
  public sealed interface Factor permits ByMatrix, Diagonal {
    /** The vector argument differentiated by. */
    String argument();
  }

  /**
   * The factor of {@code h := W x} (or {@code h := Wᵀ x}): multiplication by the matrix.
   *
   * @param argument x
   * @param matrix W
   * @param transposed whether the instruction multiplies by Wᵀ
   */
  public record ByMatrix(String argument, String matrix, boolean transposed) implements Factor {
    /** {@code target := W tangent}: the factor applied forward, as the instruction does. */
    public MatMul tangent(String target, String tangent) {
      return new MatMul(target, matrix, transposed, tangent);
    }

    /** {@code target := Wᵀ cotangent}: the factor's transpose (W for a {@code Wᵀ x} MatMul). */
    public MatMul cotangent(String target, String cotangent) {
      return new MatMul(target, matrix, !transposed, cotangent);
    }
  }

  /**
   * A coordinatewise factor diag(c): a LinComb's coefficient or a Nonlin's ∂φ/∂g. Being
   * diagonal, it is its own transpose: tangents and cotangents are both {@link #times}.
   *
   * @param argument g
   * @param factor c, a number or an expression over the program's vectors and scalars; never 0
   */
  public record Diagonal(String argument, Expr factor) implements Factor {
    /**
     * The term c ⊙ {@code vector}: the vector itself when c = 1, {@code c*vector} for a number,
     * {@code vector*c} for an expression (dh2 := v * step(h2), as TP IIb App. D.1 writes dh =
     * dx ⊙ φ′(h)).
     */
    public Expr times(String vector) {
      Expr v = new Expr.Ref(vector);
      if (factor instanceof Expr.Num n) {
        return n.value() == 1 ? v : new Expr.Bin('*', factor, v);
      }
      return new Expr.Bin('*', v, factor);
    }
  }

  /**
   * The local derivative of {@code in}.
   *
   * @param kinds the kind of each variable of the program (to tell a Nonlin's vector arguments
   *     from its scalar parameters)
   */
  public static LocalDerivative of(Instruction in, Function<String, VarKind> kinds) {
    List<Factor> factors = new ArrayList<>();
    List<String> zeros = new ArrayList<>();
    in.accept(new InstructionVisitor<Void>() {
      @Override
      public Void visitMatMul(MatMul m) {
        factors.add(new ByMatrix(m.argument(), m.matrix(), m.transposed()));
        return null;
      }

      @Override
      public Void visitLinComb(LinComb l) {
        for (String g : l.arguments()) {
          double a = l.coefficientOf(g);
          if (a == 0) {
            zeros.add(g);
          } else {
            factors.add(new Diagonal(g, new Expr.Num(a)));
          }
        }
        return null;
      }

      @Override
      public Void visitNonlin(Nonlin n) {
        for (String g : n.arguments()) {
          VarKind k = kinds.apply(g);
          if (k == null || !k.isVector()) {
            continue;
          }
          Expr d = Derivative.of(n.phi(), g);
          if (d instanceof Expr.Num c && c.value() == 0) {
            zeros.add(g);
          } else {
            factors.add(new Diagonal(g, d));
          }
        }
        return null;
      }

      @Override
      public Void visitMoment(Moment m) {
        return null;
      }

      @Override
      public Void visitScalarOp(ScalarOp s) {
        return null;
      }
    });
    return new LocalDerivative(in, factors, zeros);
  }

  /** The vector arguments with a factor, in order. */
  public List<String> arguments() {
    List<String> a = new java.util.ArrayList<>(factors.size());
    for (Factor f : factors) {
      a.add(f.argument());
    }
    return java.util.Collections.unmodifiableList(a);
  }

  /** The factor of {@code argument}, or null when it has none. */
  public Factor factorOf(String argument) {
    for (Factor f : factors) {
      if (f.argument().equals(argument)) {
        return f;
      }
    }
    return null;
  }
}
