/**
 * One analysis session outside JavaFX: {@link org.tpe.session.AnalysisSession} validates once per
 * edit of the immutable program and publishes immutable {@link org.tpe.session.Snapshot}s
 * (validation with its Master Theorem verdict, paths and isomorphism classes of TP IIb §5.1,
 * infinite-width limits, finite-width statistics), each part computed off the caller's thread,
 * recomputed only when the program — not its layout — changes, with progress and cancel.
 */
package org.tpe.session;
