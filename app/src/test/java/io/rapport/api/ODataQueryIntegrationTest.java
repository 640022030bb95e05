package io.rapport.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.rapport.test.Api;
import io.rapport.test.RapportTest;

/**
 * The OData URL and query side of the Web API, over HTTP: $metadata and the service document, every query option and
 * Dataverse query function, expansion, paging, alternate keys, single properties, $ref, formatted values.
 */
@RapportTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ODataQueryIntegrationTest {

	static final String ROOT = "/api/data/v9.2/";

	@LocalServerPort
	int port;

	private Api admin;
	private final String run = "odq" + UUID.randomUUID().toString().substring(0, 6);
	private String alpha;
	private String beta;
	private String alphaChild;
	private String ada;
	private String grace;
	private String linus;

	@BeforeAll
	void someAccountsAndContacts() {
		admin = Api.admin(port);
		alpha = create("accounts", Map.of("name", run + " Alpha", "accountnumber", run + "-1", "revenue", 1000, "industrycode", 1,
				"numberofemployees", 10));
		beta = create("accounts", Map.of("name", run + " Beta", "accountnumber", run + "-2", "revenue", 50, "numberofemployees", 3));
		alphaChild = create("accounts", Map.of("name", run + " Alpha Child", "parentaccountid@odata.bind", "/accounts(" + alpha + ")"));
		ada = create("contacts", Map.of("firstname", "Ada", "lastname", run + "Lovelace", "telephone1", "111",
				"parentcustomerid_account@odata.bind", "/accounts(" + alpha + ")"));
		grace = create("contacts", Map.of("firstname", "Grace", "lastname", run + "Hopper",
				"parentcustomerid_account@odata.bind", "/accounts(" + alpha + ")"));
		linus = create("contacts", Map.of("firstname", "Linus", "lastname", run + "Torvalds",
				"parentcustomerid_account@odata.bind", "/accounts(" + beta + ")"));
	}

	private String create(String set, Map<String, ?> values) {
		Api.Response r = admin.post(ROOT + set, values);
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		String location = r.header("OData-EntityId");
		return location.substring(location.indexOf('(') + 1, location.indexOf(')'));
	}

	/** Encodes what a client library would: spaces, quotes and brackets in the query. */
	static String url(String pathAndQuery) {
		int q = pathAndQuery.indexOf('?');
		if (q < 0) {
			return pathAndQuery;
		}
		String query = pathAndQuery.substring(q + 1).replace("%", "%25").replace(" ", "%20").replace("\"", "%22")
			.replace("[", "%5B").replace("]", "%5D").replace("#", "%23").replace("+", "%2B");
		return pathAndQuery.substring(0, q + 1) + query;
	}

	private Api.Response get(String pathAndQuery, String... headers) {
		return admin.get(url(ROOT + pathAndQuery), headers);
	}

	private List<String> names(Api.Response r) {
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		return r.value().stream().map(v -> (String) (v.containsKey("name") ? v.get("name") : v.get("lastname"))).toList();
	}

	private List<String> accounts(String filter) {
		return names(get("accounts?$select=name&$orderby=name&$filter=startswith(name,'" + run + "') and (" + filter + ")"));
	}

	@Test
	void metadataDescribesEntitiesNavigationAndChangesWhenAnAdminCustomizes() {
		Api.Response metadata = admin.get(ROOT + "$metadata");
		assertThat(metadata.status()).isEqualTo(200);
		assertThat(metadata.header("Content-Type")).contains("xml");
		assertThat(metadata.body()).contains("Namespace=\"Microsoft.Dynamics.CRM\"")
			.contains("<EntityType Name=\"contact\">", "<EntityType Name=\"account\">")
			.contains("<EntitySet Name=\"contacts\"", "<EntitySet Name=\"accounts\"")
			.contains("<PropertyRef Name=\"contactid\"/>")
			.contains("<Property Name=\"_parentcustomerid_value\" Type=\"Edm.Guid\"")
			.contains("<Property Name=\"revenue\" Type=\"Edm.Decimal\"")
			.contains("<NavigationProperty Name=\"parentcustomerid_account\" Type=\"mscrm.account\"")
			.contains("<NavigationProperty Name=\"contact_customer_accounts\" Type=\"Collection(mscrm.contact)\"")
			.contains("<NavigationProperty Name=\"Contact_Tasks\"")
			.contains("<Function Name=\"LastXDays\"");

		String field = "new_odq" + run.substring(3);
		Api.Response added = admin.post("/api/admin/entities/account/attributes", Map.of("name", field, "type", "Integer"));
		assertThat(added.status()).as(added.body()).isIn(200, 201);
		String entity = "new_odq" + run.substring(3) + "e";
		Api.Response createdEntity = admin.post("/api/admin/entities", Map.of("logicalName", entity, "displayName", "Thing",
				"ownership", "UserOwned", "primaryNameAttribute", "new_name",
				"attributes", List.of(Map.of("name", "new_name", "type", "String", "maxLength", 100))));
		assertThat(createdEntity.status()).as(createdEntity.body()).isIn(200, 201);
		String after = admin.get(ROOT + "$metadata").body();
		assertThat(after).contains("<Property Name=\"" + field + "\" Type=\"Edm.Int32\"").contains("<EntityType Name=\"" + entity + "\">");

		assertThat(admin.patch(ROOT + "accounts(" + beta + ")", Map.of(field, 7)).status()).isEqualTo(204);
		assertThat(accounts(field + " eq 7")).containsExactly(run + " Beta");
		String set = (String) admin.get(ROOT).value().stream().filter(s -> String.valueOf(s.get("url")).startsWith(entity))
			.findFirst().orElseThrow().get("url");
		assertThat(admin.get(ROOT + set).status()).isEqualTo(200);
	}

	@Test
	void serviceDocumentListsTheEntitySets() {
		Api.Response doc = admin.get(ROOT);
		assertThat(doc.status()).as(doc.body()).isEqualTo(200);
		assertThat(doc.value()).extracting(v -> v.get("name")).contains("accounts", "contacts", "tasks");
		assertThat(admin.get("/api/data/v9.2").status()).isEqualTo(200);
	}

	@Test
	void filterComparisonsLogicAndTextFunctions() {
		assertThat(accounts("name eq '" + run + " Beta'")).containsExactly(run + " Beta");
		assertThat(accounts("name ne '" + run + " Beta'")).containsExactly(run + " Alpha", run + " Alpha Child");
		assertThat(accounts("revenue gt 100")).containsExactly(run + " Alpha");
		assertThat(accounts("revenue ge 50 and revenue lt 1000")).containsExactly(run + " Beta");
		assertThat(accounts("revenue le 50 or numberofemployees eq 10")).containsExactly(run + " Alpha", run + " Beta");
		assertThat(accounts("not (revenue gt 100)")).containsExactly(run + " Alpha Child", run + " Beta");
		assertThat(accounts("revenue eq null")).containsExactly(run + " Alpha Child");
		assertThat(accounts("revenue ne null")).containsExactly(run + " Alpha", run + " Beta");
		assertThat(accounts("contains(name,'lpha')")).containsExactly(run + " Alpha", run + " Alpha Child");
		assertThat(accounts("endswith(name,'child')")).containsExactly(run + " Alpha Child");
		assertThat(accounts("_parentaccountid_value eq " + alpha)).containsExactly(run + " Alpha Child");
		assertThat(accounts("accountid eq " + beta)).containsExactly(run + " Beta");
		assertThat(accounts("createdon gt 2000-01-01T00:00:00Z")).hasSize(3);
	}

	@Test
	void filterThroughASingleValuedNavigationProperty() {
		List<String> contacts = names(get("contacts?$select=lastname&$orderby=lastname&$filter=startswith(lastname,'" + run
				+ "') and parentcustomerid_account/name eq '" + run + " Alpha'"));
		assertThat(contacts).containsExactly(run + "Hopper", run + "Lovelace");
		assertThat(names(get("contacts?$select=lastname&$filter=startswith(lastname,'" + run
				+ "') and startswith(parentcustomerid_account/accountnumber,'" + run + "-2')"))).containsExactly(run + "Torvalds");
		assertThat(accounts("parentaccountid/revenue gt 500")).containsExactly(run + " Alpha Child");
	}

	@Test
	void lambdasOverCollectionNavigation() {
		assertThat(accounts("contact_customer_accounts/any(c: c/firstname eq 'Linus')")).containsExactly(run + " Beta");
		assertThat(accounts("contact_customer_accounts/any()")).containsExactly(run + " Alpha", run + " Beta");
		assertThat(accounts("contact_customer_accounts/all(c:c/firstname eq 'Linus')"))
			.as("all holds for an account without contacts too").containsExactly(run + " Alpha Child", run + " Beta");
		assertThat(accounts("not contact_customer_accounts/any()")).containsExactly(run + " Alpha Child");
	}

	@Test
	void dataverseQueryFunctions() {
		assertThat(accounts("Microsoft.Dynamics.CRM.LastXDays(PropertyName='createdon',PropertyValue=7)")).hasSize(3);
		assertThat(accounts("Microsoft.Dynamics.CRM.Today(PropertyName='createdon')")).hasSize(3);
		assertThat(accounts("Microsoft.Dynamics.CRM.Yesterday(PropertyName='createdon')")).isEmpty();
		assertThat(accounts("Microsoft.Dynamics.CRM.EqualUserId(PropertyName='ownerid')")).hasSize(3);
		assertThat(accounts("Microsoft.Dynamics.CRM.NotEqualUserId(PropertyName='ownerid')")).isEmpty();
		assertThat(accounts("Microsoft.Dynamics.CRM.Under(PropertyName='accountid',PropertyValue='" + alpha + "')"))
			.containsExactly(run + " Alpha Child");
		assertThat(accounts("Microsoft.Dynamics.CRM.UnderOrEqual(PropertyName='accountid',PropertyValue='" + alpha + "')"))
			.containsExactly(run + " Alpha", run + " Alpha Child");
		assertThat(accounts("Microsoft.Dynamics.CRM.In(PropertyName='accountnumber',PropertyValues=[\"" + run + "-1\",\"" + run + "-2\"])"))
			.containsExactly(run + " Alpha", run + " Beta");
		assertThat(accounts("Microsoft.Dynamics.CRM.Between(PropertyName='revenue',PropertyValues=[\"10\",\"100\"])"))
			.containsExactly(run + " Beta");
	}

	@Test
	void selectOrderByTopSkipAndCount() {
		String filter = "$filter=startswith(name,'" + run + "')";
		Api.Response r = get("accounts?$select=name,revenue&$orderby=revenue desc,name&$count=true&" + filter);
		assertThat(names(r)).containsExactly(run + " Alpha Child", run + " Alpha", run + " Beta");
		assertThat(r.json()).containsEntry("@odata.count", 3);
		assertThat(r.value().get(1)).containsKeys("name", "revenue", "accountid", "@odata.etag").doesNotContainKey("telephone1");
		assertThat(names(get("accounts?$select=name&$orderby=name&$top=2&" + filter))).containsExactly(run + " Alpha", run + " Alpha Child");
		assertThat(names(get("accounts?$select=name&$orderby=name&$skip=1&" + filter))).containsExactly(run + " Alpha Child", run + " Beta");
		Api.Response counted = get("accounts/$count?$filter=startswith(name,'" + run + "')");
		assertThat(counted.status()).as(counted.body()).isEqualTo(200);
		assertThat(counted.body()).isEqualTo("3");
		Api.Response lookup = get("contacts?$select=_parentcustomerid_value&$filter=contactid eq " + ada);
		assertThat(lookup.value().get(0)).containsEntry("_parentcustomerid_value", alpha);
	}

	@Test
	void expandSingleAndCollectionValuedNavigationWithNestedOptions() {
		Api.Response contacts = get("contacts?$select=lastname&$filter=contactid eq " + ada
				+ "&$expand=parentcustomerid_account($select=name,accountnumber)");
		Map<String, Object> row = contacts.value().get(0);
		@SuppressWarnings("unchecked")
		Map<String, Object> parent = (Map<String, Object>) row.get("parentcustomerid_account");
		assertThat(parent).containsEntry("name", run + " Alpha").containsEntry("accountnumber", run + "-1").doesNotContainKey("revenue");

		Api.Response accounts = get("accounts?$select=name&$orderby=name&$filter=startswith(name,'" + run + "')"
				+ "&$expand=contact_customer_accounts($select=firstname,lastname;$filter=firstname ne 'Nobody';$orderby=firstname desc;$top=1)");
		assertThat(accounts.status()).as(accounts.body()).isEqualTo(200);
		Map<String, List<String>> firstNames = new HashMap<>();
		for (Map<String, Object> a : accounts.value()) {
			@SuppressWarnings("unchecked")
			List<Map<String, Object>> children = (List<Map<String, Object>>) a.get("contact_customer_accounts");
			firstNames.put((String) a.get("name"), children.stream().map(c -> (String) c.get("firstname")).toList());
		}
		assertThat(firstNames).containsEntry(run + " Alpha", List.of("Grace")).containsEntry(run + " Beta", List.of("Linus"))
			.containsEntry(run + " Alpha Child", List.of());

		Api.Response one = get("accounts(" + alpha + ")?$select=name&$expand=contact_customer_accounts($select=lastname;$orderby=lastname)");
		assertThat(one.status()).as(one.body()).isEqualTo(200);
		assertThat(one.json().get("contact_customer_accounts").toString()).contains(run + "Hopper", run + "Lovelace");

		Api.Response nav = get("accounts(" + alpha + ")/contact_customer_accounts?$select=lastname&$orderby=lastname&$filter=firstname eq 'Ada'");
		assertThat(names(nav)).containsExactly(run + "Lovelace");
		Api.Response single = get("contacts(" + linus + ")/parentcustomerid_account?$select=name");
		assertThat(single.status()).as(single.body()).isEqualTo(200);
		assertThat(single.json()).containsEntry("name", run + " Beta");
	}

	@Test
	void nextLinksWalkAFilteredSetOnceWithMaxPageSize() {
		List<String> mine = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			mine.add(create("contacts", Map.of("lastname", run + "Paged" + i, "jobtitle", i % 2 == 0 ? "even" : "odd")));
		}
		Set<String> seen = new HashSet<>();
		String next = url(ROOT + "contacts?$select=lastname,jobtitle&$orderby=lastname desc&$filter=startswith(lastname,'" + run
				+ "Paged') and jobtitle eq 'even'&$count=true");
		int pages = 0;
		while (next != null) {
			Api.Response page = admin.get(next, "Prefer", "odata.maxpagesize=2");
			assertThat(page.status()).as(page.body()).isEqualTo(200);
			assertThat(page.header("Preference-Applied")).isEqualTo("odata.maxpagesize=2");
			assertThat(page.value()).hasSizeLessThanOrEqualTo(2);
			for (Map<String, Object> row : page.value()) {
				assertThat(row.get("jobtitle")).isEqualTo("even");
				assertThat(seen.add((String) row.get("contactid"))).as("each row once").isTrue();
			}
			next = (String) page.json().get("@odata.nextLink");
			if (next != null) {
				assertThat(next).contains("$skiptoken=").contains("jobtitle").doesNotContain("$skip=");
			}
			pages++;
		}
		assertThat(seen).containsExactlyInAnyOrder(mine.get(0), mine.get(2), mine.get(4), mine.get(6));
		assertThat(pages).isEqualTo(2);
		Api.Response tooBig = get("contacts", "Prefer", "odata.maxpagesize=5001");
		assertThat(tooBig.status()).isEqualTo(400);
		assertThat(tooBig.body()).contains("odata.maxpagesize");
	}

	@Test
	void alternateKeysAddressAndUpsertRecords() {
		Api.Response byKey = get("accounts(accountnumber='" + run + "-1')?$select=name");
		assertThat(byKey.status()).as(byKey.body()).isEqualTo(200);
		assertThat(byKey.json()).containsEntry("name", run + " Alpha").containsEntry("accountid", alpha);

		String key = ROOT + "accounts(accountnumber='" + run + "-9')";
		assertThat(admin.patch(key, Map.of("name", run + " Nine"), "If-Match", "*").status()).as("update only").isEqualTo(404);
		Api.Response created = admin.patch(key, Map.of("name", run + " Nine"), "If-None-Match", "*");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(admin.get(key).json()).containsEntry("name", run + " Nine").containsEntry("accountnumber", run + "-9");
		assertThat(admin.patch(key, Map.of("name", run + " Nine again"), "If-None-Match", "*").status()).as("create only").isEqualTo(412);
		assertThat(admin.patch(key, Map.of("name", run + " Nine again"), "If-Match", "*").status()).isEqualTo(204);
		assertThat(admin.patch(key, Map.of("telephone1", "9")).status()).isEqualTo(204);
		assertThat(admin.get(key).json()).containsEntry("name", run + " Nine again").containsEntry("telephone1", "9");
		assertThat(admin.get(ROOT + "accounts(name='x')").status()).as("not a key").isEqualTo(400);
		assertThat(admin.delete(key).status()).isEqualTo(204);
		assertThat(admin.get(key).status()).isEqualTo(404);
	}

	@Test
	void singlePropertiesAreReadWrittenAndCleared() {
		String phone = ROOT + "contacts(" + grace + ")/telephone1";
		assertThat(admin.put(phone, Map.of("value", "222")).status()).isEqualTo(204);
		Api.Response read = admin.get(phone);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json()).containsEntry("value", "222");
		Api.Response raw = admin.get(phone + "/$value");
		assertThat(raw.body()).isEqualTo("222");
		assertThat(raw.header("Content-Type")).startsWith("text/plain");
		assertThat(admin.delete(phone).status()).isEqualTo(204);
		assertThat(admin.get(phone).status()).isEqualTo(204);
		assertThat(admin.get(ROOT + "contacts(" + grace + ")/_parentcustomerid_value").json()).containsEntry("value", alpha);
	}

	@Test
	void referencesAssociateAndDissociate() {
		String loner = create("contacts", Map.of("lastname", run + "Loner"));
		Api.Response add = admin.post(ROOT + "accounts(" + beta + ")/contact_customer_accounts/$ref",
				Map.of("@odata.id", "http://localhost/api/data/v9.2/contacts(" + loner + ")"));
		assertThat(add.status()).as(add.body()).isEqualTo(204);
		assertThat(admin.get(ROOT + "contacts(" + loner + ")").json()).containsEntry("_parentcustomerid_value", beta);
		assertThat(admin.delete(ROOT + "accounts(" + alpha + ")/contact_customer_accounts(" + loner + ")/$ref").status())
			.as("not linked to alpha").isEqualTo(404);
		assertThat(admin.delete(ROOT + "accounts(" + beta + ")/contact_customer_accounts(" + loner + ")/$ref").status()).isEqualTo(204);
		assertThat(admin.get(ROOT + "contacts(" + loner + ")").json()).containsEntry("_parentcustomerid_value", null);

		assertThat(admin.put(ROOT + "contacts(" + loner + ")/parentcustomerid_account/$ref",
				Map.of("@odata.id", "accounts(" + alpha + ")")).status()).isEqualTo(204);
		assertThat(admin.get(ROOT + "contacts(" + loner + ")").json()).containsEntry("_parentcustomerid_value", alpha);
		assertThat(admin.delete(url(ROOT + "accounts(" + alpha + ")/contact_customer_accounts/$ref?$id=" + ROOT + "contacts(" + loner + ")"))
			.status()).isEqualTo(204);
		assertThat(admin.put(ROOT + "contacts(" + loner + ")/parentcustomerid_account/$ref",
				Map.of("@odata.id", "contacts(" + ada + ")")).status()).as("wrong entity").isEqualTo(400);
		assertThat(admin.put(ROOT + "contacts(" + loner + ")/parentcustomerid_account/$ref",
				Map.of("@odata.id", "accounts(" + beta + ")")).status()).isEqualTo(204);
		assertThat(admin.delete(ROOT + "contacts(" + loner + ")/parentcustomerid_account/$ref").status()).isEqualTo(204);
		assertThat(admin.get(ROOT + "contacts(" + loner + ")").json()).containsEntry("_parentcustomerid_value", null);
	}

	@Test
	void formattedValuesOnRequest() {
		Api.Response plain = get("accounts(" + alpha + ")");
		assertThat(plain.body()).doesNotContain("FormattedValue");
		Api.Response r = get("accounts(" + alpha + ")", "Prefer", "odata.include-annotations=\"*\"");
		assertThat(r.status()).isEqualTo(200);
		assertThat(r.header("Preference-Applied")).isEqualTo("odata.include-annotations=\"*\"");
		assertThat(r.json()).containsEntry("industrycode@OData.Community.Display.V1.FormattedValue", "Accounting")
			.containsEntry("revenue@OData.Community.Display.V1.FormattedValue", "1,000.00")
			.containsKey("createdon@OData.Community.Display.V1.FormattedValue");
		Api.Response contacts = get("contacts?$select=lastname,_parentcustomerid_value&$filter=contactid eq " + ada, "Prefer",
				"odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\"");
		assertThat(contacts.value().get(0))
			.containsEntry("_parentcustomerid_value@OData.Community.Display.V1.FormattedValue", run + " Alpha")
			.containsEntry("_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname", "account")
			.containsEntry("_parentcustomerid_value@Microsoft.Dynamics.CRM.associatednavigationproperty", "parentcustomerid_account");
		Api.Response expanded = get("contacts?$select=lastname&$filter=contactid eq " + ada
				+ "&$expand=parentcustomerid_account($select=name,industrycode)", "Prefer", "odata.include-annotations=\"*\"");
		assertThat(expanded.value().get(0).get("parentcustomerid_account").toString())
			.contains("industrycode@OData.Community.Display.V1.FormattedValue=Accounting");
	}

	@Test
	void badInputIsACleanErrorNamingTheCulpritAndWritesNothing() {
		long before = (Integer) get("accounts?$count=true&$top=1").json().get("@odata.count");
		Map<String, String> cases = new java.util.LinkedHashMap<>();
		cases.put("accounts?$filter=name eq 'x' or", "$filter");
		cases.put("accounts?$filter=name eq", "$filter");
		cases.put("accounts?$filter=nosuchfield eq 1", "nosuchfield");
		cases.put("accounts?$select=name,nosuchfield", "nosuchfield");
		cases.put("accounts?$orderby=nosuchfield", "nosuchfield");
		cases.put("accounts?$filter=name eq 5", "$filter");
		cases.put("accounts?$filter=revenue eq 'lots'", "$filter");
		cases.put("accounts?$filter=accountid eq 'not-a-guid'", "$filter");
		cases.put("accounts?$filter=name eq '' or 1 eq 1 --'", "$filter");
		cases.put("accounts?$filter=name eq 'x'' or ''1''=''1'; drop table account; --'", null);
		cases.put("accounts(not-a-guid)", "GUID");
		cases.put("accounts?$top=-1", "$top");
		cases.put("accounts?$expand=nosuchnavigation", "nosuchnavigation");
		cases.put("accounts?$skiptoken=garbage", "cursor");
		cases.put("accounts?$foo=1", "$foo");
		cases.put("accounts?$filter=Microsoft.Dynamics.CRM.LastXDays(PropertyName='name',PropertyValue=7)", "name");
		cases.put("accounts?$filter=Microsoft.Dynamics.CRM.LastXDays(PropertyName='nosuchfield',PropertyValue=7)", "nosuchfield");
		for (Map.Entry<String, String> c : cases.entrySet()) {
			Api.Response r = get(c.getKey());
			if (c.getValue() == null) {
				assertThat(r.status()).as(c.getKey() + " " + r.body()).isIn(200, 400);
				if (r.status() == 200) {
					assertThat(r.value()).as(c.getKey()).isEmpty();
				}
				continue;
			}
			assertThat(r.status()).as(c.getKey() + " " + r.body()).isBetween(400, 404);
			assertThat(r.json()).as(c.getKey()).containsKey("error");
			assertThat(r.body()).as(c.getKey()).contains(c.getValue()).doesNotContain("Exception").doesNotContain("SELECT");
		}
		for (String path : List.of("nosuchset", "NoSuchAction", "accounts/Microsoft.Dynamics.CRM.NoSuchAction", "accounts(" + alpha + ")/nosuchproperty")) {
			Api.Response missing = admin.post(ROOT + path, Map.of("name", "x"));
			assertThat(missing.status()).as(path + " " + missing.body()).isEqualTo(404);
			assertThat(missing.json()).containsKey("error");
		}
		assertThat(get("nosuchset").status()).isEqualTo(404);
		assertThat(get("nosuchset").json()).containsKey("error");
		assertThat(admin.patch(url(ROOT + "accounts(" + alpha + ")?$filter=name eq"), Map.of("name", "changed")).status()).isEqualTo(400);
		assertThat(admin.patch(ROOT + "accounts(accountnumber='x''%20or%201%20eq%201%20--')", Map.of("name", "Injected"), "If-Match", "*").status())
			.isEqualTo(404);
		assertThat((Integer) get("accounts?$count=true&$top=1").json().get("@odata.count")).isEqualTo((int) before);
		assertThat(get("accounts(" + alpha + ")?$select=name").json()).containsEntry("name", run + " Alpha");
	}

	@Test
	void conditionalGetStillAnswers304() {
		Api.Response read = get("accounts(" + beta + ")");
		assertThat(get("accounts(" + beta + ")", "If-None-Match", read.header("ETag")).status()).isEqualTo(304);
	}
}
