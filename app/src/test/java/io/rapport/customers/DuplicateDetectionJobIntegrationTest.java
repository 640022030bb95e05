package io.rapport.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.TestPropertySource;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.data.Message;
import io.rapport.data.PipelineContext;
import io.rapport.data.PipelineHandler;
import io.rapport.data.Records;
import io.rapport.data.Stage;
import io.rapport.jobs.Await;
import io.rapport.test.Api;
import io.rapport.test.RapportTest;

/**
 * A context of its own: batches of two records, so that duplicates are found across batches too, and a pipeline
 * handler that suppresses detection through the shared variable, as another module's handler would.
 */
@RapportTest
@TestPropertySource(properties = "rapport.duplicates.job-batch-size=2")
class DuplicateDetectionJobIntegrationTest {

	@TestConfiguration
	static class SuppressingHandler {

		/** Contacts whose last name starts with "Unchecked-" are saved without a duplicate check. */
		@Bean
		PipelineHandler uncheckedContacts() {
			return new PipelineHandler() {

				@Override
				public String entity() {
					return "contact";
				}

				@Override
				public Set<Message> messages() {
					return Set.of(Message.Create);
				}

				@Override
				public Stage stage() {
					return Stage.Validate;
				}

				@Override
				public void handle(PipelineContext context) {
					if (String.valueOf(context.target().get("lastname")).startsWith("Unchecked-")) {
						context.shared().put(DuplicateDetection.SUPPRESS, true);
					}
				}
			};
		}
	}

	private static final Principal ADMIN = Principal.user(UUID.fromString("00000000-0000-0000-0000-000000000002"),
			Principal.ROOT_BUSINESS_UNIT_ID);

	@LocalServerPort
	int port;

	@Autowired
	Records records;

	@Autowired
	DuplicateDetection detection;

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	@Test
	void theJobFindsTheDuplicateGroupsOfAQueryAndStoresEachPair() {
		String x = "x." + run + "@example.com";
		String y = "y." + run + "@example.com";
		String z = "z." + run + "@example.com";
		Map<String, String> emails = new HashMap<>();
		for (String[] c : new String[][] { { "P1", x }, { "P2", x.toUpperCase() }, { "P3", x }, { "P4", y }, { "P5", y },
				{ "P6", z }, { "P7", "alone." + run + "@example.com" } }) {
			emails.put(contact(ADMIN, c[0], "Dupjob-" + run, c[1]), c[1].toLowerCase());
		}
		String outside = contact(ADMIN, "P8", "Outside-" + run, z);

		Api api = Api.admin(port);
		Api.Response submitted = api.post("/api/customers/duplicates/jobs", Map.of("name", "Duplicates " + run,
				"query", lastNameIs("Dupjob-" + run)));
		assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
		assertThat(submitted.json()).containsEntry("type", "BulkDetectDuplicates").containsEntry("name", "Duplicates " + run);
		Map<String, Object> done = awaitFinished(api, submitted.header("Location"));
		assertThat(done).containsEntry("status", "Succeeded")
			.containsEntry("progress", Map.of("total", 7, "processed", 7, "succeeded", 6, "failed", 0));
		assertThat((String) done.get("message")).contains("Checked 7 records: 6 have potential duplicates; 9 duplicate records stored.");

		Map<String, Set<String>> pairs = pairs(api, (String) done.get("id"));
		Map<String, Set<String>> expected = new HashMap<>();
		emails.forEach((id, email) -> emails.forEach((other, otherEmail) -> {
			if (!id.equals(other) && email.equals(otherEmail)) {
				expected.computeIfAbsent(id, k -> new HashSet<>()).add(other);
			}
		}));
		String withZ = emails.entrySet().stream().filter(e -> e.getValue().equals(z)).findFirst().orElseThrow().getKey();
		expected.put(withZ, Set.of(outside));
		assertThat(pairs).as("every pair once, duplicates outside the query included").isEqualTo(expected);
		List<Map<String, Object>> all = api.get("/api/data/v9.2/duplicaterecords?$top=5000").value();
		assertThat(all).filteredOn(r -> done.get("id").equals(r.get("_asyncoperationid_value"))).hasSize(9);

		TestPeople.User elsewhere = TestPeople.salesperson(port, TestPeople.businessUnit(port, "Job unit " + run));
		assertThat(elsewhere.api().get("/api/customers/duplicates/jobs/" + done.get("id") + "/records").status()).isEqualTo(404);
		assertThat(elsewhere.api().get("/api/data/v9.2/duplicaterecords?$top=5000").value())
			.noneMatch(r -> done.get("id").equals(r.get("_asyncoperationid_value")));
	}

