package io.rapport.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A closed-loop load of N threads for a fixed duration: each thread opens its own client (a connection for the raw
 * side), waits for the common start, then calls as fast as it can, timing every call.
 */
final class Load {

	private Load() {
	}

	/** One thread's way of doing the work. */
	interface Client extends AutoCloseable {
		void call(SplittableRandom random) throws Exception;

		@Override
		default void close() throws Exception {
		}
	}

	interface ClientFactory {
		Client open() throws Exception;
	}

	/**
	 * One way of putting load on Rapport for a timed run: threads of this JVM calling through a {@link ClientFactory},
	 * or an external load generator ({@link Wrk}).
	 */
	interface Driver {
		Run run(int threads, double seconds, long seed) throws Exception;
	}

	static Driver inJvm(ClientFactory factory) {
		return (threads, seconds, seed) -> run(threads, seconds, factory, seed);
	}

	/** A run's latency percentiles in milliseconds. */
	interface Percentiles {
		double ms(double percentile);

		/** From every call's latency in nanoseconds, sorted. */
		static Percentiles of(long[] sorted) {
			return p -> {
				if (sorted.length == 0) {
					return Double.NaN;
				}
				int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
				return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
			};
		}
	}

	/** One timed run. */
	record Run(long ops, double seconds, Percentiles percentiles) {

		double opsPerSecond() {
			return ops / seconds;
		}

		double percentileMs(double p) {
			return percentiles.ms(p);
		}
	}

