package org.tpe.app.cli;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import picocli.CommandLine;

/**
 * Makes the objects picocli asks for (commands, mixins, converters, and the collections of
 * multi-value options) as its {@code DefaultFactory} does, without that class: its initialiser
 * probes for Groovy with {@code Class.forName("groovy.lang.Closure")}, and a class that is on no
 * jar of the classpath is looked for in every one of them — it opened all 45 jars of the
 * command line's classpath (JavaFX, PDFBox, ELK, Guava…) on every start.
 */
final class CommandFactory implements CommandLine.IFactory {
  static final CommandFactory INSTANCE = new CommandFactory();

  private CommandFactory() {}

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    if (cls.isInterface()) {
      Object made = collection(cls);
      if (made != null) {
        return cls.cast(made);
      }
    }
    Constructor<K> c = cls.getDeclaredConstructor();
    c.setAccessible(true);
    return c.newInstance();
  }

  /** The collection picocli's DefaultFactory makes for a collection or map interface, or null. */
  private static Object collection(Class<?> type) {
    if (List.class.isAssignableFrom(type)) {
      return new ArrayList<>();
    }
    if (SortedSet.class.isAssignableFrom(type)) {
      return new TreeSet<>();
    }
    if (Set.class.isAssignableFrom(type)) {
      return new LinkedHashSet<>();
    }
    if (Queue.class.isAssignableFrom(type)) {
      return new LinkedList<>();
    }
    if (java.util.Collection.class.isAssignableFrom(type)) {
      return new ArrayList<>();
    }
    if (SortedMap.class.isAssignableFrom(type)) {
      return new TreeMap<>();
    }
    if (Map.class.isAssignableFrom(type)) {
      return new LinkedHashMap<>();
    }
    return null;
  }
}
