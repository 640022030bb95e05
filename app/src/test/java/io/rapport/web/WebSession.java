package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A signed-in person's browser session over plain HTTP: cookies, CSRF tokens from the pages, redirects followed. */
final class WebSession {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	/** What a browser asks for, so that error pages come as HTML as they would in a browser. */
	private static final String ACCEPT = "text/html,application/xhtml+xml,*/*;q=0.8";

	private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NORMAL).build();
	private final String base;
	private String csrf;

	private WebSession(int port) {
		this.base = "http://localhost:" + port;
	}

	static WebSession signIn(int port, String user, String password) {
		WebSession s = new WebSession(port);
		HttpResponse<String> login = s.get("/login");
		assertThat(login.statusCode()).isEqualTo(200);
		HttpResponse<String> home = s.post("/login", "username=" + enc(user) + "&password=" + enc(password));
		assertThat(home.uri().getPath()).as("signed in").isEqualTo("/");
		return s;
	}

	/** A browser that has opened the sign-in page but signed in as nobody. */
	static WebSession anonymous(int port) {
		WebSession s = new WebSession(port);
		s.get("/login");
		return s;
	}

	/** Tries to sign in; true when the sign-in page refuses it. */
	boolean signInFails(String user, String password) {
		HttpResponse<String> r = post("/login", "username=" + enc(user) + "&password=" + enc(password));
		return !r.uri().getPath().equals("/");
	}

	HttpResponse<String> get(String path) {
		return remember(send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", ACCEPT).GET().build()));
	}

	/** Posts a form (url-encoded pairs) with the CSRF token of the last page seen. */
	HttpResponse<String> post(String path, String form) {
		String body = (form.isEmpty() ? "" : form + "&") + "_csrf=" + enc(csrf);
		return remember(send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/x-www-form-urlencoded").header("Accept", ACCEPT)
			.POST(HttpRequest.BodyPublishers.ofString(body)).build()));
	}

	private HttpResponse<String> remember(HttpResponse<String> r) {
		Matcher m = CSRF.matcher(r.body());
		if (m.find()) {
			csrf = m.group(1);
		}
		return r;
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		} catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}
}
