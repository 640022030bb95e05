package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.rapport.test.Api;
import io.rapport.test.RapportTest;

/**
 * The Settings area over plain HTTP with signed-in sessions: business units, users, teams, security roles with the
 * privilege grid; only administrators see it, and a crafted request from anybody else is refused with a 403 page.
 */
@RapportTest
class SettingsPagesIntegrationTest {

	static final String SALESPERSON = "00000000-0000-0000-0000-0000000000a3";
	static final String ROOT = "00000000-0000-0000-0000-000000000010";

	@LocalServerPort
	int port;

	private WebSession admin() {
		return WebSession.signIn(port, "admin", "admin-test");
	}

	private static String unique(String prefix) {
		return prefix + UUID.randomUUID().toString().substring(0, 8);
	}

	private static String idIn(HttpResponse<String> r, String kind) {
		Matcher m = Pattern.compile("/app/settings/" + kind + "/([0-9a-f-]{36})").matcher(r.uri().getPath());
		assertThat(m.find()).as("on a " + kind + " page: " + r.uri() + "\n" + r.body()).isTrue();
		return m.group(1);
	}

	private static String recordId(HttpResponse<String> r) {
		Matcher m = Pattern.compile("/app/[a-z_]+/([0-9a-f-]{36})").matcher(r.uri().getPath());
		assertThat(m.find()).as("on a record page: " + r.uri()).isTrue();
		return m.group(1);
	}

	/** Creates a user through the Settings page; returns the user's id. */
	static String createUser(WebSession admin, String userName, String roleId) {
		admin.get("/app/settings/users");
		HttpResponse<String> created = admin.post("/app/settings/users", "domainname=" + userName + "&firstname=Test&lastname="
				+ userName + "&internalemailaddress=" + userName + "%40example.com&businessunitid=" + ROOT + "&password=secret-pass"
				+ (roleId == null ? "" : "&roles=" + roleId));
		assertThat(created.body()).as(created.body()).contains("User created");
		Matcher m = Pattern.compile("/app/settings/users/([0-9a-f-]{36})").matcher(created.uri().getPath());
		assertThat(m.find()).isTrue();
		return m.group(1);
	}

	@Test
	void settingsAreForAdministratorsOnlyAndACraftedRequestIsRefusedWithA403Page() {
		WebSession admin = admin();
		assertThat(admin.get("/").body()).contains("href=\"/app/settings\"");
		String home = admin.get("/app/settings").body();
		assertThat(home).contains("href=\"/app/settings/businessunits\"").contains("href=\"/app/settings/users\"")
			.contains("href=\"/app/settings/teams\"").contains("href=\"/app/settings/roles\"")
			.contains("href=\"/app/settings/fieldsecurity\"").contains("href=\"/app/jobs\"");
		String name = unique("sales");
		createUser(admin, name, SALESPERSON);

		WebSession salesperson = WebSession.signIn(port, name, "secret-pass");
		assertThat(salesperson.get("/").body()).doesNotContain("href=\"/app/settings\"");
		for (String page : new String[] { "/app/settings", "/app/settings/users", "/app/settings/roles",
				"/app/settings/roles/" + SALESPERSON, "/app/settings/businessunits" }) {
			HttpResponse<String> refused = salesperson.get(page);
			assertThat(refused.statusCode()).as(page).isEqualTo(403);
			assertThat(refused.body()).as(page).contains("You do not have permission");
		}
		salesperson.get("/");
		HttpResponse<String> craftedRole = salesperson.post("/app/settings/roles", "name=Sneaky");
		assertThat(craftedRole.statusCode()).isEqualTo(403);
		assertThat(craftedRole.body()).contains("You do not have permission");
		salesperson.get("/");
		assertThat(salesperson.post("/app/settings/roles/" + SALESPERSON, "d_account_Delete=Organization").statusCode()).isEqualTo(403);
		salesperson.get("/");
		assertThat(salesperson.post("/app/settings/users", "domainname=sneaky&businessunitid=" + ROOT + "&password=12345678")
			.statusCode()).isEqualTo(403);
		assertThat(admin.get("/app/settings/roles?q=Sneaky").body()).doesNotContain(">Sneaky<");
		assertThat(admin.get("/app/settings/users?q=sneaky").body()).doesNotContain(">sneaky<");
	}

