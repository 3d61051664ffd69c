/**
 * The limit calculus (TP IIb App. B, the Master Theorems; DESIGN §7): {@link org.tpe.limit.Limits}
 * chooses a {@link org.tpe.limit.LimitEngine} — the exact engine over the symbolic Z, or the
 * particle (Monte Carlo) engine — and returns {@link org.tpe.limit.CoordinateStatistics}: E Z^x,
 * Var Z^x, E[Z^a Z^b] and θ̊ with their errors.
 */
package org.tpe.limit;
