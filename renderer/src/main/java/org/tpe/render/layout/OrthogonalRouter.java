package org.tpe.render.layout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.PriorityQueue;
import org.tpe.render.layout.Layout.Box;
import org.tpe.render.layout.Layout.Pt;

/**
 * Routes an edge between fixed boxes with horizontal and vertical segments only, keeping {@link
 * #CLEARANCE} from every box: the shortest route on the sparse grid of the boxes' (grown) sides,
 * the channels between them and the two ends, where each bend costs {@link #BEND} units of length
 * (Dijkstra over grid points × heading). Edges leave their source to the right and enter their
 * target from the left, as everywhere in the left-to-right notation.
 *
 * <p>The grid covers a window around the two ends, grown until a route exists. Where nodes are
 * placed too tightly for that, the route gives up the clearance, then the directions at its
 * ends, and as a last resort is a plain three-segment route. Cost per edge
 * O(G log G) for G grid points of the window, G ≤ (2b + 4)² with b the boxes meeting it.
 */
final class OrthogonalRouter {
  /** Distance kept from every box. */
  static final double CLEARANCE = 6;
  /** Cost of a bend, in units of length: routes prefer a detour of this much to one more bend. */
  static final double BEND = 30;
  /** First margin of the window around the two ends. */
  static final double WINDOW = 60;

  private final List<Box> boxes;

  /** A router around {@code boxes} (node boxes; the router keeps its clearance from them). */
  OrthogonalRouter(Collection<Box> boxes) {
    this.boxes = List.copyOf(boxes);
  }

  /**
   * A route from {@code start}, leaving to the right, to {@code end}, entered from the left: the
   * polyline's first point is {@code start}, its last {@code end}, every segment axis-parallel.
   * A box closer to an end than the clearance (the ends' own nodes, neighbours placed tightly)
   * is kept at what distance there is.
   */
  List<Pt> route(Pt start, Pt end) {
    // tightly placed nodes may leave no such route: then without clearance, then entering and
    // leaving the ends from any side, and only then a plain route crossing what it must
    for (int attempt = 0; attempt < 3; attempt++) {
      List<Pt> r = route(start, end, attempt == 0 ? CLEARANCE : 0, attempt < 2);
      if (r != null) {
        return r;
      }
    }
    double mx = (start.x() + end.x()) / 2;
    return ElkLayout.simplify(List.of(start, new Pt(mx, start.y()), new Pt(mx, end.y()), end));
  }

  private List<Pt> route(Pt start, Pt end, double clearance, boolean eastward) {
    List<Box> active = new ArrayList<>();
    Box all = null;
    for (Box b : boxes) {
      if (Geometry.distance(b, start.x(), start.y()) == 0 && !onBoundary(b, start)
          || Geometry.distance(b, end.x(), end.y()) == 0 && !onBoundary(b, end)) {
        continue; // an end inside a box (a label over a port): that box cannot be avoided
      }
      double room = Math.min(clearance, Math.min(Geometry.distance(b, start.x(), start.y()),
          Geometry.distance(b, end.x(), end.y())) - 0.5);
      Box o = b.grow(Math.max(0, room));
      active.add(o);
      all = all == null ? o : all.union(o);
    }
    double margin = WINDOW;
    while (true) {
      Box window = new Box(Math.min(start.x(), end.x()), Math.min(start.y(), end.y()),
          Math.abs(start.x() - end.x()), Math.abs(start.y() - end.y())).grow(margin);
      List<Pt> r = search(start, end, window, active, eastward);
      if (r != null) {
        return ElkLayout.simplify(r);
      }
      if (all == null || window.x() <= all.x() && window.y() <= all.y()
          && window.x() + window.w() >= all.x() + all.w()
          && window.y() + window.h() >= all.y() + all.h()) {
        return null;
      }
      margin *= 3;
    }
  }

  private static boolean onBoundary(Box b, Pt p) {
    return Math.abs(p.x() - b.x()) < 1e-9 || Math.abs(p.x() - b.x() - b.w()) < 1e-9
        || Math.abs(p.y() - b.y()) < 1e-9 || Math.abs(p.y() - b.y() - b.h()) < 1e-9;
  }

  private static double[] coordinates(List<Double> raw) {
    double[] a = raw.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = 0;
    for (double v : a) {
      if (n == 0 || v - a[n - 1] > 1e-6) {
        a[n++] = v;
      }
    }
    return Arrays.copyOf(a, n);
  }

  private static int index(double[] a, double v) {
    int i = Arrays.binarySearch(a, v);
    if (i >= 0) {
      return i;
    }
    int k = -i - 1;
    if (k > 0 && v - a[k - 1] < 1e-6) {
      return k - 1;
    }
    return k < a.length && a[k] - v < 1e-6 ? k : -1;
  }

