package io.rapport.activities.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

import io.rapport.activities.ActivityType;
import io.rapport.activities.SalesTeam;
import io.rapport.activities.Timeline;
import io.rapport.activities.TimelineEntry;
import io.rapport.activities.TimelineFilter;
import io.rapport.activities.TimelinePage;
import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RecordRef;
import io.rapport.data.Records;
import io.rapport.query.Queries;
import io.rapport.security.Credentials;
import io.rapport.test.RapportTest;
import io.rapport.test.TestDatabase;

/**
 * The timeline of an account with 12,000 activities (a third regarding the account, the rest regarding its 20
 * contacts) and 600 notes, among 20,000 activities of other accounts: every row once, in order, across pages whose
 * boundaries fall inside groups of rows created at the same instant; and how long pages take, against the same SQL
 * run raw (with {@code -Dtimeline.timings=true}). The rows are written straight into the tables (as the pipeline would
 * write them) to keep the test quick.
 */
@RapportTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimelineAtScaleIntegrationTest {

	private static final int ACTIVITIES = 12_000;
	private static final int NOTES = 600;
	private static final int OTHER_ACTIVITIES = 20_000;
	private static final int CONTACTS = 20;
	private static final int PAGE = 50;

	@Autowired
	Records records;

	@Autowired
	Credentials credentials;

	@Autowired
	Queries queries;

	@Autowired
	Timeline timeline;

	@Autowired
	DSLContext dsl;

	private Principal seller;
	private UUID unit;
	private RecordRef account;

	@BeforeAll
	void aBusyAccount() {
		SalesTeam team = new SalesTeam(records, credentials);
		unit = team.unit();
		seller = team.salesperson(unit).principal();
		account = new RecordRef("account", records.create(seller, new EntityRecord("account").set("name", "Busy Industries")));
		List<UUID> contacts = new ArrayList<>();
		for (int i = 0; i < CONTACTS; i++) {
			contacts.add(records.create(seller, new EntityRecord("contact").set("lastname", "Contact " + i)
				.set("parentcustomerid", account)));
		}
		OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusDays(60).truncatedTo(ChronoUnit.MILLIS);
		Rows rows = new Rows();
		for (int i = 0; i < ACTIVITIES; i++) {
			// Three rows of different kinds share each instant, so page boundaries fall between equal timestamps.
			RecordRef regarding = (i / 6) % 3 == 0 ? account : new RecordRef("contact", contacts.get((i / 6) % CONTACTS));
			rows.activity(ActivityType.values()[i % 6], regarding, start.plusNanos((i / 3) * 1_000_000L), i % 3 == 1);
		}
		for (int i = 0; i < OTHER_ACTIVITIES; i++) {
			rows.activity(ActivityType.values()[i % 6], new RecordRef("account", UUID.randomUUID()),
					start.plusNanos(i * 700_000L), false);
		}
		for (int i = 0; i < NOTES; i++) {
			rows.note(account, start.plusNanos(i * 20_000_000L + 500_000L));
		}
		rows.flush();
		if (TestDatabase.postgres()) {
			dsl.execute("analyze");
		}
	}

	@Test
	void everyRowOfABusyAccountOnceNewestFirstAcrossPages() {
		long walkStart = System.nanoTime();
		List<TimelineEntry> walked = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			TimelinePage page = timeline.of(seller, account, TimelineFilter.everything(), cursor, 250);
			walked.addAll(page.entries());
			cursor = page.nextCursor();
			pages++;
		} while (cursor != null);
		double walkMillis = (System.nanoTime() - walkStart) / 1e6;

		assertThat(walked).hasSize(ACTIVITIES + NOTES);
		Set<UUID> ids = new HashSet<>();
		walked.forEach(e -> ids.add(e.record().id()));
		assertThat(ids).as("no row twice").hasSize(ACTIVITIES + NOTES);
		Comparator<TimelineEntry> newestFirst = Comparator.comparing(TimelineEntry::createdOn)
			.thenComparing(e -> e.record().id().toString())
			.reversed();
		assertThat(walked).isSortedAccordingTo(newestFirst);
		if (Boolean.getBoolean("timeline.timings")) {
			printTimings(walked, pages, walkMillis);
		}
	}

	/** Timings are printed, never asserted (a benchmark is not a test): {@code -Dtimeline.timings=true} asks for them. */
	private void printTimings(List<TimelineEntry> walked, int pages, double walkMillis) {
		double first = median(() -> timeline.of(seller, account, TimelineFilter.everything(), null, PAGE));
		String deepCursor = new TimelineCursor(walked.get(6_000).createdOn(), walked.get(6_000).record().id()).encode();
		double deep = median(() -> timeline.of(seller, account, TimelineFilter.everything(), deepCursor, PAGE));
		double filtered = median(() -> timeline.of(seller, account, TimelineFilter.parse("phonecall,task", "open"), null, PAGE));
		List<String> sql = ((MergedTimeline) timeline).plan(account, TimelineFilter.everything(), null, PAGE).stream()
			.map(p -> queries.sql(seller, p.query()))
			.toList();
		double raw = median(() -> {
			sql.forEach(dsl::fetch);
			return null;
		});
		System.out.printf("%nTimeline at scale (%s): %,d rows on the account's timeline among %,d activities%n",
				TestDatabase.KIND, ACTIVITIES + NOTES, ACTIVITIES + OTHER_ACTIVITIES);
		System.out.printf("  walk of every page (250 rows a page): %d pages in %.0f ms%n", pages, walkMillis);
		System.out.printf("  first page of %d (%d queries): median %.2f ms; the same SQL raw over JDBC: %.2f ms (ratio %.2f)%n",
				PAGE, sql.size(), first, raw, raw / first);
		System.out.printf("  page of %d after 6,000 rows: median %.2f ms%n", PAGE, deep);
		System.out.printf("  first page of open phone calls and tasks: median %.2f ms%n", filtered);
		for (MergedTimeline.Planned p : ((MergedTimeline) timeline).plan(account, TimelineFilter.everything(), null, PAGE)) {
			String one = queries.sql(seller, p.query());
			System.out.printf("  %s%s: engine %.2f ms, raw %.2f ms%n", p.source().entity().logicalName(),
					p.source().rollup() == null ? "" : " via contacts", median(() -> queries.execute(seller, p.query())),
					median(() -> dsl.fetch(one)));
		}
		List<MergedTimeline.Planned> deepPlan = ((MergedTimeline) timeline).plan(account, TimelineFilter.everything(),
				TimelineCursor.decode(deepCursor), PAGE);
		System.out.println("  plan of the phone calls regarding the account, first page:\n" + plan(sql.get(0)));
		System.out.println("  plan of the emails regarding its contacts, after 6,000 rows:\n"
				+ plan(queries.sql(seller, deepPlan.get(3).query())));
	}

	private String plan(String sql) {
		String explain = TestDatabase.postgres() ? "explain (analyze, costs off) " : "explain ";
		return String.join("\n", dsl.fetch(explain + sql).stream().map(r -> "    " + r.get(0)).toList());
	}

	private static double median(Supplier<Object> work) {
		for (int i = 0; i < 5; i++) {
			work.get();
		}
		double[] times = new double[21];
		for (int i = 0; i < times.length; i++) {
			long t = System.nanoTime();
			work.get();
			times[i] = (System.nanoTime() - t) / 1e6;
		}
		Arrays.sort(times);
		return times[times.length / 2];
	}

	/** Rows written as the pipeline writes them: system columns, owner and business unit, state and status. */
	private final class Rows {

		private final List<Object[]> buffered = new ArrayList<>();
		private String table;

		void activity(ActivityType type, RecordRef regarding, OffsetDateTime createdOn, boolean completed) {
			add(type.logicalName(), row("Row " + createdOn, regarding, 1, completed ? 1 : 0,
					completed ? completedStatus(type) : openStatus(type), createdOn));
		}

		void note(RecordRef on, OffsetDateTime createdOn) {
			add("annotation", row("Note " + createdOn, on, false, 0, 1, createdOn));
		}

		private Object[] row(String text, RecordRef lookup, Object flag, int state, int status, OffsetDateTime createdOn) {
			return new Object[] { UUID.randomUUID(), text, lookup.id(), lookup.entity(), flag, state, status, createdOn,
					createdOn, seller.userId(), seller.userId(), seller.userId(), "systemuser", unit, 1L };
		}

		private void add(String into, Object[] row) {
			if (!into.equals(table)) {
				flush();
				table = into;
			}
			buffered.add(row);
			if (buffered.size() == 500) {
				flush();
			}
		}

		void flush() {
			if (buffered.isEmpty()) {
				return;
			}
			boolean note = table.equals("annotation");
			List<String> names = new ArrayList<>(List.of(table + "id", note ? "notetext" : "subject", note ? "objectid" : "regardingobjectid",
					note ? "objectidtype" : "regardingobjectidtype", note ? "isdocument" : "prioritycode", "statecode", "statuscode",
					"createdon", "modifiedon", "createdby", "modifiedby", "ownerid", "owneridtype", "owningbusinessunit",
					"versionnumber"));
			List<Field<?>> fields = names.stream().<Field<?>>map(n -> field(name(n))).toList();
			InsertValuesStepN<?> insert = dsl.insertInto(table(name(table)), fields);
			for (Object[] row : buffered) {
				insert = insert.values(row);
			}
			insert.execute();
			buffered.clear();
		}
	}

	private static int openStatus(ActivityType type) {
		return type == ActivityType.Task ? 2 : 1;
	}

	private static int completedStatus(ActivityType type) {
		return switch (type) {
			case Letter -> 4;
			case Appointment -> 3;
			case Task -> 5;
			default -> 2;
		};
	}
}
