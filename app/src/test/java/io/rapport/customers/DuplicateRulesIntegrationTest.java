package io.rapport.customers;

import static io.rapport.customers.TestPeople.create;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.rapport.core.Principal;
import io.rapport.core.RecordRef;
import io.rapport.data.Records;
import io.rapport.metadata.Customizations;
import io.rapport.metadata.DefinitionJson;
import io.rapport.metadata.Metadata;
import io.rapport.test.Api;
import io.rapport.test.RapportTest;

/** Rules on a custom entity of their own, so that other tests' contacts and accounts are not compared by them. */
@RapportTest
class DuplicateRulesIntegrationTest {

	private static final String GADGET = """
			{"logicalName":"new_gadget","displayName":"Gadget","primaryNameAttribute":"new_name","ownership":"UserOwned",
			 "attributes":[{"name":"new_name","type":"String","maxLength":100},{"name":"new_code","type":"String","maxLength":40},
			  {"name":"new_madeon","type":"DateTime"},{"name":"new_notes","type":"Memo"},
			  {"name":"new_colour","type":"Picklist","options":[{"value":1,"label":"Red"},{"value":2,"label":"Blue"}]}]}
			""";

	@LocalServerPort
	int port;

	@Autowired
	Metadata metadata;

	@Autowired
	Customizations customizations;

	@Autowired
	Records records;

	private final String run = UUID.randomUUID().toString().substring(0, 8);
	private final List<String> rules = new ArrayList<>();
	private Api api;

	@BeforeEach
	void gadgets() {
		synchronized (DuplicateRulesIntegrationTest.class) {
			if (metadata.find("new_gadget").isEmpty()) {
				customizations.createEntity(DefinitionJson.entity("test", GADGET.getBytes(StandardCharsets.UTF_8)),
						Principal.systemPrincipal());
			}
		}
		api = Api.admin(port);
	}

	@AfterEach
	void removeRules() {
		rules.forEach(id -> records.delete(Principal.systemPrincipal(), new RecordRef("duplicaterule", UUID.fromString(id))));
	}

	@Test
	void aRuleAndItsConditionsAreCheckedAgainstMetadata() {
		Api.Response noEntity = api.post("/api/data/v9.2/duplicaterules",
				Map.of("name", "Nowhere", "baseentityname", "nosuch", "matchingentityname", "new_gadget"));
		assertThat(noEntity.status()).isEqualTo(400);
		assertThat(noEntity.body()).contains("baseentityname");
		Api.Response published = api.post("/api/data/v9.2/duplicaterules", Map.of("name", "At once", "baseentityname",
				"new_gadget", "matchingentityname", "new_gadget", "statecode", 1, "statuscode", 2));
		assertThat(published.status()).as("a rule starts unpublished").isEqualTo(400);

		String rule = rule("Checked " + run, false);
		Api.Response empty = api.post("/api/customers/duplicates/rules/" + rule + "/publish", Map.of());
		assertThat(empty.status()).isEqualTo(400);
		assertThat(empty.body()).contains("no conditions");

		assertRefused(condition(rule, "nosuch", "new_name", 0, null, false), "baseattributename");
		assertRefused(condition(rule, "new_name", "new_madeon", 0, null, false), "matchingattributename");
		assertRefused(condition(rule, "new_name", "new_name", 1, null, false), "operatorparam");
		assertRefused(condition(rule, "new_name", "new_name", 3, null, false), "operatorcode");
		assertRefused(condition(rule, "new_notes", "new_notes", 0, null, false), "baseattributename");
		assertThat(condition(rule, "new_name", "new_name", 0, null, true).status()).isEqualTo(201);
		publish(rule);

		assertThat(condition(rule, "new_code", "new_code", 0, null, true).status()).as("a published rule's conditions stay").isEqualTo(409);
		Api.Response caseChange = api.patch("/api/data/v9.2/duplicaterules(" + rule + ")", Map.of("iscasesensitive", true));
		assertThat(caseChange.status()).isEqualTo(409);
		assertThat(caseChange.body()).contains("unpublish");
		assertThat(api.patch("/api/data/v9.2/duplicaterules(" + rule + ")", Map.of("description", "Renamed")).status()).isEqualTo(204);
		assertThat(api.post("/api/customers/duplicates/rules/" + rule + "/unpublish", Map.of()).status()).isEqualTo(204);
		assertThat(condition(rule, "new_code", "new_code", 0, null, true).status()).isEqualTo(201);

		TestPeople.User salesperson = TestPeople.salesperson(port, Principal.ROOT_BUSINESS_UNIT_ID);
		assertThat(salesperson.api().post("/api/data/v9.2/duplicaterules", Map.of("name", "Mine", "baseentityname", "contact",
				"matchingentityname", "contact")).status()).as("rules are the administrator's").isEqualTo(403);
	}

