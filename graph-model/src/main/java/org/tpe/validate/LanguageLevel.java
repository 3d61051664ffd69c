package org.tpe.validate;

/** The smallest language of the Tensor Programs series that expresses a program (DESIGN §3). */
public enum LanguageLevel {
  /** MatMul by W only, Nonlin, LinComb; no scalars (TP I). */
  NETSOR("Netsor"),
  /** Also MatMul by W^⊤ (TP II, TP III). */
  NETSOR_T("Netsor⊤"),
  /** Also Moment, scalars and Nonlin+ (TP IIb §4). */
  NETSOR_T_PLUS("Netsor⊤+");

  private final String label;

  LanguageLevel(String label) {
    this.label = label;
  }

  /** The papers' name, with ⊤. */
  public String label() {
    return label;
  }

  /** ASCII name for JSON and terminals that lack ⊤ ("Netsor", "NetsorT", "NetsorT+"). */
  public String ascii() {
    return label.replace("⊤", "T");
  }
}
