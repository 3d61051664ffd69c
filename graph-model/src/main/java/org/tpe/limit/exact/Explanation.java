package org.tpe.limit.exact;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tpe.expr.Expr;
import org.tpe.format.TpPrinter;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.Estimate;
import org.tpe.limit.VectorStatistics;
import org.tpe.limit.calculus.ProgramCalculus;
import org.tpe.limit.calculus.ZDotStructure;
import org.tpe.limit.calculus.ZDotTerm;
import org.tpe.model.Instruction;
import org.tpe.model.MatMul;
import org.tpe.model.MatrixInput;
import org.tpe.model.Moment;
import org.tpe.model.Names;
import org.tpe.model.Nonlin;
import org.tpe.model.Program;
import org.tpe.model.ScalarInput;
import org.tpe.model.ScalarOp;
import org.tpe.model.Statement;
import org.tpe.model.VarKind;
import org.tpe.model.VectorInput;

/**
 * Builds the {@link Derivation} of one variable as a student writes it (TP IIb App. B, Def. B.3):
 * for a vector its rule (ZInit, ZMatMul = ZHat + ZDot, ZNonlin), the ZHat covariance σ² E[Z^x Z^y]
 * with its numbers, each ZDot coefficient cᵢ = σ² E[∂Z^x/∂Ẑ^{gᵢ}] in the Stein form C⁺b (Remark
 * B.6) or why it vanishes, Z over the base Gaussians, and E[(Z)²] — for a MatMul split into Var Ẑ
 * + Σ cᵢcⱼ E[Z^{yᵢ} Z^{yⱼ}] where Ẑ is independent of the Z^{yᵢ}; for a scalar θ̊ = E φ(Z…)
 * (ZMoment) or its scalar rule; for a matrix its σ² and its MatMuls. The numbers are those of the
 * exact engine's {@link SymbolicZ} and statistics.
 */
public final class Explanation {
  private final Program p;
  private final SymbolicZ z;
  private final CoordinateStatistics stats;
  private final ZDotStructure zDot;
  private final Map<String, Set<String>> families = new HashMap<>();

  /**
   * The derivations of {@code p}'s variables.
   *
   * @param calculus the program's calculus (from its validation)
   * @param z the symbolic Z of {@code p}
   * @param stats the exact engine's statistics of {@code p} (every pair of vectors)
   */
  public Explanation(Program p, ProgramCalculus calculus, SymbolicZ z,
      CoordinateStatistics stats) {
    this.p = p;
    this.z = z;
    this.stats = stats;
    this.zDot = calculus.zDot();
  }

  /** The program explained. */
  public Program program() {
    return p;
  }

  /** The derivation of {@code name}, a variable of the program. */
  public Derivation derive(String name) {
    if (!p.isDefined(name)) {
      throw new IllegalArgumentException(name + " is not a variable of the program");
    }
    Builder b = new Builder(p);
    Statement def = p.definition(name);
    VarKind kind = p.kindOf(name);
    if (kind == VarKind.A) {
      matrix(b, (MatrixInput) def);
    } else if (kind == VarKind.SCALAR) {
      scalar(b, def);
    } else {
      vector(b, name);
    }
    return new Derivation(name, b.build());
  }

  // ---- vectors --------------------------------------------------------------------------------

