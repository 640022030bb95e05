package io.rapport.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client for tests: sends JSON, reads JSON, signs in with HTTP Basic. */
public final class Api {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newHttpClient();
	private final String base;
	private final String authorization;

	public Api(int port, String user, String password) {
		this.base = "http://localhost:" + port;
		this.authorization = user == null ? null
				: "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	public static Api admin(int port) {
		return new Api(port, "admin", "admin-test");
	}

	public record Response(int status, String body, java.net.http.HttpHeaders headers) {

		@SuppressWarnings("unchecked")
		public Map<String, Object> json() {
			return JSON.readValue(body, Map.class);
		}

		@SuppressWarnings("unchecked")
		public List<Map<String, Object>> value() {
			return (List<Map<String, Object>>) json().get("value");
		}

		public String header(String name) {
			return headers.firstValue(name).orElse(null);
		}
	}

	public Response get(String path, String... headers) {
		return send("GET", path, null, headers);
	}

	public Response post(String path, Object body, String... headers) {
		return send("POST", path, body, headers);
	}

	public Response patch(String path, Object body, String... headers) {
		return send("PATCH", path, body, headers);
	}

	public Response put(String path, Object body, String... headers) {
		return send("PUT", path, body, headers);
	}

	public Response delete(String path, String... headers) {
		return send("DELETE", path, null, headers);
	}

	public Response send(String method, String path, Object body, String... headers) {
		try {
			String payload = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
			HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
				.method(method, payload == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(payload))
				.header("Accept", "application/json");
			boolean typed = false;
			for (int i = 0; i + 1 < headers.length; i += 2) {
				typed |= headers[i].equalsIgnoreCase("Content-Type");
			}
			if (payload != null && !typed) {
				b.header("Content-Type", "application/json");
			}
			if (authorization != null) {
				b.header("Authorization", authorization);
			}
			for (int i = 0; i + 1 < headers.length; i += 2) {
				b.header(headers[i], headers[i + 1]);
			}
			HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(r.statusCode(), r.body(), r.headers());
		} catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
