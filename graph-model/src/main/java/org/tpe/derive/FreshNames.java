package org.tpe.derive;

import java.util.HashSet;
import java.util.Set;
import org.tpe.model.Names;

/**
 * Names for generated variables that collide with nothing: the wanted name, else the wanted name
 * with {@code _2}, {@code _3}, … inserted before its primes ({@code dx'} → {@code dx_2'}).
 */
public final class FreshNames {
  private final Set<String> taken;

  public FreshNames(Set<String> taken) {
    this.taken = new HashSet<>(taken);
  }

  /** A fresh name based on {@code wanted} (which must be a valid name up to primes). */
  public String take(String wanted) {
    String base = wanted;
    String primes = "";
    while (!base.isEmpty() && Names.isPrime(base.codePointBefore(base.length()))) {
      int cp = base.codePointBefore(base.length());
      primes = new String(Character.toChars(cp)) + primes;
      base = base.substring(0, base.length() - Character.charCount(cp));
    }
    String name = wanted;
    for (int k = 2; taken.contains(name) || !Names.isValid(name); k++) {
      name = base + "_" + k + primes;
    }
    taken.add(name);
    return name;
  }

  /** Marks {@code name} as taken. */
  public void reserve(String name) {
    taken.add(name);
  }

  /** {@code x} without its trailing primes. */
  public static String stem(String x) {
    String s = x;
    while (!s.isEmpty() && Names.isPrime(s.codePointBefore(s.length()))) {
      s = s.substring(0, s.length() - Character.charCount(s.codePointBefore(s.length())));
    }
    return s;
  }

  /** {@code x}'s trailing primes. */
  public static String primes(String x) {
    return x.substring(stem(x).length());
  }
}
