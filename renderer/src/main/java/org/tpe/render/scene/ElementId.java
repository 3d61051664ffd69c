package org.tpe.render.scene;

import java.util.Objects;

/**
 * What a scene element depicts, for hit-testing and selection: a variable (by name), an
 * instruction (its gate, by the name of the variable it defines) or an edge (by the diagram's edge
 * id, with the step of computation {@code fromVar → toVar} it belongs to).
 */
public record ElementId(Type type, String name, String fromVar, String toVar) {
  public enum Type { VARIABLE, INSTRUCTION, EDGE, TITLE }

  public ElementId {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
  }

  public static ElementId variable(String name) {
    return new ElementId(Type.VARIABLE, name, null, null);
  }

  public static ElementId instruction(String target) {
    return new ElementId(Type.INSTRUCTION, target, null, null);
  }
}
