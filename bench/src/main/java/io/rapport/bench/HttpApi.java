package io.rapport.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.rapport.core.Principal;
import io.rapport.query.Query;
import io.rapport.security.Credentials;

/**
 * The Web API issue's figures over HTTP: B3 (a list view page as the Salesperson, {@code $filter} + {@code $orderby}
 * + {@code $top}), B4 (one contact by id as the administrator) and B5 (contact creates, single and with
 * {@code CreateMultiple} of 1,000), each against the database's own limit in the same run, with bearer tokens on the
 * application's loopback port. The load comes from {@link Wrk} when it is installed; otherwise, and always for the
 * 1,000-row bodies of CreateMultiple, from {@link HttpClient}s in this JVM (HTTP/1.1, one per thread, keep-alive).
 */
final class HttpApi {

	private static final String BASE = "/api/data/v9.2/";

	/** Rows that B5 creates carry this department, so they are removed afterwards and the data set stays as loaded. */
	private static final String B5_MARK = "bench-b5";

	private HttpApi() {
	}

	/** A bearer token for a principal, issued through the engine (the same tokens the API's users create). */
	private static String token(Env env, Principal principal) {
		return env.context.getBean(Credentials.class).createToken(principal, "bench " + System.nanoTime()).token();
	}

	private static String origin(Env env) {
		return "http://127.0.0.1:" + env.context.getEnvironment().getProperty("local.server.port");
	}

	private static String root(Env env) {
		return origin(env) + BASE;
	}

	/**
	 * Rapport's side: {@code wrk} when it is installed (see {@link Wrk}), else this JVM's clients. {@code urls} are full
	 * URLs under {@link #origin}; {@code body} is null or a template with {@code {n}} for a unique number.
	 */
	private static Load.Driver driver(Env env, String method, List<String> urls, String token, String body, Call call) {
		if (!Wrk.use()) {
			return Load.inJvm(http(call));
		}
		String origin = origin(env);
		List<String> paths = urls.stream().map(u -> u.substring(origin.length())).toList();
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Authorization", token);
		headers.put("Accept", "application/json");
		if (body != null) {
			headers.put("Content-Type", "application/json");
		}
		return new Wrk(origin, method, paths, headers, body == null ? null : Wrk.bodyParts(body));
	}

	private static String generator() {
		return Wrk.use() ? "wrk" : "Java HttpClient";
	}

