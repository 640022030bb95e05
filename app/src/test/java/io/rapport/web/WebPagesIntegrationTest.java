package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.rapport.test.Api;
import io.rapport.test.RapportTest;

/** The web application over plain HTTP: pages render, forms save through the pipeline, problems show as pages. */
@RapportTest
class WebPagesIntegrationTest {

	@LocalServerPort
	int port;

	private static String id(HttpResponse<String> r) {
		Matcher m = Pattern.compile("/app/[a-z0-9_]+/([0-9a-f-]{36})").matcher(r.uri().getPath());
		assertThat(m.find()).as("on a record page: " + r.uri()).isTrue();
		return m.group(1);
	}

	@Test
	void theSignInPageIsRapportsOwnAndTheHomePageShowsNavigationByArea() {
		WebSession admin = WebSession.signIn(port, "admin", "admin-test");
		String home = admin.get("/").body();
		assertThat(home).contains("My open activities").contains("Recently modified by me")
			.contains("href=\"/app/account\"").contains("href=\"/app/contact\"").contains(">Sales<").contains(">Activities<");
	}

	@Test
	void aRecordIsCreatedOnItsFormAndListedWithItsLookupNamed() {
		WebSession admin = WebSession.signIn(port, "admin", "admin-test");
		String name = "Formworks " + UUID.randomUUID().toString().substring(0, 6);
		assertThat(admin.get("/app/account/new").body()).contains("name=\"a_name\"").contains("<select").doesNotContain("a_statecode");
		assertThat(admin.get("/app/contact/new").body()).contains("type=\"date\"");
		HttpResponse<String> created = admin.post("/app/account/new", "a_name=" + WebSession.enc(name) + "&a_revenue=1234.5&a_industrycode=1");
		String accountId = id(created);
		assertThat(created.body()).contains(name).contains("1234.5").contains("Timeline");
		HttpResponse<String> contact = admin.post("/app/contact/new", "a_firstname=Ada&a_lastname=Form" + "&a_parentcustomerid="
				+ WebSession.enc("account:" + accountId) + "&t_parentcustomerid=" + WebSession.enc(name));
		assertThat(contact.statusCode()).isEqualTo(200);
		String list = admin.get("/app/contact?q=Ada").body();
		assertThat(list).contains("Ada Form").contains("href=\"/app/account/" + accountId + "\"").contains(name);
		assertThat(admin.get("/app/account/" + accountId).body()).as("the account's contacts subgrid").contains("Ada Form");
	}

	@Test
	void aValidationErrorIsShownNextToTheFieldAndKeepsWhatWasTyped() {
		WebSession admin = WebSession.signIn(port, "admin", "admin-test");
		HttpResponse<String> refused = admin.post("/app/contact/new", "a_firstname=Keep%20Me&a_lastname=&a_emailaddress1=not-an-email");
		assertThat(refused.uri().getPath()).isEqualTo("/app/contact/new");
		assertThat(refused.body()).contains("value=\"Keep Me\"").contains("id=\"err-emailaddress1\"").contains("id=\"err-lastname\"");
	}

	@Test
	void aStaleFormIsRefusedAndOffersToReload() {
		WebSession admin = WebSession.signIn(port, "admin", "admin-test");
		String id = id(admin.post("/app/account/new", "a_name=Stale"));
		admin.post("/app/account/" + id, "versionnumber=" + version(admin.get("/app/account/" + id).body()) + "&a_name=Changed%20first");
		HttpResponse<String> stale = admin.post("/app/account/" + id, "versionnumber=1&a_name=Changed%20second");
		assertThat(stale.statusCode()).isEqualTo(200);
		assertThat(stale.body()).contains("Someone else changed this record").contains("Reload the record").contains("Changed second");
		assertThat(admin.get("/app/account/" + id).body()).contains("Changed first").doesNotContain("Changed second");
	}