  private void vector(Builder b, String v) {
    Statement def = p.definition(v);
    if (def instanceof VectorInput in) {
      b.step(0, "ZInit").var(v).t(" is an initial vector: ").z(v).t(" ~ N(").num(in.mean())
          .t(", ").num(in.variance()).t(") (ZInit)");
      for (VectorInput o : p.vectorInputs()) {
        double c = p.initialCovariance(v, o.name());
        if (!o.name().equals(v) && c != 0) {
          b.step(1, "ZInit").t("Cov(").z(v).t(", ").z(o.name()).t(") = ").num(c);
        }
      }
    } else if (def instanceof MatMul m) {
      matMul(b, m);
    } else {
      Instruction ins = (Instruction) def;
      boolean nonlin = ins instanceof Nonlin;
      b.step(0, nonlin ? "ZNonlin" : "LinComb").var(v).t(" := ").source(TpPrinter.rhs(ins))
          .t(": ").z(v).t(" = ").expr(z.definition(v)).t(nonlin ? " (ZNonlin)"
              : " (LinComb: a linear combination of Z's)");
    }
    if (!(def instanceof VectorInput)) {
      b.step(1, "").t("over the base Gaussians: ").z(v).t(" = ").expr(z.z(v));
    }
    VectorStatistics vs = stats.vectors().get(v);
    b.step(1, "").t("E[(").z(v).t(")²] = ").est(stats.secondMoment(v, v));
    if (def instanceof MatMul m) {
      secondMomentOfMatMul(b, m);
    }
    if (vs != null) {
      b.step(1, "").t("E ").z(v).t(" = ").est(vs.mean()).t(", Var ").z(v).t(" = ")
          .est(vs.variance());
    }
  }

  private void matMul(Builder b, MatMul m) {
    String h = m.target();
    double s2 = z.zHat(h).get(0).sigma2();
    b.step(0, "ZMatMul").var(h).t(" := ").var(m.matrix()).t(m.transposed() ? "^T " : " ")
        .var(m.argument()).t(": ").z(h).t(" = ").hat(h).t(" + ").dot(h)
        .t(" (ZMatMul = ZHat + ZDot), σ² = ").num(s2);
    for (SymbolicZ.ZHatCovariance c : z.zHat(h)) {
      String x = ((MatMul) p.definition(c.a())).argument();
      String y = ((MatMul) p.definition(c.b())).argument();
      Builder.Line l = b.step(1, "ZHat").t("ZHat: ");
      if (c.a().equals(c.b())) {
        l.t("Var ").hat(c.a());
      } else {
        l.t("Cov(").hat(c.a()).t(", ").hat(c.b()).t(")");
      }
      l.t(" = σ² E[").z(x).t(" ").z(y).t("] = ").num(s2).t(" × ").est(c.secondMoment())
          .t(" = ").est(c.value());
    }
    List<ZDotTerm> terms = zDot.terms(h);
    if (terms.isEmpty()) {
      b.step(1, "ZDot").t("ZDot: no earlier MatMul by ").var(m.matrix())
          .t(m.transposed() ? "" : "^T").t(", so ").dot(h).t(" = 0");
    }
    for (ZDotTerm t : terms) {
      SymbolicZ.ZDotCoefficient c = coefficient(h, t);
      String g = t.opposite().target();
      String y = t.opposite().argument();
      Builder.Line l = b.step(1, "ZDot").t("ZDot: ");
      if (c != null) {
        l.t("c(").var(g).t(") = σ² E[∂").z(m.argument()).t("/∂").hat(g).t("] = ").num(s2)
            .t(" × ").est(c.expectedDerivative()).t(" = ").est(c.value()).t(" on ").z(y)
            .t(" (Stein form C⁺b, b = E[").hat(g).t(" ").z(m.argument()).t("]; ")
            .t(t.rule().name().toLowerCase().replace('_', ' ')).t(")");
      } else if (t.rule() == ZDotTerm.Rule.ODD_IN_READOUTS) {
        l.t("the term in ").z(y).t(" from ").hat(g).t(" vanishes: ").z(m.argument())
            .t(" is odd in the readouts ");
        for (int i = 0; i < t.witness().size(); i++) {
          l.t(i == 0 ? "" : ", ").var(t.witness().get(i));
        }
        l.t(" (BP-like)");
      } else if (t.rule() == ZDotTerm.Rule.INDEPENDENT) {
        l.z(m.argument()).t(" does not depend on ").hat(g).t(", so the term in ").z(y)
            .t(" is 0");
      } else {
        l.t(t.describe());
      }
    }
    b.step(1, "").t("so ").z(h).t(" = ").expr(z.definition(h));
  }

