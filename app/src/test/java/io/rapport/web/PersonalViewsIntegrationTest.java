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

/**
 * Personal views over plain HTTP: shared with another user through the sharing engine (and only then in their
 * chooser), renamed and deleted by their owner, and filters on related entities that keep every access check.
 */
@RapportTest
class PersonalViewsIntegrationTest {

	private static final String SALESPERSON = "00000000-0000-0000-0000-0000000000a3";

	@LocalServerPort
	int port;

	@Test
	void aSharedViewIsInTheOtherUsersChooserAndAnUnsharedOneIsNotNorCanItBeOpened() {
		Api api = Api.admin(port);
		String login = user(api, null, "Sam");
		String samId = userId(api, login);
		WebSession admin = WebSession.signIn(port, "admin", "admin-test");
		String city = "Sv" + UUID.randomUUID().toString().substring(0, 5);
		admin.post("/app/contact/new", "a_lastname=Visible&a_address1_city=" + city);
		String shared = view(admin.post("/app/contact/views", "viewname=Shared+" + city + "&cols=fullname,address1_city"
				+ "&fm=and&fr=&fa=address1_city&fo=Eq&fv=" + city));
		String secret = view(admin.post("/app/contact/views", "viewname=Secret+" + city + "&cols=fullname&fm=and"));
		String owned = admin.get("/app/contact?view=" + shared).body();
		assertThat(owned).contains("id=\"share-view\"").contains("id=\"manage-view\"");

		String dialog = admin.get("/app/contact/views/" + shared + "/share").body();
		assertThat(dialog).contains("Share the view Shared " + city).contains("value=\"Read\"").contains("value=\"Write\"")
			.contains("value=\"Share\"").doesNotContain("value=\"Assign\"").contains("Nobody yet");
		HttpResponse<String> granted = admin.post("/app/contact/views/" + shared + "/share",
				"grantee=" + WebSession.enc("systemuser:" + samId) + "&rights=Read");
		assertThat(granted.body()).contains("Sharing updated.").contains("Sam " + login);

		WebSession sam = WebSession.signIn(port, login, "sam-password");
		String list = sam.get("/app/contact").body();
		assertThat(list).contains("Shared with me").contains("Shared " + city + " (shared by ")
			.doesNotContain("Secret " + city);
		String opened = sam.get("/app/contact?view=" + shared).body();
		assertThat(opened).contains("Visible").contains("Shared with you by ").doesNotContain("id=\"share-view\"")
			.doesNotContain("id=\"manage-view\"");
		assertThat(sam.get("/app/contact?view=" + secret).statusCode()).as("a view not shared with Sam").isEqualTo(404);
		assertThat(sam.get("/app/contact/views/" + secret + "/share").statusCode()).isEqualTo(404);
		assertThat(sam.get("/app/contact/views/" + shared + "/share").statusCode()).as("shared with Read only").isEqualTo(403);
		assertThat(sam.post("/app/contact/views/" + shared + "/share", "grantee=" + WebSession.enc("systemuser:" + samId)
				+ "&rights=Read").statusCode()).isEqualTo(403);
		assertThat(sam.post("/app/contact/views/" + secret + "/share", "grantee=" + WebSession.enc("systemuser:" + samId)
				+ "&rights=Read").statusCode()).isEqualTo(404);
		assertThat(sam.post("/app/contact/views/" + shared + "/rename", "name=Mine").statusCode()).isEqualTo(403);
		assertThat(sam.post("/app/contact/views/" + shared + "/delete", "confirm=yes").statusCode()).isEqualTo(403);
		assertThat(admin.get("/app/contact?view=" + shared).body()).contains("Shared " + city);

		HttpResponse<String> revoked = admin.post("/app/contact/views/" + shared + "/share",
				"revoke=" + WebSession.enc("systemuser:" + samId));
		assertThat(revoked.body()).contains("Nobody yet");
		assertThat(sam.get("/app/contact").body()).doesNotContain("Shared " + city);
		assertThat(sam.get("/app/contact?view=" + shared).statusCode()).isEqualTo(404);
	}

	@Test
	void aViewSharedWithATeamIsInItsMembersChooser() {
		Api api = Api.admin(port);
		String login = user(api, null, "Tia");
		WebSession admin = WebSession.signIn(port, "admin", "admin-test");
		admin.get("/app/settings/teams");
		HttpResponse<String> team = admin.post("/app/settings/teams", "name=" + WebSession.enc("Viewers " + login)
				+ "&businessunitid=00000000-0000-0000-0000-000000000010&teamtype=0");
		Matcher id = Pattern.compile("/app/settings/teams/([0-9a-f-]{36})").matcher(team.uri().getPath());
		assertThat(id.find()).as("team created: " + team.uri()).isTrue();
		admin.post("/app/settings/teams/" + id.group(1) + "/members", "members=" + userId(api, login));
		String name = "For the team " + UUID.randomUUID().toString().substring(0, 5);
		String view = view(admin.post("/app/account/views", "viewname=" + WebSession.enc(name) + "&cols=name&fm=and"));
		assertThat(admin.post("/app/account/views/" + view + "/share", "grantee=" + WebSession.enc("team:" + id.group(1))
				+ "&rights=Read").body()).contains("Viewers " + login).contains("Team");

		WebSession tia = WebSession.signIn(port, login, "sam-password");
		assertThat(tia.get("/app/account").body()).contains(name + " (shared by ");
		assertThat(tia.get("/app/account?view=" + view).statusCode()).isEqualTo(200);
	}

