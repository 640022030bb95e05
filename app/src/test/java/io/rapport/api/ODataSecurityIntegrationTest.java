package io.rapport.api;

import static io.rapport.api.ODataQueryIntegrationTest.ROOT;
import static io.rapport.api.ODataQueryIntegrationTest.url;
import static org.assertj.core.api.Assertions.assertThat;

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
 * The security matrix through the OData API: a Salesperson of another business unit never gets a record, a count, an
 * expanded or navigated child, a lambda match, a lookup's name or a nextLink page they may not read.
 */
@RapportTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ODataSecurityIntegrationTest {

	private static final String SALESPERSON_ROLE = "00000000-0000-0000-0000-0000000000a3";

	@LocalServerPort
	int port;

	private final String run = "ods" + UUID.randomUUID().toString().substring(0, 6);
	private Api admin;
	private Api seller;
	private String mine;
	private String own;
	private String hidden;
	private String secret;

	@BeforeAll
	void aSalespersonOfAnotherUnitAndRecordsOnBothSides() {
		admin = Api.admin(port);
		Api.Response unit = admin.post("/api/admin/businessunits", Map.of("name", "Far " + run));
		assertThat(unit.status()).as(unit.body()).isEqualTo(201);
		String name = "sp-" + run;
		Api.Response user = admin.post("/api/admin/users", Map.of("domainname", name, "fullname", name, "password", "sales-password-1",
				"roles", List.of(SALESPERSON_ROLE), "businessunitid", unit.json().get("id")));
		assertThat(user.status()).as(user.body()).isEqualTo(201);
		seller = new Api(port, name, "sales-password-1");

		mine = create(seller, "accounts", Map.of("name", run + " Mine"));
		own = create(seller, "contacts", Map.of("lastname", run + "Own", "parentcustomerid_account@odata.bind", "/accounts(" + mine + ")"));
		hidden = create(admin, "contacts", Map.of("lastname", run + "Hidden", "parentcustomerid_account@odata.bind", "/accounts(" + mine + ")"));
		secret = create(admin, "accounts", Map.of("name", run + " Secret", "accountnumber", run + "-S"));
		create(admin, "contacts", Map.of("lastname", run + "SecretContact", "parentcustomerid_account@odata.bind", "/accounts(" + secret + ")"));
		assertThat(admin.patch(ROOT + "accounts(" + mine + ")", Map.of("primarycontactid@odata.bind", "/contacts(" + hidden + ")")).status())
			.isEqualTo(204);
	}

	private static String create(Api api, String set, Map<String, ?> values) {
		Api.Response r = api.post(ROOT + set, values);
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		String location = r.header("OData-EntityId");
		return location.substring(location.indexOf('(') + 1, location.indexOf(')'));
	}

	private static Api.Response get(Api api, String pathAndQuery, String... headers) {
		return api.get(url(ROOT + pathAndQuery), headers);
	}

	@Test
	void recordsAndCountsStayWithinWhatTheSalespersonMayRead() {
		Api.Response accounts = get(seller, "accounts?$select=name&$count=true&$filter=startswith(name,'" + run + "')");
		assertThat(accounts.status()).as(accounts.body()).isEqualTo(200);
		assertThat(accounts.value()).extracting(v -> v.get("name")).containsExactly(run + " Mine");
		assertThat(accounts.json()).containsEntry("@odata.count", 1);
		assertThat(get(admin, "accounts?$count=true&$filter=startswith(name,'" + run + "')").json()).containsEntry("@odata.count", 2);

		Api.Response contacts = get(seller, "contacts?$select=lastname&$count=true&$filter=startswith(lastname,'" + run + "')");
		assertThat(contacts.value()).extracting(v -> v.get("lastname")).containsExactly(run + "Own");
		assertThat(contacts.json()).containsEntry("@odata.count", 1);

		assertThat(get(seller, "accounts(" + secret + ")").status()).isEqualTo(404);
		assertThat(get(seller, "accounts(accountnumber='" + run + "-S')").status()).isEqualTo(404);
		assertThat(get(seller, "contacts(" + hidden + ")/lastname").status()).isEqualTo(404);
	}

	@Test
	void expandedNavigatedAndLambdaMatchedChildrenAreOnlyReadableOnes() {
		Api.Response expanded = get(seller, "accounts(" + mine + ")?$select=name&$expand=contact_customer_accounts($select=lastname),primarycontactid($select=lastname)");
		assertThat(expanded.status()).as(expanded.body()).isEqualTo(200);
		assertThat(expanded.json().get("contact_customer_accounts").toString()).contains(run + "Own").doesNotContain(run + "Hidden");
		assertThat(expanded.json()).containsEntry("primarycontactid", null);
		assertThat(get(admin, "accounts(" + mine + ")?$expand=contact_customer_accounts($select=lastname)").body()).contains(run + "Hidden");

		Api.Response navigated = get(seller, "accounts(" + mine + ")/contact_customer_accounts?$select=lastname&$count=true");
		assertThat(navigated.value()).extracting(v -> v.get("lastname")).containsExactly(run + "Own");
		assertThat(navigated.json()).containsEntry("@odata.count", 1);
		assertThat(get(seller, "accounts(" + mine + ")/primarycontactid").status()).isEqualTo(404);

		String lambda = "accounts?$select=name&$filter=contact_customer_accounts/any(c:c/lastname eq '" + run + "Hidden')";
		assertThat(get(admin, lambda).value()).extracting(v -> v.get("name")).containsExactly(run + " Mine");
		assertThat(get(seller, lambda).value()).isEmpty();
		assertThat(get(seller, "accounts?$select=name&$filter=startswith(name,'" + run + "') and contact_customer_accounts/all(c:c/lastname eq '"
				+ run + "Own')").value()).extracting(v -> v.get("name")).containsExactly(run + " Mine");
	}

	@Test
	void aLookupToAnUnreadableRecordLendsNoName() {
		Api.Response r = get(seller, "accounts(" + mine + ")?$select=name,_primarycontactid_value", "Prefer", "odata.include-annotations=\"*\"");
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		assertThat(r.body()).doesNotContain(run + "Hidden");
		assertThat(r.json()).doesNotContainKey("_primarycontactid_value@OData.Community.Display.V1.FormattedValue");
		assertThat(get(admin, "accounts(" + mine + ")?$select=name,_primarycontactid_value", "Prefer", "odata.include-annotations=\"*\"").json())
			.containsEntry("_primarycontactid_value@OData.Community.Display.V1.FormattedValue", run + "Hidden");
	}

	@Test
	void nextLinkPagesHoldOnlyReadableRows() {
		Set<String> expected = new HashSet<>();
		for (int i = 0; i < 4; i++) {
			expected.add(create(seller, "accounts", Map.of("name", "P" + run + " mine " + i)));
			create(admin, "accounts", Map.of("name", "P" + run + " admin " + i));
		}
		Set<String> seen = new HashSet<>();
		String next = url(ROOT + "accounts?$select=name&$orderby=name&$filter=startswith(name,'P" + run + "')");
		while (next != null) {
			Api.Response page = seller.get(next, "Prefer", "odata.maxpagesize=1");
			assertThat(page.status()).as(page.body()).isEqualTo(200);
			for (Map<String, Object> row : page.value()) {
				assertThat(seen.add((String) row.get("accountid"))).isTrue();
			}
			next = (String) page.json().get("@odata.nextLink");
		}
		assertThat(seen).isEqualTo(expected);
	}
}
