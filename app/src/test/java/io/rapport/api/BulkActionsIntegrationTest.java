package io.rapport.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.rapport.core.Principal;
import io.rapport.test.Api;
import io.rapport.test.RapportTest;

@RapportTest
class BulkActionsIntegrationTest {

	static final String SALESPERSON_ROLE = "00000000-0000-0000-0000-0000000000a3";

	@LocalServerPort
	int port;

	private static Map<String, Object> contact(String lastname) {
		return Map.of("lastname", lastname, "@odata.type", "Microsoft.Dynamics.CRM.contact");
	}

	private static List<String> lastnames(Api api, String prefix) {
		List<String> names = new ArrayList<>();
		for (Map<String, Object> c : api.get("/api/data/v9.2/contacts?$top=5000").value()) {
			if (c.get("lastname") instanceof String s && s.startsWith(prefix)) {
				names.add(s);
			}
		}
		return names;
	}

	@Test
	void createMultipleCreatesEveryTargetAndReturnsTheirIdsInOrder() {
		Api api = Api.admin(port);
		String prefix = "Bulk " + UUID.randomUUID().toString().substring(0, 8) + " ";
		Api.Response r = api.post("/api/data/v9.2/contacts/Microsoft.Dynamics.CRM.CreateMultiple",
				Map.of("Targets", List.of(contact(prefix + "a"), contact(prefix + "b"), contact(prefix + "c"))));
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		@SuppressWarnings("unchecked")
		List<String> ids = (List<String>) r.json().get("Ids");
		assertThat(ids).hasSize(3);
		Map<String, Object> second = api.get("/api/data/v9.2/contacts(" + ids.get(1) + ")").json();
		assertThat(second).containsEntry("lastname", prefix + "b").containsEntry("versionnumber", 1)
			.containsEntry("fullname", prefix + "b");
		Api.Response audit = api.get("/api/audit/contact/" + ids.get(0));
		assertThat(audit.status()).isEqualTo(200);
		assertThat(audit.body()).contains("Create");
	}

	@Test
	void targetsOfDifferentShapesKeepTheirOwnValuesAndACustomerLookupKeepsItsType() {
		Api api = Api.admin(port);
		String prefix = "Shapes " + UUID.randomUUID().toString().substring(0, 8) + " ";
		String account = ApiPeople.create(api, "accounts", Map.of("name", prefix + "account"));
		Map<String, Object> linked = new HashMap<>(contact(prefix + "linked"));
		linked.put("parentcustomerid_account@odata.bind", "/accounts(" + account + ")");
		linked.put("jobtitle", "Buyer");
		Map<String, Object> plain = new HashMap<>(contact(prefix + "plain"));
		plain.put("telephone1", "+1 555 0101");
		Api.Response r = api.post("/api/data/v9.2/contacts/Microsoft.Dynamics.CRM.CreateMultiple",
				Map.of("Targets", List.of(linked, plain, contact(prefix + "bare"), linked2(prefix, account))));
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		@SuppressWarnings("unchecked")
		List<String> ids = (List<String>) r.json().get("Ids");
		Map<String, Object> first = api.get("/api/data/v9.2/contacts(" + ids.get(0) + ")").json();
		assertThat(first).containsEntry("lastname", prefix + "linked").containsEntry("jobtitle", "Buyer")
			.containsEntry("_parentcustomerid_value", account).containsEntry("telephone1", null);
		assertThat(api.get("/api/data/v9.2/accounts(" + account + ")/contact_customer_accounts?$select=lastname").value())
			.extracting(c -> c.get("lastname")).containsExactlyInAnyOrder(prefix + "linked", prefix + "linked again");
		Map<String, Object> second = api.get("/api/data/v9.2/contacts(" + ids.get(1) + ")").json();
		assertThat(second).containsEntry("telephone1", "+1 555 0101").containsEntry("_parentcustomerid_value", null)
			.containsEntry("jobtitle", null);
		assertThat(api.get("/api/data/v9.2/contacts(" + ids.get(2) + ")").json()).containsEntry("lastname", prefix + "bare");
	}

	private static Map<String, Object> linked2(String prefix, String account) {
		Map<String, Object> c = new HashMap<>(contact(prefix + "linked again"));
		c.put("jobtitle", "Engineer");
		c.put("parentcustomerid_account@odata.bind", "/accounts(" + account + ")");
		return c;
	}

