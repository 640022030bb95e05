package io.rapport.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.rapport.security.Credentials;

/**
 * B7: the web application's account form, server-rendered, as the bench Salesperson signed in through the sign-in
 * page: the record's fields, its subgrids (contacts, child accounts…), its connections and the command bar, in one
 * HTML page. The timeline, which the page loads right after, is measured as a second line. Latency targets with no
 * raw counterpart, so {@link BenchConfig#latencyThreads()} callers, each with its own session.
 */
final class WebPages {

	private static final String PASSWORD = "Bench-Password-7!";
	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

	private WebPages() {
	}

	static List<Result> accountForm(Env env) throws Exception {
		env.context.getBean(Credentials.class).setPassword(env.reader, env.user.userId(), PASSWORD);
		String origin = "http://127.0.0.1:" + env.context.getEnvironment().getProperty("local.server.port");
		String login = Generator.userName(Env.USER)[2];
		List<UUID> accounts = CustomerViews.accounts(env);
		int n = accounts.size();
		Bench.log("B7 account form over HTTP: %d threads, %.0f s runs", env.config.latencyThreads(), env.config.seconds());

		HttpClient probe = signIn(origin, login);
		int subgrids = 0;
		int sampled = Math.min(n, 50);
		for (int i = 0; i < sampled; i++) {
			String page = get(probe, origin + "/app/account/" + accounts.get(i));
			subgrids += count(page, "data-subgrid=\"");
		}
		String first = get(probe, origin + "/app/account/" + accounts.get(0));
		if (!first.contains("Contacts")) {
			throw new IllegalStateException("The account form shows no contacts subgrid: " + first.substring(0, Math.min(2000, first.length())));
		}

		List<Load.Run> form = Load.alone(env.config, "B7", () -> {
			HttpClient client = signIn(origin, login);
			return random -> get(client, origin + "/app/account/" + accounts.get(random.nextInt(n)));
		});
		List<Load.Run> timeline = Load.alone(env.config, "B7 timeline", () -> {
			HttpClient client = signIn(origin, login);
			return random -> get(client, origin + "/app/account/" + accounts.get(random.nextInt(n)) + "/timeline");
		});
		return List.of(
				Result.latency("B7", "open an account form (fields, subgrids, connections, command bar), "
						+ env.config.latencyThreads() + " threads", form, 95, 150.0,
						"server-rendered HTML over HTTP, the Salesperson signed in with a session; p95"),
				Result.latency("B7", "the timeline the form then loads (htmx), " + env.config.latencyThreads() + " threads",
						timeline, 95, 150.0, "p95"),
				Result.info("B7", "subgrids showing rows on the sampled account forms", String.format("%.1f per form (%d sampled)",
						subgrids / (double) sampled, sampled), "all tabs are rendered at once; empty subgrids say 'None yet'"));
	}

	/** A client with its own session: the sign-in page's CSRF token, then the form post. */
	static HttpClient signIn(String origin, String login) throws Exception {
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
		String page = get(client, origin + "/login");
		Matcher m = CSRF.matcher(page);
		if (!m.find()) {
			throw new IllegalStateException("The sign-in page has no CSRF token");
		}
		String token = m.group(1) != null ? m.group(1) : m.group(2);
		String form = "username=" + enc(login) + "&password=" + enc(PASSWORD) + "&_csrf=" + enc(token);
		HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(origin + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
				HttpResponse.BodyHandlers.ofString());
		String to = r.headers().firstValue("Location").orElse("");
		if (r.statusCode() != 302 || to.contains("error")) {
			throw new IllegalStateException("Signing in as " + login + " failed: " + r.statusCode() + " → " + to);
		}
		return client;
	}

	private static String get(HttpClient client, String url) throws Exception {
		HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").build(),
				HttpResponse.BodyHandlers.ofString());
		if (r.statusCode() != 200) {
			throw new IllegalStateException("GET " + url + " answered " + r.statusCode());
		}
		return r.body();
	}

	private static int count(String text, String needle) {
		int count = 0;
		for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
			count++;
		}
		return count;
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
