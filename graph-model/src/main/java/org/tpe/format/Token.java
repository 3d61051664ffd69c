package org.tpe.format;

/** A lexical token of one line of {@code .tp} text; {@code column} is 1-based, in code points. */
record Token(Type type, String text, int column) {
  enum Type { NAME, NUMBER, STRING, SYMBOL, ASSIGN, TRANSPOSE, END }

  boolean is(String symbol) {
    return (type == Type.SYMBOL || type == Type.ASSIGN) && text.equals(symbol);
  }

  boolean isName(String name) {
    return type == Type.NAME && text.equals(name);
  }

  String describe() {
    switch (type) {
      case END:
        return "end of line";
      case STRING:
        return "string \"" + text + "\"";
      case NAME:
        return "'" + text + "'";
      default:
        return "'" + text + "'";
    }
  }
}