	@Test
	void aViewSharedWithWriteAndShareCanBeRenamedAndPassedOnButOnlyTheOwnerDeletesIt() {
		Api api = Api.admin(port);
		String login = user(api, null, "Wes");
		WebSession admin = WebSession.signIn(port, "admin", "admin-test");
		String name = "Team view " + UUID.randomUUID().toString().substring(0, 5);
		String view = view(admin.post("/app/account/views", "viewname=" + WebSession.enc(name) + "&cols=name&fm=and"));
		admin.post("/app/account/views/" + view + "/share", "grantee=" + WebSession.enc("systemuser:" + userId(api, login))
				+ "&rights=Read&rights=Write&rights=Share");
		assertThat(admin.post("/app/account/views/" + view + "/share", "grantee=" + WebSession.enc("systemuser:"
				+ userId(api, login)) + "&rights=Assign").statusCode()).as("not a right a view is shared with").isEqualTo(400);

		WebSession wes = WebSession.signIn(port, login, "sam-password");
		String opened = wes.get("/app/account?view=" + view).body();
		assertThat(opened).contains("id=\"share-view\"").contains("id=\"rename-view\"").doesNotContain("id=\"delete-view\"");
		assertThat(wes.post("/app/account/views/" + view + "/rename", "name=" + WebSession.enc(name + " renamed")).body())
			.contains(name + " renamed");
		assertThat(wes.post("/app/account/views/" + view + "/delete", "confirm=yes").statusCode()).isEqualTo(403);

		assertThat(admin.post("/app/account/views/" + view + "/rename", "name=").statusCode()).isEqualTo(400);
		assertThat(admin.post("/app/account/views/" + view + "/delete", "").statusCode()).as("not confirmed").isEqualTo(400);
		HttpResponse<String> deleted = admin.post("/app/account/views/" + view + "/delete", "confirm=yes");
		assertThat(deleted.body()).contains("The view was deleted.").doesNotContain(name);
		assertThat(admin.get("/app/account?view=" + view).statusCode()).isEqualTo(404);
		assertThat(wes.get("/app/account").body()).doesNotContain(name);
	}

	@Test
	void conditionsOnALookedUpRecordAndOnRelatedRecordsFindTheRightRowsAndSurviveSavingTheView() {
		Api api = Api.admin(port);
		WebSession admin = WebSession.signIn(port, "admin", "admin-test");
		String tag = "Rel" + UUID.randomUUID().toString().substring(0, 5);
		String retail = record(admin.post("/app/account/new", "a_name=" + tag + "Retail&a_industrycode=1"));
		String banking = record(admin.post("/app/account/new", "a_name=" + tag + "Bank&a_industrycode=2"));
		contact(admin, tag + "Ann", retail, "Buyer");
		contact(admin, tag + "Ben", banking, "CEO");

		String byIndustry = admin.get("/app/contact?view=all&custom=1&q=" + tag + "&fr=" + WebSession.enc("n1:parentcustomerid:account")
				+ "&fa=industrycode&fo=Eq&fv=1").body();
		assertThat(byIndustry).contains(tag + "Ann").doesNotContain(tag + "Ben")
			.contains("value=\"n1:parentcustomerid:account\" selected");
		String withCeo = admin.get("/app/account?view=all&custom=1&q=" + tag + "&fr=" + WebSession.enc("1n:contact:parentcustomerid")
				+ "&fa=jobtitle&fo=Contains&fv=CEO").body();
		assertThat(withCeo).contains(tag + "Bank").doesNotContain(tag + "Retail");
		String mine = admin.get("/app/contact?view=all&custom=1&q=" + tag + "&fr=" + WebSession.enc("n1:parentcustomerid:account")
				+ "&fa=ownerid&fo=EqUserId").body();
		assertThat(mine).contains(tag + "Ann").contains(tag + "Ben");

		HttpResponse<String> saved = admin.post("/app/contact/views", "viewname=" + tag + "&cols=fullname&fm=and"
				+ "&fr=" + WebSession.enc("n1:parentcustomerid:account") + "&fa=industrycode&fo=Eq&fv=1"
				+ "&fr=&fa=lastname&fo=BeginsWith&fv=" + tag);
		String view = view(saved);
		assertThat(saved.body()).contains(tag + "Ann").doesNotContain(tag + "Ben");
		String reloaded = admin.get("/app/contact?view=" + view).body();
		assertThat(reloaded).contains(tag + "Ann").doesNotContain(tag + "Ben")
			.contains("value=\"n1:parentcustomerid:account\" selected").contains("value=\"industrycode\" selected");
		String json = (String) api.get("/api/data/v9.2/userqueries(" + view + ")?$select=querydefinition").json()
			.get("querydefinition");
		assertThat(json).contains("\"exists\":{\"entity\":\"account\",\"attribute\":\"accountid\","
				+ "\"parentAttribute\":\"parentcustomerid\",\"filter\":{\"attribute\":\"industrycode\",\"operator\":\"Eq\"");

		HttpResponse<String> crafted = admin.get("/app/contact?view=all&custom=1&fr=" + WebSession.enc("n1:emailaddress1:account")
				+ "&fa=name&fo=Eq&fv=x");
		assertThat(crafted.statusCode()).isEqualTo(400);
		assertThat(crafted.body()).contains("is not a related entity you can filter on here");
	}