  private SymbolicZ.ZDotCoefficient coefficient(String h, ZDotTerm t) {
    for (SymbolicZ.ZDotCoefficient k : z.zDot(h)) {
      if (k.term().opposite().equals(t.opposite())) {
        return k;
      }
    }
    return null;
  }

  /**
   * E[(Z^h)²] of h = Wx split into its parts: Z^h = Ẑ^h + Σᵢ cᵢ Z^{yᵢ}. When no Z^{yᵢ} reads a
   * base Gaussian of Ẑ^h's family, Ẑ^h is independent of them (ZHat: families are independent of
   * each other and of the initial vectors) and has mean 0, so the cross terms vanish and E[(Z^h)²]
   * = Var Ẑ^h + Σᵢⱼ cᵢcⱼ E[Z^{yᵢ} Z^{yⱼ}]. Otherwise nothing is added.
   */
  private void secondMomentOfMatMul(Builder b, MatMul m) {
    String h = m.target();
    List<SymbolicZ.ZDotCoefficient> cs = z.zDot(h);
    Estimate var = z.zHat(h).stream().filter(c -> c.a().equals(c.b())).findFirst()
        .map(SymbolicZ.ZHatCovariance::value).orElse(null);
    if (var == null) {
      return;
    }
    if (cs.isEmpty()) {
      b.step(2, "").t("= Var ").hat(h).t(" (").dot(h).t(" = 0)");
      return;
    }
    String family = m.matrixWord();
    for (SymbolicZ.ZDotCoefficient c : cs) {
      if (families(c.term().opposite().argument()).contains(family)) {
        return;
      }
    }
    Builder.Line parts = new Builder.Line(p, 2, "");
    parts.t("= Var ").hat(h);
    Builder.Line numbers = new Builder.Line(p, 2, "");
    numbers.t(" = ").num(var.value());
    double total = var.value();
    for (int i = 0; i < cs.size(); i++) {
      for (int j = i; j < cs.size(); j++) {
        String yi = cs.get(i).term().opposite().argument();
        String yj = cs.get(j).term().opposite().argument();
        Estimate e = stats.secondMoment(yi, yj);
        if (e == null) {
          return;
        }
        double ci = cs.get(i).value().value();
        double cj = cs.get(j).value().value();
        if (i == j) {
          parts.t(" + c(").var(cs.get(i).term().opposite().target()).t(")² E[").z(yi).t(" ")
              .z(yi).t("]");
          numbers.t(" + ").num(ci).t("² × ").num(e.value());
        } else {
          parts.t(" + 2 c(").var(cs.get(i).term().opposite().target()).t(") c(")
              .var(cs.get(j).term().opposite().target()).t(") E[").z(yi).t(" ").z(yj).t("]");
          numbers.t(" + 2 × ").num(ci).t(" × ").num(cj).t(" × ").num(e.value());
        }
        total += (i == j ? 1 : 2) * ci * cj * e.value();
      }
    }
    parts.terms.addAll(numbers.terms);
    parts.t(" = ").num(total).t(" (").hat(h).t(" is independent of ");
    for (int i = 0; i < cs.size(); i++) {
      parts.t(i == 0 ? "" : ", ").z(cs.get(i).term().opposite().argument());
    }
    parts.t(": they read no Ẑ of the family ").t(family).t(")");
    b.lines.add(parts);
  }

  /** The Ẑ families (W, W^T) the Z of {@code vector} reads, through the vectors it keeps by name. */
  private Set<String> families(String vector) {
    Set<String> known = families.get(vector);
    if (known != null) {
      return known;
    }
    Set<String> out = new HashSet<>();
    families.put(vector, out);
    Expr e = z.z(vector);
    if (e == null) {
      return out;
    }
    for (String r : e.references()) {
      SymbolicZ.BaseGaussian base = z.base(r);
      if (base != null) {
        if (base.family() != null) {
          out.add(base.family());
        }
      } else if (r.startsWith("Z^")) {
        out.addAll(families(r.substring(2)));
      }
    }
    return out;
  }

