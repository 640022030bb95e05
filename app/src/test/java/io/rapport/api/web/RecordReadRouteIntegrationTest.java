package io.rapport.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;

import io.rapport.test.Api;
import io.rapport.test.RapportTest;

/**
 * The record read route answers a read by id exactly as the general OData route does (the same status, body, ETag and
 * errors, as each user), and takes only the requests of its shape. The general route is reached for the comparison
 * with {@code Prefer: return=minimal}, which changes nothing in a read's answer but is a header the route leaves alone.
 */
@RapportTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordReadRouteIntegrationTest {

	private static final String ROOT = "/api/data/v9.2/";
	private static final String SALESPERSON_ROLE = "00000000-0000-0000-0000-0000000000a3";

	@LocalServerPort
	int port;

	@Autowired
	RecordReadRoute route;

	private final String run = "rrr" + UUID.randomUUID().toString().substring(0, 6);
	private final String secured = "new_pin" + run;
	private Api admin;
	private Api seller;
	private String account;
	private String sellersContact;
	private String hiddenContact;

	@BeforeAll
	void recordsOfTwoUsers() {
		admin = Api.admin(port);
		Api.Response added = admin.post("/api/admin/entities/contact/attributes",
				Map.of("name", secured, "displayName", "PIN " + run, "type", "String", "maxLength", 20, "secured", true));
		assertThat(added.status()).as(added.body()).isEqualTo(201);
		Api.Response unit = admin.post("/api/admin/businessunits", Map.of("name", "Unit " + run));
		assertThat(unit.status()).as(unit.body()).isEqualTo(201);
		String name = "sp-" + run;
		Api.Response user = admin.post("/api/admin/users", Map.of("domainname", name, "fullname", name, "password",
				"sales-password-1", "roles", List.of(SALESPERSON_ROLE), "businessunitid", unit.json().get("id")));
		assertThat(user.status()).as(user.body()).isEqualTo(201);
		seller = new Api(port, name, "sales-password-1");

		account = create(seller, "accounts", Map.of("name", run + " Account", "revenue", 1234.5));
		sellersContact = create(seller, "contacts", Map.of("firstname", "Ada", "lastname", run + " \"Quoted\" \\ ✓",
				"jobtitle", "Line\nbreak", "annualincome", 98765.43, "birthdate", "1990-04-05",
				"parentcustomerid_account@odata.bind", "/accounts(" + account + ")"));
		hiddenContact = create(admin, "contacts", Map.of("lastname", run + " Hidden", secured, "1234"));
	}

	private static String create(Api api, String set, Map<String, ?> values) {
		Api.Response r = api.post(ROOT + set, values);
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		String location = r.header("OData-EntityId");
		return location.substring(location.indexOf('(') + 1, location.indexOf(')'));
	}

	@Test
	void readsByIdAnswerAsTheGeneralRouteDoesForEveryUser() {
		List<String> paths = List.of(
				"contacts(" + sellersContact + ")",
				"contacts(" + sellersContact + ")?$select=fullname,jobtitle,annualincome,birthdate,_parentcustomerid_value",
				"contacts(" + sellersContact.toUpperCase() + ")?%24select=lastname,createdon,statecode,statuscode,versionnumber",
				"contacts(" + sellersContact + ")?$select=contactid,_ownerid_value,_owningbusinessunit_value",
				"contacts(" + hiddenContact + ")?$select=lastname," + secured,
				"contacts(" + sellersContact + ")?$select=lastname," + secured,
				"contacts(" + hiddenContact + ")",
				"accounts(" + account + ")?$select=name,revenue,_transactioncurrencyid_value",
				"contacts(" + UUID.randomUUID() + ")?$select=fullname",
				"contacts(" + sellersContact + ")?$select=nosuchattribute",
				"accounts(" + account + ")?$select=lastname");
		for (Api api : List.of(admin, seller)) {
			for (String path : paths) {
				Api.Response routed = api.get(ROOT + path);
				Api.Response general = api.get(ROOT + path, "Prefer", "return=minimal");
				assertThat(routed.status()).as(path).isEqualTo(general.status());
				assertThat(routed.header("ETag")).as(path).isEqualTo(general.header("ETag"));
				assertThat(routed.header("Content-Type")).as(path).isEqualTo(general.header("Content-Type"));
				assertThat(routed.json()).as(path).isEqualTo(general.json());
			}
		}
		// and the answers say what they should: the seller reads their own contact, not the administrator's
		assertThat(seller.get(ROOT + "contacts(" + sellersContact + ")?$select=jobtitle").json()).containsEntry("jobtitle", "Line\nbreak");
		assertThat(seller.get(ROOT + "contacts(" + hiddenContact + ")").status()).isEqualTo(404);
		assertThat(admin.get(ROOT + "contacts(" + hiddenContact + ")?$select=" + secured).status()).isEqualTo(200);
	}

	@Test
	void theRouteAnswersWithTheWholeLengthAndHonoursIfNoneMatch() {
		Api.Response read = seller.get(ROOT + "contacts(" + sellersContact + ")?$select=fullname");
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.header("Content-Length")).isEqualTo(String.valueOf(read.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
		assertThat(read.header("Transfer-Encoding")).isNull();
		assertThat(read.json()).containsEntry("@odata.context", "http://localhost:" + port + "/api/data/v9.2/$metadata#contacts/$entity")
			.containsEntry("@odata.etag", read.header("ETag"));

		Api.Response unchanged = seller.get(ROOT + "contacts(" + sellersContact + ")?$select=fullname", "If-None-Match", read.header("ETag"));
		assertThat(unchanged.status()).isEqualTo(304);
		assertThat(unchanged.header("ETag")).isEqualTo(read.header("ETag"));
		assertThat(unchanged.body()).isEmpty();
		assertThat(seller.get(ROOT + "contacts(" + sellersContact + ")?$select=fullname", "If-None-Match", "W/\"999\"").status())
			.isEqualTo(200);
		// without credentials the security chain answers before any route
		assertThat(new Api(port, "nobody-" + run, "wrong").get(ROOT + "contacts(" + sellersContact + ")").status()).isEqualTo(401);
	}

	@Test
	void aReadByIdInsideABatchIsAnsweredByTheRouteToo() {
		String get = "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nGET contacts(" + sellersContact
				+ ")?$select=fullname HTTP/1.1\r\n\r\n";
		String missing = "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nGET contacts("
				+ hiddenContact + ")?$select=fullname HTTP/1.1\r\n\r\n";
		Api.Response batch = seller.send("POST", ROOT + "$batch", "--b\r\n" + get + "--b\r\n" + missing + "--b--\r\n",
				"Content-Type", "multipart/mixed; boundary=b");

		assertThat(batch.status()).as(batch.body()).isEqualTo(200);
		String alone = seller.get(ROOT + "contacts(" + sellersContact + ")?$select=fullname").body();
		assertThat(batch.body()).contains("HTTP/1.1 200").contains(alone).contains("ETag: W/\"1\"")
			.contains("HTTP/1.1 404").contains("RecordNotFound");
	}

	@Test
	void onlyReadsOfItsShapeAreTaken() {
		String id = sellersContact;
		assertThat(taken("GET", ROOT + "contacts(" + id + ")", null)).isTrue();
		assertThat(taken("GET", ROOT + "contacts(" + id + ")", "$select=fullname,_parentcustomerid_value")).isTrue();
		assertThat(taken("GET", ROOT + "contacts(" + id + ")", "%24select=fullname")).isTrue();

		assertThat(taken("POST", ROOT + "contacts(" + id + ")", null)).isFalse();
		assertThat(taken("GET", ROOT + "contacts", null)).isFalse();
		assertThat(taken("GET", ROOT + "contacts(" + id + ")/fullname", null)).isFalse();
		assertThat(taken("GET", ROOT + "contacts(" + id + ")/contact_customer_accounts", null)).isFalse();
		assertThat(taken("GET", ROOT + "accounts(accountnumber='A-1')", null)).isFalse();
		assertThat(taken("GET", ROOT + "nosuchset(" + id + ")", null)).isFalse();
		assertThat(taken("GET", ROOT + "contacts(" + id.substring(1) + ")", null)).isFalse();
		assertThat(taken("GET", ROOT + "contacts(" + id.replace('-', 'x') + ")", null)).isFalse();
		assertThat(taken("GET", ROOT + "contacts%28" + id + "%29", null)).isFalse();
		assertThat(taken("GET", ROOT + "contacts(" + id + ")", "$select=fullname&$expand=parentcustomerid_account")).isFalse();
		assertThat(taken("GET", ROOT + "contacts(" + id + ")", "$expand=parentcustomerid_account")).isFalse();
		assertThat(taken("GET", ROOT + "contacts(" + id + ")", "$select=*")).isFalse();
		assertThat(taken("GET", ROOT + "contacts(" + id + ")", "$select=")).isFalse();
		assertThat(taken("GET", ROOT + "contacts(" + id + ")", "$select=fullname,")).isFalse();
		assertThat(taken("GET", ROOT + "contacts(" + id + ")", "$select=parentcustomerid")).isFalse();
		assertThat(taken("GET", ROOT + "contacts(" + id + ")", "$select=nosuchattribute")).isFalse();
		assertThat(taken("GET", ROOT + "contacts(" + id + ")", "$select=fullname%2Clastname")).isFalse();
		assertThat(taken("GET", ROOT + "contacts(" + id + ")", "$select='x'--")).isFalse();

		MockHttpServletRequest prefer = request("GET", ROOT + "contacts(" + id + ")", null);
		prefer.addHeader("Prefer", "odata.include-annotations=\"*\"");
		assertThat(route.recognize(prefer)).isNull();
		MockHttpServletRequest xml = request("GET", ROOT + "contacts(" + id + ")", null);
		xml.addHeader("Accept", "application/xml");
		assertThat(route.recognize(xml)).isNull();
		MockHttpServletRequest json = request("GET", ROOT + "contacts(" + id + ")", "$select=fullname");
		json.addHeader("Accept", "application/json;odata.metadata=minimal");
		assertThat(route.recognize(json).columns()).containsExactly("fullname");
	}

	private boolean taken(String method, String uri, String query) {
		return route.recognize(request(method, uri, query)) != null;
	}

	private static MockHttpServletRequest request(String method, String uri, String query) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
		request.setQueryString(query);
		return request;
	}
}