	@Test
	void relatedConditionsOnlySeeRelatedRecordsTheUserMayReadAndTheListKeepsItsOwnAccessCheck() {
		Api api = Api.admin(port);
		String unit = (String) api.post("/api/admin/businessunits", Map.of("name", "Views " + UUID.randomUUID())).json().get("id");
		String login = user(api, unit, "Rae");
		String raeId = userId(api, login);
		WebSession admin = WebSession.signIn(port, "admin", "admin-test");
		String tag = "Sec" + UUID.randomUUID().toString().substring(0, 5);
		String hidden = record(admin.post("/app/account/new", "a_name=" + tag + "Hidden&a_industrycode=1"));
		String hers = contact(admin, tag + "Cora", hidden, "Buyer");
		admin.post("/app/contact/" + hers + "/assign", "owner=" + WebSession.enc("systemuser:" + raeId));
		String ownAccount = record(admin.post("/app/account/new", "a_name=" + tag + "Own"));
		admin.post("/app/account/" + ownAccount + "/assign", "owner=" + WebSession.enc("systemuser:" + raeId));
		String ceo = contact(admin, tag + "Chief", ownAccount, "CEO");
		contact(admin, tag + "Other", hidden, "CEO");

		WebSession rae = WebSession.signIn(port, login, "sam-password");
		assertThat(rae.get("/app/contact?view=all&q=" + tag).body()).as("her own contact").contains(tag + "Cora");
		String byIndustry = rae.get("/app/contact?view=all&custom=1&q=" + tag + "&fr=" + WebSession.enc("n1:parentcustomerid:account")
				+ "&fa=industrycode&fo=Eq&fv=1").body();
		assertThat(byIndustry).as("the account she may not read does not match").doesNotContain(tag + "Cora")
			.contains("No records match.");
		String withCeo = "/app/account?view=all&custom=1&q=" + tag + "&fr=" + WebSession.enc("1n:contact:parentcustomerid")
				+ "&fa=jobtitle&fo=Contains&fv=CEO";
		assertThat(rae.get(withCeo).body()).as("the CEO contact is not hers to read").doesNotContain(tag + "Own")
			.doesNotContain(tag + "Hidden");
		assertThat(admin.get(withCeo).body()).contains(tag + "Own").contains(tag + "Hidden");
		admin.post("/app/contact/" + ceo + "/share", "grantee=" + WebSession.enc("systemuser:" + raeId) + "&rights=Read");
		assertThat(rae.get(withCeo).body()).as("now shared with her").contains(tag + "Own")
			.as("the list's own access check still applies").doesNotContain(tag + "Hidden");
	}

	private String contact(WebSession s, String lastname, String account, String jobtitle) {
		return record(s.post("/app/contact/new", "a_lastname=" + lastname + "&a_jobtitle=" + jobtitle
				+ "&a_parentcustomerid=" + WebSession.enc("account:" + account) + "&suppressduplicates=true"));
	}

	private static String user(Api api, String unit, String first) {
		String login = first.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 6);
		Map<String, Object> user = new java.util.HashMap<>(Map.of("domainname", login, "fullname", first + " " + login,
				"password", "sam-password", "roles", List.of(SALESPERSON)));
		if (unit != null) {
			user.put("businessunitid", unit);
		}
		assertThat(api.post("/api/admin/users", user).status()).isEqualTo(201);
		return login;
	}

	private static String userId(Api api, String login) {
		return (String) api.get("/api/data/v9.2/systemusers?$select=domainname&$top=5000").value().stream()
			.filter(u -> login.equals(u.get("domainname"))).findFirst().orElseThrow().get("systemuserid");
	}

	private static String record(HttpResponse<String> r) {
		Matcher m = Pattern.compile("/app/[a-z0-9_]+/([0-9a-f-]{36})").matcher(r.uri().getPath());
		assertThat(m.find()).as("on a record page: " + r.uri()).isTrue();
		return m.group(1);
	}

	private static String view(HttpResponse<String> r) {
		Matcher m = Pattern.compile("view=([0-9a-f-]{36})").matcher(r.uri().getQuery() == null ? "" : r.uri().getQuery());
		assertThat(m.find()).as("on a personal view: " + r.uri()).isTrue();
		return m.group(1);
	}
}