	@Test
	void aBusinessUnitIsCreatedUnderItsParentShownInTheTreeAndRenamed() {
		WebSession admin = admin();
		String parent = unique("Region ");
		String child = unique("Branch ");
		admin.get("/app/settings/businessunits");
		HttpResponse<String> created = admin.post("/app/settings/businessunits", "name=" + WebSession.enc(parent) + "&parentbusinessunitid=" + ROOT);
		assertThat(created.body()).contains("Business unit created").contains(parent);
		String parentId = created.uri().getQuery().replace("created=", "");
		admin.post("/app/settings/businessunits", "name=" + WebSession.enc(child) + "&parentbusinessunitid=" + parentId);
		String list = admin.get("/app/settings/businessunits?q=" + WebSession.enc(child)).body();
		Matcher childRow = Pattern.compile(">" + Pattern.quote(child) + "</a>\\s*</td>\\s*<td>" + Pattern.quote(parent) + "</td>").matcher(list);
		assertThat(childRow.find()).as("the child is listed with its parent\n" + list).isTrue();
		assertThat(admin.get("/app/settings/businessunits").body()).containsPattern(
				"<option value=\"" + parentId + "\"[^>]*>— " + Pattern.quote(parent) + "</option>");

		String page = admin.get("/app/settings/businessunits/" + parentId).body();
		HttpResponse<String> renamed = admin.post("/app/settings/businessunits/" + parentId,
				"name=" + WebSession.enc(parent + " North") + "&versionnumber=" + WebPagesIntegrationTest.version(page));
		assertThat(renamed.body()).contains("Business unit saved").contains(parent + " North");

		admin.get("/app/settings/businessunits");
		HttpResponse<String> blank = admin.post("/app/settings/businessunits", "name=&parentbusinessunitid=" + parentId);
		assertThat(blank.statusCode()).isEqualTo(200);
		assertThat(blank.body()).contains("id=\"err-name\"");
	}

	@Test
	void aUserIsCreatedWithARoleSignsInAndIsGivenAPasswordRolesAndAnotherBusinessUnit() {
		WebSession admin = admin();
		String name = unique("ada");
		String id = createUser(admin, name, SALESPERSON);
		String page = admin.get("/app/settings/users/" + id).body();
		assertThat(page).contains("Salesperson").contains(name + "@example.com");
		assertThat(admin.get("/app/settings/users?q=" + name).body()).contains(">" + name + "<");
		WebSession.signIn(port, name, "secret-pass");

		HttpResponse<String> password = admin.post("/app/settings/users/" + id + "/password", "password=another-secret");
		assertThat(password.body()).contains("Password set");
		WebSession.signIn(port, name, "another-secret");

		String readOnly = "00000000-0000-0000-0000-0000000000a6";
		assertThat(admin.post("/app/settings/users/" + id + "/roles", "roles=" + readOnly).body()).contains("Read-Only");
		HttpResponse<String> removed = admin.post("/app/settings/users/" + id + "/roles/" + SALESPERSON + "/remove", "");
		assertThat(removed.body()).contains("Security roles updated").contains("Read-Only")
			.doesNotContain("roles/" + SALESPERSON + "/remove");

		admin.get("/app/settings/businessunits");
		String unitId = admin.post("/app/settings/businessunits", "name=" + unique("Unit ") + "&parentbusinessunitid=" + ROOT)
			.uri().getQuery().replace("created=", "");
		HttpResponse<String> moved = admin.post("/app/settings/users/" + id + "/businessunit", "businessunitid=" + unitId);
		assertThat(moved.body()).contains("Moved to the other business unit");
		assertThat(moved.body()).containsPattern("<option value=\"" + unitId + "\" selected");

		HttpResponse<String> disabled = admin.post("/app/settings/users/" + id + "/disabled", "disabled=true");
		assertThat(disabled.body()).contains("User disabled");
		WebSession refused = WebSession.anonymous(port);
		assertThat(refused.signInFails(name, "another-secret")).isTrue();
	}

