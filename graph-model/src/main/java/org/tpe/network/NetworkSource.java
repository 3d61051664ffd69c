package org.tpe.network;

import java.util.HashMap;
import java.util.Map;
import org.tpe.model.SourcePos;

/**
 * Where each network declaration stood in the {@code .tp} text, for messages as {@code
 * line:col}. Not part of a {@link Network}'s value. Networks built in the editor have {@link
 * #EMPTY} positions; their problems point at variables.
 */
public final class NetworkSource {
  /** No positions. */
  public static final NetworkSource EMPTY = new NetworkSource(Map.of());

  private final Map<String, SourcePos> positions;

  private NetworkSource(Map<String, SourcePos> positions) {
    this.positions = Map.copyOf(positions);
  }

  /** The first network statement, or null. */
  public SourcePos first() {
    return positions.get("first");
  }

  /** The {@code parametrization} statement. */
  public SourcePos parametrization() {
    return positions.get("parametrization");
  }

  /** The {@code inputs} statement's keyword, or input {@code name} in it. */
  public SourcePos inputs(String name) {
    SourcePos p = name == null ? null : positions.get("inputs:" + name);
    return p != null ? p : positions.get("inputs");
  }

  /** The Gram row for {@code label} (as {@link Network.GramRow#label()}), its i-th entry. */
  public SourcePos gramRow(int row, int entry) {
    SourcePos p = entry < 0 ? null : positions.get("gram:" + row + ":" + entry);
    return p != null ? p : positions.get("gram:" + row);
  }

  /** Embedding statement {@code i}: its matrix ({@code token} null) or a token's name. */
  public SourcePos embedding(int i, String token) {
    SourcePos p = token == null ? null : positions.get("embedding:" + i + ":" + token);
    return p != null ? p : positions.get("embedding:" + i);
  }

  /** The name {@code name} in param statement {@code i} (the statement when null). */
  public SourcePos param(int i, String name) {
    SourcePos p = name == null ? null : positions.get("param:" + i + ":" + name);
    return p != null ? p : positions.get("param:" + i);
  }

  /** The parametrization written on param statement {@code i}. */
  public SourcePos paramParametrization(int i) {
    SourcePos p = positions.get("param:" + i + ":parametrization");
    return p != null ? p : positions.get("param:" + i);
  }

  /** The readout's weights (or vector, with {@code vector}); the statement as a fallback. */
  public SourcePos readout(boolean vector) {
    SourcePos p = positions.get(vector ? "readout:vector" : "readout:weights");
    return p != null ? p : positions.get("readout");
  }

  /** The first training statement ({@code train}, {@code test}, {@code loss}, …), or null. */
  public SourcePos training() {
    return positions.get("training");
  }

  /** The input name of training example {@code i} (0-based, over all train statements). */
  public SourcePos example(int i) {
    SourcePos p = positions.get("train:" + i);
    return p != null ? p : training();
  }

  /** The label of training example {@code i}. */
  public SourcePos exampleLabel(int i) {
    SourcePos p = positions.get("train:" + i + ":label");
    return p != null ? p : example(i);
  }

  /** Test input {@code i} (0-based, over all test statements). */
  public SourcePos test(int i) {
    SourcePos p = positions.get("test:" + i);
    return p != null ? p : training();
  }

  /** The value of the {@code loss}, {@code lr}, {@code steps} or {@code batch} statement. */
  public SourcePos trainingValue(String keyword) {
    SourcePos p = positions.get(keyword + ":value");
    return p != null ? p : training();
  }

  /** Collects positions while parsing. */
  public static final class Builder {
    private final Map<String, SourcePos> positions = new HashMap<>();

    /** Records where key {@code key} stood (the first occurrence wins). */
    public Builder put(String key, SourcePos pos) {
      positions.putIfAbsent(key, pos);
      return this;
    }

    public NetworkSource build() {
      return new NetworkSource(positions);
    }
  }
}
