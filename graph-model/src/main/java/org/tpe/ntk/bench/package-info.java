/** The NTK benchmark (TP II: the NTK of a deep ReLU MLP), run side by side with a NumPy twin. */
package org.tpe.ntk.bench;
