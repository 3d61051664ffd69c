package org.tpe.spectrum;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tpe.derive.LocalDerivative;
import org.tpe.expr.Expr;
import org.tpe.format.TpPrinter;
import org.tpe.limit.Limits;
import org.tpe.model.Classifier;
import org.tpe.model.Input;
import org.tpe.model.Instruction;
import org.tpe.model.MatMul;
import org.tpe.model.Problem;
import org.tpe.model.Program;
import org.tpe.model.VarKind;
import org.tpe.model.VectorInput;
import org.tpe.validate.ValidationReport;
import org.tpe.validate.Validator;

/**
 * The Netsor⊤ program that applies (JᵀJ)^k to a fresh probe v ~ N(0, 1), independent of
 * everything else, so that the moments of the spectrum of JᵀJ are second moments of its limit
 * (seeds/004 eqs. (30)–(33)): τ_m = lim (1/n) tr((JᵀJ)^m) = lim (1/n) E vᵀ(JᵀJ)^m v =
 * E[Z^{v_a} Z^{v_b}] for any a + b = m, where v_j = (JᵀJ)^j v. With k applications the moments up
 * to 2k are read off; {@link #momentPair} uses a = ⌊m/2⌋, b = ⌈m/2⌉.
 *
 * <p>The program is the part of the original that the Jacobian reads (the forward values in its
 * derivatives, with their ancestors), then for each application j = 1…k the forward-mode tangents
 * {@code δx_j} (J v_{j−1}: δh = W δx for a MatMul, δh = Σ aᵢ δgᵢ for a LinComb, δx = Σ ∂φ/∂gᵢ ·
 * δgᵢ for a Nonlin, as seeds/004's footnote 4 writes D¹v = φ′(h¹) ⊙ v) and the reverse-mode
 * cotangents {@code dx_j} (Jᵀ: dx += Wᵀ dh, dgᵢ += aᵢ dh, dgᵢ += ∂φ/∂gᵢ ⊙ dx), both from the
 * steps' {@link org.tpe.derive.LocalDerivative} factors, ending in
 * {@code v_j}. It is an ordinary program (printed by {@link #text}, parsed back to the same
 * program, valid, drawable); MatMuls by W and Wᵀ meet, so its limit needs ZDot.
 *
 * <p>Its size is linear in k: {@link #maxMoments} is the largest number of moments whose program
 * stays within {@link Limits#MAX_VECTORS} vectors.
 */
public final class JacobianProgram {
  /** Moments beyond this are refused: the free-probability series and doubles stop there. */
  public static final int MAX_MOMENTS = 60;

  private final Jacobian jacobian;
  private final Program program;
  private final List<String> powers;

  private JacobianProgram(Jacobian jacobian, Program program, List<String> powers) {
    this.jacobian = jacobian;
    this.program = program;
    this.powers = List.copyOf(powers);
  }

  /** The program applying (JᵀJ) {@code power} times (power ≥ 1). */
  public static JacobianProgram of(Jacobian jacobian, int power) {
    if (power < 1) {
      throw new IllegalArgumentException("the power of JᵀJ must be at least 1: " + power);
    }
    return new Builder(jacobian).build(power, true);
  }

  /**
   * The smallest program whose limit gives τ_1 … τ_K: ⌈K/2⌉ applications.
   *
   * @throws SpectrumException if K is below 1, above {@link #MAX_MOMENTS}, or needs a program
   *     larger than the limit engine takes
   */
  public static JacobianProgram forMoments(Jacobian jacobian, int moments) {
    checkMoments(jacobian, moments);
    return of(jacobian, (moments + 1) / 2);
  }

  /** Rejects a number of moments that is out of range for this Jacobian's programs. */
  static void checkMoments(Jacobian jacobian, int moments) {
    checkRange(moments);
    int[] size = sizes(jacobian);
    int max = Math.max(0, Math.min(MAX_MOMENTS, 2 * maxPower(size)));
    if (moments > max) {
      int power = (moments + 1) / 2;
      throw SpectrumException.of(moments + " moments need (JᵀJ)^" + power
          + " applied to a probe: a program of about " + (size[0] + (power - 1) * size[1])
          + " vectors (" + size[1] + " per application of JᵀJ), but the limit engine takes at"
          + " most " + Limits.MAX_VECTORS + (max == 0 ? ": this network is too large for the"
          + " program moments (its Jacobian program would not fit even for τ_1)"
          : "; ask for at most " + max + " moments of this network"));
    }
  }

  /** {vectors of the power-1 program, vectors added per further application}. */
  private static int[] sizes(Jacobian jacobian) {
    // sizes only: the programs are not validated (the validator's BP-like check is quadratic)
    int one = new Builder(jacobian).build(1, false).program.vectors().size();
    int two = new Builder(jacobian).build(2, false).program.vectors().size();
    return new int[] {one, two - one};
  }

  private static int maxPower(int[] size) {
    int base = size[0] - size[1];
    return Math.max(0, (Limits.MAX_VECTORS - base) / size[1]);
  }

