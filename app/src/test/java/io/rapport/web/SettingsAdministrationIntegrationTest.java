package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RecordRef;
import io.rapport.data.Records;
import io.rapport.test.Api;
import io.rapport.test.RapportTest;

/**
 * Settings over HTTP: disabling a business unit (its users are refused at their next request and sign-in; the root
 * cannot be disabled), the secured flag of a new custom field, and the paged, searchable lists of users, teams,
 * security roles and business units.
 */
@RapportTest
class SettingsAdministrationIntegrationTest {

	static final String SALESPERSON = SettingsPagesIntegrationTest.SALESPERSON;
	static final String ROOT = SettingsPagesIntegrationTest.ROOT;
	static final String ADMIN = "00000000-0000-0000-0000-000000000002";

	@LocalServerPort
	int port;

	@Autowired
	Records records;

	private WebSession admin() {
		return WebSession.signIn(port, "admin", "admin-test");
	}

	private static String unique(String prefix) {
		return prefix + UUID.randomUUID().toString().substring(0, 8);
	}

	private String user(Api api, String name, String unit) {
		Api.Response created = api.post("/api/admin/users", Map.of("domainname", name, "lastname", name, "businessunitid", unit,
				"password", "secret-pass", "roles", List.of(SALESPERSON)));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return (String) created.json().get("id");
	}

	@Test
	void disablingABusinessUnitRefusesItsUsersAndThoseBelowUntilItIsEnabledAndTheRootCannotBeDisabled() {
		Api api = Api.admin(port);
		String unit = (String) api.post("/api/admin/businessunits", Map.of("name", unique("Closing "))).json().get("id");
		String below = (String) api.post("/api/admin/businessunits", Map.of("name", unique("Closing child "),
				"parentbusinessunitid", unit)).json().get("id");
		String name = unique("bu");
		String childName = unique("buc");
		user(api, name, unit);
		user(api, childName, below);
		WebSession signedIn = WebSession.signIn(port, name, "secret-pass");
		assertThat(signedIn.get("/app/account").statusCode()).isEqualTo(200);
		assertThat(new Api(port, name, "secret-pass").get("/api/data/v9.2/accounts").status()).isEqualTo(200);

		WebSession admin = admin();
		String page = admin.get("/app/settings/businessunits/" + unit).body();
		assertThat(page).contains("id=\"toggle-unit\"").contains(">Disable<");
		HttpResponse<String> disabled = admin.post("/app/settings/businessunits/" + unit + "/disabled", "disabled=true");
		assertThat(disabled.body()).contains("Disabled: the unit").contains(">Enable<");
		assertThat(admin.get("/app/settings/businessunits?q=" + WebSession.enc(page.replaceAll("(?s).*<h1[^>]*><span>([^<]+)</span>.*", "$1"))).body())
			.contains("badge text-bg-secondary\">Disabled<");
		assertThat(admin.get("/app/settings/businessunits/" + below).body()).contains("A business unit above this one is disabled");

		// the signed-in user's next request ends their session, and the sign-in page says why
		HttpResponse<String> next = signedIn.get("/app/account");
		assertThat(next.uri().getPath()).isEqualTo("/login");
		assertThat(next.body()).contains("Your business unit is disabled");
		WebSession again = WebSession.anonymous(port);
		assertThat(again.signInFails(name, "secret-pass")).isTrue();
		assertThat(again.get("/login?disabled=unit").body()).contains("Your business unit is disabled");
		HttpResponse<String> refusedSignIn = WebSession.anonymous(port).post("/login", "username=" + childName + "&password=secret-pass");
		assertThat(refusedSignIn.uri().toString()).contains("/login?disabled=unit");
		assertThat(refusedSignIn.body()).contains("Your business unit is disabled");
		assertThat(new Api(port, name, "secret-pass").get("/api/data/v9.2/accounts").status()).isEqualTo(401);

		// an update cannot set the flag; the root cannot be disabled (no button, and a crafted post is refused)
		Api.Response patch = api.patch("/api/data/v9.2/businessunits(" + unit + ")", Map.of("isdisabled", false));
		assertThat(patch.status()).isEqualTo(400);
		assertThat(admin.get("/app/settings/businessunits/" + ROOT).body()).doesNotContain("id=\"toggle-unit\"")
			.contains("cannot be disabled");
		HttpResponse<String> root = admin.post("/app/settings/businessunits/" + ROOT + "/disabled", "disabled=true");
		assertThat(root.statusCode()).isEqualTo(400);
		assertThat(root.body()).contains("The organization (the root business unit) cannot be disabled.");
		assertThat(api.post("/api/admin/businessunits/" + ROOT + "/disabled", Map.of("disabled", true)).status()).isEqualTo(400);

		// the change history has both changes, by the administrator
		String history = api.get("/api/audit/systemuser/" + ADMIN).body();
		assertThat(history).contains("BusinessUnitDisabled").contains(unit);

		admin.get("/app/settings/businessunits/" + unit);
		assertThat(admin.post("/app/settings/businessunits/" + unit + "/disabled", "disabled=false").body()).contains("Enabled: the unit");
		WebSession.signIn(port, name, "secret-pass");
		WebSession.signIn(port, childName, "secret-pass");
		assertThat(api.get("/api/audit/systemuser/" + ADMIN).body()).contains("BusinessUnitEnabled");

		// a salesperson cannot disable a unit
		WebSession sales = WebSession.signIn(port, name, "secret-pass");
		sales.get("/");
		assertThat(sales.post("/app/settings/businessunits/" + unit + "/disabled", "disabled=true").statusCode()).isEqualTo(403);
	}

