package io.rapport.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.rapport.core.Principal;
import io.rapport.test.Api;
import io.rapport.test.RapportTest;

@RapportTest
class BatchIntegrationTest {

	private static final Pattern STATUS = Pattern.compile("HTTP/1\\.1 (\\d{3})");

	@LocalServerPort
	int port;

	/** One application/http part. */
	static String op(String method, String url, String json, String... headers) {
		StringBuilder b = new StringBuilder("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n");
		for (int i = 0; i + 1 < headers.length; i += 2) {
			b.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
		}
		b.append("\r\n").append(method).append(' ').append(url).append(" HTTP/1.1\r\n");
		if (json != null) {
			b.append("Content-Type: application/json\r\n\r\n").append(json).append("\r\n");
		} else {
			b.append("\r\n");
		}
		return b.toString();
	}

	static String changeSet(String boundary, String... ops) {
		StringBuilder b = new StringBuilder("Content-Type: multipart/mixed; boundary=" + boundary + "\r\n\r\n");
		for (String op : ops) {
			b.append("--").append(boundary).append("\r\n").append(op);
		}
		return b.append("--").append(boundary).append("--\r\n").toString();
	}

	static String batch(String... parts) {
		StringBuilder b = new StringBuilder();
		for (String part : parts) {
			b.append("--batch_x\r\n").append(part);
		}
		return b.append("--batch_x--\r\n").toString();
	}

	static Api.Response send(Api api, String body, String... headers) {
		List<String> all = new ArrayList<>(List.of("Content-Type", "multipart/mixed; boundary=batch_x"));
		all.addAll(List.of(headers));
		return api.send("POST", "/api/data/v9.2/$batch", body, all.toArray(String[]::new));
	}

	static List<Integer> statuses(Api.Response r) {
		List<Integer> statuses = new ArrayList<>();
		Matcher m = STATUS.matcher(r.body());
		while (m.find()) {
			statuses.add(Integer.parseInt(m.group(1)));
		}
		return statuses;
	}

	private static List<String> names(Api api, String set, String attribute) {
		return api.get("/api/data/v9.2/" + set + "?$top=5000").value().stream().map(r -> (String) r.get(attribute)).toList();
	}

	@Test
	void aChangeSetCreatesAndReferencesRecordsByContentIdAndAReadOutsideItSeesThem() {
		Api api = Api.admin(port);
		String unique = UUID.randomUUID().toString().substring(0, 8);
		Api.Response r = send(api, batch(
				changeSet("changeset_1",
						op("POST", "accounts", "{\"name\":\"Batch " + unique + "\"}", "Content-ID", "1"),
						op("POST", "/api/data/v9.2/contacts", "{\"lastname\":\"Batch " + unique
								+ "\",\"parentcustomerid_account@odata.bind\":\"$1\"}", "Content-ID", "2"),
						op("PATCH", "$1", "{\"telephone1\":\"555-" + unique + "\"}", "Content-ID", "3")),
				op("GET", "http://localhost:" + port + "/api/data/v9.2/accounts?$select=name,telephone1&$top=5000", null)));
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		assertThat(r.header("Content-Type")).matches("multipart/mixed;\\s*boundary=batchresponse_.*");
		assertThat(statuses(r)).as(r.body()).containsExactly(201, 201, 204, 200);
		assertThat(r.body()).contains("OData-EntityId: ").contains("Content-ID: 1").contains("changesetresponse_")
			.contains("555-" + unique);

		Map<String, Object> contact = api.get("/api/data/v9.2/contacts?$top=5000").value().stream()
			.filter(c -> ("Batch " + unique).equals(c.get("lastname"))).findFirst().orElseThrow();
		Map<String, Object> account = api.get("/api/data/v9.2/accounts(" + contact.get("_parentcustomerid_value") + ")").json();
		assertThat(account).containsEntry("name", "Batch " + unique).containsEntry("telephone1", "555-" + unique);
	}

	@Test
	void aFailedChangeSetWritesNothingAnswersWithTheFailureAndStopsTheBatch() {
		Api api = Api.admin(port);
		String unique = UUID.randomUUID().toString().substring(0, 8);
		Api.Response r = send(api, batch(
				changeSet("changeset_2",
						op("POST", "accounts", "{\"name\":\"Undone " + unique + "\"}", "Content-ID", "1"),
						op("POST", "contacts", "{\"lastname\":\"Undone " + unique + "\",\"nosuchfield\":1}", "Content-ID", "2")),
				op("POST", "accounts", "{\"name\":\"Never " + unique + "\"}")));
		assertThat(r.status()).isEqualTo(200);
		assertThat(statuses(r)).as(r.body()).containsExactly(400);
		assertThat(r.body()).contains("nosuchfield").doesNotContain("changesetresponse_");
		assertThat(names(api, "accounts", "name")).doesNotContain("Undone " + unique, "Never " + unique);
		assertThat(names(api, "contacts", "lastname")).doesNotContain("Undone " + unique);
	}

