/**
 * The one home of the rules of the Z-calculus (TP IIb App. B, Def. B.3, Remarks B.5–B.6, Thm. B.4;
 * TP II Thm. 4.3 and the BP-like definition; seeds/004 Prop. 2): ZInit ({@link
 * org.tpe.limit.calculus.InitialGaussian}), the ZHat families ({@link
 * org.tpe.limit.calculus.MatrixFamily}), which ZDot terms exist and vanish ({@link
 * org.tpe.limit.calculus.ZDotStructure}), BP-like programs, the Master Theorem and its hypotheses,
 * and the coordinate interpreter shared by the particle engine and the simulator.
 */
package org.tpe.limit.calculus;
