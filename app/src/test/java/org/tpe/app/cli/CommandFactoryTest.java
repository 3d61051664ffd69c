package org.tpe.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Queue;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandFactoryTest {
  /** What picocli 4.7's DefaultFactory makes for each collection interface (its createCollection). */
  @Test
  void collectionInterfacesGetTheClassesDefaultFactoryGives() throws Exception {
    Map<Class<?>, Class<?>> expected = new LinkedHashMap<>();
    expected.put(List.class, ArrayList.class);
    expected.put(Collection.class, ArrayList.class);
    expected.put(Set.class, LinkedHashSet.class);
    expected.put(SortedSet.class, TreeSet.class);
    expected.put(NavigableSet.class, TreeSet.class);
    expected.put(Queue.class, LinkedList.class);
    expected.put(Map.class, LinkedHashMap.class);
    expected.put(SortedMap.class, TreeMap.class);
    for (Map.Entry<Class<?>, Class<?>> e : expected.entrySet()) {
      assertEquals(e.getValue(), CommandFactory.INSTANCE.create(e.getKey()).getClass(),
          e.getKey().getName());
    }
    assertEquals(ArrayDeque.class, CommandFactory.INSTANCE.create(ArrayDeque.class).getClass());
  }

  static final class Hidden {
    final int x;

    private Hidden() {
      x = 7;
    }
  }

  @Test
  void classesAreMadeThroughTheirNoArgumentConstructorEvenAPrivateOne() throws Exception {
    assertEquals(7, CommandFactory.INSTANCE.create(Hidden.class).x);
    assertTrue(CommandFactory.INSTANCE.create(LimitsCommand.class) instanceof LimitsCommand);
  }

  @CommandLine.Command(name = "t")
  static final class Multi implements Runnable {
    @CommandLine.Option(names = "--x", split = ",") List<String> xs;
    @CommandLine.Option(names = "--s", split = ",") SortedSet<Integer> ss;

    @Override
    public void run() {}
  }

  @Test
  void multiValueOptionsWithoutAnInitialValueAreFilled() {
    Multi m = new Multi();
    new CommandLine(m, CommandFactory.INSTANCE).execute("--x", "b,a", "--s", "3,1,2");
    assertEquals(List.of("b", "a"), m.xs);
    assertEquals(List.of(1, 2, 3), new ArrayList<>(m.ss));
  }
}