	/** One client per thread: a keep-alive HTTP/1.1 connection, as a load generator opens. */
	private static Load.ClientFactory http(Call call) {
		return () -> {
			HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(10)).build();
			return new Load.Client() {
				@Override
				public void call(SplittableRandom random) throws Exception {
					call.call(client, random);
				}

			};
		};
	}

	interface Call {
		void call(HttpClient client, SplittableRandom random) throws Exception;
	}

	private static HttpResponse<String> send(HttpClient client, HttpRequest request, int expected) throws Exception {
		HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != expected) {
			throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + response.statusCode()
					+ ", expected " + expected + ": " + response.body());
		}
		return response;
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	// ------------------------------------------------------------------ B4

	static List<Result> getById(Env env) throws Exception {
		int scale = env.config.scale();
		String token = "Bearer " + token(env, env.reader);
		String select = "?$select=" + String.join(",", B4GetById.COLUMNS).replace("parentcustomerid", "_parentcustomerid_value");
		String root = root(env);
		Bench.log("B4 over HTTP: %d threads, %.0f s runs", env.config.threads(), env.config.seconds());
		// Both sides read the same contact.
		UUID probe = Generator.contactId(scale / 2);
		HttpClient probeClient = HttpClient.newHttpClient();
		{
			String body = send(probeClient, HttpRequest.newBuilder(URI.create(root + "contacts(" + probe + ")" + select))
				.header("Authorization", token).header("Accept", "application/json").build(), 200).body();
			if (!body.contains(Generator.contactFullName(scale / 2))) {
				throw new IllegalStateException("GET contacts(" + probe + ") does not hold the generated name: " + body);
			}
		}
		List<String> urls = new ArrayList<>();
		SplittableRandom draw = new SplittableRandom(4);
		for (int i = 0; i < 20_000; i++) {
			urls.add(root + "contacts(" + Generator.contactId(draw.nextInt(scale)) + ")" + select);
		}
		Load.Driver rapport = driver(env, "GET", urls, token, null, (client, random) -> send(client,
				HttpRequest.newBuilder(URI.create(urls.get(random.nextInt(urls.size())))).header("Authorization", token)
					.header("Accept", "application/json").build(), 200));
		Load.ClientFactory limit = env.raw((c, random) -> {
			try (PreparedStatement p = c.prepareStatement(B4GetById.RAW_SQL)) {
				p.setObject(1, Generator.contactId(random.nextInt(scale)));
				try (ResultSet rs = p.executeQuery()) {
					Env.drain(rs);
				}
			}
		});
		Load.Comparison c = Load.compare(env.config, "B4h", "rapport", rapport, limit);
		return List.of(Result.measured("B4h", "GET /contacts(id) over HTTP, " + env.config.threads() + " connections",
				"ops/s", c, 0.2, 10.0, "administrator's bearer token, ten columns, 20,000 random contacts; load from "
						+ generator() + "; raw = the primary-key select over JDBC"));
	}

	// ------------------------------------------------------------------ B3

	static List<Result> listView(Env env) throws Exception {
		String token = "Bearer " + token(env, env.user);
		String root = root(env);
		Set<String> countries = new LinkedHashSet<>();
		for (String[] place : Words.PLACES) {
			countries.add(place[1]);
		}
		List<String> urls = new ArrayList<>();
		List<String> sql = new ArrayList<>();
		for (String country : countries) {
			urls.add(root + "contacts?$select=" + String.join(",", B3ListView.COLUMNS).replace("parentcustomerid",
					"_parentcustomerid_value") + "&$filter=" + encode("statecode eq 0 and address1_country eq '"
							+ country.replace("'", "''") + "'") + "&$orderby=" + encode("fullname asc") + "&$top=50");
			Query q = B3ListView.query(country);
			sql.add(env.queries.sql(env.user, q));
		}
		int n = urls.size();
		Bench.log("B3 over HTTP: %d threads, %.0f s runs", env.config.threads(), env.config.seconds());
		HttpClient probeClient = HttpClient.newHttpClient();
		try (Connection c = env.connect()) {
			String body = send(probeClient, HttpRequest.newBuilder(URI.create(urls.get(0))).header("Authorization", token)
				.header("Accept", "application/json").build(), 200).body();
			List<UUID> raw = Env.ids(c, sql.get(0));
			for (UUID id : raw.subList(0, Math.min(50, raw.size()))) {
				if (!body.contains(id.toString())) {
					throw new IllegalStateException("The HTTP list misses " + id + ", which its SQL returns raw");
				}
			}
		}
		Load.Driver rapport = driver(env, "GET", urls, token, null, (client, random) -> send(client, HttpRequest.newBuilder(
				URI.create(urls.get(random.nextInt(n)))).header("Authorization", token).header("Accept", "application/json")
			.build(), 200));
		Load.ClientFactory limit = env.raw((c, random) -> {
			try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.get(random.nextInt(n)))) {
				Env.drain(rs);
			}
		});
		Load.Comparison c = Load.compare(env.config, "B3h", "rapport", rapport, limit);
		return List.of(Result.measured("B3h", "GET /contacts?$filter&$orderby&$top=50 over HTTP, "
				+ env.config.threads() + " connections", "ops/s", c, 0.3, 50.0,
				"Salesperson's bearer token; load from " + generator()
						+ "; raw = the compiled SQL with the access predicate over JDBC"));
	}

	// ------------------------------------------------------------------ B5

	private static final AtomicLong SEQUENCE = new AtomicLong();

	private static String contactJson(String n) {
		return "{\"firstname\":\"Bulk\",\"lastname\":\"Contact " + n + "\",\"emailaddress1\":\"b5." + n
				+ "@bench.example\",\"telephone1\":\"+1 555 " + n + "\",\"jobtitle\":\"Buyer\",\"address1_city\":\"Springfield\","
				+ "\"address1_country\":\"United States\",\"department\":\"" + B5_MARK + "\"}";
	}

	static List<Result> create(Env env) throws Exception {
		String token = "Bearer " + token(env, env.user);
		String root = root(env);
		List<Result> results = new ArrayList<>();
		try {
			Bench.log("B5 single creates over HTTP: %d threads, %.0f s runs", env.config.threads(), env.config.seconds());
			Load.Driver single = driver(env, "POST", List.of(root + "contacts"), token, contactJson("{n}"),
					(client, random) -> send(client, HttpRequest.newBuilder(URI.create(root + "contacts"))
						.header("Authorization", token).header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofString(contactJson(Long.toString(SEQUENCE.incrementAndGet())))).build(), 201));
			Load.ClientFactory rawSingle = env.raw((c, random) -> insert(c, 1));
			Load.Comparison s = Load.compare(env.config, "B5 single", "rapport", single, rawSingle);
			results.add(Result.measured("B5", "POST /contacts, one per request, " + env.config.threads() + " connections",
					"rows/s", s, null, null, "Salesperson; duplicate detection on (the default); load from " + generator()
							+ "; raw = single-row INSERT over JDBC"));
			results.add(Result.check("B5", "single creates ≥ 1,000/s", String.format("%,.0f rows/s", s.rapportOps()),
					s.rapportOps() >= 1000, "the issue's floor for single creates"));

			Bench.log("B5 CreateMultiple of 1,000 over HTTP: %d threads", env.config.threads());
			Load.ClientFactory bulk = http((client, random) -> {
				StringBuilder b = new StringBuilder(200_000).append("{\"Targets\":[");
				for (int i = 0; i < 1000; i++) {
					String row = contactJson(Long.toString(SEQUENCE.incrementAndGet()));
					b.append(i == 0 ? "" : ",").append(row, 0, row.length() - 1)
						.append(",\"@odata.type\":\"Microsoft.Dynamics.CRM.contact\"}");
				}
				send(client, HttpRequest.newBuilder(URI.create(root + "contacts/Microsoft.Dynamics.CRM.CreateMultiple"))
					.header("Authorization", token).header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(b.append("]}").toString())).build(), 200);
			});
			Load.ClientFactory rawBatch = env.raw((c, random) -> insert(c, 1000));
			Load.Comparison m = Load.compare(env.config, "B5 bulk", bulk, rawBatch);
			results.add(0, Result.measured("B5", "CreateMultiple of 1,000 contacts over HTTP, " + env.config.threads()
					+ " connections", "requests/s", m, 0.5, null,
					"Salesperson; raw = a JDBC batch of the same 1,000 INSERTs in one transaction"));
		} finally {
			// wrk stops with requests in flight, which the server still completes: let them land, then remove them.
			env.awaitIdleServer(java.time.Duration.ofSeconds(60));
			removeCreated(env);
		}
		return results;
	}

	/** Removes the contacts B5 created (also those of an earlier run that broke before it cleaned up). */
	static void removeCreated(Env env) throws Exception {
		try (Connection c = env.connect(); Statement s = c.createStatement()) {
			int removed = s.executeUpdate("delete from contact where department = '" + B5_MARK + "'");
			if (removed > 0) {
				// and their change history, so the audit table does not grow with every run
				int entries = s.executeUpdate("delete from rapport_audit a where a.entity = 'contact'"
						+ " and not exists (select 1 from contact c where c.contactid = a.recordid)");
				Bench.log("B5: removed the %,d contacts it created and their %,d audit entries", removed, entries);
				if (removed > env.config.scale() / 20) {
					// A long warm-up creates as many contacts as the data set holds, all in the Salesperson's unit:
					// vacuum frees their index entries but not the pages, and a list of that unit (B3h) then read
					// through them at a fifth of its speed. Rebuilt, the indexes are as loaded.
					s.execute("reindex table contact");
					s.execute("reindex table rapport_audit");
				}
				s.execute("vacuum (analyze) contact");
				s.execute("vacuum (analyze) rapport_audit");
			}
		}
	}

	/** The rows the API creates, as a batch of plain INSERTs with the system columns the pipeline sets. */
	private static void insert(Connection c, int rows) throws Exception {
		UUID owner = Generator.userId(3);
		UUID unit = Generator.businessUnitId(Generator.businessUnitOf(3));
		boolean auto = c.getAutoCommit();
		c.setAutoCommit(false);
		try (PreparedStatement p = c.prepareStatement("insert into contact (contactid, firstname, lastname, fullname,"
				+ " emailaddress1, telephone1, jobtitle, address1_city, address1_country, department, createdon, createdby,"
				+ " modifiedon, modifiedby, ownerid, owneridtype, owningbusinessunit, statecode, statuscode, versionnumber)"
				+ " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), ?, now(), ?, ?, 'systemuser', ?, 0, 1, 1)")) {
			for (int i = 0; i < rows; i++) {
				long n = SEQUENCE.incrementAndGet();
				p.setObject(1, UUID.randomUUID());
				p.setString(2, "Bulk");
				p.setString(3, "Contact " + n);
				p.setString(4, "Bulk Contact " + n);
				p.setString(5, "b5." + n + "@bench.example");
				p.setString(6, "+1 555 " + n);
				p.setString(7, "Buyer");
				p.setString(8, "Springfield");
				p.setString(9, "United States");
				p.setString(10, B5_MARK);
				p.setObject(11, owner);
				p.setObject(12, owner);
				p.setObject(13, owner);
				p.setObject(14, unit);
				p.addBatch();
			}
			p.executeBatch();
			c.commit();
		} finally {
			c.setAutoCommit(auto);
		}
	}
}
