package org.tpe.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each part of a program stood in its {@code .tp} text, for messages as {@code line:col}.
 * Programs built by the editor have an {@link #EMPTY} map; their problems point at variables.
 * Not part of a program's value: two programs that differ only in positions are equal.
 */
public final class SourceMap {
  /** The map of a program that has no text. */
  public static final SourceMap EMPTY = new SourceMap(List.of(), List.of(), List.of(), List.of(),
      List.of(), List.of(), null);

  private final List<SourcePos> inputs;
  private final List<SourcePos> instructions;
  private final List<SourcePos> covariances;
  private final List<SourcePos> outputs;
  private final List<Map<String, SourcePos>> inputReferences;
  private final List<Map<String, SourcePos>> instructionReferences;
  private final SourcePos title;

  /**
   * @param inputs position of each input statement
   * @param instructions position of each instruction
   * @param covariances position of each covariance statement
   * @param outputs position of each name in the output statement(s)
   * @param inputReferences for each covariance, where each name it references first appears
   * @param instructionReferences for each instruction, where each name it reads first appears
   * @param title position of the title statement, or null
   */
  public SourceMap(List<SourcePos> inputs, List<SourcePos> instructions,
      List<SourcePos> covariances, List<SourcePos> outputs,
      List<Map<String, SourcePos>> inputReferences,
      List<Map<String, SourcePos>> instructionReferences, SourcePos title) {
    this.inputs = List.copyOf(inputs);
    this.instructions = List.copyOf(instructions);
    this.covariances = List.copyOf(covariances);
    this.outputs = List.copyOf(outputs);
    this.inputReferences = copyOfEach(inputReferences);
    this.instructionReferences = copyOfEach(instructionReferences);
    this.title = title;
  }

  private SourceMap(SourcePos title, List<SourcePos> inputs, List<SourcePos> instructions,
      List<SourcePos> covariances, List<SourcePos> outputs,
      List<Map<String, SourcePos>> inputReferences,
      List<Map<String, SourcePos>> instructionReferences) {
    this.inputs = Collections.unmodifiableList(inputs);
    this.instructions = Collections.unmodifiableList(instructions);
    this.covariances = Collections.unmodifiableList(covariances);
    this.outputs = Collections.unmodifiableList(outputs);
    this.inputReferences = Collections.unmodifiableList(inputReferences);
    this.instructionReferences = Collections.unmodifiableList(instructionReferences);
    this.title = title;
  }

  /**
   * Takes ownership of lists the caller built and will not touch again, whose maps are
   * unmodifiable (no copy: a parser hands over a position and a map for each of the k²/2 {@code
   * cov} lines of k correlated inputs); the lists are wrapped unmodifiable, so the result is as
   * immutable as one made by the constructor. The parameters are the constructor's.
   */
  public static SourceMap owning(List<SourcePos> inputs, List<SourcePos> instructions,
      List<SourcePos> covariances, List<SourcePos> outputs,
      List<Map<String, SourcePos>> inputReferences,
      List<Map<String, SourcePos>> instructionReferences, SourcePos title) {
    return new SourceMap(title, inputs, instructions, covariances, outputs, inputReferences,
        instructionReferences);
  }

  /**
   * An unmodifiable copy of each map, in an unmodifiable list (a plain loop: a parse of k² / 2
   * {@code cov} lines hands over as many maps, each already unmodifiable, so Map.copyOf keeps it).
   */
  private static List<Map<String, SourcePos>> copyOfEach(List<Map<String, SourcePos>> maps) {
    List<Map<String, SourcePos>> out = new ArrayList<>(maps.size());
    for (Map<String, SourcePos> m : maps) {
      out.add(Map.copyOf(m));
    }
    return Collections.unmodifiableList(out);
  }

  private static SourcePos at(List<SourcePos> list, int i) {
    return i >= 0 && i < list.size() ? list.get(i) : null;
  }

  /** Position of input {@code i}, or null. */
  public SourcePos input(int i) {
    return at(inputs, i);
  }

  /** Position of instruction {@code i}, or null. */
  public SourcePos instruction(int i) {
    return at(instructions, i);
  }

  /** Position of covariance statement {@code i}, or null. */
  public SourcePos covariance(int i) {
    return at(covariances, i);
  }

  /** Position of output name {@code i}, or null. */
  public SourcePos output(int i) {
    return at(outputs, i);
  }

  /** Position of the title, or null. */
  public SourcePos title() {
    return title;
  }

  /** Where instruction {@code i} first mentions {@code name}; falls back to the instruction. */
  public SourcePos reference(int i, String name) {
    if (i >= 0 && i < instructionReferences.size()) {
      SourcePos p = instructionReferences.get(i).get(name);
      if (p != null) {
        return p;
      }
    }
    return instruction(i);
  }

  /** Where covariance statement {@code i} mentions {@code name}; falls back to the statement. */
  public SourcePos covarianceReference(int i, String name) {
    if (i >= 0 && i < inputReferences.size()) {
      SourcePos p = inputReferences.get(i).get(name);
      if (p != null) {
        return p;
      }
    }
    return covariance(i);
  }

  /** Two maps are equal when they hold the same positions (a parse compared with another). */
  @Override
  public boolean equals(Object o) {
    return o instanceof SourceMap m && inputs.equals(m.inputs)
        && instructions.equals(m.instructions) && covariances.equals(m.covariances)
        && outputs.equals(m.outputs) && inputReferences.equals(m.inputReferences)
        && instructionReferences.equals(m.instructionReferences)
        && java.util.Objects.equals(title, m.title);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(inputs, instructions, covariances, outputs, inputReferences,
        instructionReferences, title);
  }

  /** A copy without positions for instruction references (for programs edited outside text). */
  static Map<String, SourcePos> emptyReferences() {
    return new HashMap<>();
  }
}