	@Test
	void aRefusedNewUserKeepsWhatWasTypedAndSaysWhatIsWrongNextToEachField() {
		WebSession admin = admin();
		admin.get("/app/settings/users");
		HttpResponse<String> refused = admin.post("/app/settings/users",
				"domainname=&firstname=Keep&lastname=Me&internalemailaddress=keep%40example.com&businessunitid=" + ROOT
						+ "&password=short&roles=" + SALESPERSON);
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("id=\"err-domainname\"").contains("id=\"err-password\"")
			.contains("value=\"Keep\"").contains("value=\"Me\"").contains("value=\"keep@example.com\"")
			.containsPattern("value=\"" + SALESPERSON + "\"[^>]*checked");

		String name = unique("twin");
		createUser(admin, name, null);
		admin.get("/app/settings/users");
		HttpResponse<String> twin = admin.post("/app/settings/users", "domainname=" + name + "&businessunitid=" + ROOT + "&password=secret-pass");
		assertThat(twin.statusCode()).isEqualTo(200);
		assertThat(twin.body()).contains("value=\"" + name + "\"").contains("role=\"alert\"");

		String ghost = unique("ghost");
		admin.get("/app/settings/users");
		HttpResponse<String> unknownRole = admin.post("/app/settings/users", "domainname=" + ghost + "&businessunitid=" + ROOT
				+ "&password=secret-pass&roles=" + UUID.randomUUID());
		assertThat(unknownRole.statusCode()).isBetween(400, 404);
		assertThat(admin.get("/app/settings/users?q=" + ghost).body()).as("nothing half-created").doesNotContain(">" + ghost + "<");
	}

	@Test
	void anOwnerTeamGetsMembersAndRolesAndLosesThemAgain() {
		WebSession admin = admin();
		String member = unique("mia");
		String memberId = createUser(admin, member, null);
		String team = unique("Team ");
		admin.get("/app/settings/teams");
		HttpResponse<String> created = admin.post("/app/settings/teams", "name=" + WebSession.enc(team) + "&businessunitid=" + ROOT + "&teamtype=0");
		String teamId = idIn(created, "teams");
		assertThat(created.body()).contains("Team created").contains("Owner team");
		assertThat(admin.post("/app/settings/teams/" + teamId + "/members", "members=" + memberId).body())
			.contains("Members updated").contains("users/" + memberId);
		assertThat(admin.post("/app/settings/teams/" + teamId + "/roles", "roles=" + SALESPERSON).body())
			.contains("Security roles updated").contains("roles/" + SALESPERSON + "/remove");
		assertThat(admin.get("/app/settings/users/" + memberId).body()).contains(team);
		assertThat(admin.get("/app/settings/teams?q=" + WebSession.enc(team)).body()).contains(team);

		WebSession mia = WebSession.signIn(port, member, "secret-pass");
		assertThat(mia.get("/").body()).as("the team's role gives its member access").contains("data-entity=\"account\"");

		assertThat(admin.post("/app/settings/teams/" + teamId + "/members/" + memberId + "/remove", "").body())
			.doesNotContain("members/" + memberId + "/remove");
		assertThat(admin.post("/app/settings/teams/" + teamId + "/roles/" + SALESPERSON + "/remove", "").body())
			.doesNotContain("roles/" + SALESPERSON + "/remove");
		HttpResponse<String> noName = admin.post("/app/settings/teams", "name=&businessunitid=" + ROOT + "&teamtype=1");
		assertThat(noName.body()).contains("id=\"err-name\"");
	}

