package org.tpe.render.layout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tpe.render.layout.Layout.Box;

/**
 * A uniform grid over the plane for "what might touch this box?": every item is filed under each
 * {@value #CELL}-unit cell its bounding box meets, and a query returns the items filed under the
 * cells the query box meets, each once. Exact tests stay with the caller; the grid only skips the
 * items that are far away, so a pass that asks about every label is linear in the drawing's size
 * instead of quadratic (the label pass of a 5 000-layer MLP spent most of 20 s testing boxes
 * against every node and edge). Items are int ids, in the order they were added.
 */
final class BoxGrid {
  /** Side of a cell, in layout units (a little more than a node's width). */
  static final double CELL = 48;

  /** Items spanning more cells than this are kept in one list that every query reads. */
  static final long WIDE = 1024;

  private final Map<Long, List<Integer>> cells = new HashMap<>();
  private final List<Integer> wide = new ArrayList<>();
  private int[] seen = new int[16];
  private int stamp;
  private int size;

  /** Files item {@code id} (ids 0, 1, 2, … in order) under the cells {@code bounds} meets. */
  int add(Box bounds) {
    int id = size++;
    if (id >= seen.length) {
      seen = java.util.Arrays.copyOf(seen, 2 * seen.length);
    }
    if (!forCells(bounds, 0, key -> cells.computeIfAbsent(key, k -> new ArrayList<>(4))
        .add(id))) {
      wide.add(id);
    }
    return id;
  }

  /** The number of items. */
  int size() {
    return size;
  }

  /** The items filed under a cell that {@code b} grown by {@code pad} meets, each once. */
  List<Integer> near(Box b, double pad) {
    List<Integer> out = new ArrayList<>();
    if (++stamp == Integer.MAX_VALUE) {
      java.util.Arrays.fill(seen, 0);
      stamp = 1;
    }
    int s = stamp;
    for (int id : wide) {
      seen[id] = s;
      out.add(id);
    }
    boolean filed = forCells(b, pad, key -> {
      List<Integer> items = cells.get(key);
      if (items != null) {
        for (int id : items) {
          if (seen[id] != s) {
            seen[id] = s;
            out.add(id);
          }
        }
      }
    });
    if (!filed) {
      // a query wider than the grid's reach: every item
      for (int id = 0; id < size; id++) {
        if (seen[id] != s) {
          seen[id] = s;
          out.add(id);
        }
      }
    }
    return out;
  }

  private interface CellKey {
    void accept(long key);
  }

  /** Calls f on every cell {@code b} grown by pad meets; false (and no call) if over WIDE cells. */
  private static boolean forCells(Box b, double pad, CellKey f) {
    double x0 = Math.floor((b.x() - pad) / CELL);
    double x1 = Math.floor((b.x() + b.w() + pad) / CELL);
    double y0 = Math.floor((b.y() - pad) / CELL);
    double y1 = Math.floor((b.y() + b.h() + pad) / CELL);
    if (!(x1 - x0 < WIDE && y1 - y0 < WIDE && (x1 - x0 + 1) * (y1 - y0 + 1) <= WIDE
        && Math.abs(x0) < 1e9 && Math.abs(y0) < 1e9 && Math.abs(x1) < 1e9
        && Math.abs(y1) < 1e9)) {
      return false;
    }
    long i0 = (long) x0;
    long i1 = (long) x1;
    long j0 = (long) y0;
    long j1 = (long) y1;
    for (long i = i0; i <= i1; i++) {
      for (long j = j0; j <= j1; j++) {
        f.accept((i << 32) ^ (j & 0xffffffffL));
      }
    }
    return true;
  }
}
