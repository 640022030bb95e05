package io.rapport.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.rapport.Rapport;
import io.rapport.core.EntityRecord;
import io.rapport.data.Records;
import io.rapport.metadata.Metadata;
import io.rapport.query.Queries;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark runner: prepares the {@code bench_<scale>} schema, starts the Rapport application on it (its web
 * server on a random loopback port, unused here), loads the generated data with COPY unless a complete copy is already there, runs the selected benchmarks,
 * prints the table and writes the same to {@code results/<timestamp>-<scale>.json}. Exits 1 when anything throws; a
 * missed target is a FAIL in the table, not an error.
 */
public final class Bench {

	private static final long STARTED = System.nanoTime();

	private Bench() {
	}

	public static void main(String[] args) {
		int status = 0;
		try {
			run(BenchConfig.fromSystemProperties());
		} catch (Throwable e) {
			System.out.flush();
			System.err.println("BENCHMARK BROKEN: " + e);
			org.slf4j.LoggerFactory.getLogger(Bench.class).error("The benchmark broke; what it was doing:", e);
			status = 1;
		}
		System.exit(status);
	}

	static void log(String format, Object... args) {
		System.out.printf("[%6.1f s] %s%n", (System.nanoTime() - STARTED) / 1e9, String.format(format, args));
		System.out.flush();
	}