	@Test
	void aRoleSavedOnTheGridTakesEffectAtOnceForItsUsers() {
		WebSession admin = admin();
		String roleName = unique("Account readers ");
		admin.get("/app/settings/roles");
		HttpResponse<String> created = admin.post("/app/settings/roles", "name=" + WebSession.enc(roleName));
		String roleId = idIn(created, "roles");
		String grid = created.body();
		assertThat(grid).contains("Role created").contains("name=\"d_account_Read\"").contains("name=\"d_businessunit_Read\"")
			.contains("<label for=\"d_account_Read\" class=\"visually-hidden\">Read on Accounts</label>");
		String name = unique("reader");
		createUser(admin, name, roleId);
		String account = unique("Visible ");
		admin.get("/app/account/new");
		admin.post("/app/account/new", "a_name=" + WebSession.enc(account));
		WebSession reader = WebSession.signIn(port, name, "secret-pass");
		assertThat(reader.get("/").body()).doesNotContain("data-entity=\"account\"");
		assertThat(reader.get("/app/account?view=all&q=" + WebSession.enc(account)).body()).doesNotContain(account + "<");

		admin.get("/app/settings/roles/" + roleId);
		HttpResponse<String> saved = admin.post("/app/settings/roles/" + roleId,
				"d_account_Read=Organization&d_account_Create=User&d_userquery_Read=User&d_userquery_Create=User");
		assertThat(saved.body()).contains("Privileges saved");
		assertThat(saved.body()).containsPattern("id=\"d_account_Read\"[^>]*>\\s*(<option[^>]*>[^<]*</option>\\s*)*<option value=\"Organization\" selected");

		String home = reader.get("/").body();
		assertThat(home).contains("data-entity=\"account\"");
		HttpResponse<String> accounts = reader.get("/app/account?view=all&q=" + WebSession.enc(account));
		assertThat(accounts.statusCode()).isEqualTo(200);
		assertThat(accounts.body()).contains(account + "<");
	}

	@Test
	void anOrganizationOwnedEntityTakesOnlyNoneOrOrganizationAndTheSystemAdministratorRoleCannotBeChanged() {
		WebSession admin = admin();
		admin.get("/app/settings/roles");
		String roleId = idIn(admin.post("/app/settings/roles", "name=" + WebSession.enc(unique("Strict "))), "roles");
		String grid = admin.get("/app/settings/roles/" + roleId).body();
		Matcher unitSelect = Pattern.compile("id=\"d_businessunit_Read\".*?</select>", Pattern.DOTALL).matcher(grid);
		assertThat(unitSelect.find()).isTrue();
		assertThat(unitSelect.group()).contains("value=\"Organization\"").doesNotContain("value=\"BusinessUnit\"");

		HttpResponse<String> refused = admin.post("/app/settings/roles/" + roleId, "d_businessunit_Read=BusinessUnit&d_account_Read=Sideways");
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("id=\"err-d_businessunit_Read\"").contains("id=\"err-d_account_Read\"")
			.contains("are marked below");

		String sysAdmin = admin.get("/app/settings/roles/00000000-0000-0000-0000-0000000000a1").body();
		assertThat(sysAdmin).contains("cannot be changed").doesNotContain("id=\"save-privileges\"");
		HttpResponse<String> crafted = admin.post("/app/settings/roles/00000000-0000-0000-0000-0000000000a1", "d_account_Read=None");
		assertThat(crafted.body()).contains("cannot be changed");
	}

