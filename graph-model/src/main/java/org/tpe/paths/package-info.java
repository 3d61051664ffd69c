/**
 * Paths and isomorphism classes of a reduced program (TP IIb §5.1, Def. 5.4–5.6, Prop. D.3):
 * words of matrices along paths, and the classes whose terms make up NTK-like limits.
 */
package org.tpe.paths;
