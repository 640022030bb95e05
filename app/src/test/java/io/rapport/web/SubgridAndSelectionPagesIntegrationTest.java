package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RecordRef;
import io.rapport.data.Records;
import io.rapport.jobs.Await;
import io.rapport.metadata.Customizations;
import io.rapport.metadata.DefinitionJson;
import io.rapport.metadata.Metadata;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.test.Api;
import io.rapport.test.RapportTest;

/**
 * "Add existing" on subgrids and the timeline, commands on every record of a view (bulk delete and bulk assign as
 * background jobs) and "Check for duplicates", over plain HTTP; each with the crafted request of a user without the
 * right, refused with the 403 page.
 */
@RapportTest
class SubgridAndSelectionPagesIntegrationTest {

	private static final Principal ADMIN = Principal.user(UUID.fromString("00000000-0000-0000-0000-000000000002"),
			Principal.ROOT_BUSINESS_UNIT_ID);
	private static final String GUILD = """
			{"logicalName":"new_guild","displayName":"Guild","primaryNameAttribute":"new_name","ownership":"UserOwned",
			 "attributes":[{"name":"new_name","type":"String","maxLength":100}],
			 "relationships":[{"schemaName":"new_guild_contacts","type":"ManyToMany","entity2":"contact","intersectEntity":"new_guildmember"}]}
			""";

	@LocalServerPort
	int port;

	@Autowired
	Records records;

	@Autowired
	Queries queries;

	@Autowired
	Metadata metadata;

	@Autowired
	Customizations customizations;

	private String run;
	private Api api;

	@BeforeEach
	void setUp() {
		run = UUID.randomUUID().toString().substring(0, 8);
		api = Api.admin(port);
	}

	@Test
	void anExistingContactIsAddedToAnAccountsSubgridAndAnActivityToItsTimeline() {
		UUID account = records.create(ADMIN, new EntityRecord("account").set("name", "Existing Co " + run));
		UUID contact = records.create(ADMIN, new EntityRecord("contact").set("firstname", "Ann").set("lastname", "Loose-" + run));
		UUID task = records.create(ADMIN, new EntityRecord("task").set("subject", "Loose task " + run));
		WebSession admin = WebSession.signIn(port, "admin", "admin-test");

		String page = admin.get("/app/account/" + account).body();
		assertThat(page).contains("data-subgrid-existing=\"contact\"").contains("Add existing")
			.contains("data-subgrid-existing=\"activity\"").contains("Add existing activity");
		String found = admin.get("/app/account/" + account + "/existing?child=contact&attribute=parentcustomerid&t_record=Ann%20Loose-" + run).body();
		assertThat(found).contains("data-value=\"contact:" + contact + "\"");

		HttpResponse<String> added = admin.post("/app/account/" + account + "/existing",
				"child=contact&attribute=parentcustomerid&record=" + WebSession.enc("contact:" + contact));
		assertThat(added.uri().getPath()).isEqualTo("/app/account/" + account);
		assertThat(added.body()).contains("Added.").contains("data-subgrid=\"contact\"").contains("Loose-" + run);
		assertThat(api.get("/api/data/v9.2/contacts(" + contact + ")").json()).containsEntry("_parentcustomerid_value", account.toString());
		assertThat(admin.get("/app/account/" + account + "/existing?child=contact&attribute=parentcustomerid&t_record=Ann%20Loose-" + run).body())
			.as("a contact already in the subgrid is not offered again").doesNotContain("contact:" + contact);

		assertThat(admin.get("/app/account/" + account + "/existing?child=activity&attribute=regardingobjectid&t_record=Loose%20task%20" + run)
			.body()).contains("data-value=\"task:" + task + "\"");
		admin.post("/app/account/" + account + "/existing", "child=activity&attribute=regardingobjectid&record="
				+ WebSession.enc("task:" + task));
		assertThat(api.get("/api/data/v9.2/tasks(" + task + ")").json()).containsEntry("_regardingobjectid_value", account.toString());
		assertThat(admin.get("/app/account/" + account + "/timeline").body()).contains("Loose task " + run);

		HttpResponse<String> notASubgrid = admin.post("/app/account/" + account + "/existing",
				"child=contact&attribute=firstname&record=" + WebSession.enc("contact:" + contact));
		assertThat(notASubgrid.statusCode()).isEqualTo(400);
		HttpResponse<String> nothingChosen = admin.post("/app/account/" + account + "/existing",
				"child=contact&attribute=parentcustomerid&record=");
		assertThat(nothingChosen.statusCode()).isEqualTo(400);
		assertThat(nothingChosen.body()).contains("choose a record from the list");
	}

