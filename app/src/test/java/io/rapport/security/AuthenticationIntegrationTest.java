package io.rapport.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.rapport.Rapport;
import io.rapport.audit.AuditEntry;
import io.rapport.audit.AuditHistory;
import io.rapport.core.Principal;
import io.rapport.core.RecordRef;
import io.rapport.test.Api;
import io.rapport.test.RapportTest;
import io.rapport.test.TestDatabase;

@RapportTest
class AuthenticationIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	AuditHistory audit;

	private String newUser(String password) {
		String name = "auth-" + UUID.randomUUID().toString().substring(0, 8);
		Api.Response created = Api.admin(port).post("/api/admin/users", Map.of("domainname", name, "fullname", name,
				"password", password, "roles", List.of("00000000-0000-0000-0000-0000000000a3")));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return name;
	}

	@Test
	void aWrongPasswordIsRefusedAndFiveInARowLockTheUserOut() {
		String name = newUser("right-password");
		Api right = new Api(port, name, "right-password");
		assertThat(right.get("/api/data/v9.2/accounts").status()).isEqualTo(200);
		Api wrong = new Api(port, name, "wrong-password");
		for (int i = 0; i < 5; i++) {
			assertThat(wrong.get("/api/data/v9.2/accounts").status()).isEqualTo(401);
		}
		assertThat(right.get("/api/data/v9.2/accounts").status()).as("locked out even with the right password").isEqualTo(401);
		UUID id = UUID.fromString((String) Api.admin(port).get("/api/data/v9.2/systemusers?$select=domainname&$top=5000")
			.value().stream().filter(u -> name.equals(u.get("domainname"))).findFirst().orElseThrow().get("systemuserid"));
		List<AuditEntry> history = audit.forRecord(Principal.systemPrincipal(), new RecordRef("systemuser", id));
		assertThat(history).extracting(AuditEntry::action).contains("LockedOut", "SignInFailed", "SignIn");
		assertThat(Api.admin(port).post("/api/admin/users/" + id + "/password", Map.of("password", "new-password-1")).status())
			.isEqualTo(204);
		assertThat(new Api(port, name, "new-password-1").get("/api/data/v9.2/accounts").status()).isEqualTo(200);
		assertThat(right.get("/api/data/v9.2/accounts").status()).as("the old password, accepted before, is not any more")
			.isEqualTo(401);
	}

	@Test
	void aUserWhoseRolesCannotBeGivenIsNotCreatedAtAll() {
		String name = "half-" + UUID.randomUUID().toString().substring(0, 8);
		Api.Response refused = Api.admin(port).post("/api/admin/users", Map.of("domainname", name, "fullname", name,
				"password", "a-good-password", "roles", List.of(UUID.randomUUID().toString())));
		assertThat(refused.status()).as(refused.body()).isBetween(400, 499);
		assertThat(Api.admin(port).get("/api/data/v9.2/systemusers?$select=domainname&$filter=domainname%20eq%20'" + name + "'")
			.value()).as("no user without the roles asked for").isEmpty();
		assertThat(new Api(port, name, "a-good-password").get("/api/data/v9.2/accounts").status()).isEqualTo(401);
	}

	@Test
	void aProgramCallingWithBasicAuthenticationIsRecordedAsSigningInOnceNotOncePerRequest() {
		String name = newUser("basic-password");
		Api program = new Api(port, name, "basic-password");
		for (int i = 0; i < 4; i++) {
			assertThat(program.get("/api/data/v9.2/accounts?$top=1").status()).isEqualTo(200);
		}
		Api wrong = new Api(port, name, "not-the-password");
		assertThat(wrong.get("/api/data/v9.2/accounts").status()).isEqualTo(401);
		assertThat(program.get("/api/data/v9.2/accounts?$top=1").status()).as("a failure between successes").isEqualTo(200);
		UUID id = UUID.fromString((String) Api.admin(port).get("/api/data/v9.2/systemusers?$select=domainname&$top=5000")
			.value().stream().filter(u -> name.equals(u.get("domainname"))).findFirst().orElseThrow().get("systemuserid"));
		List<AuditEntry> history = audit.forRecord(Principal.systemPrincipal(), new RecordRef("systemuser", id));
		assertThat(history).extracting(AuditEntry::action).filteredOn("SignIn"::equals).hasSize(1);
		assertThat(history).extracting(AuditEntry::action).filteredOn("SignInFailed"::equals).hasSize(1);
		for (int i = 0; i < 4; i++) {
			assertThat(wrong.get("/api/data/v9.2/accounts").status()).isEqualTo(401);
		}
		assertThat(program.get("/api/data/v9.2/accounts?$top=1").status())
			.as("the success in between reset the count: four more failures do not lock the user out").isEqualTo(200);
	}

	@Test
	void apiTokensAreShownOnceStoredHashedAndStopWorkingWhenRevoked() {
		String name = newUser("token-password");
		Api user = new Api(port, name, "token-password");
		Api.Response issued = user.post("/api/tokens", Map.of("name", "integration"));
		assertThat(issued.status()).isEqualTo(201);
		String token = (String) issued.json().get("token");
		assertThat(token).startsWith("rpt_");
		Api.Response listed = user.get("/api/tokens");
		assertThat(listed.body()).contains("integration").doesNotContain(token);

		Api bearer = new Api(port, null, null);
		assertThat(bearer.get("/api/data/v9.2/accounts", "Authorization", "Bearer " + token).status()).isEqualTo(200);
		assertThat(bearer.get("/api/data/v9.2/accounts", "Authorization", "Bearer rpt_not-a-real-token").status()).isEqualTo(401);
		assertThat(user.delete("/api/tokens/" + issued.json().get("id")).status()).isEqualTo(204);
		assertThat(bearer.get("/api/data/v9.2/accounts", "Authorization", "Bearer " + token).status()).isEqualTo(401);
		assertThat(user.delete("/api/tokens/" + issued.json().get("id")).status()).isEqualTo(404);
	}

	@Test
	void formsWithoutTheCsrfTokenAreRefusedAndSignOutEndsTheSession() throws Exception {
		String base = "http://localhost:" + port;
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NORMAL).build();
		String loginPage = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		Matcher csrf = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"").matcher(loginPage);
		assertThat(csrf.find()).isTrue();
		assertThat(browser.send(post(base + "/login", "username=admin&password=admin-test"), HttpResponse.BodyHandlers.ofString())
			.statusCode()).isEqualTo(403);
		HttpResponse<String> home = browser.send(post(base + "/login", "username=admin&password=admin-test&_csrf="
				+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)), HttpResponse.BodyHandlers.ofString());
		assertThat(home.body()).contains("Signed in as");
		Matcher homeCsrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(home.body());
		assertThat(homeCsrf.find()).isTrue();
		assertThat(browser.send(post(base + "/logout", ""), HttpResponse.BodyHandlers.ofString()).body())
			.as("sign-out without the token is refused, so the session lives on").doesNotContain("Please sign in");
		HttpResponse<String> out = browser.send(post(base + "/logout", "_csrf=" + URLEncoder.encode(homeCsrf.group(1), StandardCharsets.UTF_8)),
				HttpResponse.BodyHandlers.ofString());
		assertThat(out.uri().getPath()).isEqualTo("/login");
		HttpResponse<String> after = browser.send(HttpRequest.newBuilder(URI.create(base + "/")).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(after.uri().getPath()).as("the ended session no longer opens the home page").isEqualTo("/login");
	}

	private static HttpRequest post(String url, String body) {
		return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)).build();
	}

	@Test
	void anExpiredSessionNoLongerOpensAnything() throws Exception {
		Map<String, Object> props = new HashMap<>(TestDatabase.properties("expiry"));
		props.put("server.port", "0");
		props.put("rapport.demo-data", "false");
		props.put("rapport.admin-password", "expiring");
		props.put("spring.session.timeout", "3s");
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(Rapport.class).run(TestDatabase.arguments(props))) {
			String base = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
			HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
				.followRedirects(HttpClient.Redirect.NORMAL).build();
			String page = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
			Matcher csrf = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"").matcher(page);
			assertThat(csrf.find()).isTrue();
			HttpResponse<String> home = browser.send(post(base + "/login", "username=admin&password=expiring&_csrf="
					+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)), HttpResponse.BodyHandlers.ofString());
			assertThat(home.body()).contains("Signed in as");
			// Idle for longer than the three-second session timeout: the waiting is what is being tested.
			java.util.concurrent.TimeUnit.MILLISECONDS.sleep(4500);
			String path = browser.send(HttpRequest.newBuilder(URI.create(base + "/")).build(), HttpResponse.BodyHandlers.ofString())
				.uri().getPath();
			assertThat(path).as("after the session timed out, the home page asks to sign in again").isEqualTo("/login");
		}
	}

	@Test
	void aSessionStartedOnOneNodeIsServedByAnother() throws Exception {
		Map<String, Object> props = new HashMap<>(TestDatabase.properties("twonodes"));
		props.put("server.port", "0");
		props.put("rapport.demo-data", "false");
		props.put("rapport.admin-password", "two-nodes");
		props.put("rapport.bootstrap-token", "rpt_bootstrap-token-for-tests");
		try (ConfigurableApplicationContext one = new SpringApplicationBuilder(Rapport.class).run(TestDatabase.arguments(props));
				ConfigurableApplicationContext two = new SpringApplicationBuilder(Rapport.class).run(TestDatabase.arguments(props))) {
			int p1 = ((WebServerApplicationContext) one).getWebServer().getPort();
			int p2 = ((WebServerApplicationContext) two).getWebServer().getPort();
			CookieManager cookies = new CookieManager();
			HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NORMAL).build();
			String page = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + p1 + "/login")).build(),
					HttpResponse.BodyHandlers.ofString()).body();
			Matcher csrf = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"").matcher(page);
			assertThat(csrf.find()).isTrue();
			browser.send(post("http://localhost:" + p1 + "/login", "username=admin&password=two-nodes&_csrf="
					+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)), HttpResponse.BodyHandlers.ofString());
			String session = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("SESSION"))
				.findFirst().orElseThrow().getValue();
			HttpResponse<String> onTwo = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + p2 + "/"))
				.header("Cookie", "SESSION=" + session).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(onTwo.statusCode()).isEqualTo(200);
			assertThat(onTwo.body()).contains("Signed in as");
			assertThat(new Api(p2, null, null).get("/api/data/v9.2/accounts", "Authorization", "Bearer rpt_bootstrap-token-for-tests")
				.status()).as("the bootstrap token is the administrator's").isEqualTo(200);
			assertThat(new Api(p2, null, null).get("/api/admin/entities", "Authorization", "Bearer rpt_bootstrap-token-for-tests")
				.status()).isEqualTo(200);
		}
	}
}