	@Test
	void aFieldSecurityProfileLetsItsUsersSeeASecuredFieldOnceItAllowsReading() {
		WebSession admin = admin();
		String field = "new_code" + UUID.randomUUID().toString().substring(0, 6);
		Api.Response added = Api.admin(port).post("/api/admin/entities/contact/attributes",
				Map.of("name", field, "displayName", "Secret code " + field, "type", "String", "maxLength", 50, "secured", true));
		assertThat(added.status()).as(added.body()).isEqualTo(201);
		Matcher formVersion = Pattern.compile("name=\"versionnumber\" value=\"(\\d+)\"")
			.matcher(admin.get("/app/settings/forms?entity=contact").body());
		HttpResponse<String> onForm = admin.post("/app/settings/forms", "entity=contact&action=addfield&section=contact_information&field="
				+ field + (formVersion.find() ? "&versionnumber=" + formVersion.group(1) : ""));
		assertThat(onForm.body()).as("the secured field is put on the contact form").contains("Form saved");
		String clerk = unique("clerk");
		String clerkId = createUser(admin, clerk, SALESPERSON);
		admin.get("/app/contact/new");
		String contact = recordId(admin.post("/app/contact/new", "a_lastname=Secretive&a_" + field + "=XYZ"));
		WebSession session = WebSession.signIn(port, clerk, "secret-pass");
		assertThat(session.get("/app/contact/" + contact).body()).contains("Secretive").doesNotContain("a_" + field);

		admin.get("/app/settings/fieldsecurity");
		HttpResponse<String> created = admin.post("/app/settings/fieldsecurity", "name=" + WebSession.enc(unique("Secrets ")));
		String profile = idIn(created, "fieldsecurity");
		assertThat(created.body()).contains("Profile created").contains("Contacts: Secret code " + field);
		HttpResponse<String> saved = admin.post("/app/settings/fieldsecurity/" + profile + "/permissions", "canread_contact." + field + "=4");
		assertThat(saved.body()).contains("Permissions saved")
			.containsPattern("name=\"canread_contact\\." + field + "\"[^>]*checked")
			.doesNotContainPattern("name=\"canupdate_contact\\." + field + "\"[^>]*checked");
		assertThat(admin.post("/app/settings/fieldsecurity/" + profile + "/users", "users=" + clerkId).body())
			.contains("Members updated").contains("users/" + clerkId + "/remove");

		assertThat(session.get("/app/contact/" + contact).body()).contains("a_" + field).contains("XYZ");
		admin.post("/app/settings/fieldsecurity/" + profile + "/users/" + clerkId + "/remove", "");
		assertThat(session.get("/app/contact/" + contact).body()).doesNotContain("a_" + field);
	}

