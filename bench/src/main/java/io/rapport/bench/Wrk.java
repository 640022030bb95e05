package io.rapport.bench;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rapport's side of an HTTP benchmark driven by {@code wrk} (Debian's package), a load generator in C outside this
 * JVM: its client costs far less CPU than Java's {@code HttpClient}, which on two cores takes a large share of what
 * the server needs. Each run writes a Lua script that draws a random path from a fixed list (and, for writes, numbers
 * each body uniquely), runs {@code wrk --latency} with one connection per benchmark thread, and reads the request
 * rate and latency distribution off its report. Any non-2xx/3xx answer or socket error fails the benchmark.
 */
final class Wrk implements Load.Driver {

	private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ([\\d.]+)(us|ms|s|m),");
	private static final Pattern PERCENTILE = Pattern.compile("^\\s+(\\d+(?:\\.\\d+)?)%\\s+([\\d.]+)(us|ms|s|m)\\s*$",
			Pattern.MULTILINE);
	private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
	private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

	/** Numbers for request bodies: each run starts a fresh block, so no two requests of a benchmark carry the same one. */
	private static final AtomicLong BLOCK = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 1_000);

	private final String origin;
	private final String method;
	private final List<String> paths;
	private final Map<String, String> headers;
	private final List<String> bodyParts;

	/**
	 * @param origin    {@code http://host:port}
	 * @param paths     request targets (path and query), one drawn at random per request
	 * @param bodyParts null for no body; otherwise the body's text around each {@code {n}}, where the request's own
	 *                  unique number goes
	 */
	Wrk(String origin, String method, List<String> paths, Map<String, String> headers, List<String> bodyParts) {
		this.origin = origin;
		this.method = method;
		this.paths = List.copyOf(paths);
		this.headers = new TreeMap<>(headers);
		this.bodyParts = bodyParts == null ? null : List.copyOf(bodyParts);
	}

	/** A body template split at its {@code {n}} placeholders. */
	static List<String> bodyParts(String template) {
		return List.of(template.split("\\{n}", -1));
	}

	/**
	 * Whether HTTP benchmarks use {@code wrk}: {@code -Dbench.http=wrk} or {@code jvm}; by default wrk when it is on the
	 * PATH.
	 */
	static boolean use() {
		String choice = System.getProperty("bench.http", "");
		if (choice.equals("jvm")) {
			return false;
		}
		boolean found = executable() != null;
		if (choice.equals("wrk") && !found) {
			throw new IllegalStateException("-Dbench.http=wrk, but wrk is not on the PATH (apt-get install wrk)");
		}
		return found;
	}

	private static String executable() {
		for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
			Path candidate = Path.of(dir, "wrk");
			if (Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		return null;
	}

	@Override
	public Load.Run run(int threads, double seconds, long seed) throws Exception {
		Path script = Files.createTempFile("rapport-bench-", ".lua");
		try {
			Files.writeString(script, script(seed, BLOCK.addAndGet(100_000_000L)), StandardCharsets.UTF_8);
			int wrkThreads = Math.max(1, Math.min(threads, Runtime.getRuntime().availableProcessors()));
			List<String> command = List.of(executable(), "-t" + wrkThreads, "-c" + threads,
					"-d" + Math.max(1, Math.round(seconds)) + "s", "--timeout", "30s", "--latency", "-s", script.toString(),
					origin + paths.get(0));
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor((long) seconds + 60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("wrk did not finish");
			}
			String report = new String(output, StandardCharsets.UTF_8);
			if (process.exitValue() != 0) {
				throw new IllegalStateException("wrk exited with " + process.exitValue() + ":\n" + report);
			}
			return parse(report);
		} finally {
			Files.deleteIfExists(script);
		}
	}

	static Load.Run parse(String report) {
		Matcher errors = NON_2XX.matcher(report);
		if (errors.find()) {
			throw new IllegalStateException(errors.group(1) + " answers were not 2xx/3xx:\n" + report);
		}
		Matcher socket = SOCKET_ERRORS.matcher(report);
		if (socket.find()) {
			throw new IllegalStateException("wrk saw socket errors:\n" + report);
		}
		Matcher requests = REQUESTS.matcher(report);
		if (!requests.find()) {
			throw new IllegalStateException("wrk's report has no request count:\n" + report);
		}
		long ops = Long.parseLong(requests.group(1));
		double seconds = millis(requests.group(2), requests.group(3)) / 1000;
		TreeMap<Double, Double> distribution = new TreeMap<>();
		Matcher m = PERCENTILE.matcher(report);
		while (m.find()) {
			distribution.put(Double.parseDouble(m.group(1)), millis(m.group(2), m.group(3)));
		}
		if (ops == 0 || distribution.isEmpty()) {
			// Nothing answered within the run (a cold server on a busy machine): a rate of zero, not a broken benchmark.
			return new Load.Run(0, seconds, p -> Double.NaN);
		}
		// wrk reports p50, p75, p90 and p99; a percentile in between is read as the next one reported (an upper bound).
		return new Load.Run(ops, seconds, p -> {
			Map.Entry<Double, Double> at = distribution.ceilingEntry(p);
			return (at == null ? distribution.lastEntry() : at).getValue();
		});
	}

	private static double millis(String value, String unit) {
		double v = Double.parseDouble(value);
		return switch (unit) {
			case "us" -> v / 1000;
			case "ms" -> v;
			case "s" -> v * 1000;
			case "m" -> v * 60_000;
			default -> throw new IllegalArgumentException(unit);
		};
	}

	private String script(long seed, long block) {
		StringBuilder lua = new StringBuilder(paths.size() * 120 + 1024);
		lua.append("local paths = {\n");
		for (String path : paths) {
			lua.append("  ").append(quote(path)).append(",\n");
		}
		lua.append("}\nlocal headers = {\n");
		headers.forEach((name, value) -> lua.append("  [").append(quote(name)).append("] = ").append(quote(value)).append(",\n"));
		lua.append("}\n");
		if (bodyParts != null) {
			lua.append("local parts = {");
			List<String> quoted = new ArrayList<>();
			bodyParts.forEach(part -> quoted.add(quote(part)));
			lua.append(String.join(", ", quoted)).append("}\n");
		}
		lua.append("""
				local count = #paths
				local counter = 0
				local numbered = 0
				threadno = 0
				function setup(thread)
				  thread:set("threadno", threadno)
				  threadno = threadno + 1
				end
				function init(args)
				  math.randomseed(%d + threadno)
				  numbered = %d + threadno * 10000000
				end
				""".formatted(seed, block));
		if (bodyParts == null) {
			lua.append("""
					request = function()
					  return wrk.format(%s, paths[math.random(count)], headers)
					end
					""".formatted(quote(method)));
		} else {
			lua.append("""
					request = function()
					  counter = counter + 1
					  local n = string.format("%%.0f", numbered + counter)
					  return wrk.format(%s, paths[math.random(count)], headers, table.concat(parts, n))
					end
					""".formatted(quote(method)));
		}
		return lua.toString();
	}

	private static String quote(String text) {
		StringBuilder q = new StringBuilder(text.length() + 2).append('"');
		for (char ch : text.toCharArray()) {
			switch (ch) {
				case '\\' -> q.append("\\\\");
				case '"' -> q.append("\\\"");
				case '\n' -> q.append("\\n");
				case '\r' -> q.append("\\r");
				default -> q.append(ch);
			}
		}
		return q.append('"').toString();
	}
}
