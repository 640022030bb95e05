package io.rapport.bench;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What to run and where, from system properties: {@code bench} (all or a comma list of b3, b4, b10, b11, b12, b13, b14), {@code scale}
 * (contacts; accounts are a fifth of it), {@code bench.db}, {@code bench.user}, {@code bench.password},
 * {@code bench.seconds} (per measured run; empty or 0 chooses from the scale), {@code bench.runs}, {@code bench.threads},
 * {@code bench.latencyThreads} (callers of the latency-target benchmarks B11–B14), {@code bench.maxWarmupSeconds}
 * (the longest warm-up of one benchmark at full scale),
 * {@code bench.results} (the folder the JSON goes to).
 */
record BenchConfig(Set<String> benchmarks, int scale, String db, String user, String password, double seconds,
		double warmupSeconds, int maxWarmups, int runs, int threads, int latencyThreads, Path results) {

	static final List<String> ALL = List.of("b4", "b3", "b10", "b11", "b12", "b13", "b14", "b4h", "b3h", "b5", "b7");

	static BenchConfig fromSystemProperties() {
		String which = prop("bench", "all").toLowerCase(Locale.ROOT);
		Set<String> benchmarks = new LinkedHashSet<>();
		for (String b : which.split(",")) {
			String name = b.trim();
			if (name.equals("all")) {
				benchmarks.addAll(ALL);
			} else if (ALL.contains(name)) {
				benchmarks.add(name);
			} else if (!name.isEmpty()) {
				throw new IllegalArgumentException("Unknown benchmark '" + name + "'; known: all, " + String.join(", ", ALL));
			}
		}
		if (benchmarks.isEmpty()) {
			throw new IllegalArgumentException("No benchmark selected (-Dbench=all|b3|b4|b10, comma-separated)");
		}
		int scale = Integer.parseInt(prop("scale", "10000").replace("_", ""));
		if (scale < 1000) {
			throw new IllegalArgumentException("The scale must be at least 1000 contacts, not " + scale);
		}
		String s = prop("bench.seconds", "");
		double seconds = s.isBlank() || Double.parseDouble(s) <= 0 ? autoSeconds(scale) : Double.parseDouble(s);
		// Rapport's side warms up in chunks of this length until it stops getting faster (see Load.warmUp).
		double warmup = Math.max(1, Math.round(seconds * 0.5));
		// At full scale the JIT needs minutes on two cores (see Load.warmUp): up to bench.maxWarmupSeconds of chunks.
		int maxWarmups = seconds >= 4
				? (int) Math.ceil(Double.parseDouble(prop("bench.maxWarmupSeconds", "240")) / warmup) : 6;
		int runs = Integer.parseInt(prop("bench.runs", "3"));
		if (runs < 3) {
			throw new IllegalArgumentException("Medians need at least 3 runs (-Dbench.runs), not " + runs);
		}
		int threads = Integer.parseInt(prop("bench.threads", "8"));
		int latencyThreads = Integer.parseInt(prop("bench.latencyThreads", "2"));
		if (threads < 1 || latencyThreads < 1) {
			throw new IllegalArgumentException("-Dbench.threads and -Dbench.latencyThreads must be at least 1");
		}
		return new BenchConfig(benchmarks, scale, prop("bench.db", "jdbc:postgresql://127.0.0.1:5432/test"),
				prop("bench.user", "postgres"), prop("bench.password", ""), seconds, warmup, Math.max(2, maxWarmups), runs, threads, latencyThreads,
				Path.of(prop("bench.results", "results")));
	}

	/** 1 s per run at smoke scale (10,000), growing to 8 s at 1,000,000 contacts. */
	static double autoSeconds(int scale) {
		return Math.max(1, Math.min(8, Math.round(scale / 125_000.0)));
	}

	private static String prop(String name, String fallback) {
		String v = System.getProperty(name);
		return v == null || v.isBlank() || v.startsWith("${") ? fallback : v.trim();
	}

	String schema() {
		return "bench_" + scale;
	}

	/** The JDBC URL of the benchmark schema, with custom plans forced (see PERFORMANCE.md, "Generic plans"). */
	String schemaUrl() {
		return db + (db.contains("?") ? "&" : "?") + "currentSchema=" + schema()
				+ "&options=-c%20plan_cache_mode%3Dforce_custom_plan";
	}
}
