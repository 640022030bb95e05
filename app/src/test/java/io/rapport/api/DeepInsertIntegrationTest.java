package io.rapport.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.rapport.test.Api;
import io.rapport.test.RapportTest;

@RapportTest
class DeepInsertIntegrationTest {

	@LocalServerPort
	int port;

	static String id(Api.Response created) {
		String entityId = created.header("OData-EntityId");
		return entityId.substring(entityId.indexOf('(') + 1, entityId.indexOf(')'));
	}

	private static String filter(String value) {
		return value.replace(" ", "%20").replace("'", "%27");
	}

	@Test
	void anAccountIsCreatedWithItsPrimaryContactTheContactsTasksAndItsChildContacts() {
		Api api = Api.admin(port);
		String unique = UUID.randomUUID().toString().substring(0, 8);
		Api.Response created = api.post("/api/data/v9.2/accounts", Map.of("name", "Deep " + unique,
				"primarycontactid", Map.of("firstname", "P", "lastname", "Primary " + unique,
						"Contact_Tasks", List.of(Map.of("subject", "call " + unique))),
				"contact_customer_accounts", List.of(Map.of("lastname", "Child " + unique))));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String account = id(created);

		Map<String, Object> read = api.get("/api/data/v9.2/accounts(" + account + ")").json();
		String primary = (String) read.get("_primarycontactid_value");
		assertThat(primary).isNotNull();
		Map<String, Object> contact = api.get("/api/data/v9.2/contacts(" + primary + ")").json();
		assertThat(contact).containsEntry("lastname", "Primary " + unique);

		List<Map<String, Object>> contacts = api.get("/api/data/v9.2/contacts?$top=5000").value();
		assertThat(contacts).filteredOn(c -> ("Child " + unique).equals(c.get("lastname")))
			.singleElement()
			.satisfies(c -> assertThat(c).containsEntry("_parentcustomerid_value", account)
				.containsEntry("_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname", "account"));
		List<Map<String, Object>> tasks = api.get("/api/data/v9.2/tasks?$top=5000").value();
		assertThat(tasks).filteredOn(t -> ("call " + unique).equals(t.get("subject")))
			.singleElement()
			.satisfies(t -> assertThat(t).containsEntry("_regardingobjectid_value", primary));
	}

	@Test
	void anInvalidNestedFieldFailsTheWholeInsertAndNamesWhereItIs() {
		Api api = Api.admin(port);
		String unique = UUID.randomUUID().toString().substring(0, 8);
		Api.Response refused = api.post("/api/data/v9.2/accounts", Map.of("name", "Rolled back " + unique,
				"primarycontactid", Map.of("lastname", "Primary " + unique),
				"contact_customer_accounts", List.of(Map.of("lastname", "Child " + unique),
						Map.of("lastname", "Bad " + unique, "nosuchfield", 1))));
		assertThat(refused.status()).as(refused.body()).isEqualTo(400);
		assertThat(refused.body()).contains("contact_customer_accounts[1].nosuchfield");

		assertThat(api.get("/api/data/v9.2/accounts?$top=5000").value()).extracting(a -> a.get("name"))
			.doesNotContain("Rolled back " + unique);
		assertThat(api.get("/api/data/v9.2/contacts?$top=5000").value()).extracting(c -> c.get("lastname"))
			.doesNotContain("Primary " + unique, "Child " + unique, "Bad " + unique);
	}

