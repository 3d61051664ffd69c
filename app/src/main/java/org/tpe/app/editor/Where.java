package org.tpe.app.editor;

import org.tpe.model.Problem;
import org.tpe.model.SourcePos;

/** How the editor names a place in the text: "line 10, column 16" (one form everywhere). */
public final class Where {
  private Where() {}

  public static String of(SourcePos p) {
    return "line " + p.line() + ", column " + p.column();
  }

  /** "line 10, column 16: message" (or the variable, or the message alone). */
  public static String problem(Problem p) {
    String where = p.subject() != null ? p.subject() : p.pos() != null ? of(p.pos()) : null;
    return where == null ? p.message() : where + ": " + p.message();
  }
}
