package org.tpe.render.text;

import java.util.Map;

/** Spelling of label characters in LaTeX math mode (Greek letters, primes, special characters). */
public final class Latex {
  private Latex() {}

  private static final Map<Character, String> GREEK = Map.ofEntries(
      Map.entry('α', "\\alpha"), Map.entry('β', "\\beta"), Map.entry('γ', "\\gamma"),
      Map.entry('δ', "\\delta"), Map.entry('ε', "\\epsilon"), Map.entry('ζ', "\\zeta"),
      Map.entry('η', "\\eta"), Map.entry('θ', "\\theta"), Map.entry('ι', "\\iota"),
      Map.entry('κ', "\\kappa"), Map.entry('λ', "\\lambda"), Map.entry('μ', "\\mu"),
      Map.entry('ν', "\\nu"), Map.entry('ξ', "\\xi"), Map.entry('π', "\\pi"),
      Map.entry('ρ', "\\rho"), Map.entry('σ', "\\sigma"), Map.entry('τ', "\\tau"),
      Map.entry('υ', "\\upsilon"), Map.entry('φ', "\\phi"), Map.entry('χ', "\\chi"),
      Map.entry('ψ', "\\psi"), Map.entry('ω', "\\omega"), Map.entry('Γ', "\\Gamma"),
      Map.entry('Δ', "\\Delta"), Map.entry('Θ', "\\Theta"), Map.entry('Λ', "\\Lambda"),
      Map.entry('Ξ', "\\Xi"), Map.entry('Π', "\\Pi"), Map.entry('Σ', "\\Sigma"),
      Map.entry('Φ', "\\Phi"), Map.entry('Ψ', "\\Psi"), Map.entry('Ω', "\\Omega"),
      Map.entry('⊤', "\\top"), Map.entry('′', "\\prime"), Map.entry('·', "\\cdot"),
      Map.entry('−', "-"), Map.entry('…', "\\ldots"));

  /**
   * Math-mode spelling of {@code s} taken as a run of symbols (Greek letters become commands; a
   * command followed by a letter gets a separating space).
   */
  public static String math(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String g = GREEK.get(c);
      if (g != null) {
        sb.append(g);
        if (i + 1 < s.length() && Character.isLetter(s.charAt(i + 1))
            && !GREEK.containsKey(s.charAt(i + 1))) {
          sb.append(' ');
        }
      } else if (c == '\'') {
        sb.append("\\prime ");
      } else if ("#$%&_{}".indexOf(c) >= 0) {
        sb.append('\\').append(c);
      } else if (c == '\\') {
        sb.append("\\backslash ");
      } else if (c == '^' || c == '~') {
        sb.append("\\").append(c == '^' ? "hat{}" : "sim ");
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** {@code s} as upright text inside math mode. */
  public static String text(String s) {
    return "\\mathrm{" + math(s) + "}";
  }
}