	static Run run(int threads, double seconds, ClientFactory factory, long seed) throws Exception {
		CountDownLatch ready = new CountDownLatch(threads);
		CountDownLatch go = new CountDownLatch(1);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		long[][] latencies = new long[threads][];
		int[] counts = new int[threads];
		long[] ends = new long[threads];
		long[] start = new long[1];
		long duration = (long) (seconds * 1e9);
		List<Thread> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int index = t;
			Thread worker = new Thread(() -> {
				long[] lat = new long[1 << 14];
				int n = 0;
				try (Client client = factory.open()) {
					SplittableRandom random = new SplittableRandom(seed * 1_000 + index);
					ready.countDown();
					go.await();
					long deadline = start[0] + duration;
					long now = System.nanoTime();
					while (now < deadline && failure.get() == null) {
						long before = now;
						client.call(random);
						now = System.nanoTime();
						if (n == lat.length) {
							lat = Arrays.copyOf(lat, n * 2);
						}
						lat[n++] = now - before;
					}
					ends[index] = now;
				} catch (Throwable e) {
					failure.compareAndSet(null, e);
					ready.countDown();
				}
				latencies[index] = Arrays.copyOf(lat, n);
				counts[index] = n;
			}, "bench-" + t);
			worker.setDaemon(true);
			workers.add(worker);
			worker.start();
		}
		ready.await();
		start[0] = System.nanoTime();
		go.countDown();
		for (Thread w : workers) {
			w.join();
		}
		if (failure.get() != null) {
			throw new IllegalStateException("A benchmark thread failed: " + failure.get(), failure.get());
		}
		long ops = 0;
		long end = start[0];
		int total = 0;
		for (int t = 0; t < threads; t++) {
			ops += counts[t];
			end = Math.max(end, ends[t]);
			total += latencies[t].length;
		}
		long[] all = new long[total];
		int at = 0;
		for (long[] l : latencies) {
			System.arraycopy(l, 0, all, at, l.length);
			at += l.length;
		}
		Arrays.sort(all);
		if (ops == 0) {
			throw new IllegalStateException("No call completed in " + seconds + " s");
		}
		return new Run(ops, (end - start[0]) / 1e9, Percentiles.of(all));
	}

	/**
	 * Median latency in milliseconds of calls on one thread: up to {@code n} calls (at most {@code seconds}) of
	 * warm-up, then as many measured.
	 */
	static double medianMs(int n, double seconds, Client client) throws Exception {
		SplittableRandom random = new SplittableRandom(7);
		long budget = (long) (seconds * 1e9);
		long start = System.nanoTime();
		for (int i = 0; i < n && System.nanoTime() - start < budget; i++) {
			client.call(random);
		}
		long[] times = new long[n];
		int count = 0;
		start = System.nanoTime();
		while (count < n && (count < 5 || System.nanoTime() - start < budget)) {
			long t0 = System.nanoTime();
			client.call(random);
			times[count++] = System.nanoTime() - t0;
		}
		long[] measured = Arrays.copyOf(times, count);
		Arrays.sort(measured);
		return measured[count / 2] / 1e6;
	}

	/** Runs of both sides: warm-up each, then measured runs alternating limit and Rapport so drift hits both alike. */
	record Comparison(List<Run> rapport, List<Run> limit, String warmUp) {

		static double median(List<Double> values) {
			double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
			return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
		}

		double rapportOps() {
			return median(rapport.stream().map(Run::opsPerSecond).toList());
		}

		double limitOps() {
			return median(limit.stream().map(Run::opsPerSecond).toList());
		}

		double rapportP99() {
			return median(rapport.stream().map(r -> r.percentileMs(99)).toList());
		}

		double limitP99() {
			return median(limit.stream().map(r -> r.percentileMs(99)).toList());
		}
	}

	static Comparison compare(BenchConfig config, String label, ClientFactory rapport, ClientFactory limit)
			throws Exception {
		return compare(config, label, "rapport", rapport, limit);
	}

	/** As {@link #compare(BenchConfig, String, ClientFactory, ClientFactory)}, naming the first side {@code side}. */
	static Comparison compare(BenchConfig config, String label, String side, ClientFactory rapport, ClientFactory limit)
			throws Exception {
		return compare(config, label, side, inJvm(rapport), limit);
	}

	/** As {@link #compare(BenchConfig, String, ClientFactory, ClientFactory)}, with Rapport's side driven by {@code rapport}. */
	static Comparison compare(BenchConfig config, String label, String side, Driver rapport, ClientFactory limit)
			throws Exception {
		int threads = config.threads();
		String warmUp = warmUp(config, label, side, rapport);
		Run lw = run(threads, config.warmupSeconds(), limit, 1);
		Bench.log("  %s: limit warm-up %,.0f ops/s", label, lw.opsPerSecond());
		List<Run> r = new ArrayList<>();
		List<Run> l = new ArrayList<>();
		for (int i = 0; i < config.runs(); i++) {
			Run lr = run(threads, config.seconds(), limit, 100 + i);
			Run rr = rapport.run(threads, config.seconds(), 100 + i);
			l.add(lr);
			r.add(rr);
			Bench.log("  %s run %d: %s %,.0f ops/s (p99 %.2f ms), limit %,.0f ops/s (p99 %.2f ms)", label, i + 1, side,
					rr.opsPerSecond(), rr.percentileMs(99), lr.opsPerSecond(), lr.percentileMs(99));
		}
		return new Comparison(r, l, warmUp);
	}

	/**
	 * The Rapport side runs far more Java than the raw side, and on two busy cores the JIT needs minutes to compile it
	 * (measured here: a read by id went from 900 to 2,600 requests/s over the first three minutes of load, with the
	 * compiler threads busy all along): warm up in chunks until a chunk is no more than 10% faster than the best before
	 * it and the JIT compiled for less than 5% of the chunk, or {@link BenchConfig#maxWarmups()} chunks have run. The
	 * answer says which, so a report measured while the JIT was still compiling shows it.
	 */
	static String warmUp(BenchConfig config, String label, String side, Driver rapport) throws Exception {
		return warmUp(config, label, side, config.threads(), rapport);
	}

	private static String warmUp(BenchConfig config, String label, String side, int threads, Driver rapport)
			throws Exception {
		CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
		double best = 0;
		double jitShare = 1;
		long started = System.nanoTime();
		int i = 1;
		for (; i <= config.maxWarmups(); i++) {
			long jit0 = jit.getTotalCompilationTime();
			Run w = rapport.run(threads, config.warmupSeconds(), 1);
			jitShare = (jit.getTotalCompilationTime() - jit0) / (w.seconds() * 1000);
			Bench.log("  %s: %s warm-up %d: %,.0f ops/s (JIT busy %.0f%% of the time)", label, side, i, w.opsPerSecond(),
					jitShare * 100);
			if (i > 1 && w.opsPerSecond() <= best * 1.10 && jitShare < 0.05) {
				break;
			}
			best = Math.max(best, w.opsPerSecond());
		}
		boolean settled = i <= config.maxWarmups();
		String summary = String.format("warm-up %.0f s in %d chunks, %s", (System.nanoTime() - started) / 1e9,
				Math.min(i, config.maxWarmups()), settled ? "JIT settled" : String.format("cap reached with the JIT still busy %.0f%%", jitShare * 100));
		Bench.log("  %s: %s", label, summary);
		return summary;
	}

	/**
	 * A benchmark with a latency target and no raw counterpart: warm-up, then the measured runs of Rapport's side
	 * alone, with {@link BenchConfig#latencyThreads()} callers (one per core by default, so the p99 is the work's own
	 * tail rather than the queue of a saturated machine).
	 */
	static List<Run> alone(BenchConfig config, String label, ClientFactory rapport) throws Exception {
		int threads = config.latencyThreads();
		warmUp(config, label, "rapport", threads, inJvm(rapport));
		List<Run> runs = new ArrayList<>();
		for (int i = 0; i < config.runs(); i++) {
			Run r = run(threads, config.seconds(), rapport, 100 + i);
			runs.add(r);
			Bench.log("  %s run %d: %,.0f ops/s (p50 %.2f ms, p99 %.2f ms)", label, i + 1, r.opsPerSecond(),
					r.percentileMs(50), r.percentileMs(99));
		}
		return runs;
	}
}