	@Test
	void listsPageWithACursorAndSortByAHeader() {
		WebSession admin = WebSession.signIn(port, "admin", "admin-test");
		String prefix = "Pg" + UUID.randomUUID().toString().substring(0, 4);
		for (int i = 0; i < 55; i++) {
			admin.post("/app/account/new", "a_name=" + prefix + String.format("%02d", i) + "&suppressduplicates=true");
		}
		String first = admin.get("/app/account?view=all&q=" + prefix).body();
		assertThat(first).contains(prefix + "00").contains(prefix + "49").doesNotContain(prefix + "50").contains("rel=\"next\"");
		Matcher next = Pattern.compile("href=\"([^\"]+)\" class=\"[^\"]*\" rel=\"next\"").matcher(first);
		assertThat(next.find()).isTrue();
		String second = admin.get(next.group(1).replace("&amp;", "&")).body();
		assertThat(second).contains(prefix + "54").doesNotContain(prefix + "49<").contains("rel=\"prev\"");
		String descending = admin.get("/app/account?view=all&sort=name&desc=true&q=" + prefix).body();
		assertThat(descending.indexOf(prefix + "54")).isLessThan(descending.indexOf(prefix + "10"));
	}

	@Test
	void aRecordIsDeactivatedActivatedAssignedAndDeletedAfterAConfirmation() {
		WebSession admin = WebSession.signIn(port, "admin", "admin-test");
		String id = id(admin.post("/app/account/new", "a_name=Lifecycle"));
		String inactive = admin.post("/app/account/" + id + "/state?to=inactive", "").body();
		assertThat(inactive).contains("id=\"activate\"").doesNotContain("id=\"deactivate\"").contains("Inactive");
		assertThat(admin.post("/app/account/" + id + "/state?to=active", "").body()).contains("id=\"deactivate\"");
		Api api = Api.admin(port);
		String login = "owner-" + UUID.randomUUID().toString().substring(0, 6);
		api.post("/api/admin/users", Map.of("domainname", login, "fullname", "Olive " + login, "password", "owner-pw",
				"roles", List.of("00000000-0000-0000-0000-0000000000a3")));
		assertThat(admin.get("/app/lookup?entity=account&attribute=ownerid&t_owner=Olive").body()).contains("Olive " + login);
		String assigned = admin.post("/app/account/" + id + "/assign", "owner=" + WebSession.enc("systemuser:" + userId(api, login))).body();
		assertThat(assigned).contains("Assigned.").contains("Olive " + login);
		String confirm = admin.get("/app/account/" + id + "/delete").body();
		assertThat(confirm).contains("Delete account Lifecycle?").contains("This cannot be undone");
		HttpResponse<String> deleted = admin.post("/app/account/" + id + "/delete", "versionnumber=" + version(confirm));
		assertThat(deleted.uri().getPath()).isEqualTo("/app/account");
		assertThat(deleted.body()).contains("Deleted.");
		assertThat(admin.get("/app/account/" + id).statusCode()).isEqualTo(404);
	}

	@Test
	void aPersonalViewPagesAndSortsByAHeaderWithoutLosingItsFilter() {
		WebSession admin = WebSession.signIn(port, "admin", "admin-test");
		String city = "Pv" + UUID.randomUUID().toString().substring(0, 5);
		for (int i = 0; i < 52; i++) {
			admin.post("/app/contact/new", "a_lastname=" + String.format("P%02d", i) + "&a_address1_city=" + city);
		}
		HttpResponse<String> saved = admin.post("/app/contact/views", "viewname=" + city + "&cols=fullname,address1_city"
				+ "&fm=and&fa=address1_city&fo=Eq&fv=" + city + "&sort=fullname&desc=false");
		String first = saved.body();
		assertThat(first).contains("P00").contains("P49").doesNotContain("P50");
		Matcher next = Pattern.compile("href=\"([^\"]+)\" class=\"[^\"]*\" rel=\"next\"").matcher(first);
		assertThat(next.find()).isTrue();
		String second = admin.get(next.group(1).replace("&amp;", "&")).body();
		assertThat(second).contains("P50").contains("P51").doesNotContain("P00<").contains("Page 2");
		String view = saved.uri().getQuery().replaceAll(".*view=([0-9a-f-]{36}).*", "$1");
		String descending = admin.get("/app/contact?view=" + view + "&sort=fullname&desc=true").body();
		assertThat(descending).contains("P51").doesNotContain("P00<").contains("Page 1");
	}