	@Test
	void addExistingIsOnEverySubgridTheFormDefinitionPlacesAndTheFormOpensAgainOnTheSameTab() {
		UUID parent = records.create(ADMIN, new EntityRecord("account").set("name", "Holding " + run));
		UUID child = records.create(ADMIN, new EntityRecord("account").set("name", "Branch " + run));
		WebSession admin = WebSession.signIn(port, "admin", "admin-test");

		String page = admin.get("/app/account/" + parent).body();
		String summary = page.substring(page.indexOf("id=\"panel-summary\""), page.indexOf("id=\"panel-details\""));
		String related = page.substring(page.indexOf("id=\"panel-related\""));
		assertThat(summary).as("the Summary tab's contacts subgrid and its timeline")
			.contains("data-section=\"sec-contacts\"").contains("data-subgrid-existing=\"contact\"")
			.contains("data-subgrid-existing=\"activity\"");
		assertThat(page.substring(0, page.indexOf("id=\"form-tabs\""))).as("the command bar")
			.contains("id=\"check-duplicates\"").contains("Check for duplicates");
		assertThat(related).as("the Related section's subgrids, child accounts among them")
			.contains("data-section=\"sec-related_records\"").contains("data-subgrid-existing=\"account\"");

		HttpResponse<String> added = admin.post("/app/account/" + parent + "/existing", "child=account&attribute=parentaccountid&tab=related"
				+ "&record=" + WebSession.enc("account:" + child));
		assertThat(added.uri().getQuery()).contains("added").contains("tab=related");
		assertThat(added.body()).contains("Added.").contains("Branch " + run)
			.containsPattern("id=\"tab-related\"[^>]*aria-selected=\"true\"|aria-selected=\"true\"[^>]*id=\"tab-related\"");
		assertThat(api.get("/api/data/v9.2/accounts(" + child + ")").json()).containsEntry("_parentaccountid_value", parent.toString());
	}

	@Test
	void anExistingContactIsAssociatedThroughAnNToNRelationship() {
		synchronized (SubgridAndSelectionPagesIntegrationTest.class) {
			if (metadata.find("new_guild").isEmpty()) {
				customizations.createEntity(DefinitionJson.entity("test", GUILD.getBytes(StandardCharsets.UTF_8)),
						Principal.systemPrincipal());
			}
		}
		UUID guild = records.create(ADMIN, new EntityRecord("new_guild").set("new_name", "Guild " + run));
		UUID contact = records.create(ADMIN, new EntityRecord("contact").set("lastname", "Member-" + run));
		WebSession admin = WebSession.signIn(port, "admin", "admin-test");
		assertThat(admin.get("/app/new_guild/" + guild).body()).contains("data-subgrid-existing=\"contact\"")
			.contains("name=\"relationship\" value=\"new_guild_contacts\"");
		assertThat(admin.get("/app/new_guild/" + guild + "/existing?child=contact&relationship=new_guild_contacts&t_record=Member-" + run)
			.body()).contains("contact:" + contact);
		HttpResponse<String> added = admin.post("/app/new_guild/" + guild + "/existing",
				"child=contact&relationship=new_guild_contacts&record=" + WebSession.enc("contact:" + contact));
		assertThat(added.body()).contains("Added.").contains("Member-" + run);
		assertThat(queries.related(ADMIN, new RecordRef("new_guild", guild), "new_guild_contacts"))
			.containsExactly(new RecordRef("contact", contact));
		assertThat(admin.get("/app/new_guild/" + guild + "/existing?child=contact&relationship=new_guild_contacts&t_record=Member-" + run)
			.body()).doesNotContain("contact:" + contact);
	}