	@Test
	void oneInvalidTargetWritesNothingAndTheErrorNamesItsIndex() {
		Api api = Api.admin(port);
		String prefix = "Bad bulk " + UUID.randomUUID().toString().substring(0, 8) + " ";
		Api.Response r = api.post("/api/data/v9.2/contacts/Microsoft.Dynamics.CRM.CreateMultiple",
				Map.of("Targets", List.of(contact(prefix + "a"), Map.of("lastname", prefix + "b", "nosuchfield", "x"))));
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.body()).contains("Targets[1]").contains("nosuchfield");
		Api.Response late = api.post("/api/data/v9.2/contacts/Microsoft.Dynamics.CRM.CreateMultiple",
				Map.of("Targets", List.of(contact(prefix + "c"), Map.of("firstname", "no last name"))));
		assertThat(late.status()).isEqualTo(400);
		assertThat(late.body()).contains("Targets[1]").contains("lastname");
		Api.Response wrongType = api.post("/api/data/v9.2/contacts/Microsoft.Dynamics.CRM.CreateMultiple",
				Map.of("Targets", List.of(Map.of("name", "x", "@odata.type", "Microsoft.Dynamics.CRM.account"))));
		assertThat(wrongType.status()).isEqualTo(400);
		Api.Response invalidJson = api.post("/api/data/v9.2/contacts/Microsoft.Dynamics.CRM.CreateMultiple",
				"{\"Targets\":[{\"lastname\":\"" + prefix + "d\"}");
		assertThat(invalidJson.status()).isEqualTo(400);
		assertThat(invalidJson.json().get("error").toString()).contains("InvalidJson");
		Api.Response notAList = api.post("/api/data/v9.2/contacts/Microsoft.Dynamics.CRM.CreateMultiple", Map.of("Targets", 5));
		assertThat(notAList.status()).isEqualTo(400);
		assertThat(notAList.body()).contains("Targets");
		assertThat(api.post("/api/data/v9.2/contacts/Microsoft.Dynamics.CRM.DeleteEverything", Map.of("Targets", List.of()))
			.status()).isEqualTo(404);
		assertThat(lastnames(api, prefix)).isEmpty();
	}

	@Test
	void aDuplicateKeyInsideTheBatchWritesNothingAndNamesTheSecondRecord() {
		Api api = Api.admin(port);
		String number = "K" + UUID.randomUUID().toString().substring(0, 8);
		Api.Response r = api.post("/api/data/v9.2/accounts/Microsoft.Dynamics.CRM.CreateMultiple",
				Map.of("Targets", List.of(Map.of("name", "Key one " + number, "accountnumber", number),
						Map.of("name", "Key two " + number, "accountnumber", number))));
		assertThat(r.status()).as(r.body()).isEqualTo(409);
		assertThat(r.body()).contains("Targets[1]");
		assertThat(api.get("/api/data/v9.2/accounts?$top=5000").value()).extracting(a -> a.get("accountnumber"))
			.doesNotContain(number);
	}

	/** The bulk check asks one query per rule for the whole batch, and refuses the first target that has matches. */
	@Test
	void aTargetThatDuplicatesAnExistingContactIsRefusedByIndexUnlessDetectionIsSuppressed() {
		Api api = Api.admin(port);
		String tag = UUID.randomUUID().toString().substring(0, 8);
		String email = "dup." + tag + "@example.com";
		assertThat(api.post("/api/data/v9.2/contacts", Map.of("lastname", "Existing " + tag, "emailaddress1", email)).status())
			.isEqualTo(201);
		List<Map<String, Object>> targets = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			targets.add(Map.of("lastname", "Bulk dup " + tag + " " + i, "emailaddress1", "fresh." + i + "." + tag + "@example.com"));
		}
		targets.set(17, Map.of("lastname", "Bulk dup " + tag + " 17", "emailaddress1", email.toUpperCase()));
		targets.set(23, Map.of("lastname", "Bulk dup " + tag + " 23", "emailaddress1", email));
		Api.Response refused = api.post("/api/data/v9.2/contacts/Microsoft.Dynamics.CRM.CreateMultiple", Map.of("Targets", targets));
		assertThat(refused.status()).as(refused.body()).isEqualTo(409);
		assertThat(refused.body()).contains("Targets[17]").contains("DuplicateRecord").contains("Existing " + tag);
		assertThat(lastnames(api, "Bulk dup " + tag)).isEmpty();

		Api.Response saved = api.post("/api/data/v9.2/contacts/Microsoft.Dynamics.CRM.CreateMultiple", Map.of("Targets", targets),
				"MSCRM.SuppressDuplicateDetection", "true");
		assertThat(saved.status()).as(saved.body()).isEqualTo(200);
		assertThat(lastnames(api, "Bulk dup " + tag)).hasSize(30);
	}

	@Test
	void moreThanAThousandTargetsAreRefusedNamingTheLimit() {
		Api api = Api.admin(port);
		List<Map<String, Object>> targets = new ArrayList<>();
		for (int i = 0; i < 1001; i++) {
			targets.add(Map.of("lastname", "Too many"));
		}
		for (String action : List.of("CreateMultiple", "UpdateMultiple", "UpsertMultiple")) {
			Api.Response r = api.post("/api/data/v9.2/contacts/Microsoft.Dynamics.CRM." + action, Map.of("Targets", targets));
			assertThat(r.status()).isEqualTo(400);
			assertThat(r.body()).contains("1000");
		}
		assertThat(lastnames(api, "Too many")).isEmpty();
	}

	@Test
	void updateMultipleChangesEveryTargetOrNoneOfThem() {
		Api api = Api.admin(port);
		String prefix = "Upd " + UUID.randomUUID().toString().substring(0, 8) + " ";
		@SuppressWarnings("unchecked")
		List<String> ids = (List<String>) api.post("/api/data/v9.2/contacts/Microsoft.Dynamics.CRM.CreateMultiple",
				Map.of("Targets", List.of(contact(prefix + "a"), contact(prefix + "b")))).json().get("Ids");
		Api.Response ok = api.post("/api/data/v9.2/contacts/Microsoft.Dynamics.CRM.UpdateMultiple", Map.of("Targets", List.of(
				Map.of("contactid", ids.get(0), "jobtitle", "Boss"), Map.of("contactid", ids.get(1), "jobtitle", "Clerk"))));
		assertThat(ok.status()).as(ok.body()).isEqualTo(204);
		assertThat(api.get("/api/data/v9.2/contacts(" + ids.get(1) + ")").json()).containsEntry("jobtitle", "Clerk");

		Api.Response failed = api.post("/api/data/v9.2/contacts/Microsoft.Dynamics.CRM.UpdateMultiple", Map.of("Targets", List.of(
				Map.of("contactid", ids.get(0), "jobtitle", "Changed"), Map.of("contactid", UUID.randomUUID().toString(), "jobtitle", "x"))));
		assertThat(failed.status()).isEqualTo(404);
		assertThat(failed.body()).contains("Targets[1]");
		assertThat(api.get("/api/data/v9.2/contacts(" + ids.get(0) + ")").json()).containsEntry("jobtitle", "Boss");
		Api.Response noId = api.post("/api/data/v9.2/contacts/Microsoft.Dynamics.CRM.UpdateMultiple",
				Map.of("Targets", List.of(Map.of("jobtitle", "x"))));
		assertThat(noId.status()).isEqualTo(400);
	}

	@Test
	void upsertMultipleUpdatesByIdOrAlternateKeyAndCreatesTheRest() {
		Api api = Api.admin(port);
		String number = "U" + UUID.randomUUID().toString().substring(0, 8);
		String existing = DeepInsertIntegrationTest.id(api.post("/api/data/v9.2/accounts",
				Map.of("name", "Existing", "accountnumber", number)));
		String byId = DeepInsertIntegrationTest.id(api.post("/api/data/v9.2/accounts", Map.of("name", "By id")));
		String newId = UUID.randomUUID().toString();
		Api.Response r = api.post("/api/data/v9.2/accounts/Microsoft.Dynamics.CRM.UpsertMultiple", Map.of("Targets", List.of(
				Map.of("accountnumber", number, "name", "Updated by key"),
				Map.of("accountid", byId, "name", "Updated by id"),
				Map.of("accountid", newId, "name", "Created with id"),
				Map.of("accountnumber", number + "n", "name", "Created by key"))));
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> results = (List<Map<String, Object>>) r.json().get("Results");
		assertThat(results).extracting(m -> m.get("RecordCreated")).containsExactly(false, false, true, true);
		assertThat(results).extracting(m -> m.get("Id")).startsWith(existing, byId, newId);
		assertThat(api.get("/api/data/v9.2/accounts(" + existing + ")").json()).containsEntry("name", "Updated by key");
		assertThat(api.get("/api/data/v9.2/accounts(" + byId + ")").json()).containsEntry("name", "Updated by id");
		assertThat(api.get("/api/data/v9.2/accounts(" + newId + ")").json()).containsEntry("name", "Created with id");
	}

	@Test
	void aSalespersonCannotBulkUpdateWhatTheyMayOnlyReadAndNothingIsWritten() {
		Api admin = Api.admin(port);
		String adminsContact = DeepInsertIntegrationTest.id(admin.post("/api/data/v9.2/contacts", Map.of("lastname", "Admin's")));
		String name = "sp-" + UUID.randomUUID().toString().substring(0, 8);
		Api.Response user = admin.post("/api/admin/users", Map.of("domainname", name, "fullname", name, "password", "sp-password",
				"roles", List.of(SALESPERSON_ROLE), "businessunitid", Principal.ROOT_BUSINESS_UNIT_ID.toString()));
		assertThat(user.status()).as(user.body()).isBetween(200, 201);
		Api salesperson = new Api(port, name, "sp-password");
		String prefix = "Sp " + name + " ";
		@SuppressWarnings("unchecked")
		List<String> mine = (List<String>) salesperson.post("/api/data/v9.2/contacts/Microsoft.Dynamics.CRM.CreateMultiple",
				Map.of("Targets", List.of(contact(prefix + "own")))).json().get("Ids");
		assertThat(mine).hasSize(1);

		Api.Response denied = salesperson.post("/api/data/v9.2/contacts/Microsoft.Dynamics.CRM.UpdateMultiple", Map.of("Targets", List.of(
				Map.of("contactid", mine.get(0), "jobtitle", "Mine changed"), Map.of("contactid", adminsContact, "jobtitle", "Taken"))));
		assertThat(denied.status()).as(denied.body()).isEqualTo(403);
		assertThat(admin.get("/api/data/v9.2/contacts(" + mine.get(0) + ")").json().get("jobtitle")).isNull();
		assertThat(admin.get("/api/data/v9.2/contacts(" + adminsContact + ")").json().get("jobtitle")).isNull();

		Map<String, Object> ownedByAdmin = new HashMap<>(contact(prefix + "given away"));
		ownedByAdmin.put("ownerid@odata.bind", "/systemusers(" + admin.get("/api/data/v9.2/contacts(" + adminsContact + ")")
			.json().get("_ownerid_value") + ")");
		Api.Response notTheirs = salesperson.post("/api/data/v9.2/contacts/Microsoft.Dynamics.CRM.CreateMultiple",
				Map.of("Targets", List.of(contact(prefix + "fine"), ownedByAdmin)));
		assertThat(notTheirs.status()).as(notTheirs.body()).isEqualTo(403);
		assertThat(lastnames(admin, prefix)).containsExactly(prefix + "own");
	}

	@Test
	void createMultipleOfAThousandContactsIsFasterThanAThousandSinglePosts() {
		String token = (String) Api.admin(port).post("/api/tokens", Map.of("name", "timing")).json().get("token");
		Api bearer = new Api(port, null, null);
		String[] auth = { "Authorization", "Bearer " + token };
		String prefix = "Timed " + UUID.randomUUID().toString().substring(0, 8) + " ";
		for (int i = 0; i < 50; i++) {
			bearer.post("/api/data/v9.2/contacts", Map.of("lastname", prefix + "warm " + i), auth);
		}
		long t0 = System.nanoTime();
		for (int i = 0; i < 1000; i++) {
			assertThat(bearer.post("/api/data/v9.2/contacts", Map.of("lastname", prefix + "single " + i), auth).status())
				.isEqualTo(201);
		}
		long single = System.nanoTime() - t0;
		List<Map<String, Object>> targets = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			targets.add(contact(prefix + "bulk " + i));
		}
		long t1 = System.nanoTime();
		Api.Response r = bearer.post("/api/data/v9.2/contacts/Microsoft.Dynamics.CRM.CreateMultiple", Map.of("Targets", targets),
				auth);
		long bulk = System.nanoTime() - t1;
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		System.out.printf("[bulk timing] 1,000 contacts on %s: 1,000 single POSTs (bearer token) %d ms, one CreateMultiple %d ms (%.1fx)%n",
				io.rapport.test.TestDatabase.KIND, single / 1_000_000, bulk / 1_000_000, (double) single / bulk);
	}
}
