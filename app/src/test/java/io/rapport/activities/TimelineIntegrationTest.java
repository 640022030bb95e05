package io.rapport.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.rapport.activities.SalesTeam.Salesperson;
import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RecordRef;
import io.rapport.data.Records;
import io.rapport.security.Credentials;
import io.rapport.test.Api;
import io.rapport.test.RapportTest;

@RapportTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimelineIntegrationTest {

	private static final Principal SYSTEM = Principal.systemPrincipal();

	@Autowired
	Records records;

	@Autowired
	Credentials credentials;

	@Autowired
	Timeline timeline;

	@LocalServerPort
	int port;

	private Salesperson seller;
	private Salesperson otherUnitSeller;
	private UUID account;
	private UUID ada;
	/** What the account's timeline must show, with each row's state (null for notes). */
	private final Map<RecordRef, Integer> expected = new LinkedHashMap<>();
	private final Set<RecordRef> adaTimeline = new HashSet<>();

	@BeforeAll
	void anAccountWithContactsActivitiesAndNotes() {
		SalesTeam team = new SalesTeam(records, credentials);
		seller = team.salesperson(team.unit());
		otherUnitSeller = team.salesperson(team.unit());
		Principal me = seller.principal();
		account = records.create(me, new EntityRecord("account").set("name", "Timeline Traders"));
		ada = records.create(me, new EntityRecord("contact").set("lastname", "Ada").set("parentcustomerid", ref("account", account)));
		UUID bob = records.create(me, new EntityRecord("contact").set("lastname", "Bob").set("parentcustomerid", ref("account", account)));
		UUID elsewhere = records.create(me, new EntityRecord("account").set("name", "Elsewhere"));
		UUID stranger = records.create(me, new EntityRecord("contact").set("lastname", "Stranger"));

		String[] kinds = { "phonecall", "email", "letter", "fax", "appointment", "task" };
		for (int i = 0; i < 24; i++) {
			String kind = kinds[i % kinds.length];
			RecordRef regarding = switch (i % 3) {
				case 0 -> ref("account", account);
				case 1 -> ref("contact", ada);
				default -> ref("contact", bob);
			};
			RecordRef activity = activity(me, kind, kind + " " + i, regarding);
			int state = ActivityType.OPEN;
			if (i % 4 == 1) {
				records.setState(me, activity, ActivityType.COMPLETED, null);
				state = ActivityType.COMPLETED;
			} else if (i % 4 == 2) {
				records.setState(me, activity, ActivityType.CANCELED, null);
				state = ActivityType.CANCELED;
			} else if (kind.equals("appointment")) {
				records.setState(me, activity, ActivityType.SCHEDULED, null);
				state = ActivityType.SCHEDULED;
			}
			expected.put(activity, state);
			if (regarding.id().equals(ada)) {
				adaTimeline.add(activity);
			}
			if (i % 5 == 0) {
				expected.put(note(me, ref("account", account), "Note " + i), null);
				activity(me, "task", "Someone else's " + i, ref("account", elsewhere));
				activity(me, "phonecall", "No company " + i, ref("contact", stranger));
				note(me, activity, "On the activity, not on the timeline");
				adaTimeline.add(note(me, ref("contact", ada), "About Ada " + i));
			}
		}
	}

	@Test
	void anAccountShowsItsActivitiesNotesAndItsContactsActivitiesNewestFirstPagedWithoutRepeatsOrGaps() {
		List<Map<String, Object>> walked = walk(seller.api(port), "/api/timeline/account/" + account, 4);
		assertThat(walked).extracting(TimelineIntegrationTest::ref).containsExactlyElementsOf(newestFirst(walked));
		assertThat(walked).extracting(TimelineIntegrationTest::ref).containsExactlyInAnyOrderElementsOf(expected.keySet());
		assertThat(walk(seller.api(port), "/api/timeline/account/" + account, 250)).isEqualTo(walked);
		assertThat(walk(seller.api(port), "/api/timeline/account/" + account, 3)).isEqualTo(walked);
		assertThat(walked).filteredOn(e -> e.get("entity").equals("annotation"))
			.allSatisfy(e -> assertThat(e.get("statecode")).isNull());

		TimelinePage first = timeline.of(seller.principal(), ref("account", account), TimelineFilter.everything(), null, 5);
		assertThat(first.entries()).extracting(TimelineEntry::record)
			.containsExactlyElementsOf(walked.stream().limit(5).map(TimelineIntegrationTest::ref).toList());
		assertThat(first.entries().get(0).subject()).isNotBlank();
	}

	@Test
	void aContactShowsTheActivitiesRegardingItAndItsNotesOnly() {
		List<Map<String, Object>> walked = walk(seller.api(port), "/api/timeline/contact/" + ada, 3);
		assertThat(walked).extracting(TimelineIntegrationTest::ref).containsExactlyInAnyOrderElementsOf(adaTimeline);
		assertThat(walked).extracting(TimelineIntegrationTest::ref).containsExactlyElementsOf(newestFirst(walked));
	}

	@Test
	void filtersByKindOfActivityAndByState() {
		Api api = seller.api(port);
		String base = "/api/timeline/account/" + account;
		assertThat(walk(api, base + "?types=phonecall,task", 5)).extracting(TimelineIntegrationTest::ref)
			.containsExactlyInAnyOrderElementsOf(expected.keySet().stream()
				.filter(r -> r.entity().equals("phonecall") || r.entity().equals("task")).toList());
		assertThat(walk(api, base + "?state=open", 5)).extracting(TimelineIntegrationTest::ref)
			.as("open covers scheduled appointments; notes have no state")
			.containsExactlyInAnyOrderElementsOf(expected.entrySet().stream()
				.filter(e -> e.getValue() != null && (e.getValue() == ActivityType.OPEN || e.getValue() == ActivityType.SCHEDULED))
				.map(Map.Entry::getKey).toList());
		assertThat(walk(api, base + "?types=email,letter&state=completed,canceled", 2)).extracting(TimelineIntegrationTest::ref)
			.containsExactlyInAnyOrderElementsOf(expected.entrySet().stream()
				.filter(e -> (e.getKey().entity().equals("email") || e.getKey().entity().equals("letter")) && e.getValue() != null
						&& ActivityType.closed(e.getValue()))
				.map(Map.Entry::getKey).toList());
		assertThat(walk(api, base + "?types=annotation", 2)).extracting(TimelineIntegrationTest::ref)
			.containsExactlyInAnyOrderElementsOf(expected.entrySet().stream().filter(e -> e.getValue() == null)
				.map(Map.Entry::getKey).toList());

		assertRefused(api.get(base + "?types=meeting"), "types");
		assertRefused(api.get(base + "?state=done"), "state");
		assertRefused(api.get(base + "?pageSize=0"), "pageSize");
		assertRefused(api.get(base + "?pageSize=251"), "pageSize");
		assertRefused(api.get(base + "?cursor=bm90LWEtY3Vyc29y"), "cursor");
		assertRefused(api.get("/api/timeline/account/not-a-guid"), "id");
		assertRefused(api.get("/api/timeline/businessunit/" + Principal.ROOT_BUSINESS_UNIT_ID), "entity");
		assertThat(api.get("/api/timeline/spaceship/" + account).status()).isEqualTo(404);
	}

	@Test
	void aSalespersonOfAnotherBusinessUnitSeesNoneOfThemAndThePagingDoesNotRevealThem() {
		Api other = otherUnitSeller.api(port);
		assertThat(other.get("/api/timeline/account/" + account).status()).as("the account itself is not theirs to read")
			.isEqualTo(404);
		assertThat(other.get("/api/timeline/contact/" + ada).status()).isEqualTo(404);

		UUID theirs = records.create(otherUnitSeller.principal(), new EntityRecord("account").set("name", "Their Account"));
		UUID hiddenContact = records.create(SYSTEM, new EntityRecord("contact").set("lastname", "Hidden")
			.set("parentcustomerid", ref("account", theirs)).set("ownerid", ref("systemuser", seller.id())));
		List<RecordRef> visible = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			for (int hidden = 0; hidden < 3; hidden++) {
				activity(SYSTEM, "phonecall", "Seller's call " + i, ref("account", theirs), seller.id());
				activity(SYSTEM, "task", "Seller's task " + i, ref("contact", hiddenContact), seller.id());
				note(SYSTEM, ref("account", theirs), "Seller's note", seller.id());
			}
			visible.add(activity(otherUnitSeller.principal(), "email", "Their email " + i, ref("account", theirs)));
		}
		List<String> pages = new ArrayList<>();
		List<Map<String, Object>> walked = new ArrayList<>();
		String next = "/api/timeline/account/" + theirs + "?pageSize=2";
		while (next != null) {
			Map<String, Object> page = other.get(next).json();
			List<Map<String, Object>> entries = entries(page);
			pages.add(entries.size() + (page.get("nextCursor") == null ? "" : "+"));
			walked.addAll(entries);
			next = (String) page.get("nextLink");
		}
		assertThat(walked).extracting(TimelineIntegrationTest::ref).containsExactlyInAnyOrderElementsOf(visible);
		assertThat(pages).as("full pages, then the last, and no cursor that hints at more").containsExactly("2+", "1");

		List<Map<String, Object>> seenBySeller = walk(seller.api(port), "/api/timeline/account/" + theirs, 50);
		assertThat(seenBySeller).as("the owner of the other rows may not read this account").isEmpty();
	}

	private static void assertRefused(Api.Response response, String parameter) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get("errors")).asList()
			.anySatisfy(e -> assertThat(((Map<?, ?>) e).get("attribute")).isEqualTo(parameter));
	}

	/** Every entry of a timeline, page after page; checks that no page is larger than asked. */
	private static List<Map<String, Object>> walk(Api api, String path, int pageSize) {
		List<Map<String, Object>> all = new ArrayList<>();
		Api.Response first = api.get(path + (path.contains("?") ? "&" : "?") + "pageSize=" + pageSize);
		if (first.status() == 404) {
			return all;
		}
		Map<String, Object> page = first.json();
		while (true) {
			List<Map<String, Object>> entries = entries(page);
			assertThat(entries.size()).isLessThanOrEqualTo(pageSize);
			all.addAll(entries);
			if (page.get("nextLink") == null) {
				assertThat(page.get("nextCursor")).isNull();
				return all;
			}
			assertThat(entries).as("a page before the last is full").hasSize(pageSize);
			page = api.get((String) page.get("nextLink")).json();
		}
	}

	/** The same rows in the timeline's order: created on descending, then id descending as the databases order UUIDs. */
	private static List<RecordRef> newestFirst(List<Map<String, Object>> entries) {
		Comparator<Map<String, Object>> order = Comparator
			.comparing((Map<String, Object> e) -> OffsetDateTime.parse((String) e.get("createdon")))
			.thenComparing(e -> ((String) e.get("id")).toLowerCase());
		return entries.stream().sorted(order.reversed()).map(TimelineIntegrationTest::ref).toList();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> entries(Map<String, Object> page) {
		return (List<Map<String, Object>>) page.get("entries");
	}

	private static RecordRef ref(Map<String, Object> entry) {
		return new RecordRef((String) entry.get("entity"), UUID.fromString((String) entry.get("id")));
	}

	private static RecordRef ref(String entity, UUID id) {
		return new RecordRef(entity, id);
	}

	private RecordRef activity(Principal by, String kind, String subject, RecordRef regarding) {
		return new RecordRef(kind, records.create(by, new EntityRecord(kind).set("subject", subject).set("regardingobjectid", regarding)));
	}

	private RecordRef activity(Principal by, String kind, String subject, RecordRef regarding, UUID owner) {
		return new RecordRef(kind, records.create(by, new EntityRecord(kind).set("subject", subject)
			.set("regardingobjectid", regarding).set("ownerid", ref("systemuser", owner))));
	}

	private RecordRef note(Principal by, RecordRef on, String text) {
		return new RecordRef("annotation", records.create(by, new EntityRecord("annotation").set("notetext", text).set("objectid", on)));
	}

	private RecordRef note(Principal by, RecordRef on, String text, UUID owner) {
		return new RecordRef("annotation", records.create(by, new EntityRecord("annotation").set("notetext", text)
			.set("objectid", on).set("ownerid", ref("systemuser", owner))));
	}
}