	@Test
	void aReaderSeesNoAddExistingAndACraftedAddIsRefused() {
		UUID account = records.create(ADMIN, new EntityRecord("account").set("name", "Guarded " + run));
		UUID contact = records.create(ADMIN, new EntityRecord("contact").set("lastname", "Guarded-" + run));
		WebSession reader = readOnlyUser();
		String page = reader.get("/app/account/" + account).body();
		assertThat(page).contains("Guarded " + run).doesNotContain("data-subgrid-existing").doesNotContain("Add existing");
		HttpResponse<String> crafted = reader.post("/app/account/" + account + "/existing",
				"child=contact&attribute=parentcustomerid&record=" + WebSession.enc("contact:" + contact));
		assertThat(crafted.statusCode()).isEqualTo(403);
		assertThat(crafted.body()).contains("You do not have permission");
		assertThat(api.get("/api/data/v9.2/contacts(" + contact + ")").json()).containsEntry("_parentcustomerid_value", null);
	}

	@Test
	void everyRecordInAFilteredViewIsDeletedByABulkDeleteJobAfterAConfirmationWithTheCount() {
		List<UUID> doomed = contacts("Sweep-" + run, 57);
		List<UUID> kept = contacts("Keep-" + run, 3);
		WebSession admin = WebSession.signIn(port, "admin", "admin-test");
		String filter = "view=all&custom=1&fa=lastname&fo=Eq&fv=" + WebSession.enc("Sweep-" + run);

		String list = admin.get("/app/contact?" + filter).body();
		assertThat(list).contains("id=\"select-all-banner\"").contains("Select every record in this view")
			.contains("rel=\"next\"").contains("name=\"fv\" value=\"Sweep-" + run + "\"");
		String banner = admin.get("/app/contact/selection/all?" + filter).body();
		assertThat(banner).contains("name=\"all\" value=\"1\"").contains("All 57 contacts");

		String confirm = admin.get("/app/contact/selection?action=delete&all=1&" + filter).body();
		assertThat(confirm).contains("Delete 57 contacts?").contains("Delete all 57").contains("name=\"all\" value=\"1\"")
			.contains("name=\"fv\" value=\"Sweep-" + run + "\"");
		HttpResponse<String> submitted = admin.post("/app/contact/selection/delete", "all=1&" + filter);
		assertThat(submitted.uri().getPath()).isEqualTo("/app/jobs");
		assertThat(submitted.body()).contains("The job is submitted").contains("Delete contacts in the view All Contacts")
			.contains("BulkDelete");
		Await.until("the bulk delete to finish", Duration.ofSeconds(60), () -> count("Sweep-" + run), n -> n == 0);
		assertThat(count("Keep-" + run)).isEqualTo(kept.size());
		assertThat(doomed).hasSize(57);
		String jobs = Await.until("the jobs page to show the finished job", Duration.ofSeconds(30),
				() -> admin.get("/app/jobs").body(), b -> b.contains("57 of 57"));
		assertThat(jobs).contains("57 succeeded");
	}

