package io.rapport.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.rapport.Rapport;
import io.rapport.test.Api;
import io.rapport.test.TestDatabase;

/** Per-user rate limiting of the API, on an application started with a limit low enough to reach. */
class ServiceProtectionIntegrationTest {

	@Test
	@SuppressWarnings("unchecked")
	void aUserOverTheLimitGets429WithRetryAfterWhileOthersGoOn() {
		Map<String, Object> props = new HashMap<>(TestDatabase.properties("throttle"));
		props.put("server.port", "0");
		props.put("rapport.demo-data", "false");
		props.put("rapport.admin-password", "throttled");
		props.put("rapport.api.rate-limit.requests", "5");
		props.put("rapport.api.rate-limit.window", "60s");
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(Rapport.class).run(TestDatabase.arguments(props))) {
			int port = ((WebServerApplicationContext) app).getWebServer().getPort();
			Api admin = new Api(port, "admin", "throttled");
			String name = "busy-" + UUID.randomUUID().toString().substring(0, 8);
			assertThat(admin.post("/api/admin/users", Map.of("domainname", name, "fullname", name, "password", "busy-password-1",
					"roles", List.of(ApiPeople.SALESPERSON))).status()).isEqualTo(201);
			Api busy = new Api(port, name, "busy-password-1");
			for (int i = 0; i < 5; i++) {
				assertThat(busy.get("/api/data/v9.2/accounts").status()).isEqualTo(200);
			}
			Api.Response throttled = busy.get("/api/data/v9.2/accounts");
			assertThat(throttled.status()).isEqualTo(429);
			assertThat(Integer.parseInt(throttled.header("Retry-After"))).isBetween(1, 60);
			Map<String, Object> error = (Map<String, Object>) throttled.json().get("error");
			assertThat(error).containsEntry("code", "0x80072322");
			assertThat((String) error.get("message")).contains("limit of 5 over time window of 60 seconds");

			Api.Response elsewhere = busy.get("/api/tokens");
			assertThat(elsewhere.status()).isEqualTo(429);
			assertThat(elsewhere.header("Content-Type")).startsWith("application/problem+json");
			assertThat(elsewhere.header("Retry-After")).isNotNull();

			assertThat(admin.get("/api/data/v9.2/accounts").status()).as("the limit is per user").isEqualTo(200);
			assertThat(new Api(port, name, "wrong").get("/api/data/v9.2/accounts").status())
				.as("a request that is not signed in is refused for that, not counted").isEqualTo(401);
		}
	}
}
