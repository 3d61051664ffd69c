package org.tpe.ntk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The neural tangent kernel of a network on its inputs, from the infinite-width limit or from a
 * finite-width run: the total Θ, the contribution of every trainable parameter, the NNGP (the
 * covariance of the outputs) beside it, the path form where TP IIb Prop. D.3 applies, the method
 * and its notes. Immutable.
 */
public final class NtkResult {
  private final List<String> inputs;
  private final Kernel ntk;
  private final Kernel nngp;
  private final Map<String, Kernel> byParameter;
  private final Map<String, Double> exponents;
  private final PathForm pathForm;
  private final String method;
  private final List<String> notes;
  private final int width;
  private final long seed;

  /**
   * @param inputs the input names
   * @param ntk Θ(ξ_a, ξ_b)
   * @param nngp the output covariance E[f(ξ_a) f(ξ_b)] (at finite width: over the readout
   *     weights, given the rest of the network)
   * @param byParameter each trainable parameter's term, in declaration order (their sum is Θ)
   * @param exponents each parameter's width exponent e (its term is n^e times a limit; 0 in NTK
   *     parametrization)
   * @param pathForm the sum over path classes, or null (not computed at finite width)
   * @param method how the numbers were obtained
   * @param notes sentences for the user
   * @param width the width of the run, or 0 for the limit
   * @param seed the seed of the run (0 for the limit)
   */
  public NtkResult(List<String> inputs, Kernel ntk, Kernel nngp, Map<String, Kernel> byParameter,
      Map<String, Double> exponents, PathForm pathForm, String method, List<String> notes,
      int width, long seed) {
    this.inputs = List.copyOf(inputs);
    this.ntk = Objects.requireNonNull(ntk);
    this.nngp = Objects.requireNonNull(nngp);
    this.byParameter = Collections.unmodifiableMap(new LinkedHashMap<>(byParameter));
    this.exponents = Collections.unmodifiableMap(new LinkedHashMap<>(exponents));
    this.pathForm = pathForm;
    this.method = Objects.requireNonNull(method);
    this.notes = List.copyOf(notes);
    this.width = width;
    this.seed = seed;
  }

  public List<String> inputs() {
    return inputs;
  }

  public Kernel ntk() {
    return ntk;
  }

  public Kernel nngp() {
    return nngp;
  }

  public Map<String, Kernel> byParameter() {
    return byParameter;
  }

  public Map<String, Double> exponents() {
    return exponents;
  }

  /** The path form, or null when not computed (finite width). */
  public PathForm pathForm() {
    return pathForm;
  }

  public String method() {
    return method;
  }

  public List<String> notes() {
    return notes;
  }

  /** The width of the run, 0 for the infinite-width limit. */
  public int width() {
    return width;
  }

  public long seed() {
    return seed;
  }

  /** Whether this is the infinite-width limit. */
  public boolean isLimit() {
    return width == 0;
  }
}