  /** Rejects a number of moments below 1 or above {@link #MAX_MOMENTS}. */
  static void checkRange(int moments) {
    if (moments < 1) {
      throw SpectrumException.of("the number of moments must be at least 1, not " + moments);
    }
    if (moments > MAX_MOMENTS) {
      throw SpectrumException.of(moments + " moments asked; at most " + MAX_MOMENTS
          + " are computed (the k-th moment grows like λ_max^k and the free-probability series"
          + " lose accuracy beyond that)");
    }
  }

  /** The largest K with {@link #forMoments} within {@link Limits#MAX_VECTORS} (may be 0). */
  public static int maxMoments(Jacobian jacobian) {
    return Math.max(0, Math.min(MAX_MOMENTS, 2 * maxPower(jacobian)));
  }

  /** The largest power k whose program has at most {@link Limits#MAX_VECTORS} vectors. */
  public static int maxPower(Jacobian jacobian) {
    return maxPower(sizes(jacobian));
  }

  public Jacobian jacobian() {
    return jacobian;
  }

  /** The generated program. */
  public Program program() {
    return program;
  }

  /** The probe v. */
  public String probe() {
    return powers.get(0);
  }

  /** v, v_1 = JᵀJ v, …, v_k = (JᵀJ)^k v: the names of the powers, the probe first. */
  public List<String> powers() {
    return powers;
  }

  /** k, the number of applications of JᵀJ. */
  public int power() {
    return powers.size() - 1;
  }

  /** The largest moment the program gives, 2k. */
  public int maxMoment() {
    return 2 * power();
  }

  /**
   * The two vectors (a, b) with τ_m = E[Z^a Z^b]: v_⌊m/2⌋ and v_⌈m/2⌉.
   *
   * @throws IllegalArgumentException unless 1 ≤ m ≤ 2k
   */
  public List<String> momentPair(int m) {
    if (m < 1 || m > maxMoment()) {
      throw new IllegalArgumentException("moment " + m + " is not between 1 and " + maxMoment());
    }
    return List.of(powers.get(m / 2), powers.get(m - m / 2));
  }

  /** The program as {@code .tp} text, with a header comment saying what it computes. */
  public String text() {
    StringBuilder b = new StringBuilder();
    b.append("# (JᵀJ)^").append(power()).append(' ').append(probe()).append(" for ")
        .append(jacobian.describe()).append('\n');
    b.append("# seeds/004 eqs. (30)–(33): τ_m = lim (1/n) tr((JᵀJ)^m) = E[Z^a Z^b], a + b = m,\n");
    b.append("# with ").append(probe()).append(" ~ N(0, 1) a fresh probe and ")
        .append(powers.get(power())).append(" = (JᵀJ)^").append(power()).append(' ')
        .append(probe()).append(" (").append(String.join(", ", powers)).append(").\n");
    b.append("# δ-names are J's forward tangents, d-names Jᵀ's cotangents; scalars made by\n");
    b.append("# Moment are held fixed (TP IIb App. D.4).\n");
    b.append(TpPrinter.print(program));
    return b.toString();
  }

  /** Builds the program for one Jacobian; one builder per program (it tracks fresh names). */
  private static final class Builder {
    private final Jacobian j;
    private final Program source;
    private final Set<String> taken = new HashSet<>();
    private final Map<String, VarKind> kinds = new HashMap<>();
    private Program.Builder out;

    Builder(Jacobian j) {
      this.j = j;
      this.source = j.program();
      for (var s : source.statements()) {
        taken.add(s.target());
      }
    }

    JacobianProgram build(int power, boolean validate) {
      out = Program.builder();
      String title = source.title().isEmpty() ? "" : " of " + source.title();
      out.title("(JᵀJ)^" + power + " v for J = ∂" + j.to() + "/∂" + j.from() + title);
      copyForwardPass();
      String probe = fresh("v");
      out.input(VectorInput.of(probe));
      kinds.put(probe, VarKind.G);
      List<String> powers = new ArrayList<>();
      powers.add(probe);
      for (int k = 1; k <= power; k++) {
        String y = forward(powers.get(k - 1), k);
        powers.add(reverse(y, k, probe));
      }
      powers.forEach(out::output);
      Program p = out.build();
      ValidationReport r = validate ? Validator.validate(p) : null;
      if (r != null && r.hasErrors()) {
        throw new IllegalStateException("the generated Jacobian program is invalid: "
            + r.errors().stream().map(Problem::message).toList());
      }
      return new JacobianProgram(j, p, powers);
    }

    /** The inputs and instructions the steps read, in the original order. */
    private void copyForwardPass() {
      Program forward = j.forwardProgram();
      for (Input in : forward.inputs()) {
        out.input(in);
        kinds.put(in.target(), in.kind());
      }
      forward.covariances().forEach(out::covariance);
      for (Instruction in : forward.instructions()) {
        out.instruction(in);
        kinds.put(in.target(), in.resultKind());
      }
    }