	@Test
	void theDefaultSystemViewChosenInSettingsIsWhatTheEntitysListOpensWith() {
		WebSession admin = admin();
		String entity = "new_gadget" + UUID.randomUUID().toString().substring(0, 6);
		Api.Response created = Api.admin(port).post("/api/admin/entities", Map.of("logicalName", entity, "displayName", "Gadget",
				"displayCollectionName", "Gadgets", "ownership", "UserOwned", "primaryNameAttribute", "new_name",
				"attributes", java.util.List.of(Map.of("name", "new_name", "displayName", "Name", "type", "String", "maxLength", 100),
						Map.of("name", "new_size", "displayName", "Size", "type", "Integer"),
						Map.of("name", "new_weight", "displayName", "Weight", "type", "Integer"))));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		admin.get("/app/" + entity + "/new");
		for (String[] g : new String[][] { { "Alpha", "1" }, { "Bravo", "2" }, { "Charlie", "3" }, { "Other", "4" } }) {
			admin.post("/app/" + entity + "/new", "a_new_name=" + g[0] + "&a_new_size=" + g[1]);
		}
		String before = admin.get("/app/" + entity).body();
		assertThat(before).contains("Other").doesNotContain(">Gadgets shown first<");

		String editor = admin.get("/app/settings/views?entity=" + entity).body();
		assertThat(editor).contains("name=\"show_new_size\"").contains("<label for=\"order_new_size\" class=\"visually-hidden\">Position of Size</label>")
			.contains("has no default system view yet");
		HttpResponse<String> refused = admin.post("/app/settings/views", "entity=" + entity + "&name=&order_new_size=x&show_new_size=1"
				+ "&fa=new_name&fo=Eq&fv=Keep");
		assertThat(refused.body()).contains("id=\"err-name\"").contains("id=\"err-order_new_size\"").contains("value=\"Keep\"");
		HttpResponse<String> badValue = admin.post("/app/settings/views", "entity=" + entity + "&name=Bad&show_new_name=1"
				+ "&fa=new_size&fo=Eq&fv=lots&sort=new_nonexistent");
		assertThat(badValue.statusCode()).isEqualTo(200);
		assertThat(badValue.body()).contains("The view was not saved").contains("value=\"lots\"");
		HttpResponse<String> saved = admin.post("/app/settings/views", "entity=" + entity + "&name=" + WebSession.enc("Gadgets shown first")
				+ "&show_new_weight=1&order_new_weight=1&show_new_size=1&order_new_size=2&show_new_name=1&order_new_name=3"
				+ "&sort=new_name&desc=true&fm=or"
				+ "&fa=new_name&fo=BeginsWith&fv=A&fa=new_name&fo=BeginsWith&fv=B&fa=new_name&fo=Eq&fv=Charlie");
		assertThat(saved.body()).contains("Default view saved").contains("value=\"Gadgets shown first\"");

		String list = admin.get("/app/" + entity).body();
		assertThat(list).contains(">Gadgets shown first<").contains("Charlie").contains("Alpha").doesNotContain("Other");
		assertThat(list).contains("data-sort=\"new_name\"");
		assertThat(list.indexOf("data-sort=\"new_weight\"")).as("columns in the chosen order").isGreaterThan(0)
			.isLessThan(list.indexOf("data-sort=\"new_size\""));
		assertThat(list.indexOf("Charlie")).isLessThan(list.indexOf("Bravo"));
		assertThat(list.indexOf("Bravo")).isLessThan(list.indexOf("Alpha"));
		assertThat(admin.get("/app/" + entity + "?view=all").body()).as("the other views are still there").contains("Other");

		String reopened = admin.get("/app/settings/views?entity=" + entity).body();
		assertThat(reopened).doesNotContain("has no default system view yet").containsPattern("name=\"show_new_size\"[^>]*checked");
		HttpResponse<String> stale = admin.post("/app/settings/views", "entity=" + entity + "&name=Stale&show_new_name=1&versionnumber=999");
		assertThat(stale.body()).contains("Someone else changed this");
	}
	@Test
	void aSystemViewWithNestedGroupsSavedThroughTheApiOpensWithItsGroupsAndTheEditorSaysWhatItCannotShow() {
		WebSession admin = WebSession.signIn(port, "admin", "admin-test");
		Api api = Api.admin(port);
		String entity = "new_nest" + UUID.randomUUID().toString().substring(0, 6);
		Api.Response created = api.post("/api/admin/entities", Map.of("logicalName", entity, "displayName", "Nest",
				"displayCollectionName", "Nests", "ownership", "UserOwned", "primaryNameAttribute", "new_name",
				"attributes", java.util.List.of(Map.of("name", "new_name", "displayName", "Name", "type", "String", "maxLength", 100),
						Map.of("name", "new_size", "displayName", "Size", "type", "Integer"))));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		admin.get("/app/" + entity + "/new");
		for (String[] n : new String[][] { { "Alpha", "1" }, { "Bravo", "2" }, { "Charlie", "3" }, { "Other", "2" } }) {
			admin.post("/app/" + entity + "/new", "a_new_name=" + n[0] + "&a_new_size=" + n[1]);
		}
		// names beginning with A, B or C, and (size 1 or size 3)
		String query = "{\"entity\":\"" + entity + "\",\"columns\":[\"new_name\",\"new_size\"],\"filter\":{\"and\":["
				+ "{\"or\":[{\"attribute\":\"new_name\",\"operator\":\"BeginsWith\",\"values\":[\"A\"]},"
				+ "{\"attribute\":\"new_name\",\"operator\":\"BeginsWith\",\"values\":[\"B\"]},"
				+ "{\"attribute\":\"new_name\",\"operator\":\"BeginsWith\",\"values\":[\"C\"]}]},"
				+ "{\"or\":[{\"attribute\":\"new_size\",\"operator\":\"Eq\",\"values\":[1]},"
				+ "{\"attribute\":\"new_size\",\"operator\":\"Eq\",\"values\":[3]}]}]}}";
		Api.Response view = api.post("/api/data/v9.2/savedqueries", Map.of("name", "Odd nests", "returnedtypecode", entity,
				"querytype", 0, "isdefault", true, "querydefinition", query));
		assertThat(view.status()).as(view.body()).isEqualTo(201);

		String list = admin.get("/app/" + entity).body();
		assertThat(list).contains(">Odd nests<", "Alpha", "Charlie").doesNotContain("Bravo").doesNotContain("Other")
			.contains("data-group=\"1\"", "data-group=\"2\"").doesNotContain("id=\"filter-not-shown\"");
		String editor = admin.get("/app/settings/views?entity=" + entity).body();
		assertThat(editor).contains("id=\"filter-not-shown\"", "Saving here replaces the whole filter");
	}
}
