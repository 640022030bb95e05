package io.rapport.api;

import static io.rapport.api.ApiPeople.error;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.rapport.api.ApiPeople.User;
import io.rapport.test.Api;
import io.rapport.test.RapportTest;

/** Refusals that happen before a controller runs still answer in the API's error shape: Dataverse's under /api/data, RFC 9457 elsewhere. */
@RapportTest
class ApiErrorStatusIntegrationTest {

	@LocalServerPort
	int port;

	@Test
	void missingOrWrongCredentialsAnswer401InDataversesShape() {
		Api anonymous = new Api(port, null, null);
		Api.Response none = anonymous.get("/api/data/v9.2/accounts");
		assertThat(none.status()).isEqualTo(401);
		assertThat(error(none)).containsEntry("code", "Unauthorized");
		assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");

		Api.Response wrongPassword = new Api(port, "admin", "wrong-password").get("/api/data/v9.2/accounts");
		assertThat(wrongPassword.status()).isEqualTo(401);
		assertThat(error(wrongPassword)).containsEntry("code", "Unauthorized");

		Api.Response badToken = anonymous.get("/api/data/v9.2/accounts", "Authorization", "Bearer rpt_not-a-token");
		assertThat(badToken.status()).isEqualTo(401);
		assertThat(error(badToken)).containsEntry("code", "Unauthorized");
		assertThat((String) error(badToken).get("message")).contains("token");

		Api.Response action = anonymous.post("/api/data/v9.2/GrantAccess", Map.of());
		assertThat(action.status()).isEqualTo(401);
		assertThat(error(action)).containsEntry("code", "Unauthorized");
	}

	@Test
	void outsideTheDataApiRefusalsAreProblemDetails() {
		Api.Response none = new Api(port, null, null).get("/api/tokens");
		assertThat(none.status()).isEqualTo(401);
		assertThat(none.header("Content-Type")).startsWith("application/problem+json");
		assertThat(none.json()).containsEntry("status", 401).containsEntry("code", "Unauthorized");

		User salesperson = ApiPeople.salesperson(port);
		Api.Response admin = salesperson.api().get("/api/admin/entities");
		assertThat(admin.status()).isEqualTo(403);
		assertThat(admin.header("Content-Type")).startsWith("application/problem+json");
		assertThat(admin.json()).containsEntry("status", 403).containsEntry("code", "AccessDenied");
	}

	@Test
	void aWrongMethodOnAKnownPathAnswers405AndAnUnknownPath404InDataversesShape() {
		Api api = Api.admin(port);
		Api.Response put = api.send("PUT", "/api/data/v9.2/accounts", Map.of("name", "x"));
		assertThat(put.status()).isEqualTo(405);
		assertThat(error(put)).containsEntry("code", "MethodNotAllowed");
		assertThat(put.header("Allow")).contains("GET").contains("POST");

		Api.Response unknown = api.get("/api/data/v9.2/accounts/deep/path");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(error(unknown)).containsEntry("code", "ResourceNotFound");

		Api.Response invalidJson = api.post("/api/data/v9.2/accounts", "{\"name\":");
		assertThat(invalidJson.status()).isEqualTo(400);
		assertThat(error(invalidJson)).containsEntry("code", "InvalidJson");

		Api.Response wrongMethodElsewhere = api.send("PUT", "/api/tokens", Map.of());
		assertThat(wrongMethodElsewhere.status()).isEqualTo(405);
		assertThat(wrongMethodElsewhere.header("Content-Type")).startsWith("application/problem+json");
	}
}