	@Test
	void aMissingRecordShowsAPageThatSaysSo() {
		WebSession admin = WebSession.signIn(port, "admin", "admin-test");
		HttpResponse<String> missing = admin.get("/app/account/" + UUID.randomUUID());
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.body()).contains("does not exist or you have no access to it");
	}

	@Test
	void aPossibleDuplicateIsShownOnSaveAndCanBeSavedAnyway() {
		WebSession admin = WebSession.signIn(port, "admin", "admin-test");
		String email = "dup-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com";
		id(admin.post("/app/contact/new", "a_lastname=First&a_emailaddress1=" + WebSession.enc(email)));
		HttpResponse<String> warned = admin.post("/app/contact/new", "a_lastname=Second&a_emailaddress1=" + WebSession.enc(email));
		assertThat(warned.body()).contains("may be a duplicate").contains("First").contains("Save anyway")
			.contains("name=\"suppressduplicates\"").contains("value=\"Second\"");
		HttpResponse<String> saved = admin.post("/app/contact/new",
				"a_lastname=Second&suppressduplicates=true&a_emailaddress1=" + WebSession.enc(email));
		id(saved);
	}

	@Test
	void aUserWithoutTheRightSeesNoButtonAndACraftedRequestIsRefused() {
		Api api = Api.admin(port);
		String unit = (String) api.post("/api/admin/businessunits", Map.of("name", "Refusals " + UUID.randomUUID())).json().get("id");
		String login = "refused-" + UUID.randomUUID().toString().substring(0, 6);
		api.post("/api/admin/users", Map.of("domainname", login, "fullname", login, "password", "refused-pw",
				"businessunitid", unit, "roles", List.of("00000000-0000-0000-0000-0000000000a6")));
		WebSession admin = WebSession.signIn(port, "admin", "admin-test");
		String id = id(admin.post("/app/account/new", "a_name=Not%20yours"));
		String version = version(admin.get("/app/account/" + id).body());
		admin.post("/app/account/" + id + "/share", "grantee=" + WebSession.enc("systemuser:" + userId(api, login)) + "&rights=Read");

		WebSession reader = WebSession.signIn(port, login, "refused-pw");
		String page = reader.get("/app/account/" + id).body();
		assertThat(page).contains("Not yours").doesNotContain("id=\"save\"").doesNotContain("id=\"delete\"")
			.doesNotContain("id=\"assign\"");
		assertThat(reader.get("/app/account").body()).doesNotContain(">New<");
		HttpResponse<String> delete = reader.post("/app/account/" + id + "/delete", "versionnumber=" + version);
		assertThat(delete.statusCode()).isEqualTo(403);
		assertThat(delete.body()).contains("You do not have permission");
		assertThat(reader.post("/app/account/" + id, "versionnumber=" + version + "&a_name=Mine%20now").statusCode()).isEqualTo(403);
		assertThat(admin.get("/app/account/" + id).body()).contains("Not yours").doesNotContain("Mine now");
		HttpResponse<String> settings = reader.get("/app/settings");
		assertThat(settings.statusCode()).isEqualTo(403);
		assertThat(settings.body()).contains("You do not have permission");
	}

	@Test
	void aCustomEntityCreatedInSettingsIsInTheNavigationWithAListAndAForm() {
		WebSession admin = WebSession.signIn(port, "admin", "admin-test");
		String name = "new_proj" + UUID.randomUUID().toString().substring(0, 4).replace("-", "");
		HttpResponse<String> created = admin.post("/app/settings/entities",
				"logicalName=" + name + "&displayName=Project&displayCollectionName=Projects");
		assertThat(created.uri().getPath()).isEqualTo("/app/settings/entities/" + name);
		admin.post("/app/settings/entities/" + name + "/fields", "name=new_budget&displayName=Budget&type=Money");
		assertThat(admin.get("/").body()).contains("href=\"/app/" + name + "\"").contains(">Custom<");
		HttpResponse<String> record = admin.post("/app/" + name + "/new", "a_new_name=Apollo&a_new_budget=2500");
		id(record);
		assertThat(record.body()).contains("Apollo").contains("2500");
		assertThat(admin.get("/app/" + name).body()).contains("Apollo").contains("2,500.00");
		String grid = admin.get("/app/settings/roles/00000000-0000-0000-0000-0000000000a3").body();
		assertThat(grid).contains("Salesperson").contains("privilege-grid").contains("BusinessUnit");
	}

	private static String userId(Api api, String login) {
		return (String) api.get("/api/data/v9.2/systemusers?$select=domainname&$top=5000").value().stream()
			.filter(u -> login.equals(u.get("domainname"))).findFirst().orElseThrow().get("systemuserid");
	}

	static String version(String page) {
		Matcher m = Pattern.compile("name=\"versionnumber\" value=\"(\\d+)\"").matcher(page);
		assertThat(m.find()).isTrue();
		return m.group(1);
	}
}