    /** Emits J u for application k; returns the name of J u. */
    private String forward(String u, int k) {
      Map<String, String> tangent = new HashMap<>();
      tangent.put(j.from(), u);
      for (Jacobian.Step s : j.steps()) {
        String name = decorated("δ", s.target(), k);
        if (s.instruction() instanceof MatMul) {
          String g = s.arguments().get(0);
          LocalDerivative.ByMatrix w = (LocalDerivative.ByMatrix) s.factor(g);
          emit(w.tangent(fresh(name), tangent.get(g)), tangent, s.target());
          continue;
        }
        Expr sum = null;
        for (String g : s.arguments()) {
          sum = plus(sum, ((LocalDerivative.Diagonal) s.factor(g)).times(tangent.get(g)));
        }
        if (sum instanceof Expr.Ref copy) {
          tangent.put(s.target(), copy.name()); // δh = δg: a copy, no instruction
        } else {
          // a LinComb of the tangents when they are G-vars, else a Nonlin (the classifier's call)
          emit(classify(fresh(name), sum), tangent, s.target());
        }
      }
      return tangent.get(j.to());
    }

    /** Emits Jᵀ y for application k, ending in the power v_k; returns its name. */
    private String reverse(String y, int k, String probe) {
      Map<String, List<Expr>> contributions = new HashMap<>();
      Map<String, String> cotangent = new HashMap<>();
      cotangent.put(j.to(), y);
      List<Jacobian.Step> steps = j.steps();
      for (int i = steps.size() - 1; i >= 0; i--) {
        Jacobian.Step s = steps.get(i);
        String c = cotangent.computeIfAbsent(s.target(),
            x -> total(x, contributions.get(x), k, probe));
        for (String g : s.arguments()) {
          LocalDerivative.Factor f = s.factor(g);
          if (f instanceof LocalDerivative.ByMatrix w) {
            boolean only = j.consumers(g) == 1;
            String name = only ? finalName(g, k, probe)
                : fresh(decorated("d", g, k) + "_" + w.matrix());
            out.instruction(w.cotangent(name, c));
            kinds.put(name, VarKind.G);
            if (only) {
              cotangent.put(g, name);
            } else {
              contributions.computeIfAbsent(g, x -> new ArrayList<>()).add(new Expr.Ref(name));
            }
          } else if (f instanceof LocalDerivative.Diagonal d) {
            contributions.computeIfAbsent(g, x -> new ArrayList<>()).add(d.times(c));
          }
        }
      }
      return cotangent.computeIfAbsent(j.from(),
          x -> total(x, contributions.get(x), k, probe));
    }

    /** The cotangent of x: the sum of its contributions, emitted (or aliased when a copy). */
    private String total(String x, List<Expr> parts, int k, String probe) {
      if (parts == null || parts.isEmpty()) {
        throw new IllegalStateException("no cotangent reaches " + x);
      }
      if (parts.size() == 1 && parts.get(0) instanceof Expr.Ref r && !x.equals(j.from())) {
        return r.name();
      }
      Expr sum = null;
      for (Expr p : parts) {
        sum = plus(sum, p);
      }
      String name = finalName(x, k, probe);
      Instruction in = classify(name, sum);
      out.instruction(in);
      kinds.put(name, in.resultKind());
      return name;
    }

    private String finalName(String x, int k, String probe) {
      return x.equals(j.from()) ? fresh(probe + "_" + k) : fresh(decorated("d", x, k));
    }

    private void emit(Instruction in, Map<String, String> tangent, String of) {
      out.instruction(in);
      kinds.put(in.target(), in.resultKind());
      tangent.put(of, in.target());
    }

    private Instruction classify(String target, Expr e) {
      return Classifier.classify(target, e, kinds::get);
    }

    /** prefix + name + "_k", keeping the name's primes at the end. */
    private static String decorated(String prefix, String name, int k) {
      int end = name.length();
      while (end > 0 && org.tpe.model.Names.isPrime(name.charAt(end - 1))) {
        end--;
      }
      return prefix + name.substring(0, end) + "_" + k + name.substring(end);
    }

    /** {@code name}, or a variant not used yet (the prefix repeated), marked as used. */
    private String fresh(String name) {
      String n = name;
      for (int i = 0; taken.contains(n) || !org.tpe.model.Names.isValid(n); i++) {
        if (i > 1000) {
          throw new IllegalStateException("no fresh name like " + name);
        }
        n = n.charAt(0) + n;
      }
      taken.add(n);
      return n;
    }

    private static Expr plus(Expr a, Expr b) {
      return a == null ? b : new Expr.Bin('+', a, b);
    }
  }

  @Override
  public String toString() {
    return "JacobianProgram[(JᵀJ)^" + power() + " for ∂" + jacobian.to() + "/∂"
        + jacobian.from() + ", " + program.vectors().size() + " vectors]";
  }
}