	@Test
	void everyRecordInAViewWithARelatedEntityConditionIsDeletedOrAssignedExactlyAsTheListShowsIt() {
		UUID target = records.create(ADMIN, new EntityRecord("account").set("name", "Target-" + run));
		UUID other = records.create(ADMIN, new EntityRecord("account").set("name", "Other-" + run));
		RecordRef targetRef = new RecordRef("account", target);
		RecordRef otherRef = new RecordRef("account", other);
		for (int i = 0; i < 4; i++) {
			records.create(ADMIN, new EntityRecord("contact").set("lastname", "Rel-" + run).set("parentcustomerid", targetRef));
			records.create(ADMIN, new EntityRecord("contact").set("lastname", "Rel-" + run).set("parentcustomerid", otherRef));
		}
		WebSession admin = WebSession.signIn(port, "admin", "admin-test");
		String company = "&fr=" + WebSession.enc("n1:parentcustomerid:account") + "&fa=name&fo=Eq&fv=";
		String filter = "view=all&custom=1&fm=and&fr=&fa=lastname&fo=Eq&fv=" + WebSession.enc("Rel-" + run) + company;

		// a personal view saved with the related condition: Assign every record in it acts on its four contacts only
		HttpResponse<String> saved = admin.post("/app/contact/views", "viewname=" + WebSession.enc("Rel view " + run) + "&"
				+ filter + WebSession.enc("Target-" + run));
		String view = saved.uri().getQuery().replaceAll(".*view=([0-9a-f-]{36}).*", "$1");
		assertThat(admin.get("/app/contact/selection?action=assign&all=1&view=" + view).body()).contains("Assign 4 contacts");
		String heir = createUser("relheir-" + run, "00000000-0000-0000-0000-0000000000a3");
		admin.post("/app/contact/selection/assign", "all=1&view=" + view + "&owner=" + WebSession.enc("systemuser:" + heir));
		Await.until("the bulk assign to finish", Duration.ofSeconds(60), () -> ownedBy("Rel-" + run, heir), n -> n == 4);
		assertThat(queries.count(ADMIN, Query.of("contact").where(Criterion.and(Criterion.where("lastname", Operator.Eq, "Rel-" + run),
				Criterion.where("parentcustomerid", Operator.Eq, target), Criterion.where("ownerid", Operator.Eq, UUID.fromString(heir))))))
			.isEqualTo(4);

		// the same condition in the URL: Delete every record in the view deletes the other company's contacts only
		String others = filter + WebSession.enc("Other-" + run);
		assertThat(admin.get("/app/contact/selection?action=delete&all=1&" + others).body()).contains("Delete 4 contacts?");
		HttpResponse<String> submitted = admin.post("/app/contact/selection/delete", "all=1&" + others);
		assertThat(submitted.uri().getPath()).isEqualTo("/app/jobs");
		Await.until("the bulk delete to finish", Duration.ofSeconds(60), () -> count("Rel-" + run), n -> n == 4);
		assertThat(queries.count(ADMIN, Query.of("contact").where(Criterion.and(Criterion.where("lastname", Operator.Eq, "Rel-" + run),
				Criterion.where("parentcustomerid", Operator.Eq, target))))).isEqualTo(4);
	}

	@Test
	void everyRecordInAViewIsAssignedByABulkAssignJobAndSelectedRowsAreAssignedAtOnce() {
		contacts("Handover-" + run, 53);
		List<UUID> few = contacts("Few-" + run, 2);
		String login = "heir-" + run;
		String heir = createUser(login, "00000000-0000-0000-0000-0000000000a3");
		WebSession admin = WebSession.signIn(port, "admin", "admin-test");
		String filter = "view=all&custom=1&fa=lastname&fo=Eq&fv=" + WebSession.enc("Handover-" + run);

		String confirm = admin.get("/app/contact/selection?action=assign&all=1&" + filter).body();
		assertThat(confirm).contains("Assign 53 contacts").contains("Assign all 53").contains("id=\"assign-owner\"");
		HttpResponse<String> submitted = admin.post("/app/contact/selection/assign",
				"all=1&owner=" + WebSession.enc("systemuser:" + heir) + "&" + filter);
		assertThat(submitted.uri().getPath()).isEqualTo("/app/jobs");
		assertThat(submitted.body()).contains("Assign contacts in the view All Contacts").contains("BulkAssign");
		Await.until("the bulk assign to finish", Duration.ofSeconds(60), () -> ownedBy("Handover-" + run, heir), n -> n == 53);

		String pageConfirm = admin.get("/app/contact/selection?action=assign&ids=" + few.get(0) + "&ids=" + few.get(1)).body();
		assertThat(pageConfirm).contains("Assign 2 contacts").contains("Few-" + run);
		HttpResponse<String> assigned = admin.post("/app/contact/selection/assign", "ids=" + few.get(0) + "&ids=" + few.get(1)
				+ "&owner=" + WebSession.enc("systemuser:" + heir));
		assertThat(assigned.uri().getPath()).isEqualTo("/app/contact");
		assertThat(assigned.body()).contains("Assigned.");
		assertThat(ownedBy("Few-" + run, heir)).isEqualTo(2);

		HttpResponse<String> noOwner = admin.post("/app/contact/selection/assign", "all=1&owner=&" + filter);
		assertThat(noOwner.statusCode()).isEqualTo(400);
	}

