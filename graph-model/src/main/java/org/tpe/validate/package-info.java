/**
 * Validation of a program (DESIGN §3): names, kinds, language level (Netsor, Netsor⊤, Netsor⊤+;
 * TP I–III, TP IIb §4), reducedness (TP IIb Def. 5.4) and the reduction; the Z-calculus verdicts it
 * prints (BP-like, ZDot structure, Master Theorem) come from {@link org.tpe.limit.calculus}.
 */
package org.tpe.validate;
