package org.tpe.app.editor;

import javafx.scene.input.KeyCombination;

/** The Help menu's texts: the notation of the diagrams and the Z-calculus, and the shortcuts. */
final class Help {
  private Help() {}

  /** The notation legend (TP IIb §2 and App. B; seeds/004). */
  static final String NOTATION = """
      The diagram
        ○ circle          a vector (G-var: initial or MatMul; X-var: Nonlin)
        ■ square tile     a matrix W with iid N(0, σ²/n) entries
        dashed arrow      MatMul h := W x (the tile labels the edge; Wᵀ for the transpose)
        φ gate            Nonlin y := φ(x₁, …, x_k), coordinatewise
        ⊕                 LinComb: a fixed linear combination of vectors
        avg gate          Moment θ := (1/n) Σᵢ φ(x₁ᵢ, …) — a scalar (Netsor⊤)

      The Z-calculus (TP IIb App. B, Def. B.3)
        Z^x               the random variable every coordinate of x looks like as n → ∞
        ZInit             Z^x Gaussian with the initial mean and covariance
        ZHat  Ẑ^h         for h := W x: Gaussian, Cov(Ẑ^{Wx}, Ẑ^{Wy}) = σ² E[Z^x Z^y]
        ZDot  Ż^h         the correction from Wᵀ: Σᵢ cᵢ Z^{yᵢ}, cᵢ = σ² E[∂Z^x / ∂Ẑ^{Wᵀyᵢ}]
        ZMatMul           Z^h = Ẑ^h + Ż^h
        ZNonlin           Z^y = φ(Z^{x₁}, …, Z^{x_k})
        ZMoment  θ̊        the limit of θ := avg φ(x…) is E φ(Z^{x…})
        Master Theorem    (1/n) Σᵢ ψ(hᵢ…) → E ψ(Z^h…); fluctuations of order n^{−1/2}

      The panels
        Limits            E Z, Var Z with their errors, the density of Z^x (atoms marked
                          with their mass), E[Z^x Z^y], and the convergence of a finite-width
                          run (fitted slope, 95% band; the rate is −1/2)
        Explain           the derivation of the selected variable; click a term to see it
        Paths             path classes of the program (TP IIb §5)
      """;

  /** The keyboard shortcuts, as the platform writes them. */
  static String shortcuts() {
    String[][] rows = {
        {"Shortcut+N", "new program"}, {"Shortcut+O", "open"}, {"Shortcut+S", "save"},
        {"Shortcut+Shift+S", "save as"}, {"Shortcut+Z", "undo"},
        {"Shortcut+Shift+Z", "redo"}, {"Shortcut+Y", "redo"}, {"Delete", "delete the selection"},
        {"Shortcut+A", "select all"}, {"Shortcut+EQUALS", "zoom in"},
        {"Shortcut+MINUS", "zoom out"}, {"Shortcut+0", "fit to window"},
        {"Shortcut+L", "automatic layout"}, {"Shortcut+1", "Select tool"},
        {"Shortcut+2", "Vector tool"}, {"Shortcut+3", "Matrix tool"},
        {"Shortcut+4", "Scalar tool"}, {"Shortcut+5", "MatMul tool"},
        {"Shortcut+6", "Nonlin tool"}, {"Shortcut+7", "Moment tool"},
        {"Shortcut+Q", "quit"}};
    StringBuilder sb = new StringBuilder();
    for (String[] r : rows) {
      String k = KeyCombination.keyCombination(r[0]).getDisplayText();
      sb.append(String.format("%-18s %s%n", k, r[1]));
    }
    sb.append("\nOn the canvas: click selects (Shift adds), drag moves, drag on empty space "
        + "selects a region, right-drag pans, the wheel zooms; rest the mouse on a node for its "
        + "card, right-click it for its actions.\n");
    return sb.toString();
  }
}
