package io.rapport.customers;

import static io.rapport.customers.DefaultConnectionRoles.COLLEAGUE;
import static io.rapport.customers.DefaultConnectionRoles.CUSTOMER;
import static io.rapport.customers.DefaultConnectionRoles.EMPLOYEE;
import static io.rapport.customers.DefaultConnectionRoles.EMPLOYER;
import static io.rapport.customers.DefaultConnectionRoles.PARTNER;
import static io.rapport.customers.DefaultConnectionRoles.SUPPLIER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RecordRef;
import io.rapport.data.Records;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.test.Api;
import io.rapport.test.RapportTest;

@RapportTest
class ConnectionsIntegrationTest {

	private static final Principal SYSTEM = Principal.systemPrincipal();
	private static final String SALESPERSON_ROLE = "00000000-0000-0000-0000-0000000000a3";

	@LocalServerPort
	int port;

	@Autowired
	Records records;

	@Autowired
	Queries queries;

	@Test
	void oneConnectionIsSeenFromBothRecordsWithTheRoleOfEachSide() {
		Api admin = Api.admin(port);
		UUID acme = account(admin, "Acme");
		UUID contoso = account(admin, "Contoso");
		Api.Response created = connect(admin, ref("account", acme), ref("account", contoso), SUPPLIER, null);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.json().get("record2roleid")).as("filled from Supplier's single matching role").isEqualTo(CUSTOMER.toString());

		List<Map<String, Object>> fromAcme = connectionsOf(admin, "account", acme);
		assertThat(fromAcme).hasSize(1);
		assertThat(sentence(fromAcme.get(0), "Acme")).isEqualTo("Acme is Supplier of Contoso");
		List<Map<String, Object>> fromContoso = connectionsOf(admin, "account", contoso);
		assertThat(fromContoso).hasSize(1);
		assertThat(sentence(fromContoso.get(0), "Contoso")).isEqualTo("Contoso is Customer of Acme");