	@Test
	void theJobFindsOnlyWhatItsOwnerMayRead() {
		String x = "mine." + run + "@example.com";
		contact(ADMIN, "Admin", "Theirs-" + run, x);
		TestPeople.User elsewhere = TestPeople.salesperson(port, TestPeople.businessUnit(port, "Own unit " + run));
		String one = contact(elsewhere.principal(), "One", "Mine-" + run, x);
		String two = contact(elsewhere.principal(), "Two", "Mine-" + run, x);

		Api.Response submitted = elsewhere.api().post("/api/customers/duplicates/jobs",
				Map.of("query", Map.of("entity", "contact", "filter", Map.of("attribute", "emailaddress1", "operator", "Eq", "values", List.of(x)))));
		assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
		Map<String, Object> done = awaitFinished(elsewhere.api(), submitted.header("Location"));
		assertThat(done).containsEntry("status", "Succeeded");
		assertThat(pairs(elsewhere.api(), (String) done.get("id"))).isEqualTo(Map.of(one, Set.of(two), two, Set.of(one)));
	}

	@Test
	void aHandlerOfAnEarlierStageSuppressesTheCheckForItsMessage() {
		String email = "handled." + run + "@example.com";
		records.create(ADMIN, new EntityRecord("contact").set("lastname", "Checked-" + run).set("emailaddress1", email));
		assertThat(records.create(ADMIN, new EntityRecord("contact").set("lastname", "Unchecked-" + run).set("emailaddress1", email)))
			.isNotNull();
		assertThatThrownBy(() -> records.create(ADMIN, new EntityRecord("contact").set("lastname", "Checked-" + run)
			.set("emailaddress1", email))).isInstanceOf(DuplicateRecordsFound.class);
	}

	@Test
	void aJobIsRefusedUpFrontWhenItsQueryOrRulesAreWrong() {
		Api api = Api.admin(port);
		assertRefused(api.post("/api/customers/duplicates/jobs", Map.of("name", "No query")), "query");
		assertRefused(api.post("/api/customers/duplicates/jobs", Map.of("query", Map.of("entity", "nosuch"))), "query.entity");
		assertRefused(api.post("/api/customers/duplicates/jobs", Map.of("query", Map.of("entity", "contact"),
				"ruleIds", List.of(UUID.randomUUID().toString()))), "ruleIds");
		assertRefused(api.post("/api/customers/duplicates/jobs", Map.of("query", Map.of("entity", "contact"),
				"ruleIds", List.of("not-an-id"))), "ruleIds");
		assertRefused(api.post("/api/customers/duplicates/jobs", Map.of("query", Map.of("entity", "businessunit"))), "ruleIds");
		assertRefused(api.post("/api/customers/duplicates/jobs", Map.of("query", Map.of("entity", "contact",
				"filter", Map.of("attribute", "nosuch", "operator", "Eq", "values", List.of("x"))))), "nosuch");
	}

	private String contact(Principal owner, String first, String last, String email) {
		return detection.suppressed(() -> records.create(owner, new EntityRecord("contact").set("firstname", first)
			.set("lastname", last).set("emailaddress1", email))).toString();
	}

	private static Map<String, Object> lastNameIs(String lastName) {
		return Map.of("entity", "contact", "filter", Map.of("attribute", "lastname", "operator", "Eq", "values", List.of(lastName)));
	}

	private static Map<String, Object> awaitFinished(Api api, String location) {
		return Await.until("the job at " + location + " to finish", Duration.ofSeconds(60), () -> api.get(location).json(),
				job -> ((Number) job.get("statecode")).intValue() == 3);
	}

	private static Map<String, Set<String>> pairs(Api api, String job) {
		Api.Response results = api.get("/api/customers/duplicates/jobs/" + job + "/records");
		assertThat(results.status()).as(results.body()).isEqualTo(200);
		Map<String, Set<String>> pairs = new HashMap<>();
		for (Map<String, Object> r : results.value()) {
			assertThat(pairs.computeIfAbsent((String) r.get("_baserecordid_value"), k -> new HashSet<>())
				.add((String) r.get("_duplicaterecordid_value"))).as("each pair once").isTrue();
		}
		return pairs;
	}

	private static void assertRefused(Api.Response response, String field) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.body()).contains(field).doesNotContain("Exception");
	}
}
