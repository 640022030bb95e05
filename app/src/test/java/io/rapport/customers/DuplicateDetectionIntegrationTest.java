package io.rapport.customers;

import static io.rapport.customers.TestPeople.businessUnit;
import static io.rapport.customers.TestPeople.create;
import static io.rapport.customers.TestPeople.salesperson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.data.Records;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.test.Api;
import io.rapport.test.RapportTest;

@RapportTest
class DuplicateDetectionIntegrationTest {

	private static final String SUPPRESS = "MSCRM.SuppressDuplicateDetection";
	private static final Principal ADMIN = Principal.user(UUID.fromString("00000000-0000-0000-0000-000000000002"),
			Principal.ROOT_BUSINESS_UNIT_ID);

	@LocalServerPort
	int port;

	@Autowired
	Records records;

	@Autowired
	Queries queries;

	@Autowired
	DuplicateDetection detection;

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	@Test
	@SuppressWarnings("unchecked")
	void theDefaultRulesArePublishedAtTheFirstStart() {
		Api api = Api.admin(port);
		List<Map<String, Object>> rules = api.get("/api/data/v9.2/duplicaterules?$select=name,baseentityname,statecode,statuscode"
				+ "&$top=100").value();
		assertThat(rules).filteredOn(r -> ((String) r.get("name")).startsWith("Accounts with") || ((String) r.get("name")).startsWith("Contacts with"))
			.extracting(r -> r.get("name") + "|" + r.get("baseentityname") + "|" + r.get("statecode") + "|" + r.get("statuscode"))
			.containsExactlyInAnyOrder("Accounts with the same account name|account|1|2",
					"Contacts with the same e-mail address|contact|1|2",
					"Contacts with the same first name, last name and city|contact|1|2");
		List<Map<String, Object>> conditions = api.get("/api/data/v9.2/duplicateruleconditions"
				+ "?$select=baseattributename,matchingattributename,operatorcode,ignoreblankvalues&$top=500").value();
		assertThat(conditions).extracting(c -> c.get("baseattributename") + "|" + c.get("operatorcode") + "|" + c.get("ignoreblankvalues"))
			.contains("name|0|true", "emailaddress1|0|true", "firstname|0|true", "lastname|0|true", "address1_city|0|true");
	}

	@Test
	@SuppressWarnings("unchecked")
	void aContactWithAnExistingEmailInAnotherCaseIsRefusedListingTheMatchUntilTheCallerInsists() {
		Api api = Api.admin(port);
		String ada = create(api, "contacts", Map.of("firstname", "Ada", "lastname", "Lovelace-" + run,
				"emailaddress1", "ada." + run + "@example.com"));
		Map<String, Object> augusta = Map.of("firstname", "Augusta", "lastname", "King-" + run,
				"emailaddress1", "ADA." + run + "@Example.COM");

		Api.Response refused = api.post("/api/data/v9.2/contacts", augusta);
		assertThat(refused.status()).as(refused.body()).isEqualTo(409);
		Map<String, Object> error = (Map<String, Object>) refused.json().get("error");
		assertThat(error).containsEntry("code", "DuplicateRecord");
		assertThat((String) error.get("message")).contains("Ada Lovelace-" + run).contains(SUPPRESS);
		assertThat((List<Map<String, Object>>) error.get("duplicates")).singleElement().satisfies(d -> {
			assertThat(d).containsEntry("entity", "contact").containsEntry("id", ada)
				.containsEntry("name", "Ada Lovelace-" + run).containsEntry("ruleName", "Contacts with the same e-mail address");
		});
		assertThat(contactsNamed("King-" + run)).as("nothing was written").isZero();

		String second = create(api, "contacts", augusta, SUPPRESS, "true");
		assertThat(second).isNotEqualTo(ada);
		assertThat(api.patch("/api/data/v9.2/contacts(" + second + ")", Map.of("jobtitle", "Countess")).status())
			.as("changing what no rule compares is not checked").isEqualTo(204);

		String byron = create(api, "contacts", Map.of("lastname", "Byron-" + run, "emailaddress1", "byron." + run + "@example.com"));
		Api.Response changed = api.patch("/api/data/v9.2/contacts(" + byron + ")", Map.of("emailaddress1", "Ada." + run + "@example.com"));
		assertThat(changed.status()).as(changed.body()).isEqualTo(409);
		assertThat((List<Map<String, Object>>) ((Map<String, Object>) changed.json().get("error")).get("duplicates"))
			.extracting(d -> d.get("id")).containsExactlyInAnyOrder(ada, second);
		assertThat(api.get("/api/data/v9.2/contacts(" + byron + ")").json()).containsEntry("emailaddress1", "byron." + run + "@example.com");
	}

