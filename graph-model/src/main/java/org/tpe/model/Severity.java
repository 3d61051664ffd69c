package org.tpe.model;

/** How serious a {@link Problem} is. */
public enum Severity {
  /** The program is not well formed; no analysis can run. */
  ERROR,
  /** Well formed, but a hypothesis of a Master Theorem may fail, or something looks unintended. */
  WARNING,
  /** A fact worth knowing (for example which Master Theorem applies). */
  INFO
}
