package org.tpe.limit.exact;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.Estimate;
import org.tpe.limit.ProgressListener;
import org.tpe.limit.WorkerFailure;
import org.tpe.limit.SecondMoments;

/**
 * The requested second moments E[Z^a Z^b] of the exact engine into a dense {@link SecondMoments}
 * table: those already known set at once, the others' rows split into contiguous chunks of about
 * equal numbers of pairs to compute, computed in parallel.
 * Each chunk has its own integrator and counters ({@link ExactEngine#newIntegrator()}), so the
 * threads share only what no longer changes once the symbolic Z is built (bases, expansions,
 * cached second moments); the counts are added to the engine's in chunk order, and a failure is
 * the one of the first failing pair in row order. So the numbers, the notes and the error thrown
 * do not depend on the number of threads.
 *
 * <p>Preconditions: {@link ExactEngine#run()} done, and the expansion and E[(Z^v)²] of every
 * vector of the table already computed (they are cached by the caller's loop over the vectors).
 */
final class PairTable {
  /** Fewer pairs to compute than this are computed on the calling thread. */
  static final int PARALLEL_PAIRS = 4096;

  private final ExactEngine engine;
  private final SecondMoments.Builder table;
  private final CancellationToken cancel;
  private final AtomicLong done = new AtomicLong();
  /** The engine's id of each of the table's names. */
  private final int[] ids;

  PairTable(ExactEngine engine, SecondMoments.Builder table, CancellationToken cancel) {
    this.engine = engine;
    this.table = table;
    this.cancel = cancel;
    this.ids = new int[table.names().size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = engine.vectorId(table.names().get(i));
    }
  }

  /**
   * One contiguous range of rows with its own integrator and counters; {@code rowPairs}, the
   * pairs of each row left to compute once {@link #fill} set the known ones.
   */
  private final class Chunk {
    final int from;
    final int to;
    final long[] rowPairs;
    final GroupIntegrator integrator = engine.newIntegrator();
    final Expectations expectations = new Expectations(engine.basis, integrator);
    final PairExpectation pairs = new PairExpectation(engine, expectations, false);
    ExactFailure failure;

    Chunk(int from, int to, long[] rowPairs) {
      this.from = from;
      this.to = to;
      this.rowPairs = rowPairs;
    }

    void run() {
      List<String> names = table.names();
      for (int i = from; i < to; i++) {
        cancel.check();
        if (rowPairs[i] == 0) {
          continue; // every pair of the row known, and set by fill
        }
        int vi = ids[i];
        int n = 0;
        for (int j = table.nextInRow(i, 0); j >= 0; j = table.nextInRow(i, j + 1)) {
          int vj = ids[j];
          if (engine.knownSecondMoment(vi, vj) != null) {
            continue; // set by fill
          }
          String a = names.get(i);
          String b = names.get(j);
          try {
            // the engine's vector ids are the program order
            table.set(i, j, pairs.of(a, vi, b, vj, vi >= vj ? a : b));
          } catch (ExactFailure f) {
            failure = f;
            return;
          }
          n++;
        }
        done.addAndGet(n);
      }
    }
  }

  /**
   * Fills the table with {@code threads} threads (at most), reporting the fraction of pairs done
   * to {@code progress} as {@code base + span · fraction} from the calling thread.
   *
   * @throws ExactFailure the first failing pair's, in row order
   * @throws CancellationException if cancelled
   */
  void fill(int threads, ProgressListener progress, double base, double span) {
    List<String> names = table.names();
    // the pairs already known (the ZHat covariances the build computed: most pairs of the
    // states of a recurrent program) go straight into the table; the rest are split by count
    long total = 0;
    long[] rowPairs = new long[names.size()];
    for (int i = 0; i < names.size(); i++) {
      int vi = ids[i];
      for (int j = table.nextInRow(i, 0); j >= 0; j = table.nextInRow(i, j + 1)) {
        Estimate e = engine.knownSecondMoment(vi, ids[j]);
        if (e != null) {
          table.set(i, j, e);
        } else {
          rowPairs[i]++;
        }
      }
      total += rowPairs[i];
    }
    if (total == 0) {
      return;
    }
    int workers = total < PARALLEL_PAIRS ? 1 : Math.max(1, threads);
    List<Chunk> chunks = split(rowPairs, total, workers == 1 ? 1 : 4 * workers);
    if (workers == 1) {
      for (Chunk c : chunks) {
        c.run();
        if (c.failure != null) {
          break;
        }
      }
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, chunks.size()), r -> {
        Thread t = new Thread(r, "tpe-pairs");
        t.setDaemon(true);
        return t;
      });
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (Chunk c : chunks) {
          futures.add(pool.submit(c::run));
        }
        for (Future<?> f : futures) {
          await(f, progress, base, span, total);
        }
      } finally {
        pool.shutdownNow();
      }
    }
    merge(chunks);
  }

  private void await(Future<?> f, ProgressListener progress, double base, double span,
      long total) {
    while (true) {
      try {
        f.get(200, TimeUnit.MILLISECONDS);
        return;
      } catch (TimeoutException e) {
        cancel.check();
        progress.progress(base + span * done.get() / Math.max(1, total), "second moments");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancellationException("interrupted");
      } catch (ExecutionException e) {
        throw WorkerFailure.cause(e);
      }
    }
  }

  /** Chunks of consecutive rows with about {@code total / parts} pairs each. */
  private List<Chunk> split(long[] rowPairs, long total, int parts) {
    List<Chunk> out = new ArrayList<>();
    long per = Math.max(1, (total + parts - 1) / parts);
    int from = 0;
    long acc = 0;
    for (int i = 0; i < rowPairs.length; i++) {
      acc += rowPairs[i];
      if (acc >= per || i == rowPairs.length - 1) {
        out.add(new Chunk(from, i + 1, rowPairs));
        from = i + 1;
        acc = 0;
      }
    }
    return out;
  }

  /** The chunks' counts into the engine's, in chunk order; the first failure is thrown. */
  private void merge(List<Chunk> chunks) {
    GroupIntegrator main = engine.integrator;
    for (Chunk c : chunks) {
      if (c.failure != null) {
        throw c.failure;
      }
      engine.expectations.closedForms += c.expectations.closedForms;
      main.quadratures += c.integrator.quadratures;
      if (c.integrator.worstError > main.worstError) {
        main.worstError = c.integrator.worstError;
        main.worst = c.integrator.worst;
      }
      for (Map.Entry<String, Long> r : c.integrator.rules.entrySet()) {
        main.rules.merge(r.getKey(), r.getValue(), Long::sum);
      }
      engine.log.add(MethodLog.Quantity.SECOND_MOMENT, c.expectations.closedForms,
          c.integrator.quadratures);
    }
  }
}