	@Test
	void blankValuesNeverMatch() {
		Api api = Api.admin(port);
		create(api, "contacts", Map.of("firstname", "No", "lastname", "Mail-" + run));
		create(api, "contacts", Map.of("firstname", "Nil", "lastname", "Mail-" + run));
		create(api, "contacts", Map.of("firstname", "No", "lastname", "Mail-" + run));
		assertThat(contactsNamed("Mail-" + run)).as("no e-mail and no city: neither contact rule compares them").isEqualTo(3);
	}

	@Test
	@SuppressWarnings("unchecked")
	void contactsWithTheSameFirstNameLastNameAndCityAreDuplicates() {
		Api api = Api.admin(port);
		String grace = create(api, "contacts", Map.of("firstname", "Grace", "lastname", "Hopper-" + run, "address1_city", "Arlington"));
		Api.Response refused = api.post("/api/data/v9.2/contacts",
				Map.of("firstname", "GRACE", "lastname", "hopper-" + run, "address1_city", "arlington"));
		assertThat(refused.status()).as(refused.body()).isEqualTo(409);
		assertThat((List<Map<String, Object>>) ((Map<String, Object>) refused.json().get("error")).get("duplicates"))
			.singleElement()
			.satisfies(d -> assertThat(d).containsEntry("id", grace)
				.containsEntry("ruleName", "Contacts with the same first name, last name and city"));
		create(api, "contacts", Map.of("firstname", "Grace", "lastname", "Hopper-" + run, "address1_city", "New York"));
		create(api, "contacts", Map.of("firstname", "Gracie", "lastname", "Hopper-" + run, "address1_city", "Arlington"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void aSalespersonIsWarnedOnlyAboutRecordsTheyMayRead() {
		String email = "shared." + run + "@example.com";
		String owned = create(Api.admin(port), "contacts", Map.of("lastname", "Owned-" + run, "emailaddress1", email));

		TestPeople.User elsewhere = salesperson(port, businessUnit(port, "Elsewhere " + run));
		String theirs = create(elsewhere.api(), "contacts", Map.of("lastname", "Theirs-" + run, "emailaddress1", email));
		Api.Response check = elsewhere.api().post("/api/customers/duplicates/check",
				Map.of("entity", "contact", "record", Map.of("emailaddress1", email)));
		assertThat(check.status()).as(check.body()).isEqualTo(200);
		assertThat((List<Map<String, Object>>) check.json().get("duplicates")).extracting(d -> d.get("id")).containsExactly(theirs);

		TestPeople.User near = salesperson(port, Principal.ROOT_BUSINESS_UNIT_ID);
		Api.Response refused = near.api().post("/api/data/v9.2/contacts", Map.of("lastname", "Near-" + run, "emailaddress1", email));
		assertThat(refused.status()).as(refused.body()).isEqualTo(409);
		assertThat(refused.body()).doesNotContain(theirs).doesNotContain("Theirs-" + run);
		assertThat((List<Map<String, Object>>) ((Map<String, Object>) refused.json().get("error")).get("duplicates"))
			.extracting(d -> d.get("id")).containsExactly(owned);
	}

	@Test
	@SuppressWarnings("unchecked")
	void retrieveDuplicatesChecksANewRecordOrAnExistingOne() {
		Api api = Api.admin(port);
		String email = "twice." + run + "@example.com";
		String first = create(api, "contacts", Map.of("lastname", "Twice-" + run, "emailaddress1", email));
		String second = create(api, "contacts", Map.of("lastname", "Again-" + run, "emailaddress1", email.toUpperCase()), SUPPRESS, "true");

		Api.Response unsaved = api.post("/api/customers/duplicates/check", Map.of("entity", "contact",
				"record", Map.of("lastname", "New", "emailaddress1", "Twice." + run + "@example.com")));
		assertThat(unsaved.status()).as(unsaved.body()).isEqualTo(200);
		assertThat((List<Map<String, Object>>) unsaved.json().get("duplicates")).extracting(d -> d.get("id"))
			.containsExactlyInAnyOrder(first, second);

		Api.Response existing = api.post("/api/customers/duplicates/check", Map.of("entity", "contact", "id", second));
		assertThat((List<Map<String, Object>>) existing.json().get("duplicates")).extracting(d -> d.get("id")).containsExactly(first);

		String account = create(api, "accounts", Map.of("name", "Acme " + run));
		Api.Response byName = api.post("/api/customers/duplicates/check", Map.of("entity", "account", "record", Map.of("name", "ACME " + run)));
		assertThat((List<Map<String, Object>>) byName.json().get("duplicates")).singleElement()
			.satisfies(d -> assertThat(d).containsEntry("id", account).containsEntry("ruleName", "Accounts with the same account name"));

		Api.Response unknownEntity = api.post("/api/customers/duplicates/check", Map.of("entity", "nosuch", "record", Map.of()));
		assertThat(unknownEntity.status()).isEqualTo(400);
		assertThat(unknownEntity.body()).contains("entity");
		Api.Response unknownAttribute = api.post("/api/customers/duplicates/check", Map.of("entity", "contact", "record", Map.of("nosuch", 1)));
		assertThat(unknownAttribute.status()).isEqualTo(400);
		assertThat(unknownAttribute.body()).contains("nosuch").doesNotContain("Exception");
		assertThat(api.post("/api/customers/duplicates/check", Map.of("entity", "contact", "id", UUID.randomUUID().toString())).status())
			.isEqualTo(404);
		assertThat(api.post("/api/customers/duplicates/check", Map.of("entity", "contact")).status()).isEqualTo(400);
	}

	@Test
	void codeSuppressesDetectionForTheWorkItDoesOnly() {
		String email = "engine." + run + "@example.com";
		records.create(ADMIN, new EntityRecord("contact").set("lastname", "Engine-" + run).set("emailaddress1", email));
		assertThatThrownBy(() -> records.create(ADMIN, new EntityRecord("contact").set("lastname", "Engine-" + run).set("emailaddress1", email)))
			.isInstanceOfSatisfying(DuplicateRecordsFound.class, e -> assertThat(e.matches()).hasSize(1));
		UUID saved = detection.suppressed(
				() -> records.create(ADMIN, new EntityRecord("contact").set("lastname", "Engine-" + run).set("emailaddress1", email)));
		assertThat(saved).isNotNull();
		assertThatThrownBy(() -> records.create(ADMIN, new EntityRecord("contact").set("lastname", "Engine-" + run).set("emailaddress1", email)))
			.as("only the work inside the scope is exempt").isInstanceOf(DuplicateRecordsFound.class);
		records.create(Principal.systemPrincipal(), new EntityRecord("contact").set("lastname", "Engine-" + run).set("emailaddress1", email));
		assertThat(contactsNamed("Engine-" + run)).as("the platform's own writes are not checked").isEqualTo(3);
	}

	private long contactsNamed(String lastName) {
		return queries.count(Principal.systemPrincipal(), Query.of("contact").where(Criterion.where("lastname", Operator.Eq, lastName)));
	}
}