  // ---- scalars and matrices -------------------------------------------------------------------

  private void scalar(Builder b, Statement def) {
    String t = def.target();
    Estimate value = stats.scalars().get(t);
    if (def instanceof ScalarInput s) {
      b.step(0, "scalar").var(t).t(" is an initial scalar: ").lim(t).t(" = ").num(s.value())
          .t(" (given)");
      return;
    }
    if (def instanceof Moment mo) {
      b.step(0, "ZMoment").var(t).t(" := ").source(TpPrinter.rhs(mo)).t(": ").lim(t)
          .t(" = E[").expr(limits(mo.phi())).t("] (ZMoment)");
    } else {
      ScalarOp so = (ScalarOp) def;
      b.step(0, "scalar").var(t).t(" := ").source(TpPrinter.rhs(so)).t(": ").lim(t).t(" = ")
          .expr(limits(so.f())).t(" (the limits of scalars compose)");
    }
    if (value != null) {
      b.step(1, "").lim(t).t(" = ").est(value);
    }
  }

  /** φ with its vectors as Z^x and its scalars as θ̊ (references named "Z^x" and "θ̊"). */
  private Expr limits(Expr phi) {
    Map<String, Expr> by = new HashMap<>();
    for (String r : phi.references()) {
      by.put(r, Expr.ref(p.kindOf(r) == VarKind.SCALAR ? r + "̊" : "Z^" + r));
    }
    return phi.substitute(by);
  }

  private void matrix(Builder b, MatrixInput m) {
    b.step(0, "ZHat").var(m.name()).t(" is a matrix: entries N(0, σ²/n), σ² = ")
        .num(m.sigma2());
    List<MatMul> uses = new ArrayList<>();
    for (Instruction ins : p.instructions()) {
      if (ins instanceof MatMul mm && mm.matrix().equals(m.name())) {
        uses.add(mm);
      }
    }
    if (uses.isEmpty()) {
      b.step(1, "").t("no MatMul uses it");
      return;
    }
    Builder.Line l = b.step(1, "ZHat").t("its MatMuls: ");
    for (int i = 0; i < uses.size(); i++) {
      MatMul mm = uses.get(i);
      l.t(i == 0 ? "" : ", ").var(mm.target()).t(" := ").var(m.name())
          .t(mm.transposed() ? "^T " : " ").var(mm.argument());
    }
    b.step(1, "ZHat").t("the Ẑ of the MatMuls by ").var(m.name()).t(" form one Gaussian family, "
        + "those by ").var(m.name()).t("^T another, independent of it and of the initial vectors");
  }

  // ---- terms ------------------------------------------------------------------------------------

  private static String num(double v) {
    return Expr.num(v).toText();
  }

  private static String est(Estimate e) {
    return e.error() == 0 ? num(e.value()) : String.format("%.12g ± %.2g", e.value(),
        e.error());
  }

  /** Steps under construction: one line per step, turned into steps by {@link #build}. */
  private static final class Builder {
    private final Program p;
    private final List<Line> lines = new ArrayList<>();

    Builder(Program p) {
      this.p = p;
    }

    Line step(int depth, String rule) {
      Line l = new Line(p, depth, rule);
      lines.add(l);
      return l;
    }

    List<Derivation.Step> build() {
      return lines.stream().map(l -> new Derivation.Step(l.depth, l.rule, l.terms)).toList();
    }

    /** One line's terms. */
    static final class Line {
      private final Program p;
      private final int depth;
      private final String rule;
      final List<Derivation.Term> terms = new ArrayList<>();

      Line(Program p, int depth, String rule) {
        this.p = p;
        this.depth = depth;
        this.rule = rule;
      }

      private Line add(Derivation.Term term) {
        terms.add(term);
        return this;
      }