	@Test
	void anUnknownNavigationPropertyIsRefusedByName() {
		Api api = Api.admin(port);
		Api.Response refused = api.post("/api/data/v9.2/accounts", Map.of("name", "X",
				"no_such_navigation", List.of(Map.of("lastname", "c"))));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("error").toString()).contains("no_such_navigation");
		Api.Response unknownSingle = api.post("/api/data/v9.2/accounts", Map.of("name", "X", "nothere", Map.of("a", 1)));
		assertThat(unknownSingle.status()).isEqualTo(400);
		assertThat(unknownSingle.body()).contains("nothere");
	}

	@Test
	void aSalespersonCannotBindToARecordTheyMayNotReadNorDeepInsertWhatTheyMayNotCreate() {
		Api admin = Api.admin(port);
		String hidden = id(admin.post("/api/data/v9.2/accounts", Map.of("name", "Hidden from far away")));
		Object unit = admin.post("/api/admin/businessunits", Map.of("name", "Far " + UUID.randomUUID())).json().get("id");
		String name = "sp-" + UUID.randomUUID().toString().substring(0, 8);
		Api.Response user = admin.post("/api/admin/users", Map.of("domainname", name, "fullname", name, "password", "sp-password",
				"roles", List.of(BulkActionsIntegrationTest.SALESPERSON_ROLE), "businessunitid", unit.toString()));
		assertThat(user.status()).as(user.body()).isBetween(200, 201);
		Api salesperson = new Api(port, name, "sp-password");

		Api.Response bound = salesperson.post("/api/data/v9.2/contacts", Map.of("lastname", "Reaching " + name,
				"parentcustomerid_account@odata.bind", "/accounts(" + hidden + ")"));
		assertThat(bound.status()).as(bound.body()).isEqualTo(400);
		assertThat(bound.body()).contains("parentcustomerid").doesNotContain("Hidden from far away");

		Api.Response deep = salesperson.post("/api/data/v9.2/accounts", Map.of("name", "Deep " + name,
				"primarycontactid", Map.of("lastname", "Deep " + name, "ownerid@odata.bind",
						"/systemusers(" + admin.get("/api/data/v9.2/accounts(" + hidden + ")").json().get("_ownerid_value") + ")")));
		assertThat(deep.status()).as(deep.body()).isIn(400, 403);
		assertThat(admin.get("/api/data/v9.2/accounts?$top=5000").value()).extracting(a -> a.get("name"))
			.doesNotContain("Deep " + name);
		assertThat(admin.get("/api/data/v9.2/contacts?$top=5000").value()).extracting(c -> c.get("lastname"))
			.doesNotContain("Reaching " + name, "Deep " + name);
	}

	@Test
	void lookupsAreBoundInEveryDataverseFormAndClearedWithNull() {
		Api api = Api.admin(port);
		String account = id(api.post("/api/data/v9.2/accounts", Map.of("name", "Bind target")));
		String other = id(api.post("/api/data/v9.2/accounts", Map.of("name", "Bind parent")));
		for (String reference : List.of("/accounts(" + account + ")", "accounts(" + account + ")",
				"http://localhost:" + port + "/api/data/v9.2/accounts(" + account + ")")) {
			Api.Response contact = api.post("/api/data/v9.2/contacts", Map.of("lastname", "Bound",
					"parentcustomerid_account@odata.bind", reference), "Prefer", "return=representation");
			assertThat(contact.status()).as(reference + " " + contact.body()).isEqualTo(201);
			assertThat(contact.json()).containsEntry("_parentcustomerid_value", account);
		}
		Api.Response child = api.post("/api/data/v9.2/accounts", Map.of("name", "Bound child",
				"parentaccountid@odata.bind", "/accounts(" + other + ")"), "Prefer", "return=representation");
		assertThat(child.json()).containsEntry("_parentaccountid_value", other);
		java.util.Map<String, Object> clear = new java.util.HashMap<>();
		clear.put("parentaccountid@odata.bind", null);
		assertThat(api.patch("/api/data/v9.2/accounts(" + id(child) + ")", clear).status()).isEqualTo(204);
		assertThat(api.get("/api/data/v9.2/accounts(" + id(child) + ")").json()).containsEntry("_parentaccountid_value", null);

		Api.Response unknown = api.post("/api/data/v9.2/contacts", Map.of("lastname", "X",
				"nosuchlookup@odata.bind", "/accounts(" + account + ")"));
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.body()).contains("nosuchlookup");
		Api.Response missing = api.post("/api/data/v9.2/contacts", Map.of("lastname", "X",
				"parentcustomerid_account@odata.bind", "/accounts(" + UUID.randomUUID() + ")"));
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.body()).contains("parentcustomerid").contains("does not exist");
	}
}