	@Test
	void continueOnErrorRunsTheRequestsAfterAFailure() {
		Api api = Api.admin(port);
		String unique = UUID.randomUUID().toString().substring(0, 8);
		String body = batch(op("POST", "accounts", "{\"name\": 12, \"nosuchfield\": true}"),
				op("POST", "accounts", "{\"name\":\"Continued " + unique + "\"}"),
				op("GET", "accounts(" + UUID.randomUUID() + ")", null));
		Api.Response stopped = send(api, body);
		assertThat(statuses(stopped)).containsExactly(400);
		assertThat(names(api, "accounts", "name")).doesNotContain("Continued " + unique);

		Api.Response continued = send(api, body, "Prefer", "odata.continue-on-error");
		assertThat(statuses(continued)).as(continued.body()).containsExactly(400, 201, 404);
		assertThat(names(api, "accounts", "name")).contains("Continued " + unique);
	}

	@Test
	void moreThanAThousandRequestsAreRefusedBeforeAnyRuns() {
		Api api = Api.admin(port);
		String unique = UUID.randomUUID().toString().substring(0, 8);
		String[] ops = new String[1001];
		for (int i = 0; i < ops.length; i++) {
			ops[i] = op("POST", "accounts", "{\"name\":\"Flood " + unique + "\"}");
		}
		Api.Response r = send(api, batch(ops));
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.json().get("error").toString()).contains("1000");
		assertThat(names(api, "accounts", "name")).doesNotContain("Flood " + unique);
	}

	@Test
	void malformedBatchesAreCleanBadRequests() {
		Api api = Api.admin(port);
		Api.Response noBoundary = api.send("POST", "/api/data/v9.2/$batch", batch(op("GET", "accounts", null)),
				"Content-Type", "multipart/mixed");
		assertThat(noBoundary.status()).isEqualTo(400);
		assertThat(noBoundary.json()).containsKey("error");
		assertThat(send(api, "--batch_x\r\nContent-Type: application/http\r\n\r\nGET accounts HTTP/1.1\r\n").status())
			.isEqualTo(400);
		assertThat(send(api, batch("Content-Type: text/plain\r\n\r\nhello\r\n")).status()).isEqualTo(400);
		assertThat(send(api, batch("Content-Type: application/http\r\n\r\nnot a request line at all\r\n")).status())
			.isEqualTo(400);
		assertThat(send(api, batch(changeSet("cs", op("GET", "accounts", null)))).status()).isEqualTo(400);
		assertThat(send(api, batch(op("GET", "/api/admin/users", null))).body()).contains("HTTP/1.1 400");
		assertThat(send(api, batch(op("POST", "$batch", "{}"))).body()).contains("HTTP/1.1 400");
		assertThat(send(api, batch(op("PATCH", "$9", "{}"))).body()).contains("HTTP/1.1 400");

		Api.Response invalidJson = send(api, batch(op("POST", "accounts", "{\"name\": ")));
		assertThat(invalidJson.status()).isEqualTo(200);
		assertThat(statuses(invalidJson)).containsExactly(400);
		assertThat(invalidJson.body()).contains("InvalidJson").doesNotContain("InternalError");
		Api.Response direct = api.post("/api/data/v9.2/accounts", "{\"name\": ");
		assertThat(direct.status()).isEqualTo(400);
		assertThat(direct.body()).contains("InvalidJson");
	}

	@Test
	void aBodyOverSixteenMegabytesIsRefusedWith413() {
		Api api = Api.admin(port);
		String padding = "x".repeat(16 * 1024 * 1024);
		Api.Response batch = send(api, batch(op("POST", "accounts", "{\"name\":\"" + padding + "\"}")));
		assertThat(batch.status()).isEqualTo(413);
		assertThat(batch.json().get("error").toString()).contains("RequestTooLarge").contains("16 MB");
		Api.Response single = api.post("/api/data/v9.2/accounts", "{\"name\":\"" + padding + "\"}");
		assertThat(single.status()).isEqualTo(413);
	}

	@Test
	void aSalespersonsChangeSetThatTouchesARecordTheyMayNotWriteIsRefusedWhole() {
		Api admin = Api.admin(port);
		String adminsAccount = DeepInsertIntegrationTest.id(admin.post("/api/data/v9.2/accounts", Map.of("name", "Admin's own")));
		String name = "sp-" + UUID.randomUUID().toString().substring(0, 8);
		Api.Response user = admin.post("/api/admin/users", Map.of("domainname", name, "fullname", name, "password", "sp-password",
				"roles", List.of(BulkActionsIntegrationTest.SALESPERSON_ROLE), "businessunitid",
				Principal.ROOT_BUSINESS_UNIT_ID.toString()));
		assertThat(user.status()).as(user.body()).isBetween(200, 201);
		Api salesperson = new Api(port, name, "sp-password");

		Api.Response r = send(salesperson, batch(changeSet("cs_sp",
				op("POST", "accounts", "{\"name\":\"Sp " + name + "\"}", "Content-ID", "1"),
				op("PATCH", "accounts(" + adminsAccount + ")", "{\"name\":\"Taken over\"}", "Content-ID", "2"))));
		assertThat(statuses(r)).as(r.body()).containsExactly(403);
		assertThat(names(admin, "accounts", "name")).doesNotContain("Sp " + name, "Taken over");

		Api.Response admins = send(salesperson, batch(op("GET", "/api/data/v9.2/systemusers?$top=1", null),
				op("POST", "businessunits", "{\"name\":\"Sp unit " + name + "\"}")), "Prefer", "odata.continue-on-error");
		assertThat(statuses(admins)).as(admins.body()).containsExactly(200, 403);
	}
}
