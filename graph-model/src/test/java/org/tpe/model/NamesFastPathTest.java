package org.tpe.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tpe.expr.Fn;

/**
 * {@link Names#isValid} and {@link Fn#bySymbol} take shortcuts for the usual ASCII names (no code
 * point walk; no lookup when the length or first letter rules a reserved word or a function out).
 * They must agree with the rule written out plainly — the reference below, the definition before
 * the shortcuts — on every name: random strings over an alphabet of ASCII letters, digits, primes,
 * Greek, combining marks, the transpose mark and astral letters, and every reserved word and
 * function symbol with a letter changed, added or dropped.
 */
class NamesFastPathTest {
  /** The rule without shortcuts: not reserved, not a function, a start then parts then primes. */
  private static boolean reference(String name) {
    if (name == null || name.isEmpty() || Names.RESERVED.contains(name)) {
      return false;
    }
    for (Fn f : Fn.values()) {
      if (f.symbol().equals(name)) {
        return false;
      }
    }
    int i = 0;
    int c = name.codePointAt(0);
    if (!((Character.isLetter(c) || c == '_') && c != 'ᵀ')) {
      return false;
    }
    i += Character.charCount(c);
    while (i < name.length()) {
      int d = name.codePointAt(i);
      if (!((Character.isLetterOrDigit(d) || d == '_'
          || Character.getType(d) == Character.NON_SPACING_MARK) && d != 'ᵀ')) {
        break;
      }
      i += Character.charCount(d);
    }
    while (i < name.length() && "'′″".indexOf(name.codePointAt(i)) >= 0) {
      i += Character.charCount(name.codePointAt(i));
    }
    return i == name.length();
  }

  private static final String[] ALPHABET = {"a", "z", "A", "Z", "W", "x", "h", "n", "G", "T", "_",
      "0", "9", "'", "′", "″", "α", "Σ", "\u0301", "ᵀ", "⊤", " ", "-", "+", ":", "é", "\uD835\uDC00",
      "i", "o", "c", "p", "r", "s", "e", "l", "g", "m"};

  @Test
  void isValidAgreesWithThePlainRuleOnRandomNames() {
    SplittableRandom r = new SplittableRandom(14);
    for (int k = 0; k < 200_000; k++) {
      StringBuilder sb = new StringBuilder();
      int len = 1 + r.nextInt(r.nextInt(10) == 0 ? 12 : 5);
      for (int j = 0; j < len; j++) {
        sb.append(ALPHABET[r.nextInt(ALPHABET.length)]);
      }
      String s = sb.toString();
      assertEquals(reference(s), Names.isValid(s), s);
    }
  }

  @Test
  void reservedWordsAndFunctionsAndTheirNeighboursAreJudgedAsByThePlainRule() {
    java.util.List<String> words = new java.util.ArrayList<>(Names.RESERVED);
    for (Fn f : Fn.values()) {
      words.add(f.symbol());
    }
    for (String w : words) {
      assertFalse(Names.isValid(w), w);
      for (String v : new String[] {w + "x", "x" + w, w.substring(1), w.substring(0,
          w.length() - 1), w + "'", w.toUpperCase(java.util.Locale.ROOT), "_" + w, w + "1"}) {
        assertEquals(reference(v), Names.isValid(v), v);
      }
    }
    assertFalse(Names.isValid(null));
    assertFalse(Names.isValid(""));
  }

  @Test
  void bySymbolFindsEveryFunctionAndNothingElse() {
    for (Fn f : Fn.values()) {
      assertSame(f, Fn.bySymbol(f.symbol()));
      assertNull(Fn.bySymbol(f.symbol() + "x"));
      assertNull(Fn.bySymbol("x" + f.symbol()));
      assertNull(Fn.bySymbol(f.symbol().toUpperCase(java.util.Locale.ROOT)));
    }
    for (String s : new String[] {"", "x", "h12", "W", "reluu", "é", "softplus2", "ᵀ"}) {
      assertNull(Fn.bySymbol(s), s);
    }
    assertNull(Fn.bySymbol(null));
  }
}
