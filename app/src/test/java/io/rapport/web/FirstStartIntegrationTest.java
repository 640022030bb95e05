package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.rapport.Rapport;
import io.rapport.test.Api;
import io.rapport.test.TestDatabase;

/** What a newcomer sees: a first start with demo data, sign-in, health, and a restart that keeps everything. */
class FirstStartIntegrationTest {

	private static ConfigurableApplicationContext start(String db, boolean demo, String password) {
		Map<String, Object> props = new HashMap<>(TestDatabase.properties(db));
		props.put("server.port", "0");
		props.put("rapport.demo-data", String.valueOf(demo));
		props.put("rapport.demo-accounts", "5");
		props.put("rapport.admin-password", password);
		return new SpringApplicationBuilder(Rapport.class).run(TestDatabase.arguments(props));
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	@Test
	void firstStartCreatesTheAdministratorAndDemoDataAndARestartKeepsThem() {
		String contactsCount;
		try (ConfigurableApplicationContext app = start("firststart", true, "s3cret-first")) {
			Api admin = new Api(port(app), "admin", "s3cret-first");
			assertThat(admin.get("/actuator/health").body()).contains("\"status\":\"UP\"");
			Api.Response accounts = admin.get("/api/data/v9.2/accounts?$count=true&$select=name,primarycontactid");
			assertThat(accounts.json().get("@odata.count")).isEqualTo(5);
			assertThat(accounts.value()).allSatisfy(a -> assertThat(a.get("_primarycontactid_value")).isNotNull());
			contactsCount = String.valueOf(admin.get("/api/data/v9.2/contacts?$count=true").json().get("@odata.count"));
			assertThat(Integer.parseInt(contactsCount)).isGreaterThanOrEqualTo(5);
			assertThat(new Api(port(app), "admin", "wrong").get("/api/data/v9.2/accounts").status()).isEqualTo(401);
		}
		try (ConfigurableApplicationContext app = start("firststart", true, "another-password-ignored")) {
			Api admin = new Api(port(app), "admin", "s3cret-first");
			assertThat(admin.get("/api/data/v9.2/accounts?$count=true").json().get("@odata.count")).isEqualTo(5);
			assertThat(String.valueOf(admin.get("/api/data/v9.2/contacts?$count=true").json().get("@odata.count")))
				.isEqualTo(contactsCount);
		}
	}

	@Test
	void demoDataCanBeTurnedOff() {
		try (ConfigurableApplicationContext app = start("nodemo", false, "pw")) {
			Api admin = new Api(port(app), "admin", "pw");
			assertThat(admin.get("/api/data/v9.2/accounts?$count=true").json().get("@odata.count")).isEqualTo(0);
		}
	}

	@Test
	void aPersonSignsInWithTheFormAndSeesTheHomePage() throws Exception {
		try (ConfigurableApplicationContext app = start("formlogin", true, "pw")) {
			String base = "http://localhost:" + port(app);
			HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
				.followRedirects(HttpClient.Redirect.NORMAL).build();
			HttpResponse<String> home = browser.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(home.uri().getPath()).isEqualTo("/login");
			Matcher csrf = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"").matcher(home.body());
			assertThat(csrf.find()).isTrue();

			HttpResponse<String> refused = browser.send(form(base, "username=admin&password=pw"),
					HttpResponse.BodyHandlers.ofString());
			assertThat(refused.statusCode()).isEqualTo(403);

			HttpResponse<String> signedIn = browser.send(form(base, "username=admin&password=pw&_csrf="
					+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)), HttpResponse.BodyHandlers.ofString());
			assertThat(signedIn.statusCode()).isEqualTo(200);
			assertThat(signedIn.body()).contains("Signed in as").contains("Accounts").contains("/api/data/v9.2/contacts");
		}
	}

	private static HttpRequest form(String base, String body) {
		return HttpRequest.newBuilder(URI.create(base + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}
}
