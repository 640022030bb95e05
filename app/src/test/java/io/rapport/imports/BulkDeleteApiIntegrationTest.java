package io.rapport.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RecordRef;
import io.rapport.data.Records;
import io.rapport.jobs.Await;
import io.rapport.query.Queries;
import io.rapport.security.Principals;
import io.rapport.test.Api;
import io.rapport.test.RapportTest;

@RapportTest
class BulkDeleteApiIntegrationTest {

	private static final UUID ADMIN_ID = UUID.fromString("00000000-0000-0000-0000-000000000002");

	@LocalServerPort
	int port;

	@Autowired
	Records records;

	@Autowired
	Queries queries;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	Principals principals;

	Api api;
	Principal admin;
	String run;

	@BeforeEach
	void setUp() {
		api = Api.admin(port);
		admin = principals.of(ADMIN_ID).orElseThrow();
		run = UUID.randomUUID().toString().substring(0, 8);
	}

	private Map<String, Object> awaitFinished(String location) {
		return Await.until("the job at " + location + " to finish", Duration.ofSeconds(60), () -> api.get(location).json(),
				job -> ((Number) job.get("statecode")).intValue() == 3);
	}

	@Test
	void bulkDeleteRemovesEveryMatchingRecordAndReportsItsCounts() {
		TestContacts.create(records, transactions, admin, "Gone-" + run, 150);
		TestContacts.create(records, transactions, admin, "Kept-" + run, 20);

		Api.Response submitted = api.post("/api/jobs/bulkdelete",
				Map.of("name", "Clean up " + run, "query", TestContacts.lastNameIs("Gone-" + run)));

		assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
		assertThat(submitted.json()).containsEntry("name", "Clean up " + run).containsEntry("type", "BulkDelete")
			.containsKey("id");
		Map<String, Object> done = awaitFinished(submitted.header("Location"));
		assertThat(done).containsEntry("status", "Succeeded").containsEntry("message", null)
			.containsEntry("progress", Map.of("total", 150, "processed", 150, "succeeded", 150, "failed", 0));
		assertThat(TestContacts.count(queries, admin, "Gone-" + run)).isZero();
		assertThat(TestContacts.count(queries, admin, "Kept-" + run)).isEqualTo(20);
		Api.Response record = api.get("/api/data/v9.2/asyncoperations(" + done.get("id") + ")?$select=operationtype,statuscode,successcount");
		assertThat(record.json()).containsEntry("operationtype", "BulkDelete").containsEntry("statuscode", 30)
			.containsEntry("successcount", 150);
	}

	@Test
	void recordsMatchedThroughALinkAreCountedAndDeletedOnceWithTheirCascades() {
		List<UUID> accounts = new java.util.ArrayList<>();
		for (int i = 0; i < 3; i++) {
			UUID account = records.create(admin, new EntityRecord("account").set("name", "Linked " + run + " " + i));
			accounts.add(account);
			for (int j = 0; j < 2; j++) {
				records.create(admin, new EntityRecord("contact").set("lastname", "Linked-" + run)
					.set("parentcustomerid", new RecordRef("account", account)));
			}
		}
		UUID unrelated = records.create(admin, new EntityRecord("account").set("name", "Unrelated " + run));

		Api.Response submitted = api.post("/api/jobs/bulkdelete", Map.of("query", Map.of("entity", "account",
				"links", List.of(Map.of("entity", "contact", "from", "accountid", "to", "parentcustomerid",
						"filter", Map.of("attribute", "lastname", "operator", "Eq", "values", List.of("Linked-" + run)))))));

		assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
		Map<String, Object> done = awaitFinished(submitted.header("Location"));
		assertThat(done).containsEntry("status", "Succeeded")
			.containsEntry("progress", Map.of("total", 3, "processed", 3, "succeeded", 3, "failed", 0));
		assertThat(accounts).allSatisfy(id -> assertThat(api.get("/api/data/v9.2/accounts(" + id + ")").status()).isEqualTo(404));
		assertThat(TestContacts.count(queries, admin, "Linked-" + run)).as("contacts deleted by the cascade").isZero();
		assertThat(api.get("/api/data/v9.2/accounts(" + unrelated + ")").status()).isEqualTo(200);
	}

	@Test
	void recordsThatCannotBeDeletedAreCountedAndNamedInTheJobMessage() {
		RecordRef root = new RecordRef("businessunit", Principal.ROOT_BUSINESS_UNIT_ID);
		UUID empty = records.create(admin, new EntityRecord("businessunit").set("name", "Unit " + run + " empty")
			.set("parentbusinessunitid", root));
		UUID staffed = records.create(admin, new EntityRecord("businessunit").set("name", "Unit " + run + " staffed")
			.set("parentbusinessunitid", root));
		records.create(admin, new EntityRecord("systemuser").set("domainname", "user-" + run).set("lastname", "Staff")
			.set("businessunitid", new RecordRef("businessunit", staffed)));

		Api.Response submitted = api.post("/api/jobs/bulkdelete", Map.of("query", Map.of("entity", "businessunit",
				"filter", Map.of("attribute", "name", "operator", "BeginsWith", "values", List.of("Unit " + run)))));

		assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
		Map<String, Object> done = awaitFinished(submitted.header("Location"));
		assertThat(done).containsEntry("status", "Succeeded").containsEntry("name", "Bulk delete of business units")
			.containsEntry("progress", Map.of("total", 2, "processed", 2, "succeeded", 1, "failed", 1));
		assertThat((String) done.get("message")).startsWith("1 record could not be deleted")
			.contains("businessunit " + staffed).contains("cannot be deleted while users refer to it");
		assertThat(api.get("/api/data/v9.2/businessunits(" + empty + ")").status()).isEqualTo(404);
		assertThat(api.get("/api/data/v9.2/businessunits(" + staffed + ")").status()).isEqualTo(200);
	}

	@Test
	void badRequestsAreRefusedNamingTheField() {
		assertRefused(Map.of("name", "No query"), "query");
		assertRefused(Map.of("query", "contact"), "query");
		assertRefused(Map.of("query", Map.of("filter", Map.of())), "query.entity");
		assertRefused(Map.of("query", Map.of("entity", "nosuchentity")), "query.entity");
		assertRefused(Map.of("query", Map.of("entity", "contact", "filter",
				Map.of("attribute", "lastname", "operator", "Equals", "values", List.of("x")))), "query.filter.operator");
		assertRefused(Map.of("query", Map.of("entity", "contact", "filter",
				Map.of("attribute", "nosuchattribute", "operator", "Eq", "values", List.of("x")))), "nosuchattribute");
		assertRefused(Map.of("name", 12, "query", TestContacts.lastNameIs("x")), "name");
		assertRefused(Map.of("name", "n".repeat(300), "query", TestContacts.lastNameIs("x")), "name");
		Api.Response notJson = api.post("/api/jobs/bulkdelete", "{not json");
		assertThat(notJson.status()).isEqualTo(400);
	}

	private void assertRefused(Map<String, Object> body, String field) {
		Api.Response response = api.post("/api/jobs/bulkdelete", body);
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.header("Content-Type")).contains("application/problem+json");
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> errors = (List<Map<String, Object>>) response.json().get("errors");
		assertThat(errors).as(response.body()).extracting(e -> e.get("attribute")).containsExactly(field);
		assertThat(response.body()).doesNotContain("Exception").doesNotContainIgnoringCase("select ");
	}
}