      Line t(String s) {
        return s.isEmpty() ? this : add(Derivation.Term.text(s));
      }

      Line z(String v) {
        return add(Derivation.Term.of(Derivation.Kind.Z, v));
      }

      Line hat(String v) {
        return add(Derivation.Term.of(Derivation.Kind.ZHAT, v));
      }

      Line dot(String v) {
        return add(Derivation.Term.of(Derivation.Kind.ZDOT, v));
      }

      Line var(String v) {
        return add(Derivation.Term.of(Derivation.Kind.VARIABLE, v));
      }

      Line lim(String v) {
        return add(Derivation.Term.of(Derivation.Kind.LIMIT, v));
      }

      Line num(double v) {
        return t(Explanation.num(v));
      }

      Line est(Estimate e) {
        return e == null ? t("?") : t(Explanation.est(e));
      }

      /**
       * The expression as the one printer ({@link Expr#toText}) writes it, with its references
       * (Z^x, Ẑ^h, θ̊) as terms: each is printed as a placeholder that no name can contain, and
       * the text is split at the placeholders.
       */
      Line expr(Expr e) {
        List<String> refs = e.references();
        Map<String, Expr> by = new HashMap<>();
        for (int i = 0; i < refs.size(); i++) {
          by.put(refs.get(i), Expr.ref("\u0001" + i + "\u0002"));
        }
        String s = e.substitute(by).toText();
        int i = 0;
        while (i < s.length()) {
          int a = s.indexOf('\u0001', i);
          if (a < 0) {
            t(s.substring(i));
            break;
          }
          t(s.substring(i, a));
          int c = s.indexOf('\u0002', a);
          reference(refs.get(Integer.parseInt(s.substring(a + 1, c))));
          i = c + 1;
        }
        return this;
      }

      private void reference(String r) {
        if (r.startsWith("Z^")) {
          z(r.substring(2));
        } else if (r.startsWith("Ẑ^")) {
          hat(r.substring(2));
        } else if (r.endsWith("̊") && p.isDefined(r.substring(0, r.length() - 1))) {
          lim(r.substring(0, r.length() - 1));
        } else if (p.isDefined(r) && p.kindOf(r) == VarKind.SCALAR) {
          lim(r);
        } else {
          t(r);
        }
      }

      /** Program text ({@code .tp} syntax) with its variables as terms. */
      Line source(String text) {
        int i = 0;
        StringBuilder plain = new StringBuilder();
        while (i < text.length()) {
          int c = text.codePointAt(i);
          if (Names.isStart(c)) {
            int j = i + Character.charCount(c);
            while (j < text.length() && Names.isPart(text.codePointAt(j))) {
              j += Character.charCount(text.codePointAt(j));
            }
            while (j < text.length() && Names.isPrime(text.codePointAt(j))) {
              j += Character.charCount(text.codePointAt(j));
            }
            String word = text.substring(i, j);
            if (p.isDefined(word)) {
              t(plain.toString());
              plain.setLength(0);
              var(word);
            } else {
              plain.append(word);
            }
            i = j;
          } else if (Character.isDigit(c)) {
            int j = i;
            while (j < text.length() && (Character.isDigit(text.charAt(j))
                || text.charAt(j) == '.' || ((text.charAt(j) == 'e' || text.charAt(j) == 'E')
                && j + 1 < text.length() && (Character.isDigit(text.charAt(j + 1))
                || text.charAt(j + 1) == '-' || text.charAt(j + 1) == '+'))
                || ((text.charAt(j) == '-' || text.charAt(j) == '+') && j > i
                && (text.charAt(j - 1) == 'e' || text.charAt(j - 1) == 'E')))) {
              j++;
            }
            plain.append(text, i, j);
            i = j;
          } else {
            plain.appendCodePoint(c);
            i += Character.charCount(c);
          }
        }
        return t(plain.toString());
      }
    }
  }
}