  /**
   * The grid route from s to t, or null if there is none; {@code eastward}: leaving s and
   * entering t heading east.
   */
  private static List<Pt> search(Pt s, Pt t, Box window, List<Box> active, boolean eastward) {
    List<Box> in = new ArrayList<>();
    List<Double> xr = new ArrayList<>(List.of(s.x(), t.x(), window.x(), window.x() + window.w()));
    List<Double> yr = new ArrayList<>(List.of(s.y(), t.y(), window.y(), window.y() + window.h()));
    for (Box o : active) {
      if (o.intersects(window, 0)) {
        in.add(o);
        xr.add(o.x());
        xr.add(o.x() + o.w());
        yr.add(o.y());
        yr.add(o.y() + o.h());
      }
    }
    double[] xs = channels(coordinates(xr), window.x(), window.x() + window.w());
    double[] ys = channels(coordinates(yr), window.y(), window.y() + window.h());
    int nx = xs.length;
    int ny = ys.length;
    // blocked grid points and unit segments: strictly inside a grown box
    boolean[] point = new boolean[nx * ny];
    boolean[] hor = new boolean[nx * ny]; // segment (i, j) → (i + 1, j)
    boolean[] ver = new boolean[nx * ny]; // segment (i, j) → (i, j + 1)
    for (Box o : in) {
      int a = ceil(xs, o.x());
      int b = floor(xs, o.x() + o.w());
      int c = ceil(ys, o.y());
      int d = floor(ys, o.y() + o.h());
      for (int i = Math.max(0, a - 1); i <= Math.min(nx - 1, b + 1); i++) {
        for (int j = Math.max(0, c - 1); j <= Math.min(ny - 1, d + 1); j++) {
          boolean xin = xs[i] > o.x() + 1e-9 && xs[i] < o.x() + o.w() - 1e-9;
          boolean yin = ys[j] > o.y() + 1e-9 && ys[j] < o.y() + o.h() - 1e-9;
          if (xin && yin) {
            point[i * ny + j] = true;
          }
          if (i + 1 < nx && yin && (xs[i] + xs[i + 1]) / 2 > o.x() && (xs[i] + xs[i + 1]) / 2
              < o.x() + o.w()) {
            hor[i * ny + j] = true;
          }
          if (j + 1 < ny && xin && (ys[j] + ys[j + 1]) / 2 > o.y() && (ys[j] + ys[j + 1]) / 2
              < o.y() + o.h()) {
            ver[i * ny + j] = true;
          }
        }
      }
    }
    int si = index(xs, s.x());
    int sj = index(ys, s.y());
    int ti = index(xs, t.x());
    int tj = index(ys, t.y());
    // heading: 0 east, 1 west, 2 south (y grows), 3 north
    int states = nx * ny * 4;
    double[] dist = new double[states];
    int[] prev = new int[states];
    Arrays.fill(dist, Double.POSITIVE_INFINITY);
    PriorityQueue<double[]> q = new PriorityQueue<>((u, v) -> Double.compare(u[0], v[0]));
    int start = (si * ny + sj) * 4;
    dist[start] = 0;
    prev[start] = -1;
    q.add(new double[] {0, start});
    int goal = -1;
    while (!q.isEmpty()) {
      double[] top = q.poll();
      int st = (int) top[1];
      if (top[0] > dist[st]) {
        continue;
      }
      int cell = st / 4;
      int head = st % 4;
      int i = cell / ny;
      int j = cell % ny;
      if (i == ti && j == tj) {
        if (head == 0 || !eastward) {
          goal = st;
          break;
        }
        int east = cell * 4;
        if (dist[st] + BEND < dist[east]) {
          dist[east] = dist[st] + BEND;
          prev[east] = st;
          q.add(new double[] {dist[east], east});
        }
        continue;
      }
      for (int h = 0; h < 4; h++) {
        if (h == (head ^ 1) || eastward && st == start && h != 0) {
          continue; // no U-turns; the first step goes right, out of the source
        }
        int ni = i + (h == 0 ? 1 : h == 1 ? -1 : 0);
        int nj = j + (h == 2 ? 1 : h == 3 ? -1 : 0);
        if (ni < 0 || nj < 0 || ni >= nx || nj >= ny || point[ni * ny + nj]) {
          continue;
        }
        boolean blocked = h <= 1 ? hor[Math.min(i, ni) * ny + j] : ver[i * ny + Math.min(j, nj)];
        if (blocked) {
          continue;
        }
        double len = Math.abs(xs[ni] - xs[i]) + Math.abs(ys[nj] - ys[j]);
        double cost = dist[st] + len + (h == head ? 0 : BEND);
        int ns = (ni * ny + nj) * 4 + h;
        if (cost < dist[ns] - 1e-12) {
          dist[ns] = cost;
          prev[ns] = st;
          q.add(new double[] {cost, ns});
        }
      }
    }
    if (goal < 0) {
      return null;
    }
    List<Pt> pts = new ArrayList<>();
    for (int st = goal; st >= 0; st = prev[st]) {
      int cell = st / 4;
      Pt p = new Pt(xs[cell / ny], ys[cell % ny]);
      if (pts.isEmpty() || !pts.get(pts.size() - 1).equals(p)) {
        pts.add(p);
      }
    }
    java.util.Collections.reverse(pts);
    return pts;
  }

  /** The coordinates with the middle of every gap between neighbours added (channel centres). */
  private static double[] channels(double[] c, double lo, double hi) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < c.length; i++) {
      if (c[i] < lo - 1e-6 || c[i] > hi + 1e-6) {
        continue;
      }
      out.add(c[i]);
      if (i + 1 < c.length && c[i + 1] - c[i] > 4 && c[i + 1] <= hi + 1e-6) {
        out.add((c[i] + c[i + 1]) / 2);
      }
    }
    return coordinates(out);
  }

  private static int ceil(double[] a, double v) {
    int i = Arrays.binarySearch(a, v);
    return i >= 0 ? i : -i - 1;
  }

  private static int floor(double[] a, double v) {
    int i = Arrays.binarySearch(a, v);
    return i >= 0 ? i : -i - 2;
  }
}
