package org.tpe.format;

import java.util.HashMap;
import java.util.Map;
import org.tpe.model.SourcePos;

/**
 * Where one line first mentions each name it reads, for {@link org.tpe.model.SourceMap}: the few
 * names of a usual line in two small arrays (no hash map per line), a long line's in a hash map,
 * so a line of k names costs O(k) either way. {@link #toMap()} gives the unmodifiable map the
 * source map keeps as it is.
 */
final class Refs {
  /** Names kept in the arrays before a hash map takes over. */
  private static final int FEW = 4;

  private final String[] names = new String[FEW];
  private final SourcePos[] positions = new SourcePos[FEW];
  private int size;
  private Map<String, SourcePos> many;

  /** Records {@code pos} for {@code name} unless the line mentioned it before. */
  void putIfAbsent(String name, SourcePos pos) {
    if (many != null) {
      many.putIfAbsent(name, pos);
      return;
    }
    for (int k = 0; k < size; k++) {
      if (names[k].equals(name)) {
        return;
      }
    }
    if (size < FEW) {
      names[size] = name;
      positions[size++] = pos;
      return;
    }
    many = new HashMap<>(4 * FEW);
    for (int k = 0; k < size; k++) {
      many.put(names[k], positions[k]);
    }
    many.put(name, pos);
  }

  /** Where {@code name} was first mentioned, or {@code otherwise}. */
  SourcePos getOrDefault(String name, SourcePos otherwise) {
    if (many != null) {
      return many.getOrDefault(name, otherwise);
    }
    for (int k = 0; k < size; k++) {
      if (names[k].equals(name)) {
        return positions[k];
      }
    }
    return otherwise;
  }

  /** The names and their first positions, as an unmodifiable map. */
  Map<String, SourcePos> toMap() {
    if (many != null) {
      return Map.copyOf(many);
    }
    switch (size) {
      case 0:
        return Map.of();
      case 1:
        return Map.of(names[0], positions[0]);
      case 2:
        return Map.of(names[0], positions[0], names[1], positions[1]);
      case 3:
        return Map.of(names[0], positions[0], names[1], positions[1], names[2], positions[2]);
      default:
        return Map.of(names[0], positions[0], names[1], positions[1], names[2], positions[2],
            names[3], positions[3]);
    }
  }
}