		EntityRecord master = row(UUID.fromString((String) created.json().get("connectionid")));
		EntityRecord reverse = row(UUID.fromString((String) created.json().get("relatedconnectionid")));
		assertThat(master.get("relatedconnectionid")).isEqualTo(reverse.ref());
		assertThat(reverse.get("relatedconnectionid")).isEqualTo(master.ref());
		assertThat(master.get("ismaster")).isEqualTo(true);
		assertThat(reverse.get("ismaster")).isEqualTo(false);
		assertThat(reverse.get("ownerid")).isEqualTo(master.get("ownerid"));
		assertThat(reverse.get("record1id")).isEqualTo(new RecordRef("account", contoso));
		assertThat(reverse.get("record1roleid")).isEqualTo(new RecordRef("connectionrole", CUSTOMER));
		assertThat(rowsOf(acme)).hasSize(2);
	}

	@Test
	void deletingAConnectionFromEitherSideRemovesBothRows() {
		Api admin = Api.admin(port);
		UUID acme = account(admin, "Acme Deletes");
		UUID contoso = account(admin, "Contoso Deletes");
		UUID first = id(connect(admin, ref("account", acme), ref("account", contoso), SUPPLIER, CUSTOMER));
		UUID second = id(connect(admin, ref("account", acme), ref("account", contoso), PARTNER, PARTNER));
		assertThat(rowsOf(acme)).hasSize(4);

		assertThat(admin.delete("/api/data/v9.2/connections(" + first + ")").status()).isEqualTo(204);
		assertThat(rowsOf(acme)).hasSize(2);
		assertThat(connectionsOf(admin, "account", contoso)).extracting(c -> role(c, "myRole")).containsExactly("Partner");

		UUID secondReverse = ((RecordRef) row(second).get("relatedconnectionid")).id();
		assertThat(admin.delete("/api/data/v9.2/connections(" + secondReverse + ")").status()).isEqualTo(204);
		assertThat(rowsOf(acme)).isEmpty();
		assertThat(connectionsOf(admin, "account", acme)).isEmpty();
		assertThat(connectionsOf(admin, "account", contoso)).isEmpty();
	}

	@Test
	void aRoleThatDoesNotApplyToTheRecordTypeIsRefusedAndNothingIsWritten() {
		Api admin = Api.admin(port);
		UUID ada = contact(admin, "Lovelace");
		UUID babbage = contact(admin, "Babbage");
		UUID engines = account(admin, "Analytical Engines");

		Api.Response onContact = connect(admin, ref("contact", ada), ref("account", engines), EMPLOYER, null);
		assertThat(onContact.status()).isEqualTo(400);
		assertThat(onContact.body()).contains("record1roleid").contains("the role Employer does not apply to contacts");
		Api.Response otherSide = connect(admin, ref("account", engines), ref("account", account(admin, "Difference Engines")), EMPLOYER, EMPLOYEE);
		assertThat(otherSide.status()).isEqualTo(400);
		assertThat(otherSide.body()).contains("record2roleid").contains("the role Employee does not apply to accounts");
		Api.Response unknownField = admin.post("/api/customers/connections", Map.of("record1", ref("contact", ada),
				"record2", ref("contact", babbage), "record1roleid", COLLEAGUE.toString(), "ismaster", false));
		assertThat(unknownField.status()).isEqualTo(400);
		assertThat(unknownField.body()).contains("ismaster");
		Api.Response notConnectable = connect(admin, ref("systemuser", ADMIN), ref("contact", ada), COLLEAGUE, null);
		assertThat(notConnectable.status()).isEqualTo(400);
		assertThat(notConnectable.body()).contains("record1id").contains("not systemuser");
		Api.Response itself = connect(admin, ref("contact", ada), ref("contact", ada), COLLEAGUE, COLLEAGUE);
		assertThat(itself.status()).isEqualTo(400);
		assertThat(itself.body()).contains("record2id").contains("cannot be connected to itself");
		assertThat(rowsOf(ada)).isEmpty();
		assertThat(rowsOf(engines)).isEmpty();

		Api.Response employs = connect(admin, ref("account", engines), ref("contact", babbage), EMPLOYER, null);
		assertThat(employs.status()).as(employs.body()).isEqualTo(201);
		assertThat(employs.json().get("record2roleid")).isEqualTo(EMPLOYEE.toString());
		assertThat(connectionsOf(admin, "contact", babbage)).extracting(c -> role(c, "myRole") + "/" + role(c, "theirRole"))
			.containsExactly("Employee/Employer");
	}

	@Test
	void rolesThatDoNotMatchAreRefusedAndAnUnmatchedRoleLeavesTheOtherSideEmpty() {
		Api admin = Api.admin(port);
		UUID acme = account(admin, "Acme Roles");
		UUID grace = contact(admin, "Hopper");
		Api.Response mismatch = connect(admin, ref("account", acme), ref("contact", grace), SUPPLIER, EMPLOYEE);
		assertThat(mismatch.status()).isEqualTo(400);
		assertThat(mismatch.body()).contains("record2roleid").contains("the role Employee does not match the role Supplier")
			.contains("Customer");
		assertThat(rowsOf(acme)).isEmpty();

		UUID sponsor = role(admin, "Sponsor " + UUID.randomUUID().toString().substring(0, 6), "contact, ACCOUNT");
		Api.Response oneSided = connect(admin, ref("account", acme), ref("contact", grace), sponsor, null);
		assertThat(oneSided.status()).as(oneSided.body()).isEqualTo(201);
		assertThat(oneSided.json().get("record2roleid")).isNull();
		assertThat(connectionsOf(admin, "contact", grace).get(0).get("myRole")).isNull();
		Api.Response sponsorWithRole = connect(admin, ref("account", acme), ref("contact", grace), sponsor, CUSTOMER);
		assertThat(sponsorWithRole.status()).isEqualTo(400);
		assertThat(sponsorWithRole.body()).contains("has no matching roles");

		UUID patron = role(admin, "Patron " + UUID.randomUUID().toString().substring(0, 6), null);
		assertThat(admin.post("/api/customers/connectionroles/" + sponsor + "/matchingroles", Map.of("roleid", CUSTOMER.toString())).status()).isEqualTo(204);
		assertThat(admin.post("/api/customers/connectionroles/" + patron + "/matchingroles", Map.of("roleid", sponsor.toString())).status()).isEqualTo(204);
		assertThat(admin.get("/api/customers/connectionroles/" + sponsor + "/matchingroles").body()).contains("Customer").contains("Patron");
		Api.Response ambiguous = connect(admin, ref("account", acme), ref("contact", grace), sponsor, null);
		assertThat(ambiguous.status()).isEqualTo(400);
		assertThat(ambiguous.body()).contains("record2roleid").contains("several matching roles");
		assertThat(connect(admin, ref("account", acme), ref("contact", grace), patron, sponsor).status()).isEqualTo(201);
		assertThat(admin.delete("/api/customers/connectionroles/" + sponsor + "/matchingroles/" + patron).status()).isEqualTo(204);
		assertThat(admin.get("/api/customers/connectionroles/" + patron + "/matchingroles").body()).isEqualTo("[]");

		assertThat(admin.delete("/api/data/v9.2/connectionroles(" + sponsor + ")").status()).as("in use").isEqualTo(409);
		records.setState(Principal.user(ADMIN, Principal.ROOT_BUSINESS_UNIT_ID), new RecordRef("connectionrole", patron), 1, null);
		Api.Response inactive = connect(admin, ref("account", acme), ref("contact", grace), patron, sponsor);
		assertThat(inactive.status()).isEqualTo(400);
		assertThat(inactive.body()).contains("record1roleid").contains("is inactive");

		Api.Response notConnectable = admin.post("/api/data/v9.2/connectionroles", Map.of("name", "Approver", "associatedobjecttypecodes", "systemuser"));
		assertThat(notConnectable.status()).isEqualTo(400);
		assertThat(notConnectable.body()).contains("associatedobjecttypecodes").contains("systemuser is not connectable");
	}

	@Test
	void changesToOneRowKeepTheOtherInStep() {
		Api admin = Api.admin(port);
		UUID acme = account(admin, "Acme Steps");
		UUID contoso = account(admin, "Contoso Steps");
		Api.Response created = connect(admin, ref("account", acme), ref("account", contoso), SUPPLIER, null);
		UUID master = id(created);
		UUID reverse = UUID.fromString((String) created.json().get("relatedconnectionid"));

		assertThat(admin.patch("/api/data/v9.2/connections(" + reverse + ")", Map.of("description", "Since the merger",
				"effectivestart", "2024-01-01", "effectiveend", "2026-12-31")).status()).isEqualTo(204);
		assertThat(row(master).get("description")).isEqualTo("Since the merger");
		assertThat(String.valueOf(row(master).get("effectiveend"))).isEqualTo("2026-12-31");

		assertThat(admin.patch("/api/data/v9.2/connections(" + master + ")",
				Map.of("record1roleid@odata.bind", "/connectionroles(" + PARTNER + ")")).status()).isEqualTo(204);
		assertThat(row(master).get("record2roleid")).as("the old Customer does not match Partner: refilled")
			.isEqualTo(new RecordRef("connectionrole", PARTNER));
		assertThat(row(reverse).get("record1roleid")).isEqualTo(new RecordRef("connectionrole", PARTNER));
		assertThat(row(reverse).get("record2roleid")).isEqualTo(new RecordRef("connectionrole", PARTNER));

		Api.Response backwards = admin.patch("/api/data/v9.2/connections(" + master + ")", Map.of("effectiveend", "2023-01-01"));
		assertThat(backwards.status()).isEqualTo(400);
		assertThat(backwards.body()).contains("effectiveend");
		Api.Response moved = admin.patch("/api/data/v9.2/connections(" + master + ")",
				Map.of("record2id_account@odata.bind", "/accounts(" + account(admin, "Elsewhere") + ")"));
		assertThat(moved.status()).isEqualTo(400);
		assertThat(moved.body()).contains("record2id");
		Map<String, Object> unlink = new HashMap<>();
		unlink.put("relatedconnectionid@odata.bind", null);
		Api.Response unlinked = admin.patch("/api/data/v9.2/connections(" + master + ")", unlink);
		assertThat(unlinked.status()).isEqualTo(400);
		assertThat(unlinked.body()).contains("relatedconnectionid");

		records.setState(Principal.user(ADMIN, Principal.ROOT_BUSINESS_UNIT_ID), new RecordRef("connection", reverse), 1, null);
		assertThat(row(master).get("statecode")).isEqualTo(1);
		assertThat(connectionsOf(admin, "account", acme).get(0).get("active")).isEqualTo(false);
		records.setState(Principal.user(ADMIN, Principal.ROOT_BUSINESS_UNIT_ID), new RecordRef("connection", master), 0, null);
		assertThat(row(reverse).get("statecode")).isEqualTo(0);

		UUID newOwner = user(admin, Principal.ROOT_BUSINESS_UNIT_ID);
		assertThat(admin.post("/api/security/records/connection/" + master + "/assign",
				Map.of("owner", Map.of("entity", "systemuser", "id", newOwner.toString()))).status()).isEqualTo(204);
		assertThat(row(reverse).get("ownerid")).isEqualTo(new RecordRef("systemuser", newOwner));
	}

	@Test
	void aSalespersonInAnotherBusinessUnitSeesNeitherTheConnectionNorTheOtherRecord() {
		Api admin = Api.admin(port);
		UUID acme = account(admin, "Acme Secret");
		UUID contoso = account(admin, "Contoso Secret");
		Api.Response secret = connect(admin, ref("account", acme), ref("account", contoso), SUPPLIER, null);
		UUID master = id(secret);
		UUID reverse = UUID.fromString((String) secret.json().get("relatedconnectionid"));

		UUID unit = id(admin.post("/api/admin/businessunits", Map.of("name", "Far Away " + UUID.randomUUID())), "id");
		String name = "sp-" + UUID.randomUUID().toString().substring(0, 8);
		UUID salespersonId = id(admin.post("/api/admin/users", Map.of("domainname", name, "fullname", name, "password", "sp-password",
				"roles", List.of(SALESPERSON_ROLE), "businessunitid", unit.toString())), "id");
		Api salesperson = new Api(port, name, "sp-password");

		assertThat(salesperson.get("/api/customers/account/" + acme + "/connections").status()).isEqualTo(404);
		assertThat(salesperson.get("/api/data/v9.2/connections(" + master + ")").status()).isEqualTo(404);
		assertThat(salesperson.get("/api/data/v9.2/connections(" + reverse + ")").status()).isEqualTo(404);
		assertThat(salesperson.get("/api/data/v9.2/connections?$top=5000").value()).extracting(c -> c.get("connectionid"))
			.doesNotContain(master.toString(), reverse.toString());
		assertThat(salesperson.get("/api/data/v9.2/accounts(" + contoso + ")").status()).isEqualTo(404);

		UUID mine = account(salesperson, "Mine");
		UUID alsoMine = account(salesperson, "Also Mine");
		Api.Response reaching = connect(salesperson, ref("account", mine), ref("account", contoso), SUPPLIER, null);
		assertThat(reaching.status()).isEqualTo(400);
		assertThat(reaching.body()).contains("record2id");
		Api.Response own = connect(salesperson, ref("account", mine), ref("account", alsoMine), PARTNER, null);
		assertThat(own.status()).as(own.body()).isEqualTo(201);
		assertThat(connectionsOf(salesperson, "account", alsoMine)).extracting(c -> otherName(c)).containsExactly("Mine");

		UUID toContoso = id(connect(admin, ref("account", mine), ref("account", contoso), SUPPLIER, null));
		assertThat(connectionsOf(admin, "account", mine)).extracting(c -> otherName(c)).containsExactlyInAnyOrder("Also Mine", "Contoso Secret");
		assertThat(connectionsOf(salesperson, "account", mine)).as("the administrator's connection is not readable")
			.extracting(c -> otherName(c)).containsExactly("Also Mine");
		assertThat(admin.post("/api/security/records/connection/" + toContoso + "/assign",
				Map.of("owner", Map.of("entity", "systemuser", "id", salespersonId.toString()))).status()).isEqualTo(204);
		assertThat(salesperson.get("/api/data/v9.2/connections(" + toContoso + ")").status()).as("now their own").isEqualTo(200);
		assertThat(connectionsOf(salesperson, "account", mine)).as("but the other record stays out of sight")
			.extracting(c -> otherName(c)).containsExactly("Also Mine");
		assertThat(salesperson.get("/api/customers/account/" + mine + "/connections").body()).doesNotContain("Contoso")
			.doesNotContain(contoso.toString());
	}

	@Test
	void deletingAnAccountDeletesItsConnectionsAndKeepsTheOtherRecords() {
		Api admin = Api.admin(port);
		UUID acme = account(admin, "Acme Gone");
		UUID contoso = account(admin, "Contoso Stays");
		UUID grace = contact(admin, "Stays");
		connect(admin, ref("account", acme), ref("account", contoso), SUPPLIER, null);
		connect(admin, ref("account", acme), ref("contact", grace), EMPLOYER, null);
		connect(admin, ref("account", contoso), ref("account", acme), PARTNER, null);
		assertThat(rowsOf(acme)).hasSize(6);

		assertThat(admin.delete("/api/data/v9.2/accounts(" + acme + ")").status()).isEqualTo(204);
		assertThat(rowsOf(acme)).isEmpty();
		assertThat(queries.count(SYSTEM, Query.of("connection").where(Criterion.where("record2id", Operator.Eq, acme)))).isZero();
		assertThat(connectionsOf(admin, "account", contoso)).isEmpty();
		assertThat(connectionsOf(admin, "contact", grace)).isEmpty();
		assertThat(admin.get("/api/data/v9.2/contacts(" + grace + ")").status()).isEqualTo(200);
	}

	@Test
	void theDefaultRolesExistAfterStartUp() {
		Api admin = Api.admin(port);
		List<Map<String, Object>> roles = admin.get("/api/data/v9.2/connectionroles?$select=name,category,associatedobjecttypecodes&$top=500").value();
		Map<String, Map<String, Object>> byName = new HashMap<>();
		roles.forEach(r -> byName.put((String) r.get("name"), r));
		assertThat(byName).containsKeys("Supplier", "Customer", "Employer", "Employee", "Parent", "Child", "Colleague",
				"Partner", "Former Employer", "Former Employee", "Referral Source", "Referred", "Friend", "Spouse/Partner");
		assertThat(byName.get("Employer").get("connectionroleid")).isEqualTo(EMPLOYER.toString());
		assertThat(byName.get("Employer").get("associatedobjecttypecodes")).isEqualTo("account");
		assertThat(byName.get("Friend").get("category")).isEqualTo(3);
		assertThat(admin.get("/api/customers/connectionroles/" + SUPPLIER + "/matchingroles").body()).contains("Customer")
			.doesNotContain("Supplier");
		assertThat(admin.get("/api/customers/connectionroles/" + CUSTOMER + "/matchingroles").body()).contains("Supplier");
		assertThat(admin.get("/api/customers/connectionroles/" + COLLEAGUE + "/matchingroles").body()).contains("Colleague");
	}

	// ---------------------------------------------------------------- helpers

	private static final UUID ADMIN = UUID.fromString("00000000-0000-0000-0000-000000000002");

	private static String sentence(Map<String, Object> connection, String me) {
		return me + " is " + role(connection, "myRole") + " of " + otherName(connection);
	}

	@SuppressWarnings("unchecked")
	private static String role(Map<String, Object> connection, String side) {
		Map<String, Object> role = (Map<String, Object>) connection.get(side);
		return role == null ? null : (String) role.get("name");
	}

	@SuppressWarnings("unchecked")
	private static String otherName(Map<String, Object> connection) {
		return (String) ((Map<String, Object>) connection.get("other")).get("name");
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> connectionsOf(Api api, String entity, UUID id) {
		Api.Response response = api.get("/api/customers/" + entity + "/" + id + "/connections");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return (List<Map<String, Object>>) response.json().get("connections");
	}

	private static Api.Response connect(Api api, Map<String, Object> record1, Map<String, Object> record2, UUID role1, UUID role2) {
		Map<String, Object> body = new HashMap<>();
		body.put("record1", record1);
		body.put("record2", record2);
		if (role1 != null) {
			body.put("record1roleid", role1.toString());
		}
		if (role2 != null) {
			body.put("record2roleid", role2.toString());
		}
		return api.post("/api/customers/connections", body);
	}

	private static Map<String, Object> ref(String entity, UUID id) {
		return Map.of("entity", entity, "id", id.toString());
	}

	private static UUID id(Api.Response created) {
		return id(created, "connectionid");
	}

	private static UUID id(Api.Response created, String key) {
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return UUID.fromString((String) created.json().get(key));
	}

	private static UUID account(Api api, String name) {
		return created(api.post("/api/data/v9.2/accounts", Map.of("name", name)));
	}

	private static UUID contact(Api api, String lastName) {
		return created(api.post("/api/data/v9.2/contacts", Map.of("lastname", lastName)));
	}

	private static UUID role(Api api, String name, String recordTypes) {
		Map<String, Object> body = new HashMap<>();
		body.put("name", name);
		body.put("category", 1);
		body.put("associatedobjecttypecodes", recordTypes);
		return created(api.post("/api/data/v9.2/connectionroles", body));
	}

	private UUID user(Api admin, UUID unit) {
		String name = "owner-" + UUID.randomUUID().toString().substring(0, 8);
		return id(admin.post("/api/admin/users", Map.of("domainname", name, "fullname", name, "password", "pw-" + name,
				"roles", List.of(SALESPERSON_ROLE), "businessunitid", unit.toString())), "id");
	}

	private static UUID created(Api.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		String location = response.header("OData-EntityId");
		return UUID.fromString(location.substring(location.indexOf('(') + 1, location.indexOf(')')));
	}

	private EntityRecord row(UUID id) {
		return records.retrieve(SYSTEM, "connection", id);
	}

	private List<EntityRecord> rowsOf(UUID record) {
		List<EntityRecord> rows = new ArrayList<>();
		rows.addAll(queries.execute(SYSTEM, Query.of("connection").where(Criterion.where("record1id", Operator.Eq, record)).page(100)).records());
		rows.addAll(queries.execute(SYSTEM, Query.of("connection").where(Criterion.where("record2id", Operator.Eq, record)).page(100)).records());
		return rows;
	}
}