	@Test
	void aBulkAssignCountsTheRecordsTheUserMayNotAssignAsFailuresWithTheReason() {
		String unit = (String) api.post("/api/admin/businessunits", Map.of("name", "Pair " + run)).json().get("id");
		String mine = "mine-" + run;
		String theirs = "theirs-" + run;
		for (String login : List.of(mine, theirs)) {
			api.post("/api/admin/users", Map.of("domainname", login, "fullname", login, "password", login + "-pw",
					"businessunitid", unit, "roles", List.of("00000000-0000-0000-0000-0000000000a3")));
		}
		String lastName = "Pair-" + run;
		assertThat(new Api(port, mine, mine + "-pw").post("/api/data/v9.2/contacts", Map.of("lastname", lastName)).status())
			.isEqualTo(201);
		assertThat(new Api(port, theirs, theirs + "-pw").post("/api/data/v9.2/contacts", Map.of("lastname", lastName)).status())
			.isEqualTo(201);
		String theirsId = (String) api.get("/api/data/v9.2/systemusers?$select=domainname&$filter=domainname%20eq%20'" + theirs + "'")
			.value().get(0).get("systemuserid");

		WebSession salesperson = WebSession.signIn(port, mine, mine + "-pw");
		String filter = "view=all&custom=1&fa=lastname&fo=Eq&fv=" + WebSession.enc(lastName);
		assertThat(salesperson.get("/app/contact/selection?action=assign&all=1&" + filter).body()).contains("Assign 2 contacts");
		salesperson.post("/app/contact/selection/assign", "all=1&owner=" + WebSession.enc("systemuser:" + ADMIN.userId()) + "&" + filter);
		String jobs = Await.until("the bulk assign to finish", Duration.ofSeconds(60), () -> salesperson.get("/app/jobs").body(),
				b -> b.contains("2 of 2"));
		assertThat(jobs).contains("1 succeeded").contains("1 failed").contains("1 record could not be assigned");
		assertThat(ownedBy(lastName, ADMIN.userId().toString())).as("their own contact, assigned").isEqualTo(1);
		assertThat(ownedBy(lastName, theirsId)).as("the colleague's contact, left as it was").isEqualTo(1);
	}

	@Test
	void aReaderGetsNoBulkCommandsAndCraftedRequestsForEveryRecordAreRefused() {
		contacts("Untouchable-" + run, 3);
		WebSession reader = readOnlyUser();
		String filter = "view=all&custom=1&fa=lastname&fo=Eq&fv=" + WebSession.enc("Untouchable-" + run);
		String list = reader.get("/app/contact?" + filter).body();
		assertThat(list).contains("Untouchable-" + run).doesNotContain("id=\"delete-selected\"")
			.doesNotContain("id=\"assign-selected\"").doesNotContain("select-all-banner");
		for (HttpResponse<String> refused : List.of(reader.get("/app/contact/selection?action=delete&all=1&" + filter),
				reader.post("/app/contact/selection/delete", "all=1&" + filter),
				reader.get("/app/contact/selection?action=assign&all=1&" + filter),
				reader.post("/app/contact/selection/assign", "all=1&owner=" + WebSession.enc("systemuser:" + ADMIN.userId()) + "&" + filter))) {
			assertThat(refused.statusCode()).as(refused.uri().toString()).isEqualTo(403);
			assertThat(refused.body()).contains("You do not have permission");
		}
		assertThat(count("Untouchable-" + run)).isEqualTo(3);
	}

	@Test
	void theCountOfEveryRecordSaysWhenItStoppedCounting() {
		assertThat(SelectionController.countText(0)).isEqualTo("0");
		assertThat(SelectionController.countText(1234)).isEqualTo("1,234");
		assertThat(SelectionController.countText(5000)).isEqualTo("5,000");
		assertThat(SelectionController.countText(5001)).isEqualTo("5,000+");
	}