	@Test
	void aCustomFieldAddedAsSecuredInSettingsIsSecured() {
		WebSession admin = admin();
		String field = "new_sec" + UUID.randomUUID().toString().substring(0, 6);
		String form = admin.get("/app/settings/entities/account").body();
		assertThat(form).contains("<label class=\"form-check-label small\" for=\"af-secured\">Secured (field security)</label>");
		HttpResponse<String> added = admin.post("/app/settings/entities/account/fields", "name=" + field
				+ "&displayName=Secret+" + field + "&type=String&maxLength=50&secured=true");
		assertThat(added.body()).contains("Added the field <span>" + field + "</span>").contains("data-secured=\"" + field + "\">Yes<");
		Api api = Api.admin(port);
		Api.Response attribute = api.get("/api/data/v9.2/EntityDefinitions(LogicalName='account')/Attributes(LogicalName='" + field + "')");
		assertThat(attribute.status()).as(attribute.body()).isEqualTo(200);
		assertThat(attribute.json()).containsEntry("IsSecured", true);

		// the administrator sets it; a salesperson without a field security profile does not get it
		Api.Response account = api.post("/api/data/v9.2/accounts", Map.of("name", "Secured " + field, field, "TopSecretValue"),
				"Prefer", "return=representation");
		assertThat(account.status()).as(account.body()).isEqualTo(201);
		String id = account.json().get("accountid").toString();
		assertThat(api.get("/api/data/v9.2/accounts(" + id + ")").body()).contains("TopSecretValue");
		String user = unique("sec");
		String userId = SettingsPagesIntegrationTest.createUser(admin, user, SALESPERSON);
		records.assign(Principal.systemPrincipal(), new RecordRef("account", UUID.fromString(id)),
				new RecordRef("systemuser", UUID.fromString(userId)));
		Api.Response seen = new Api(port, user, "secret-pass").get("/api/data/v9.2/accounts(" + id + ")");
		assertThat(seen.status()).isEqualTo(200);
		assertThat(seen.body()).contains("Secured " + field).doesNotContain("TopSecretValue");

		// without the flag, a field is not secured
		String plain = "new_pla" + UUID.randomUUID().toString().substring(0, 6);
		admin.get("/app/settings/entities/account");
		assertThat(admin.post("/app/settings/entities/account/fields", "name=" + plain + "&displayName=Plain&type=String").body())
			.contains("data-secured=\"" + plain + "\"><");
	}

	@Test
	void theUsersTeamsRolesAndBusinessUnitsListsPageByFiftyAndFindByName() {
		String id = UUID.randomUUID().toString().substring(0, 6);
		Principal system = Principal.systemPrincipal();
		RecordRef root = new RecordRef("businessunit", UUID.fromString(ROOT));
		for (int i = 0; i < 51; i++) {
			String n = String.format("%s%02d", id, i);
			records.create(system, new EntityRecord("systemuser").set("domainname", "pgu" + n).set("lastname", "pgu" + n).set("businessunitid", root));
			records.create(system, new EntityRecord("team").set("name", "pgt" + n).set("teamtype", 0).set("businessunitid", root));
			records.create(system, new EntityRecord("role").set("name", "pgr" + n).set("businessunitid", root));
			records.create(system, new EntityRecord("businessunit").set("name", "pgb" + n).set("parentbusinessunitid", root));
		}
		WebSession admin = admin();
		for (String list : List.of("users", "teams", "roles", "businessunits")) {
			String prefix = "pg" + list.charAt(0) + id;
			String first = admin.get("/app/settings/" + list + "?q=" + prefix).body();
			assertThat(first).as(list).contains("id=\"quickfind\"").contains("Page 1").contains(">" + prefix + "00<")
				.contains(">" + prefix + "49<").doesNotContain(">" + prefix + "50<").doesNotContain("rel=\"prev\"");
			Matcher next = Pattern.compile("href=\"([^\"]+)\" class=\"btn btn-sm btn-outline-secondary\" rel=\"next\"").matcher(first);
			assertThat(next.find()).as(list + " has a Next link").isTrue();
			String nextUrl = next.group(1).replace("&amp;", "&");
			assertThat(nextUrl).startsWith("/app/settings/" + list + "?").contains("q=" + prefix).contains("cursor=");
			String second = admin.get(nextUrl).body();
			assertThat(second).as(list).contains("Page 2").contains(">" + prefix + "50<").doesNotContain(">" + prefix + "49<")
				.contains("rel=\"prev\"").doesNotContain("rel=\"next\"");
			Matcher previous = Pattern.compile("href=\"([^\"]+)\" class=\"btn btn-sm btn-outline-secondary\" rel=\"prev\"").matcher(second);
			assertThat(previous.find()).isTrue();
			assertThat(admin.get(previous.group(1).replace("&amp;", "&")).body()).as(list).contains("Page 1").contains(">" + prefix + "00<");
			// quick find narrows to one
			assertThat(admin.get("/app/settings/" + list + "?q=" + prefix + "07").body()).as(list).contains(">" + prefix + "07<")
				.doesNotContain(">" + prefix + "08<").doesNotContain("rel=\"next\"");
		}
		assertThat(admin.get("/app/settings/users?q=nobody-" + id).body()).doesNotContain(">pgu" + id);
	}
}