	static void run(BenchConfig config) throws Exception {
		log("Rapport benchmarks %s at scale %,d (schema %s), %d threads, %d runs of %.0f s after warm-up chunks of %.0f s",
				String.join(",", config.benchmarks()), config.scale(), config.schema(), config.threads(), config.runs(),
				config.seconds(), config.warmupSeconds());
		Dataset dataset = new Dataset(config);
		boolean reuse = dataset.prepare();
		log(reuse ? "Reusing the data in %s" : "Schema %s created empty; the application creates the tables", config.schema());

		long a0 = System.nanoTime();
		// As command-line arguments: they take precedence over application.yml (default properties would not).
		Map<String, Object> props = new LinkedHashMap<>();
		props.put("spring.datasource.url", config.schemaUrl());
		props.put("spring.datasource.username", config.user());
		props.put("spring.datasource.password", config.password());
		props.put("spring.datasource.hikari.maximum-pool-size", config.threads() + 2);
		props.put("spring.flyway.schemas", config.schema());
		props.put("spring.flyway.default-schema", config.schema());
		props.put("rapport.demo-data", false);
		// Service protection would throttle a load generator: the HTTP benchmarks measure the API, not the limiter.
		props.put("rapport.api.rate-limit.requests", 0);
		// The application's security configuration needs a servlet context (HttpSecurity), so it cannot start with
		// WebApplicationType.NONE; the server listens on a random loopback port and no engine benchmark uses it.
		props.put("server.port", 0);
		props.put("server.address", "127.0.0.1");
		props.put("spring.main.banner-mode", "off");
		props.put("logging.level.root", "WARN");
		props.put("logging.level.io.rapport", "INFO");
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(Rapport.class)
			.web(WebApplicationType.SERVLET)
			.run(props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new))) {
			double appSeconds = (System.nanoTime() - a0) / 1e9;
			log("Application started in %.1f s", appSeconds);
			Queries queries = app.getBean(Queries.class);
			Metadata metadata = app.getBean(Metadata.class);
			Records records = app.getBean(Records.class);
			if (!reuse) {
				log("Loading %,d contacts and %,d accounts with COPY", config.scale(), Math.max(1, config.scale() / 5));
				dataset.load(records);
				log("Loaded: %s", dataset.facts);
			}
			Env env = new Env(config, dataset, app);
			HttpApi.removeCreated(env);
			dataset.describe();
			sanity(env);
			Map<String, Object> heapAfterLoad = memory();
			resetPeaks();

			List<Result> results = new ArrayList<>();
			Map<String, Double> load = new LinkedHashMap<>();
			load.put("start", loadAverage());
			for (String b : config.benchmarks()) {
				switch (b) {
					case "b4" -> results.addAll(B4GetById.run(env));
					case "b3" -> results.addAll(B3ListView.run(env));
					case "b10" -> results.addAll(B10DeepPaging.run(env));
					case "b11" -> results.addAll(CustomerViews.relatedContacts(env));
					case "b12" -> results.addAll(CustomerViews.timeline(env));
					case "b13" -> results.addAll(CustomerViews.connections(env));
					case "b14" -> results.addAll(CustomerViews.duplicateCheck(env));
					case "b3h" -> results.addAll(HttpApi.listView(env));
					case "b4h" -> results.addAll(HttpApi.getById(env));
					case "b5" -> results.addAll(HttpApi.create(env));
					case "b7" -> results.addAll(WebPages.accountForm(env));
					default -> throw new IllegalArgumentException(b);
				}
				load.put("after " + b, loadAverage());
			}
			Map<String, Object> heap = memory();
			heap.put("loadAverage1m", load);
			String table = Report.table(config, results, heap, dataset.facts, env.plans, appSeconds);
			System.out.println();
			System.out.println(table);
			Path json = write(config, dataset, results, heap, heapAfterLoad, dataset.facts, env.plans, appSeconds, table);
			log("Results written to %s", json);
		}
	}

	/** Reads one generated contact back through the record pipeline: the data is what the engine expects. */
	private static void sanity(Env env) {
		long i = env.config.scale() / 3;
		EntityRecord c = env.records.retrieve(env.reader, "contact", Generator.contactId(i));
		if (!Generator.contactFullName(i).equals(c.getString("fullname"))) {
			throw new IllegalStateException("Contact " + i + " reads back as " + c + ", expected the name "
					+ Generator.contactFullName(i) + ": the stored data is not the generator's");
		}
		if (env.metadata.entity("contact").attributes().isEmpty()) {
			throw new IllegalStateException("The contact entity has no attributes");
		}
	}

	/** The machine's 1-minute load average: the benchmark shares two cores with the database and with other work. */
	private static double loadAverage() {
		return Dataset.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), 1);
	}

	private static void resetPeaks() {
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			pool.resetPeakUsage();
		}
	}

	/** Peak heap (sum of the heap pools' peaks since the last reset), max heap, and the process's peak RSS. */
	static Map<String, Object> memory() {
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("peakHeapUsedMB", peak / (1024 * 1024));
		m.put("heapCommittedMB", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / (1024 * 1024));
		m.put("maxHeapMB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
		m.put("peakRssMB", peakRssMB());
		return m;
	}

	private static Long peakRssMB() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("VmHWM:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
				}
			}
		} catch (IOException | RuntimeException e) {
			return null;
		}
		return null;
	}

	private static Path write(BenchConfig config, Dataset dataset, List<Result> results, Map<String, Object> heap,
			Map<String, Object> heapAfterLoad, Map<String, Object> data, Map<String, Explain.Plan> plans, double appSeconds,
			String table) throws Exception {
		Map<String, Object> root = new LinkedHashMap<>();
		root.put("timestamp", LocalDateTime.now(ZoneOffset.UTC).toString() + "Z");
		root.put("level", "engine (no HTTP)");
		Map<String, Object> cfg = new LinkedHashMap<>();
		cfg.put("benchmarks", config.benchmarks());
		cfg.put("scale", config.scale());
		cfg.put("threads", config.threads());
		cfg.put("runs", config.runs());
		cfg.put("secondsPerRun", config.seconds());
		cfg.put("warmupChunkSeconds", config.warmupSeconds());
		cfg.put("maxWarmupChunks", config.maxWarmups());
		cfg.put("database", config.db());
		cfg.put("schema", config.schema());
		root.put("config", cfg);
		Map<String, Object> envm = new LinkedHashMap<>();
		envm.put("java", System.getProperty("java.version"));
		envm.put("cores", Runtime.getRuntime().availableProcessors());
		try (Connection c = dataset.connect(); Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("select version(), current_setting('plan_cache_mode')")) {
			rs.next();
			envm.put("postgres", rs.getString(1));
			envm.put("planCacheMode", rs.getString(2));
		}
		envm.put("appStartSeconds", Dataset.round(appSeconds, 1));
		root.put("environment", envm);
		root.put("data", data);
		root.put("memory", heap);
		root.put("memoryAfterLoad", heapAfterLoad);
		root.put("results", results.stream().map(Result::toJson).toList());
		Map<String, Object> p = new LinkedHashMap<>();
		plans.forEach((k, v) -> p.put(k, v.toJson()));
		root.put("plans", p);
		root.put("table", table);
		Files.createDirectories(config.results());
		String stamp = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
		Path file = config.results().resolve(stamp + "-" + config.scale() + ".json");
		JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
		Files.writeString(file, json.writeValueAsString(root));
		return file;
	}
}