	@Test
	void checkForDuplicatesListsTheMatchWithItsKeyFieldsAndLeadsToTheMergePage() {
		String email = "twin-" + run + "@example.com";
		WebSession admin = WebSession.signIn(port, "admin", "admin-test");
		String first = id(admin.post("/app/contact/new", "a_firstname=Tina&a_lastname=Twin-" + run + "&a_emailaddress1="
				+ WebSession.enc(email)));
		String second = id(admin.post("/app/contact/new", "a_firstname=Tine&a_lastname=Twin-" + run + "&suppressduplicates=true"
				+ "&a_emailaddress1=" + WebSession.enc(email)));
		assertThat(admin.get("/app/contact/" + first).body()).contains("id=\"check-duplicates\"")
			.contains("/app/contact/" + first + "/duplicates");

		String found = admin.get("/app/contact/" + first + "/duplicates").body();
		assertThat(found).contains("Possible duplicates of Tina Twin-" + run).contains("/app/contact/" + second)
			.contains("Tine Twin-" + run).contains(email)
			.contains("/app/contact/selection?action=merge&amp;ids=" + first + "&amp;ids=" + second);
		String merge = admin.get("/app/contact/selection?action=merge&ids=" + first + "&ids=" + second).body();
		assertThat(merge).contains("Merge two contacts").contains("name=\"first\" value=\"" + first + "\"");

		HttpResponse<String> fromList = admin.get("/app/contact/selection?action=duplicates&ids=" + second);
		assertThat(fromList.uri().getPath()).isEqualTo("/app/contact/" + second + "/duplicates");
		assertThat(fromList.body()).contains("/app/contact/" + first);
		assertThat(admin.get("/app/contact/selection?action=duplicates&ids=" + first + "&ids=" + second).statusCode())
			.isEqualTo(400);

		UUID alone = records.create(ADMIN, new EntityRecord("contact").set("lastname", "Alone-" + run)
			.set("emailaddress1", "alone-" + run + "@example.com"));
		assertThat(admin.get("/app/contact/" + alone + "/duplicates").body()).contains("No duplicates found.");

		WebSession reader = readOnlyUser();
		String seen = reader.get("/app/contact/" + first + "/duplicates").body();
		assertThat(seen).contains("/app/contact/" + second).doesNotContain("action=merge");
	}

	private List<UUID> contacts(String lastName, int n) {
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			ids.add(records.create(ADMIN, new EntityRecord("contact").set("firstname", "P" + i).set("lastname", lastName)));
		}
		return ids;
	}

	private long count(String lastName) {
		return queries.count(ADMIN, Query.of("contact").where(Criterion.where("lastname", Operator.Eq, lastName)));
	}

	private long ownedBy(String lastName, String user) {
		return queries.count(ADMIN, Query.of("contact").where(Criterion.and(Criterion.where("lastname", Operator.Eq, lastName),
				Criterion.where("ownerid", Operator.Eq, UUID.fromString(user)))));
	}

	private String createUser(String login, String role) {
		String unit = (String) api.post("/api/admin/businessunits", Map.of("name", "Unit " + login)).json().get("id");
		api.post("/api/admin/users", Map.of("domainname", login, "fullname", login, "password", login + "-pw",
				"businessunitid", unit, "roles", List.of(role)));
		return (String) api.get("/api/data/v9.2/systemusers?$select=domainname&$filter=domainname%20eq%20'" + login + "'")
			.value().get(0).get("systemuserid");
	}

	/** A user of the Read-Only role: reads everything, changes nothing. */
	private WebSession readOnlyUser() {
		String login = "reader-" + run;
		createUser(login, "00000000-0000-0000-0000-0000000000a6");
		return WebSession.signIn(port, login, login + "-pw");
	}

	private static String id(HttpResponse<String> r) {
		Matcher m = Pattern.compile("/app/[a-z0-9_]+/([0-9a-f-]{36})").matcher(r.uri().getPath());
		assertThat(m.find()).as("on a record page: " + r.uri() + "\n" + r.body()).isTrue();
		return m.group(1);
	}
}
