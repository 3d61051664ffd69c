package org.tpe.model;

/** A line of a program that defines a variable: an {@link Input} or an {@link Instruction}. */
public sealed interface Statement permits Input, Instruction {
  /** The variable this statement defines. */
  String target();

  /** Checks a variable name: letters (Greek allowed), digits, underscores, then optional primes. */
  static String checkName(String name) {
    if (!Names.isValid(name)) {
      throw new IllegalArgumentException("not a valid variable name: '" + name + "'");
    }
    return name;
  }
}