	@Test
	void atMostFiveRulesArePublishedPerBaseEntity() {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			String rule = rule("Limit " + i + " " + run, false);
			condition(rule, "new_code", "new_code", 0, null, true);
			ids.add(rule);
		}
		for (int i = 0; i < 5; i++) {
			publish(ids.get(i));
		}
		Api.Response sixth = api.post("/api/customers/duplicates/rules/" + ids.get(5) + "/publish", Map.of());
		assertThat(sixth.status()).isEqualTo(409);
		assertThat(sixth.body()).contains("PublishedDuplicateRuleLimit").contains("5");
		assertThat(api.get("/api/data/v9.2/duplicaterules(" + ids.get(5) + ")").json()).containsEntry("statecode", 0);
		assertThat(api.post("/api/customers/duplicates/rules/" + ids.get(0) + "/unpublish", Map.of()).status()).isEqualTo(204);
		publish(ids.get(5));
	}

	@Test
	void firstCharactersLastCharactersDatesAndCaseAreComparedAsTheRuleSays() {
		String first = rule("First nine " + run, false);
		condition(first, "new_name", "new_name", 1, 9, true);
		publish(first);
		String widget = gadget(Map.of("new_name", run + "-A widget"));
		gadget(Map.of("new_name", run + "X widget"));
		assertThat(duplicates(Map.of("new_name", run.toUpperCase() + "-B gadget"))).containsExactly(widget);
		unpublish(first);

		String lastOnly = rule("Last four " + run, false);
		condition(lastOnly, "new_code", "new_code", 2, 4, true);
		Api.Response unindexable = api.post("/api/customers/duplicates/rules/" + lastOnly + "/publish", Map.of());
		assertThat(unindexable.status()).as("last characters alone would scan the table").isEqualTo(400);
		assertThat(condition(lastOnly, "new_colour", "new_colour", 5, null, true).status()).isEqualTo(201);
		publish(lastOnly);
		String red = gadget(Map.of("new_name", "Red " + run, "new_code", "R-" + run + "-0042", "new_colour", 1));
		gadget(Map.of("new_name", "Blue " + run, "new_code", "B-" + run + "-0042", "new_colour", 2));
		assertThat(duplicates(Map.of("new_code", "Z-" + run + "-0042", "new_colour", 1))).containsExactly(red);
		unpublish(lastOnly);

		String sameDay = rule("Same day " + run, false);
		condition(sameDay, "new_madeon", "new_madeon", 3, null, true);
		condition(sameDay, "new_code", "new_code", 0, null, true);
		publish(sameDay);
		String morning = gadget(Map.of("new_code", "D-" + run, "new_madeon", "2024-05-01T08:00:00Z"));
		gadget(Map.of("new_code", "D-" + run, "new_madeon", "2024-05-02T08:00:00Z"));
		assertThat(duplicates(Map.of("new_code", "d-" + run, "new_madeon", "2024-05-01T17:30:00Z"))).containsExactly(morning);
		unpublish(sameDay);

		String exactCase = rule("Exact case " + run, true);
		condition(exactCase, "new_name", "new_name", 0, null, true);
		publish(exactCase);
		String upper = gadget(Map.of("new_name", "Case " + run));
		gadget(Map.of("new_name", "case " + run));
		assertThat(duplicates(Map.of("new_name", "Case " + run))).containsExactly(upper);
		unpublish(exactCase);

		String blanks = rule("Blanks match " + run, false);
		condition(blanks, "new_name", "new_name", 0, null, true);
		condition(blanks, "new_code", "new_code", 0, null, false);
		publish(blanks);
		String noCode = gadget(Map.of("new_name", "Blank " + run));
		gadget(Map.of("new_name", "Blank " + run, "new_code", "C-" + run));
		assertThat(duplicates(Map.of("new_name", "Blank " + run))).as("a blank matches a blank when blanks are not ignored")
			.containsExactly(noCode);
		unpublish(blanks);
	}

	private String rule(String name, boolean caseSensitive) {
		String id = create(api, "duplicaterules", Map.of("name", name, "baseentityname", "new_gadget",
				"matchingentityname", "new_gadget", "iscasesensitive", caseSensitive));
		rules.add(id);
		return id;
	}

	private Api.Response condition(String rule, String base, String matching, int operator, Integer characters, boolean ignoreBlanks) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("regardingobjectid@odata.bind", "/duplicaterules(" + rule + ")");
		values.put("baseattributename", base);
		values.put("matchingattributename", matching);
		values.put("operatorcode", operator);
		values.put("ignoreblankvalues", ignoreBlanks);
		if (characters != null) {
			values.put("operatorparam", characters);
		}
		return api.post("/api/data/v9.2/duplicateruleconditions", values);
	}

	private void assertRefused(Api.Response response, String attribute) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.body()).contains(attribute).doesNotContain("Exception");
	}

	private void publish(String rule) {
		Api.Response r = api.post("/api/customers/duplicates/rules/" + rule + "/publish", Map.of());
		assertThat(r.status()).as(r.body()).isEqualTo(204);
	}

	private void unpublish(String rule) {
		assertThat(api.post("/api/customers/duplicates/rules/" + rule + "/unpublish", Map.of()).status()).isEqualTo(204);
	}

	private String gadget(Map<String, Object> values) {
		return create(api, "new_gadgets", values, "MSCRM.SuppressDuplicateDetection", "true");
	}

	@SuppressWarnings("unchecked")
	private List<Object> duplicates(Map<String, Object> record) {
		Api.Response r = api.post("/api/customers/duplicates/check", Map.of("entity", "new_gadget", "record", record));
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		return ((List<Map<String, Object>>) r.json().get("duplicates")).stream().map(d -> d.get("id")).toList();
	}
}
