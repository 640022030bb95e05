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

	@Test
	void nestedAndOrGroupsTravelInTheUrlFindOnlyTheMatchingRecordsAndSurviveSavingTheView() {
		Api api = Api.admin(port);
		WebSession admin = WebSession.signIn(port, "admin", "admin-test");
		String tag = "Grp" + UUID.randomUUID().toString().substring(0, 5);
		person(api, "Ann", tag, "Oslo", "CEO");
		person(api, "Ben", tag, "Bergen", "CEO");
		person(api, "Cy", tag, "Oslo", "Clerk");
		person(api, "Dee", tag, "Bergen", "Clerk");
		person(api, "Eve", tag, "Tromso", "CEO");
		person(api, "Ola", "Other" + tag, "Oslo", "CEO");
		// last name begins with the tag and (city is Oslo or (job title is CEO and city is Bergen))
		String filter = "fm=and&fr=&fa=lastname&fo=BeginsWith&fv=" + tag + "&fg=0"
				+ "&fr=&fa=address1_city&fo=Eq&fv=Oslo&fg=ga"
				+ "&fr=&fa=jobtitle&fo=Eq&fv=CEO&fg=gb&fr=&fa=address1_city&fo=Eq&fv=Bergen&fg=gb"
				+ "&gk=ga&gp=0&gm=or&gk=gb&gp=ga&gm=and";
		String page = admin.get("/app/contact?view=all&custom=1&cols=fullname,address1_city&" + filter).body();
		assertThat(names(page, tag)).containsExactlyInAnyOrder("Ann " + tag, "Ben " + tag, "Cy " + tag);
		assertThat(page).contains("data-group=\"1\"", "data-group=\"2\"", "id=\"gm-1\"", "id=\"rows-2\"");
		assertThat(page.replaceAll("\\s+", " ")).contains("<option value=\"or\" selected=\"selected\">any of its conditions (or)</option>");

		Matcher sort = Pattern.compile("href=\"([^\"]*sort=fullname[^\"]*)\"").matcher(page);
		assertThat(sort.find()).isTrue();
		String link = sort.group(1).replace("&amp;", "&");
		assertThat(link).contains("fg=0&fg=1&fg=2&fg=2", "gk=1&gk=2", "gp=0&gp=1", "gm=or&gm=and");
		assertThat(names(admin.get(link).body(), tag)).as("a sort link keeps the groups")
			.containsExactly("Ann " + tag, "Ben " + tag, "Cy " + tag);

		HttpResponse<String> saved = admin.post("/app/contact/views", "viewname=Groups+" + tag + "&cols=fullname&" + filter);
		String view = view(saved);
		assertThat(names(saved.body(), tag)).containsExactlyInAnyOrder("Ann " + tag, "Ben " + tag, "Cy " + tag);
		String json = (String) api.get("/api/data/v9.2/userqueries(" + view + ")?$select=querydefinition").json()
			.get("querydefinition");
		assertThat(json.replace(" ", "")).contains("{\"or\":[{\"attribute\":\"address1_city\",\"operator\":\"Eq\","
				+ "\"values\":[\"Oslo\"]},{\"and\":[{\"attribute\":\"jobtitle\"");
		String reopened = admin.get("/app/contact?view=" + view).body();
		assertThat(names(reopened, tag)).containsExactlyInAnyOrder("Ann " + tag, "Ben " + tag, "Cy " + tag);
		assertThat(reopened).contains("data-group=\"1\"", "data-group=\"2\"")
			.doesNotContain("id=\"filter-not-shown\"");

		HttpResponse<String> copy = admin.post("/app/contact/views", "view=" + view + "&viewname=Copy+" + tag);
		assertThat(names(admin.get("/app/contact?view=" + view(copy)).body(), tag))
			.containsExactlyInAnyOrder("Ann " + tag, "Ben " + tag, "Cy " + tag);
	}

	@Test
	void aSavedFilterTheEditorCannotShowIsAppliedAsSavedWithANoteAndKeptWhenTheViewIsSavedAgain() {
		Api api = Api.admin(port);
		WebSession admin = WebSession.signIn(port, "admin", "admin-test");
		String tag = "Not" + UUID.randomUUID().toString().substring(0, 5);
		person(api, "Ann", tag, "Oslo", "CEO");
		person(api, "Ben", tag, "Bergen", "CEO");
		String query = "{\"entity\":\"contact\",\"columns\":[\"fullname\"],\"filter\":{\"and\":["
				+ "{\"attribute\":\"lastname\",\"operator\":\"Eq\",\"values\":[\"" + tag + "\"]},"
				+ "{\"not\":{\"attribute\":\"address1_city\",\"operator\":\"Eq\",\"values\":[\"Oslo\"]}}]}}";
		Api.Response created = api.post("/api/data/v9.2/userqueries", Map.of("name", "Not Oslo " + tag,
				"returnedtypecode", "contact", "querydefinition", query));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String view = created.header("OData-EntityId").replaceAll(".*\\(([0-9a-f-]{36})\\).*", "$1");

		String page = admin.get("/app/contact?view=" + view).body();
		assertThat(names(page, tag)).as("the not is applied, not dropped").containsExactly("Ben " + tag);
		assertThat(page).contains("id=\"filter-not-shown\"").doesNotContain("class=\"filter-row row");

		String copy = view(admin.post("/app/contact/views", "view=" + view + "&viewname=Copy+" + tag));
		assertThat(names(admin.get("/app/contact?view=" + copy).body(), tag)).containsExactly("Ben " + tag);
		String json = (String) api.get("/api/data/v9.2/userqueries(" + copy + ")?$select=querydefinition").json()
			.get("querydefinition");
		assertThat(json).contains("\"not\":{\"attribute\":\"address1_city\"");
	}

	@Test
	void aFilterWithAnUnknownOrEmptyGroupOrABadOperatorIsRefusedNamingTheField() {
		WebSession admin = WebSession.signIn(port, "admin", "admin-test");
		String row = "&fr=&fa=lastname&fo=Eq&fv=x";
		Map<String, String> refused = new java.util.LinkedHashMap<>();
		refused.put(row + "&fg=nope", "fg: &#39;nope&#39; is not a group of this filter");
		refused.put(row + "&fg=0&gk=g1&gp=0&gm=or", "gk: a group of conditions is empty");
		refused.put(row + "&fg=g1&gk=g1&gp=g2&gm=or&gk=g2&gp=0&gm=and", "gp: &#39;g2&#39; is not a group of this filter");
		refused.put(row + "&fg=g1&gk=g1&gp=0&gm=xor", "gm: &#39;xor&#39; is neither and nor or");
		refused.put(row + "&fm=nand", "fm: &#39;nand&#39; is neither and nor or");
		refused.put(row + "&fg=g1&gk=g1&gp=0&gk=g1&gp=0" + row + "&fg=g1", "gk: the group &#39;g1&#39; is named twice");
		refused.put(row + "&fg=G+1&gk=G+1", "gk: &#39;G 1&#39; is not the key of a group");
		refused.put("&fr=&fa=lastname&fo=Bogus&fv=x", "fo: &#39;Bogus&#39; is not an operator");
		refused.put("&fr=&fa=lastname&fo=LastXDays&fv=3", "fo: &#39;LastXDays&#39; is not an operator the filter offers");
		String name = "Refused " + UUID.randomUUID().toString().substring(0, 5);
		for (Map.Entry<String, String> r : refused.entrySet()) {
			HttpResponse<String> list = admin.get("/app/contact?view=all&custom=1" + r.getKey());
			assertThat(list.statusCode()).as(r.getKey()).isEqualTo(400);
			assertThat(list.body()).as(r.getKey()).contains(r.getValue());
			if (!r.getValue().contains("offers")) {
				HttpResponse<String> save = admin.post("/app/contact/views", "viewname=" + WebSession.enc(name) + "&cols=fullname"
						+ r.getKey());
				assertThat(save.statusCode()).as(r.getKey()).isEqualTo(400);
				assertThat(save.body()).as(r.getKey()).contains(r.getValue());
			}
		}
		assertThat(admin.get("/app/contact").body()).as("no view was half saved").doesNotContain(name);
		assertThat(admin.get("/app/contact/filter-group?gp=" + WebSession.enc("../x")).statusCode()).isEqualTo(400);
		assertThat(admin.get("/app/contact/filter-row?fg=" + WebSession.enc("<b>")).statusCode()).isEqualTo(400);
		String group = admin.get("/app/contact/filter-group?gp=0").body();
		assertThat(group).contains("<legend", "Group of conditions", "name=\"gp\" value=\"0\"", "autofocus",
				"aria-label=\"Remove this condition\"", "Remove the group");
	}

	/** The names in the list's first column of the records tagged so. */
	private static List<String> names(String page, String tag) {
		List<String> names = new java.util.ArrayList<>();
		Matcher m = Pattern.compile("<a href=\"/app/contact/[0-9a-f-]{36}\">([^<]*" + tag + ")</a>").matcher(page);
		while (m.find()) {
			names.add(m.group(1));
		}
		return names;
	}

	private static void person(Api api, String first, String last, String city, String job) {
		assertThat(api.post("/api/data/v9.2/contacts", Map.of("firstname", first, "lastname", last, "address1_city", city,
				"jobtitle", job)).status()).isEqualTo(201);
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
